package store_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gostage/gostage/runtime/store"
)

func TestChangeTrackerSeesEveryWritePath(t *testing.T) {
	s := store.NewKVStore()
	require.NoError(t, s.Put("untouched", 0))
	require.NoError(t, s.Put("deleted", 0))
	require.NoError(t, s.Put("tagged", 0))
	require.NoError(t, s.PutWithMetadata("untagged", 0, &store.Metadata{Tags: []string{"t"}}))
	require.NoError(t, s.Put("propertied", 0))
	tr, err := s.TrackChanges()
	require.NoError(t, err)
	defer tr.Stop()

	require.NoError(t, s.Put("put", 1))
	require.NoError(t, s.PutWithTTL("ttl", 1, time.Minute))
	require.NoError(t, s.PutWithMetadata("meta", 1, &store.Metadata{Description: "d"}))
	require.NoError(t, store.NewKey[int]("key").Put(s, 1))
	assert.True(t, s.Delete("deleted"))
	assert.False(t, s.Delete("never"), "a delete of a missing key changes nothing in the store")
	require.NoError(t, s.AddTag("tagged", "x"))
	require.NoError(t, s.RemoveTag("untagged", "t"))
	require.NoError(t, s.SetProperty("propertied", "p", 1))
	other := store.NewKVStore()
	require.NoError(t, other.Put("merged", 1))
	require.NoError(t, other.Put("copied", 1))
	_, err = s.Merge(other, store.Overwrite)
	require.NoError(t, err)

	got := tr.Take()
	assert.Equal(t, []string{"copied", "deleted", "key", "merged", "meta", "propertied", "put", "tagged", "ttl", "untagged"}, got.Keys)
	assert.False(t, got.Cleared)
	assert.True(t, tr.Take().Empty(), "Take starts afresh")
}

func TestChangeTrackerSeesClear(t *testing.T) {
	s := store.NewKVStore()
	require.NoError(t, s.Put("a", 1))
	tr, err := s.TrackChanges()
	require.NoError(t, err)
	defer tr.Stop()
	require.NoError(t, s.Put("b", 1))
	s.Clear()
	require.NoError(t, s.Put("c", 1))
	got := tr.Take()
	assert.True(t, got.Cleared)
	assert.Equal(t, []string{"c"}, got.Keys)
	assert.False(t, got.Empty())
}

func TestOneTrackerAtATime(t *testing.T) {
	s := store.NewKVStore()
	first, err := s.TrackChanges()
	require.NoError(t, err)
	_, err = s.TrackChanges()
	require.Error(t, err)

	first.Stop()
	second, err := s.TrackChanges()
	require.NoError(t, err)
	first.Stop() // a stale Stop must not end the second tracker
	require.NoError(t, s.Put("a", 1))
	assert.Equal(t, []string{"a"}, second.Take().Keys)
	assert.True(t, first.Take().Empty(), "a stopped tracker sees nothing")
	second.Stop()
	require.NoError(t, s.Put("b", 1))
	assert.True(t, second.Take().Empty())
}

func TestTrackingKeepsGetFreeOfAllocations(t *testing.T) {
	s := store.NewKVStore()
	require.NoError(t, s.Put("k", 1))
	tr, err := s.TrackChanges()
	require.NoError(t, err)
	defer tr.Stop()
	allocs := testing.AllocsPerRun(100, func() { _, _ = store.Get[int](s, "k") })
	assert.Zero(t, allocs)
}

func TestChangeTrackerSeesSnapshotsApplied(t *testing.T) {
	src := store.NewKVStore()
	require.NoError(t, src.Put("a", 1))
	partial, err := src.SnapshotKeys([]string{"a", "gone"})
	require.NoError(t, err)
	full, err := json.Marshal(src)
	require.NoError(t, err)

	s := store.NewKVStore()
	require.NoError(t, s.Put("gone", 1))
	tr, err := s.TrackChanges()
	require.NoError(t, err)
	defer tr.Stop()
	require.NoError(t, s.ApplySnapshot(partial))
	assert.Equal(t, store.Changes{Keys: []string{"a", "gone"}}, tr.Take())
	require.NoError(t, json.Unmarshal(full, s))
	got := tr.Take()
	assert.True(t, got.Cleared, "replacing the content changes every key")
}

func TestTakeListsEachKeyOnceSortedAndKeepsWhatItGave(t *testing.T) {
	s := store.NewKVStore()
	tr, err := s.TrackChanges()
	require.NoError(t, err)
	defer tr.Stop()
	for _, k := range []string{"c", "a", "c", "b", "a"} {
		require.NoError(t, s.Put(k, 1))
	}
	first := tr.Take()
	assert.Equal(t, []string{"a", "b", "c"}, first.Keys)

	// The next changes must not show through the keys already taken.
	for _, k := range []string{"z", "y", "x", "a"} {
		require.NoError(t, s.Put(k, 2))
	}
	assert.Equal(t, []string{"a", "b", "c"}, first.Keys)
	assert.Equal(t, []string{"a", "x", "y", "z"}, tr.Take().Keys)

	// Keys noted before a Clear are dropped, those after it listed once.
	require.NoError(t, s.Put("gone", 1))
	s.Clear()
	require.NoError(t, s.Put("d", 1))
	require.NoError(t, s.Put("d", 2))
	assert.Equal(t, store.Changes{Keys: []string{"d"}, Cleared: true}, tr.Take())
}

func TestChangeTrackerHoldsRepeatsBounded(t *testing.T) {
	s := store.NewKVStore()
	tr, err := s.TrackChanges()
	require.NoError(t, err)
	defer tr.Stop()
	var want []string
	for i := range 3000 {
		k := fmt.Sprintf("k%04d", i)
		want = append(want, k)
		for range 3 {
			require.NoError(t, s.Put(k, i))
			require.NoError(t, s.Put("counter", i))
		}
		if n := tr.Noted(); n > 2*(i+2)+1 && n > 1024 {
			t.Fatalf("after %d keys changed, the tracker holds %d", i+2, n)
		}
	}
	want = append(want, "counter")
	slices.Sort(want)
	assert.Equal(t, want, tr.Take().Keys)
	assert.Zero(t, tr.Noted())
}
