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

// TestSelfMergeChangesNothing: every key of a store collides with itself,
// and overwriting an entry with itself leaves it as it is, down to the
// pointer a caller already holds.
func TestSelfMergeChangesNothing(t *testing.T) {
	for _, strategy := range []store.MergeStrategy{store.Skip, store.Overwrite, store.Error} {
		t.Run(strategy.String(), func(t *testing.T) {
			s := store.NewKVStore()
			p := &[]int{1}
			require.NoError(t, s.Put("p", p))
			require.NoError(t, s.PutWithMetadata("m", 1, &store.Metadata{Tags: []string{"t"}}))
			before, err := s.GetMetadata("m")
			require.NoError(t, err)

			collisions, err := s.Merge(s, strategy)

			assert.Equal(t, []string{"m", "p"}, collisions)
			if strategy == store.Error {
				require.ErrorIs(t, err, store.ErrCollision)
			} else {
				require.NoError(t, err)
			}
			got, err := store.Get[*[]int](s, "p")
			require.NoError(t, err)
			assert.Same(t, p, got)
			after, err := s.GetMetadata("m")
			require.NoError(t, err)
			assert.Equal(t, before, after)
		})
	}
}

// TestSelfMergeLosesNoConcurrentWrite merges and copies a store into itself
// while another goroutine writes to it: the last write must be what stays,
// and a deleted key must stay deleted. A merge that copied the store before
// locking it would put back values older than the writes made meanwhile.
func TestSelfMergeLosesNoConcurrentWrite(t *testing.T) {
	selfCopies := map[string]func(s *store.KVStore){
		"Merge Overwrite": func(s *store.KVStore) { _, _ = s.Merge(s, store.Overwrite) },
		"CopyFrom":        func(s *store.KVStore) { _, _ = s.CopyFrom(s) },
	}
	for name, selfCopy := range selfCopies {
		t.Run(name, func(t *testing.T) {
			for range 20 {
				s := store.NewKVStore()
				for i := range 100 {
					require.NoError(t, s.Put(fmt.Sprintf("filler.%d", i), i))
				}
				const last = 300
				done := make(chan struct{})
				var wg sync.WaitGroup
				wg.Go(func() {
					defer close(done)
					for i := 1; i <= last; i++ {
						_ = s.Put("counter", i)
						_ = s.Put("gone", i)
						s.Delete("gone")
					}
				})
				wg.Go(func() { repeatUntil(done, func() { selfCopy(s) }) })
				wg.Wait()
				v, err := store.Get[int](s, "counter")
				require.NoError(t, err)
				require.Equal(t, last, v, "a write made during the merge was undone")
				require.False(t, s.Has("gone"), "a delete made during the merge was undone")
			}
		})
	}
}

// TestConcurrentExpiryStress writes, expires, sweeps, clones and merges at
// once while time runs fast. Each writer owns its keys, so it knows what
// they must hold: a value it put without a TTL is there when it reads it
// back, whatever sweeps and merges ran in between, and is there at the end.
func TestConcurrentExpiryStress(t *testing.T) {
	s, clock := clockedStore()
	other := store.NewKVStore()
	other.SetClock(clock.now)
	tagged := store.NewKey[int]("tagged", store.WithTTL(time.Millisecond), store.WithTags("t"))
	const writers, rounds = 4, 300
	stop := make(chan struct{})
	var background, writing sync.WaitGroup
	// Time moves a sweep interval at a time, so that every slow write
	// sweeps and every TTL entry expires soon after it is written.
	background.Go(func() { repeatUntil(stop, func() { clock.advance(store.SweepInterval) }) })
	background.Go(func() {
		repeatUntil(stop, func() {
			_ = s.Clone().Count()
			_, _ = other.Merge(s, store.Overwrite)
			// Skip and CopyFrom fill only absent keys: they never
			// replace a value a writer put without a TTL.
			_, _ = s.Merge(other, store.Skip)
			_, _ = s.CopyFrom(other)
			_ = s.FindKeysByTag("t")
			_ = store.KeysByType[string](s)
			_ = s.Count()
		})
	})
	for w := range writers {
		writing.Go(func() {
			for i := range rounds {
				key := fmt.Sprintf("w%d.%d", w, i%10)
				assert.NoError(t, s.PutWithTTL(key, "short-lived", time.Nanosecond))
				assert.NoError(t, s.PutWithTTLAndMetadata(key+".meta", i, time.Microsecond, &store.Metadata{Tags: []string{"t"}}))
				assert.NoError(t, tagged.Put(s, i))
				assert.NoError(t, s.Put(key, i))
				v, err := store.Get[int](s, key)
				if !assert.NoError(t, err, "a value put without a TTL is not swept") || !assert.Equal(t, i, v) {
					return
				}
				_, _ = s.GetMetadata(key + ".meta")
				_ = s.Delete(key + ".meta")
			}
		})
	}
	writing.Wait()
	close(stop)
	background.Wait()
	for w := range writers {
		for j := range 10 {
			v, err := store.Get[int](s, fmt.Sprintf("w%d.%d", w, j))
			require.NoError(t, err)
			assert.Equal(t, rounds-10+j, v, "the last write of each key stays")
		}
	}
}

// repeatUntil calls f again and again until stop is closed.
func repeatUntil(stop <-chan struct{}, f func()) {
	for {
		select {
		case <-stop:
			return
		default:
			f()
		}
	}
}
