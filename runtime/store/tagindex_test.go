package store_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/gostage/gostage/runtime/store"
)

var indexTags = []string{"a", "b", "c"}

// scanByTag is the search by tag without the index: every live key, its
// metadata read one by one.
func scanByTag(t *testing.T, s *store.KVStore, tag string) []string {
	t.Helper()
	keys := []string{}
	for _, k := range s.ListKeys() {
		md, err := s.GetMetadata(k)
		if err == nil && md.HasTag(tag) {
			keys = append(keys, k)
		}
	}
	return keys
}

// requireIndexMatchesScan checks, on a store no one else changes, that
// the tag index answers as a scan does and that the store's bookkeeping
// agrees with its entries.
func requireIndexMatchesScan(t *testing.T, s *store.KVStore) {
	t.Helper()
	require.NoError(t, s.CheckBookkeeping())
	for _, tag := range indexTags {
		want := scanByTag(t, s, tag)
		require.Equal(t, want, s.FindKeysByTag(tag), "FindKeysByTag(%q)", tag)
		require.Equal(t, want, s.FindKeysByAllTags([]string{tag}), "FindKeysByAllTags(%q)", tag)
	}
}

// TestTagIndexUnderConcurrentChanges changes tags every way there is from
// several goroutines at once, expiry and merges included, then checks the
// index against a scan. Under -race it also proves searches race-free.
func TestTagIndexUnderConcurrentChanges(t *testing.T) {
	s, clock := clockedStore()
	other := store.NewKVStore()
	other.SetClock(clock.now)
	const workers, rounds = 6, 300
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := range rounds {
				key := fmt.Sprintf("k%d", (w*7+i)%23)
				tag := indexTags[(w+i)%len(indexTags)]
				switch i % 10 {
				case 0:
					_ = s.Put(key, i)
				case 1:
					_ = s.PutWithMetadata(key, i, &store.Metadata{Tags: []string{tag, "a"}})
				case 2:
					_ = s.AddTag(key, tag)
				case 3:
					_ = s.RemoveTag(key, tag)
				case 4:
					_ = s.Delete(key)
				case 5:
					_ = s.PutWithTTLAndMetadata(key, i, time.Second, &store.Metadata{Tags: []string{tag}})
				case 6:
					clock.advance(300 * time.Millisecond)
				case 7:
					_ = other.PutWithMetadata(key, i, &store.Metadata{Tags: []string{tag}})
					_, _ = s.Merge(other, store.MergeStrategy(i%3))
				case 8:
					_, _ = s.CopyFrom(other)
					_ = other.RemoveTag(key, tag)
				case 9:
					_ = s.FindKeysByTag(tag)
					_ = s.PutWithTTL(key, i, 2*time.Second)
				}
			}
		})
	}
	wg.Wait()
	requireIndexMatchesScan(t, s)
	requireIndexMatchesScan(t, other)
	requireIndexMatchesScan(t, s.Clone())
	clock.advance(time.Hour)
	requireIndexMatchesScan(t, s)
	require.NoError(t, s.Put("sweep", 1), "an insert after expiry sweeps")
	requireIndexMatchesScan(t, s)
	s.Clear()
	requireIndexMatchesScan(t, s)
	require.Empty(t, s.FindKeysByTag("a"))
}

// FuzzTagIndexMatchesScan runs a sequence of calls that change tags, read
// from the fuzz input, snapshots applied included, and after each one
// checks the tag index against a scan.
func FuzzTagIndexMatchesScan(f *testing.F) {
	f.Add([]byte{1, 0, 0, 2, 0, 1, 3, 0, 0, 5, 1, 2, 6, 0, 0, 4, 0, 0})
	f.Add([]byte{5, 2, 1, 7, 2, 1, 8, 0, 0, 9, 1, 1, 10, 0, 3, 11, 0, 0, 1, 1, 1})
	f.Add([]byte{1, 0, 1, 7, 1, 2, 12, 0, 0, 2, 1, 2, 13, 0, 0, 3, 1, 1})
	f.Fuzz(func(t *testing.T, ops []byte) {
		s, clock := clockedStore()
		other := store.NewKVStore()
		other.SetClock(clock.now)
		for ; len(ops) >= 3; ops = ops[3:] {
			key := fmt.Sprintf("k%d", ops[1]%5)
			tag := indexTags[int(ops[2])%len(indexTags)]
			tags := slices.Clone(indexTags[:ops[2]%4])
			switch ops[0] % 14 {
			case 0:
				_ = s.Put(key, 1)
			case 1:
				_ = s.PutWithMetadata(key, 1, &store.Metadata{Tags: tags})
			case 2:
				_ = s.AddTag(key, tag)
			case 3:
				_ = s.RemoveTag(key, tag)
			case 4:
				_ = s.Delete(key)
			case 5:
				_ = s.PutWithTTLAndMetadata(key, 1, time.Second, &store.Metadata{Tags: tags})
			case 6:
				clock.advance(time.Duration(ops[2]%3) * time.Second)
			case 7:
				_ = other.PutWithTTLAndMetadata(key, 2, 2*time.Second, &store.Metadata{Tags: tags})
			case 8:
				_, _ = s.Merge(other, store.MergeStrategy(ops[2]%3))
			case 9:
				_, _ = s.CopyFrom(other)
			case 10:
				s = s.Clone()
			case 11:
				_ = s.PutWithTTL(key, 1, time.Second)
			case 12:
				data, err := json.Marshal(other)
				require.NoError(t, err)
				require.NoError(t, s.ApplySnapshot(data))
			case 13:
				data, err := json.Marshal(other)
				require.NoError(t, err)
				require.NoError(t, json.Unmarshal(data, s))
			}
			requireIndexMatchesScan(t, s)
		}
	})
}
