package store_test

import (
	"maps"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gostage/gostage/runtime/store"
)

// plainStore returns a store holding keys k0..k(n-1), each with its number,
// and the sorted keys.
func plainStore(t *testing.T, prefix string, n int) (*store.KVStore, []string) {
	t.Helper()
	s := store.NewKVStore()
	keys := make([]string, n)
	for i := range n {
		keys[i] = prefix + strconv.Itoa(i)
		require.NoError(t, s.Put(keys[i], i))
	}
	slices.Sort(keys)
	return s, keys
}

// TestListKeysFollowsEveryChangeOfKeys lists a store after each kind of
// change, twice in a row (the second listing is served from the order the
// first worked out), and after changes that keep the keys.
func TestListKeysFollowsEveryChangeOfKeys(t *testing.T) {
	clock := newFakeClock()
	s, keys := plainStore(t, "k", 40)
	s.SetClock(clock.now)
	want := map[string]bool{}
	for _, k := range keys {
		want[k] = true
	}
	check := func(step string) {
		t.Helper()
		sorted := append([]string{}, slices.Sorted(maps.Keys(want))...)
		for range 2 {
			got := s.ListKeys()
			require.Equal(t, sorted, got, step)
			if len(got) > 0 {
				got[0] = "changed by the caller" // must not reach the store
			}
		}
	}
	check("first listing")
	require.NoError(t, s.Put("k3", 33))
	check("overwrite")
	require.NoError(t, s.Put("new", 1))
	want["new"] = true
	check("insert")
	assert.True(t, s.Delete("k7"))
	delete(want, "k7")
	check("delete")
	require.NoError(t, s.PutWithTTL("k8", 8, time.Second))
	check("a TTL on a listed key")
	clock.advance(2 * time.Second)
	delete(want, "k8")
	check("that key expired")
	require.NoError(t, s.PutWithMetadata("k9", 9, &store.Metadata{Tags: []string{"t"}}))
	check("metadata")

	data, err := s.MarshalJSON()
	require.NoError(t, err)
	require.NoError(t, s.Put("gone after unmarshal", 1))
	require.NoError(t, s.UnmarshalJSON(data))
	check("unmarshal")
	require.NoError(t, s.ApplySnapshot([]byte(`{"version":1,"entries":{},"removed":["k1"]}`)))
	delete(want, "k1")
	check("a snapshot removing a key")

	c := s.Clone()
	require.NoError(t, c.Put("only in the clone", 1))
	check("the clone changed")
	assert.Contains(t, c.ListKeys(), "only in the clone")
	assert.True(t, s.Delete("k2"))
	delete(want, "k2")
	check("the original changed after the clone")
	assert.Contains(t, c.ListKeys(), "k2", "the clone keeps what the original deleted")

	s.Clear()
	clear(want)
	check("clear")
}

// TestMergeCollisionsInOrder merges stores of the same keys (the target's
// order known, the source's, neither), and stores overlapping in part,
// and checks the collisions and the keys listed after.
func TestMergeCollisionsInOrder(t *testing.T) {
	t.Run("target listed", func(t *testing.T) {
		dst, keys := plainStore(t, "k", 300)
		src, _ := plainStore(t, "k", 300)
		require.Equal(t, keys, dst.ListKeys())
		for range 2 {
			collisions, err := dst.Merge(src, store.Overwrite)
			require.NoError(t, err)
			require.Equal(t, keys, collisions)
			collisions[0] = "changed by the caller"
		}
		require.Equal(t, keys, dst.ListKeys())
	})
	t.Run("source listed", func(t *testing.T) {
		dst, keys := plainStore(t, "k", 300)
		src, _ := plainStore(t, "k", 300)
		require.NoError(t, src.Put("extra", 1))
		src.ListKeys()
		require.True(t, src.Delete("extra"))
		collisions, err := dst.Merge(src, store.Overwrite)
		require.NoError(t, err)
		require.Equal(t, keys, collisions, "an order of the source from before a delete is not used")
		src.ListKeys()
		collisions, err = dst.Merge(src, store.Skip)
		require.NoError(t, err)
		require.Equal(t, keys, collisions)
	})
	t.Run("a clone merged back", func(t *testing.T) {
		dst, keys := plainStore(t, "k", 300)
		require.Equal(t, keys, dst.ListKeys())
		work := dst.Clone()
		require.NoError(t, work.Put("k5", -5))
		require.NoError(t, work.Put("added", 1))
		collisions, err := dst.Merge(work, store.Overwrite)
		require.NoError(t, err)
		require.Equal(t, keys, collisions)
		got, err := store.Get[int](dst, "k5")
		require.NoError(t, err)
		assert.Equal(t, -5, got)
		assert.Equal(t, slices.Sorted(slices.Values(append(slices.Clone(keys), "added"))), dst.ListKeys())
	})
	t.Run("in part", func(t *testing.T) {
		dst, _ := plainStore(t, "k", 300)
		src := store.NewKVStore()
		var want []string
		for i := 150; i < 450; i++ {
			require.NoError(t, src.Put("k"+strconv.Itoa(i), i))
			if i < 300 {
				want = append(want, "k"+strconv.Itoa(i))
			}
		}
		slices.Sort(want)
		dst.ListKeys()
		src.ListKeys()
		collisions, err := dst.Merge(src, store.Overwrite)
		require.NoError(t, err)
		require.Equal(t, want, collisions)
	})
	t.Run("remembered after a merge", func(t *testing.T) {
		dst, keys := plainStore(t, "k", 300)
		src, _ := plainStore(t, "k", 300)
		collisions, err := dst.Merge(src, store.Overwrite)
		require.NoError(t, err)
		require.Equal(t, keys, collisions)
		require.NoError(t, dst.Put("later", 1))
		assert.Equal(t, slices.Sorted(slices.Values(append(slices.Clone(keys), "later"))), dst.ListKeys())
	})
}

// TestListKeysWhileKeysChange lists a store while others add and delete
// keys; under -race, and then the listing matches the keys left.
func TestListKeysWhileKeysChange(t *testing.T) {
	s, _ := plainStore(t, "k", 200)
	var wg sync.WaitGroup
	for w := range 2 {
		wg.Go(func() {
			for i := range 500 {
				k := "w" + strconv.Itoa(w) + "." + strconv.Itoa(i%50)
				if i%3 == 2 {
					s.Delete(k)
				} else {
					_ = s.Put(k, i)
				}
			}
		})
	}
	for range 2 {
		wg.Go(func() {
			for range 200 {
				got := s.ListKeys()
				if !slices.IsSorted(got) {
					t.Error("ListKeys is not sorted")
					return
				}
			}
		})
	}
	wg.Wait()
	want := slices.Sorted(maps.Keys(s.ExportAll()))
	assert.Equal(t, want, s.ListKeys())
}
