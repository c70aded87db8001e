package store_test

// Benchmarks compare the store with its floor: a sync.RWMutex over a
// map[string]any read with a type assertion, the least a concurrent,
// type-checked store can do. Read them as ratios of the floor in the same
// run (`make bench`).

import (
	"fmt"
	"io"
	"maps"
	"strconv"
	"sync"
	"testing"

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
		for b.Loop() {
			sinkInt, _ = floorGet[int](f, "int")
		}
	})
	b.Run("int/store", func(b *testing.B) {
		for b.Loop() {
			sinkInt, _ = store.Get[int](s, "int")
		}
	})
	b.Run("int/key", func(b *testing.B) {
		for b.Loop() {
			sinkInt, _ = intKey.Get(s)
		}
	})
	b.Run("struct/floor", func(b *testing.B) {
		for b.Loop() {
			sinkProfile, _ = floorGet[profile](f, "struct")
		}
	})
	b.Run("struct/store", func(b *testing.B) {
		for b.Loop() {
			sinkProfile, _ = store.Get[profile](s, "struct")
		}
	})
	b.Run("struct/key", func(b *testing.B) {
		for b.Loop() {
			sinkProfile, _ = structKey.Get(s)
		}
	})
	b.Run("interface/floor", func(b *testing.B) {
		for b.Loop() {
			sinkErr, _ = floorGet[error](f, "iface")
		}
	})
	b.Run("interface/store", func(b *testing.B) {
		for b.Loop() {
			sinkErr, _ = store.Get[error](s, "iface")
		}
	})
	b.Run("interface/key", func(b *testing.B) {
		for b.Loop() {
			sinkErr, _ = ifaceKey.Get(s)
		}
	})
}

func BenchmarkGetParallel(b *testing.B) {
	f, s := filled()
	b.Run("floor", func(b *testing.B) {
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

func BenchmarkPut(b *testing.B) {
	f, s := filled()
	b.Run("floor", func(b *testing.B) {
		i := 0
		for b.Loop() {
			f.put("int", i)
			i++
		}
	})
	b.Run("store", func(b *testing.B) {
		i := 0
		for b.Loop() {
			_ = s.Put("int", i)
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
		for b.Loop() {
			_ = maps.Clone(m)
		}
	})
	b.Run("store", func(b *testing.B) {
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
