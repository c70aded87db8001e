package store_test

import (
	"math"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gostage/gostage/runtime/store"
)

// fakeClock is a clock tests move by hand.
type fakeClock struct{ ns atomic.Int64 }

func newFakeClock() *fakeClock {
	c := &fakeClock{}
	c.ns.Store(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).UnixNano())
	return c
}

func (c *fakeClock) now() int64              { return c.ns.Load() }
func (c *fakeClock) advance(d time.Duration) { c.ns.Add(int64(d)) }

func clockedStore() (*store.KVStore, *fakeClock) {
	c := newFakeClock()
	s := store.NewKVStore()
	s.SetClock(c.now)
	return s, c
}

func TestExpiredEntryIsAbsentEverywhere(t *testing.T) {
	s, clock := clockedStore()
	md := &store.Metadata{Tags: []string{"t"}, Properties: map[string]any{"p": 1}}
	require.NoError(t, s.PutWithTTLAndMetadata("temp", 7, time.Minute, md))
	require.NoError(t, s.Put("kept", 1))
	require.True(t, s.Has("temp"))
	clock.advance(time.Minute)

	_, err := store.Get[int](s, "temp")
	assert.ErrorIs(t, err, store.ErrNotFound, "Get")
	v, err := store.GetOrDefault(s, "temp", 3)
	require.NoError(t, err)
	assert.Equal(t, 3, v, "GetOrDefault")
	assert.False(t, s.Has("temp"), "Has")
	assert.Equal(t, []string{"kept"}, s.ListKeys(), "ListKeys")
	assert.Equal(t, 1, s.Count(), "Count")
	assert.Empty(t, s.FindKeysByTag("t"), "FindKeysByTag")
	assert.Empty(t, s.FindKeysByAnyTag([]string{"t"}), "FindKeysByAnyTag")
	assert.Empty(t, s.FindKeysByAllTags([]string{"t"}), "FindKeysByAllTags")
	assert.Empty(t, s.FindKeysByProperty("p", 1), "FindKeysByProperty")
	assert.Equal(t, []string{"kept"}, store.KeysByType[int](s), "KeysByType")
	_, err = s.GetMetadata("temp")
	assert.ErrorIs(t, err, store.ErrNotFound, "GetMetadata")
	_, err = s.HasTag("temp", "t")
	assert.ErrorIs(t, err, store.ErrExpired, "HasTag")
	assert.ErrorIs(t, s.AddTag("temp", "u"), store.ErrNotFound, "AddTag")
	assert.Equal(t, []string{"kept"}, s.Clone().ListKeys(), "Clone")

	other := store.NewKVStore()
	require.NoError(t, other.Put("temp", 1))
	collisions, err := other.Merge(s, store.Error)
	require.NoError(t, err, "an expired entry is no merge collision")
	assert.Empty(t, collisions)
	fresh := store.NewKVStore()
	require.NoError(t, fresh.Put("temp", 2))
	collisions, err = s.Merge(fresh, store.Error)
	require.NoError(t, err, "nor is an expired entry of the target")
	assert.Empty(t, collisions)
}

func TestDeleteOfExpiredReportsFalse(t *testing.T) {
	s, clock := clockedStore()
	require.NoError(t, s.PutWithTTL("temp", 1, time.Second))
	clock.advance(2 * time.Second)
	assert.False(t, s.Delete("temp"))
}

func TestPutOverExpiredDoesNotReviveMetadata(t *testing.T) {
	s, clock := clockedStore()
	require.NoError(t, s.PutWithTTLAndMetadata("k", 1, time.Second, &store.Metadata{Tags: []string{"old"}}))
	clock.advance(2 * time.Second)
	require.NoError(t, s.Put("k", 2))
	md, err := s.GetMetadata("k")
	require.NoError(t, err)
	assert.Empty(t, md.Tags)
	assert.True(t, md.CreatedAt.IsZero(), "the new entry starts a new life, without metadata")
}

func TestPutClearsTTL(t *testing.T) {
	s, clock := clockedStore()
	require.NoError(t, s.PutWithTTL("k", 1, time.Second))
	require.NoError(t, s.Put("k", 2))
	clock.advance(time.Hour)
	v, err := store.Get[int](s, "k")
	require.NoError(t, err)
	assert.Equal(t, 2, v)
}

func TestNegativeTTLIsRefused(t *testing.T) {
	s := store.NewKVStore()
	err := s.PutWithTTL("k", 1, -time.Second)
	require.ErrorIs(t, err, store.ErrInvalidKey)
	assert.EqualError(t, err, `store: key "k": invalid ttl -1s: negative`)
	require.ErrorIs(t, s.PutWithTTLAndMetadata("k", 1, -time.Nanosecond, nil), store.ErrInvalidKey)
	assert.False(t, s.Has("k"))
}

// A TTL of 0 means no expiry, as upstream gostage documents: the entry
// stays however late it is read, and a 0 TTL over an entry with a TTL
// clears it, as a Put does.
func TestZeroTTLMeansNoExpiry(t *testing.T) {
	s, clock := clockedStore()
	require.NoError(t, s.PutWithTTL("plain", 1, 0))
	require.NoError(t, s.PutWithTTL("was-expiring", 1, time.Second))
	require.NoError(t, s.PutWithTTL("was-expiring", 2, 0))
	md := store.NewMetadata()
	md.AddTag("t")
	require.NoError(t, s.PutWithTTLAndMetadata("tagged", 3, 0, md))

	clock.advance(100 * 365 * 24 * time.Hour)

	assert.Equal(t, []string{"plain", "tagged", "was-expiring"}, s.ListKeys())
	v, err := store.Get[int](s, "was-expiring")
	require.NoError(t, err)
	assert.Equal(t, 2, v)
	assert.Equal(t, []string{"tagged"}, s.FindKeysByTag("t"))
}

func TestExpiredEntriesDoNotPileUp(t *testing.T) {
	s, clock := clockedStore()
	for i := range 1000 {
		require.NoError(t, s.PutWithTTL(string(rune('a'+i%26))+string(rune(i)), i, time.Millisecond))
	}
	require.Equal(t, 1000, s.Stored())
	clock.advance(store.SweepInterval)
	require.NoError(t, s.Put("next", 1))
	assert.Equal(t, 1, s.Stored(), "the next write after expiry removes expired entries")
}

func TestSweepKeepsValuePutAgain(t *testing.T) {
	s, clock := clockedStore()
	require.NoError(t, s.PutWithTTL("k", 1, time.Millisecond))
	clock.advance(store.SweepInterval)
	// The old entry expired; it is put again, and that write sweeps.
	require.NoError(t, s.PutWithTTL("k", 2, time.Hour))
	require.NoError(t, s.Put("other", 0))
	v, err := store.Get[int](s, "k")
	require.NoError(t, err)
	assert.Equal(t, 2, v)
}

// TestLongTTLDoesNotOverflow: a TTL so long that now+ttl overflows int64
// means "practically never", not "already expired".
func TestLongTTLDoesNotOverflow(t *testing.T) {
	longest := time.Duration(math.MaxInt64)
	key := store.NewKey[int]("key", store.WithTTL(longest))
	tests := []struct {
		name string
		put  func(s *store.KVStore) error
	}{
		{"PutWithTTL", func(s *store.KVStore) error { return s.PutWithTTL("k", 1, longest) }},
		{"PutWithTTLAndMetadata", func(s *store.KVStore) error { return s.PutWithTTLAndMetadata("k", 1, longest, nil) }},
		{"Key.Put", func(s *store.KVStore) error { return key.Put(s, 1) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, clock := clockedStore()
			require.NoError(t, tt.put(s))
			clock.advance(100 * 365 * 24 * time.Hour)
			assert.Equal(t, 1, s.Count())
			assert.Len(t, s.Clone().ListKeys(), 1)
		})
	}
}

// TestMergedExpiredEntriesDoNotPileUp: a store that only ever receives
// entries by Merge or CopyFrom sweeps its expired entries too.
func TestMergedExpiredEntriesDoNotPileUp(t *testing.T) {
	tests := map[string]func(dst, src *store.KVStore){
		"Merge":    func(dst, src *store.KVStore) { _, _ = dst.Merge(src, store.Overwrite) },
		"CopyFrom": func(dst, src *store.KVStore) { _, _ = dst.CopyFrom(src) },
	}
	for name, copyInto := range tests {
		t.Run(name, func(t *testing.T) {
			dst, clock := clockedStore()
			for i := range 100 {
				src := store.NewKVStore()
				src.SetClock(clock.now)
				require.NoError(t, src.PutWithTTL("k"+strconv.Itoa(i), i, time.Millisecond))
				copyInto(dst, src)
				clock.advance(store.SweepInterval)
			}
			assert.LessOrEqual(t, dst.Stored(), 2, "expired entries are swept")
			assert.Zero(t, dst.Count(), "every entry has expired")
		})
	}
}

// TestTTLBefore1970 runs a clock set before the Unix epoch, as a test
// clock may be: TTLs still expire.
func TestTTLBefore1970(t *testing.T) {
	s, clock := clockedStore()
	clock.ns.Store(-int64(time.Hour))
	require.NoError(t, s.PutWithTTL("k", 1, time.Second))
	assert.True(t, s.Has("k"))
	clock.advance(time.Second)
	assert.False(t, s.Has("k"))
}
