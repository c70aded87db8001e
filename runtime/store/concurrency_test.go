package store_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gostage/gostage/runtime/store"
)

// TestConcurrentUse runs every kind of call at once; under -race it proves
// the store race-free, and the final check proves no write was lost.
func TestConcurrentUse(t *testing.T) {
	s := store.NewKVStore()
	other := store.NewKVStore()
	require.NoError(t, other.Put("shared", []int{1, 2}))
	const workers, rounds = 8, 200
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := range rounds {
				key := fmt.Sprintf("w%d.k%d", w, i)
				assert.NoError(t, s.Put(key, i))
				assert.NoError(t, s.PutWithTTL(key+".ttl", i, time.Nanosecond))
				assert.NoError(t, s.PutWithMetadata(key+".meta", []int{i}, &store.Metadata{Tags: []string{"t"}}))
				_ = s.AddTag(key+".meta", "u")
				_, _ = store.Get[int](s, key)
				_, _ = store.Get[int](s, key+".ttl")
				_ = s.Has(key + ".ttl")
				_ = s.Delete(key + ".meta")
				if i%50 == 0 {
					_ = s.Clone()
					_, _ = s.Merge(other, store.Overwrite)
					_, _ = other.CopyFrom(s)
					_ = s.ListKeys()
					_ = s.FindKeysByTag("t")
					_ = store.KeysByType[int](s)
				}
			}
		})
	}
	wg.Wait()
	for w := range workers {
		for i := range rounds {
			v, err := store.Get[int](s, fmt.Sprintf("w%d.k%d", w, i))
			require.NoError(t, err)
			require.Equal(t, i, v)
		}
	}
}
