package store_test

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gostage/gostage/runtime/store"
)

func TestReplaceWith(t *testing.T) {
	clock := time.Now().UnixNano()
	src := store.NewKVStore()
	src.SetClock(func() int64 { return clock })
	require.NoError(t, src.Put("list", []int{1, 2}))
	require.NoError(t, src.PutWithTTL("ttl", "soon", time.Hour))
	require.NoError(t, src.PutWithTTL("expired", "gone", time.Second))
	require.NoError(t, src.Put("tagged", 1))
	require.NoError(t, src.AddTag("tagged", "new"))
	clock += int64(2 * time.Second)
	want, err := json.Marshal(src)
	require.NoError(t, err)

	s := store.NewKVStore()
	s.SetClock(func() int64 { return clock })
	require.NoError(t, s.Put("old", "dropped"))
	require.NoError(t, s.Put("tagged", "replaced"))
	require.NoError(t, s.AddTag("tagged", "old"))
	tracker, err := s.TrackChanges()
	require.NoError(t, err)
	defer tracker.Stop()

	require.NoError(t, s.ReplaceWith(src))
	got, err := json.Marshal(s)
	require.NoError(t, err)
	assert.JSONEq(t, string(want), string(got), "the same content as a round trip through JSON")
	assert.Equal(t, []string{"list", "tagged", "ttl"}, s.ListKeys())
	assert.Equal(t, []string{"tagged"}, s.FindKeysByTag("new"))
	assert.Empty(t, s.FindKeysByTag("old"))
	require.NoError(t, s.CheckBookkeeping())
	assert.True(t, tracker.Take().Cleared, "a tracker sees the whole store change")

	// The copy is deep: changing a value read from one store leaves the
	// other as it was.
	list, err := store.Get[[]int](src, "list")
	require.NoError(t, err)
	list[0] = 99
	got2, err := store.Get[[]int](s, "list")
	require.NoError(t, err)
	assert.True(t, slices.Equal([]int{1, 2}, got2), "got %v", got2)

	require.NoError(t, s.ReplaceWith(s), "replacing a store with itself")
	assert.Equal(t, []string{"list", "tagged", "ttl"}, s.ListKeys())
	require.Error(t, s.ReplaceWith(nil))
	assert.Equal(t, []string{"list", "tagged", "ttl"}, s.ListKeys(), "a nil source changes nothing")
}
