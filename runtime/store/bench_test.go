package store_test

// Benchmarks compare the store with its floor: a sync.RWMutex over a
// map[string]any read with a type assertion, the least a concurrent,
// type-checked store can do. Read them as ratios of the floor in the same
// run (`make bench`). Most also report the CPU time per operation
// (cpu-ns/op), which on a busy machine is steadier than the wall time.

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/gostage/gostage/runtime/store"
)

// floor is the reference: the plainest concurrent typed map.
type floor struct {
	mu sync.RWMutex
	m  map[string]any
}

func (f *floor) put(k string, v any) {
	f.mu.Lock()
	f.m[k] = v
	f.mu.Unlock()
}

func floorGet[T any](f *floor, k string) (T, bool) {
	f.mu.RLock()
	v, ok := f.m[k]
	f.mu.RUnlock()
	if !ok {
		var zero T
		return zero, false
	}
	t, ok := v.(T)
	return t, ok
}

type profile struct {
	ID    int
	Name  string
	Email string
}

var (
	sinkInt     int
	sinkProfile profile
	sinkErr     error
)

// filled returns a floor and a store holding the same 1,000 keys.
func filled() (*floor, *store.KVStore) {
	f := &floor{m: map[string]any{}}
	s := store.NewKVStore()
	for i := range 1000 {
		k := "key." + strconv.Itoa(i)
		f.put(k, i)
		_ = s.Put(k, i)
	}
	for k, v := range map[string]any{"int": 1234, "struct": profile{1, "Ann", "ann@example.com"}, "iface": io.EOF} {
		f.put(k, v)
		_ = s.Put(k, v)
	}
	return f, s
}

func BenchmarkGet(b *testing.B) {
	f, s := filled()
	intKey := store.NewKey[int]("int")
	structKey := store.NewKey[profile]("struct")
	ifaceKey := store.NewKey[error]("iface")

	b.Run("int/floor", func(b *testing.B) {
		defer cpuTime(b)()
		for b.Loop() {
			sinkInt, _ = floorGet[int](f, "int")
		}
	})
	b.Run("int/store", func(b *testing.B) {
		defer cpuTime(b)()
		for b.Loop() {
			sinkInt, _ = store.Get[int](s, "int")
		}
	})
	b.Run("int/key", func(b *testing.B) {
		defer cpuTime(b)()
		for b.Loop() {
			sinkInt, _ = intKey.Get(s)
		}
	})
	b.Run("struct/floor", func(b *testing.B) {
		defer cpuTime(b)()
		for b.Loop() {
			sinkProfile, _ = floorGet[profile](f, "struct")
		}
	})
	b.Run("struct/store", func(b *testing.B) {
		defer cpuTime(b)()
		for b.Loop() {
			sinkProfile, _ = store.Get[profile](s, "struct")
		}
	})
	b.Run("struct/key", func(b *testing.B) {
		defer cpuTime(b)()
		for b.Loop() {
			sinkProfile, _ = structKey.Get(s)
		}
	})
	b.Run("interface/floor", func(b *testing.B) {
		defer cpuTime(b)()
		for b.Loop() {
			sinkErr, _ = floorGet[error](f, "iface")
		}
	})
	b.Run("interface/store", func(b *testing.B) {
		defer cpuTime(b)()
		for b.Loop() {
			sinkErr, _ = store.Get[error](s, "iface")
		}
	})
	b.Run("interface/key", func(b *testing.B) {
		defer cpuTime(b)()
		for b.Loop() {
			sinkErr, _ = ifaceKey.Get(s)
		}
	})
}

func BenchmarkGetParallel(b *testing.B) {
	f, s := filled()
	b.Run("floor", func(b *testing.B) {
		defer cpuTime(b)()
		b.RunParallel(func(pb *testing.PB) {
			n := 0
			for pb.Next() {
				v, _ := floorGet[int](f, "int")
				n += v
			}
			sinkInt = n
		})
	})
	b.Run("store", func(b *testing.B) {
		defer cpuTime(b)()
		b.RunParallel(func(pb *testing.PB) {
			n := 0
			for pb.Next() {
				v, _ := store.Get[int](s, "int")
				n += v
			}
			sinkInt = n
		})
	})
}

// BenchmarkPut overwrites an existing key: in a store of plain entries, and
// in one that also holds an entry with a TTL, which must not slow down the
// writes of other keys.
func BenchmarkPut(b *testing.B) {
	f, s := filled()
	_, withTTL := filled()
	_ = withTTL.PutWithTTL("session", 1, time.Hour)
	b.Run("floor", func(b *testing.B) {
		defer cpuTime(b)()
		i := 0
		for b.Loop() {
			f.put("int", i)
			i++
		}
	})
	b.Run("store", func(b *testing.B) {
		defer cpuTime(b)()
		i := 0
		for b.Loop() {
			_ = s.Put("int", i)
			i++
		}
	})
	b.Run("store-holding-a-ttl-entry", func(b *testing.B) {
		defer cpuTime(b)()
		i := 0
		for b.Loop() {
			_ = withTTL.Put("int", i)
			i++
		}
	})
}

// ttlFloor is the floor of a write with a TTL: the clock read the store
// uses (monotonic time since a fixed instant), then a map store of the
// value and its expiry under the lock.
type ttlFloor struct {
	mu sync.RWMutex
	m  map[string]ttlValue
}

type ttlValue struct {
	value   any
	expires int64
}

var (
	floorEpoch      = time.Now()
	floorEpochNanos = floorEpoch.UnixNano()
)

func (f *ttlFloor) put(k string, v any, ttl time.Duration) {
	now := floorEpochNanos + int64(time.Since(floorEpoch))
	f.mu.Lock()
	f.m[k] = ttlValue{v, now + int64(ttl)}
	f.mu.Unlock()
}

func BenchmarkPutWithTTL(b *testing.B) {
	f := &ttlFloor{m: map[string]ttlValue{}}
	_, s := filled()
	for i := range 1000 {
		f.put("key."+strconv.Itoa(i), i, time.Hour)
	}
	b.Run("floor", func(b *testing.B) {
		defer cpuTime(b)()
		i := 0
		for b.Loop() {
			f.put("int", i, time.Hour)
			i++
		}
	})
	b.Run("store", func(b *testing.B) {
		defer cpuTime(b)()
		i := 0
		for b.Loop() {
			_ = s.PutWithTTL("int", i, time.Hour)
			i++
		}
	})
}

// tenThousand returns a map and a store holding the same 10,000
// pointer-free entries.
func tenThousand(prefix string) (map[string]any, *store.KVStore) {
	m := make(map[string]any, 10000)
	s := store.NewKVStore()
	for i := range 10000 {
		k := prefix + strconv.Itoa(i)
		v := profile{ID: i}
		if i%2 == 0 {
			m[k], _ = i, s.Put(k, i)
			continue
		}
		m[k], _ = v, s.Put(k, v)
	}
	return m, s
}

func BenchmarkClone(b *testing.B) {
	m, s := tenThousand("k")
	b.Run("maps.Clone", func(b *testing.B) {
		defer cpuTime(b)()
		for b.Loop() {
			_ = maps.Clone(m)
		}
	})
	b.Run("store", func(b *testing.B) {
		defer cpuTime(b)()
		for b.Loop() {
			_ = s.Clone()
		}
	})
}

func BenchmarkMerge(b *testing.B) {
	for _, strategy := range []store.MergeStrategy{store.Skip, store.Overwrite} {
		b.Run(fmt.Sprintf("%v/10000-into-10000-half-colliding", strategy), func(b *testing.B) {
			_, src := tenThousand("k")
			_, base := tenThousand("k5")
			for b.Loop() {
				b.StopTimer()
				dst := base.Clone()
				b.StartTimer()
				_, _ = dst.Merge(src, strategy)
			}
		})
	}
	b.Run("copy-loop-floor", func(b *testing.B) {
		m, _ := tenThousand("k")
		base, _ := tenThousand("k5")
		for b.Loop() {
			b.StopTimer()
			dst := &floor{m: maps.Clone(base)}
			b.StartTimer()
			dst.mu.Lock()
			for k, v := range m {
				dst.m[k] = v
			}
			dst.mu.Unlock()
		}
	})
}

// BenchmarkMergeOverwrite merges 10,000 entries into a store holding the
// same 10,000 keys. The floor copies the map under both locks; upstream is
// upstream gostage's Merge (upstream_bench_test.go). store merges into the
// same store again and again, whose keys stay the same, so it returns
// them in the order it worked out at the first merge; store-keys-changed
// deletes and puts back one key before each merge, so each merge sorts
// its collisions afresh.
func BenchmarkMergeOverwrite(b *testing.B) {
	m, src := tenThousand("k")
	b.Run("floor", func(b *testing.B) {
		defer cpuTime(b)()
		from := &floor{m: m}
		to := &floor{m: maps.Clone(m)}
		for b.Loop() {
			from.mu.RLock()
			to.mu.Lock()
			for k, v := range from.m {
				to.m[k] = v
			}
			to.mu.Unlock()
			from.mu.RUnlock()
		}
	})
	// The copy loop that also returns the keys it found in both, as
	// Merge does: the list of 10,000 keys is allocated each time, and the
	// garbage collector that it wakes slows the map writes.
	b.Run("floor-listing-collisions", func(b *testing.B) {
		defer cpuTime(b)()
		from := &floor{m: m}
		to := &floor{m: maps.Clone(m)}
		for b.Loop() {
			from.mu.RLock()
			to.mu.Lock()
			both := make([]string, 0, len(from.m))
			for k, v := range from.m {
				n := len(to.m)
				to.m[k] = v
				if len(to.m) == n {
					both = append(both, k)
				}
			}
			to.mu.Unlock()
			from.mu.RUnlock()
			sinkKeys = both
		}
	})
	// Like the floor's, the target's keys are the source's strings, as the
	// keys of generated code, constants, are.
	b.Run("store", func(b *testing.B) {
		defer cpuTime(b)()
		dst := src.Clone()
		for b.Loop() {
			_, _ = dst.Merge(src, store.Overwrite)
		}
	})
	b.Run("store-keys-changed", func(b *testing.B) {
		defer cpuTime(b)()
		dst := src.Clone()
		for b.Loop() {
			dst.Delete("k0")
			_ = dst.Put("k0", 0)
			_, _ = dst.Merge(src, store.Overwrite)
		}
	})
	b.Run("upstream", func(b *testing.B) {
		defer cpuTime(b)()
		from, to := newUpstream(), newUpstream()
		for k, v := range m {
			from.put(k, v)
			to.put(k, v)
		}
		for b.Loop() {
			_ = to.merge(from, true)
		}
	})
}

// taggedStores returns a floor of tagged values and a store and an upstream store
// holding the same 10,000 entries, one in ten tagged "hot".
func taggedStores() (*taggedFloor, *store.KVStore, *upstream) {
	f := &taggedFloor{m: map[string]taggedValue{}}
	s, up := store.NewKVStore(), newUpstream()
	for i := range 10000 {
		k := "k" + strconv.Itoa(i)
		if i%10 == 0 {
			f.m[k] = taggedValue{i, []string{"all", "hot"}}
			_ = s.PutWithMetadata(k, i, &store.Metadata{Tags: []string{"all", "hot"}})
			up.put(k, i, "all", "hot")
			continue
		}
		f.m[k] = taggedValue{value: i}
		_ = s.Put(k, i)
		up.put(k, i)
	}
	return f, s, up
}

// taggedFloor is the floor of a search by tag: values stored with their
// tags, scanned under the read lock, the matching keys sorted.
type taggedFloor struct {
	mu sync.RWMutex
	m  map[string]taggedValue
}

type taggedValue struct {
	value any
	tags  []string
}

func (f *taggedFloor) findKeysByTag(tag string) []string {
	var keys []string
	f.mu.RLock()
	for k, v := range f.m {
		if slices.Contains(v.tags, tag) {
			keys = append(keys, k)
		}
	}
	f.mu.RUnlock()
	slices.Sort(keys)
	return keys
}

var sinkKeys []string

func BenchmarkFindKeysByTag(b *testing.B) {
	f, s, up := taggedStores()
	b.Run("floor", func(b *testing.B) {
		defer cpuTime(b)()
		for b.Loop() {
			sinkKeys = f.findKeysByTag("hot")
		}
	})
	b.Run("store", func(b *testing.B) {
		defer cpuTime(b)()
		for b.Loop() {
			sinkKeys = s.FindKeysByTag("hot")
		}
	})
	b.Run("upstream", func(b *testing.B) {
		defer cpuTime(b)()
		for b.Loop() {
			sinkKeys = up.findKeysByTag("hot")
		}
	})
}

// record is a value with pointers: a deep copy must copy its slice and
// what Owner points to.
type record struct {
	Tags  []string
	Owner *profile
}

// copyRecords is the floor of a deep copy of records: hand-written for the
// one type, under the read lock, into a new map.
func copyRecords(f *floor) map[string]any {
	f.mu.RLock()
	defer f.mu.RUnlock()
	out := make(map[string]any, len(f.m))
	for k, v := range f.m {
		r := v.(record)
		c := record{Tags: slices.Clone(r.Tags)}
		if r.Owner != nil {
			owner := *r.Owner
			c.Owner = &owner
		}
		out[k] = c
	}
	return out
}

// BenchmarkClonePointerful clones 10,000 records, every one of which needs
// a deep copy.
func BenchmarkClonePointerful(b *testing.B) {
	f := &floor{m: map[string]any{}}
	s := store.NewKVStore()
	for i := range 10000 {
		k := "k" + strconv.Itoa(i)
		r := record{Tags: []string{"a", "b"}, Owner: &profile{ID: i, Name: "Ann"}}
		f.put(k, r)
		_ = s.Put(k, r)
	}
	b.Run("floor", func(b *testing.B) {
		defer cpuTime(b)()
		for b.Loop() {
			_ = copyRecords(f)
		}
	})
	b.Run("store", func(b *testing.B) {
		defer cpuTime(b)()
		for b.Loop() {
			_ = s.Clone()
		}
	})
}
