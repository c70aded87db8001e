package store_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/gostage/gostage/runtime/store"
)

// modelEntry is what a store should hold under one key.
type modelEntry struct {
	value   int
	expires int64 // Unix nanoseconds; 0 for never
	tags    []string
}

// model is the plainest store that behaves as KVStore should: a map that
// forgets nothing by itself, read with the time in hand.
type model map[string]modelEntry

func (m model) live(key string, now int64) (modelEntry, bool) {
	e, ok := m[key]
	return e, ok && (e.expires == 0 || e.expires > now)
}

// put writes value under key with an expiry and tags: a write keeps the
// tags of a live entry unless it replaces them.
func (m model) put(key string, value int, expires, now int64, replaceTags bool, tags ...string) {
	var kept []string
	if old, ok := m.live(key, now); ok && !replaceTags {
		kept = slices.Clone(old.tags)
	}
	for _, t := range tags {
		if !slices.Contains(kept, t) {
			kept = append(kept, t)
		}
	}
	m[key] = modelEntry{value: value, expires: expires, tags: kept}
}

func (m model) keys(now int64, keep func(modelEntry) bool) []string {
	keys := []string{}
	for k := range m {
		if e, ok := m.live(k, now); ok && keep(e) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}

var modelKeys = []string{"a", "b", "c", "d"}

// FuzzStoreMatchesModel runs a sequence of calls, read from the fuzz input,
// on two stores and on two models, and after each call compares what the
// first store and its model report: values, presence, counts, key lists
// and tags, TTL expiry and sweeps included.
func FuzzStoreMatchesModel(f *testing.F) {
	f.Add([]byte{1, 0, 5, 3, 0, 2, 0, 0, 1, 4, 1, 0, 6, 0, 0})
	f.Add([]byte{8, 1, 1, 6, 0, 2, 1, 1, 3, 7, 0, 0, 3, 0, 3, 2, 1, 0})
	f.Add([]byte{9, 2, 0, 10, 2, 1, 3, 0, 2, 0, 2, 7, 5, 0, 0, 2, 2, 0})
	f.Add([]byte{4, 0, 1, 1, 0, 2, 3, 0, 2, 0, 0, 9, 8, 0, 4, 6, 0, 1, 6, 3, 0})
	// Plain stores (no TTL, no metadata) on both sides: merges take the
	// fast path, and repeated ones the order the store remembers.
	f.Add([]byte{11, 0, 1, 11, 1, 2, 0, 1, 3, 6, 0, 1, 6, 0, 4, 5, 0, 0, 6, 0, 1, 11, 2, 5, 6, 0, 1, 2, 1, 0, 6, 0, 0})
	f.Fuzz(func(t *testing.T, ops []byte) {
		clock := newFakeClock()
		s, other := store.NewKVStore(), store.NewKVStore()
		s.SetClock(clock.now)
		other.SetClock(clock.now)
		m, om := model{}, model{}
		keyed := store.NewKey[int]("c", store.WithTTL(2*time.Second), store.WithTags("k"))
		for ; len(ops) >= 3; ops = ops[3:] {
			op, key, arg := ops[0]%12, modelKeys[int(ops[1])%len(modelKeys)], int(ops[2])
			now := clock.now()
			ttl := time.Duration(arg%3+1) * time.Second
			tag := []string{"a", "b"}[arg%2]
			switch op {
			case 0:
				mustNot(t, s.Put(key, arg))
				m.put(key, arg, 0, now, false)
			case 1:
				mustNot(t, s.PutWithTTL(key, arg, ttl))
				m.put(key, arg, now+int64(ttl), now, false)
			case 2:
				_, live := m.live(key, now)
				if got := s.Delete(key); got != live {
					t.Fatalf("Delete(%q) = %v, want %v", key, got, live)
				}
				delete(m, key)
			case 3:
				clock.advance(time.Duration(arg%4) * time.Second)
			case 4:
				mustNot(t, s.PutWithMetadata(key, arg, &store.Metadata{Tags: []string{tag}}))
				m.put(key, arg, 0, now, true, tag)
			case 5:
				s = s.Clone()
			case 6:
				merge(t, s, other, m, om, store.MergeStrategy(arg%3), now)
			case 7:
				n, err := s.CopyFrom(other)
				mustNot(t, err)
				copied := 0
				for _, k := range om.keys(now, func(modelEntry) bool { return true }) {
					if _, ok := m.live(k, now); !ok {
						m[k] = om[k]
						copied++
					}
				}
				if n != copied {
					t.Fatalf("CopyFrom copied %d, want %d", n, copied)
				}
			case 8:
				mustNot(t, other.PutWithTTL(key, arg, ttl))
				om.put(key, arg, now+int64(ttl), now, false)
			case 9:
				mustNot(t, keyed.Put(s, arg))
				m.put("c", arg, now+int64(2*time.Second), now, false, "k")
			case 10:
				err := s.AddTag(key, tag)
				if _, ok := m.live(key, now); ok {
					mustNot(t, err)
					m.put(key, m[key].value, m[key].expires, now, false, tag)
				} else if !errors.Is(err, store.ErrNotFound) {
					t.Fatalf("AddTag(%q) of a missing key: %v", key, err)
				}
			case 11:
				mustNot(t, other.Put(key, arg))
				om.put(key, arg, 0, now, false)
			}
			compare(t, s, m, clock.now())
			if all := om.keys(clock.now(), func(modelEntry) bool { return true }); !slices.Equal(other.ListKeys(), all) {
				t.Fatalf("other's ListKeys = %q, want %q", other.ListKeys(), all)
			}
		}
	})
}

func merge(t *testing.T, s, other *store.KVStore, m, om model, strategy store.MergeStrategy, now int64) {
	t.Helper()
	collisions, err := s.Merge(other, strategy)
	want := om.keys(now, func(e modelEntry) bool { return true })
	wantCollisions := slices.DeleteFunc(slices.Clone(want), func(k string) bool {
		_, ok := m.live(k, now)
		return !ok
	})
	if !slices.Equal(collisions, wantCollisions) && len(collisions)+len(wantCollisions) > 0 {
		t.Fatalf("Merge %v collisions %q, want %q", strategy, collisions, wantCollisions)
	}
	if strategy == store.Error && len(wantCollisions) > 0 {
		if !errors.Is(err, store.ErrCollision) {
			t.Fatalf("Merge Error with collisions: %v", err)
		}
		return
	}
	mustNot(t, err)
	for _, k := range want {
		if slices.Contains(wantCollisions, k) && strategy == store.Skip {
			continue
		}
		m[k] = om[k]
	}
}

func compare(t *testing.T, s *store.KVStore, m model, now int64) {
	t.Helper()
	for _, k := range modelKeys {
		e, live := m.live(k, now)
		v, err := store.Get[int](s, k)
		switch {
		case live && (err != nil || v != e.value):
			t.Fatalf("Get(%q) = %d, %v; want %d", k, v, err, e.value)
		case !live && !errors.Is(err, store.ErrNotFound):
			t.Fatalf("Get(%q) of a missing key = %d, %v", k, v, err)
		case s.Has(k) != live:
			t.Fatalf("Has(%q) = %v, want %v", k, !live, live)
		}
		if live {
			md, err := s.GetMetadata(k)
			mustNot(t, err)
			if !slices.Equal(md.Tags, e.tags) && len(md.Tags)+len(e.tags) > 0 {
				t.Fatalf("tags of %q = %q, want %q", k, md.Tags, e.tags)
			}
		}
	}
	all := m.keys(now, func(modelEntry) bool { return true })
	if got := s.ListKeys(); !slices.Equal(got, all) {
		t.Fatalf("ListKeys = %q, want %q", got, all)
	}
	if s.Count() != len(all) {
		t.Fatalf("Count = %d, want %d", s.Count(), len(all))
	}
	for _, tag := range []string{"a", "b", "k"} {
		want := m.keys(now, func(e modelEntry) bool { return slices.Contains(e.tags, tag) })
		if got := s.FindKeysByTag(tag); !slices.Equal(got, want) {
			t.Fatalf("FindKeysByTag(%q) = %q, want %q", tag, got, want)
		}
	}
}

func mustNot(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
