package store_test

import (
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gostage/gostage/runtime/store"
)

// The tests of this file hold the calls added for code written against
// upstream gostage's store to their upstream behaviour, and to the
// differences README's porting section states.

func TestNewMetadata(t *testing.T) {
	before := time.Now()
	md := store.NewMetadata()
	assert.NotNil(t, md.Tags, "tags ready to range over and append to")
	assert.Empty(t, md.Tags)
	assert.NotNil(t, md.Properties, "properties ready to set")
	assert.False(t, md.CreatedAt.Before(before))
	assert.Equal(t, md.CreatedAt, md.UpdatedAt)
}

func TestMetadataTags(t *testing.T) {
	md := store.NewMetadata()
	md.AddTag("a")
	md.AddTag("b")
	md.AddTag("a")
	assert.Equal(t, []string{"a", "b"}, md.Tags, "a tag is added once")

	assert.True(t, md.HasAllTags([]string{"a", "b"}))
	assert.False(t, md.HasAllTags([]string{"a", "c"}))
	assert.True(t, md.HasAllTags(nil), "no tags: all of none")
	assert.True(t, md.HasAnyTag([]string{"c", "b"}))
	assert.False(t, md.HasAnyTag([]string{"c"}))
	assert.False(t, md.HasAnyTag(nil), "no tags: none of none")

	assert.True(t, md.RemoveTag("a"))
	assert.False(t, md.RemoveTag("a"), "removed already")
	assert.Equal(t, []string{"b"}, md.Tags)

	// Tags is a field, so it may hold a tag twice: RemoveTag removes both.
	md.Tags = []string{"x", "b", "x"}
	assert.True(t, md.RemoveTag("x"))
	assert.False(t, md.HasTag("x"))
}

func TestMetadataChangesMarkItUpdated(t *testing.T) {
	old := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	for name, change := range map[string]func(md *store.Metadata){
		"AddTag":         func(md *store.Metadata) { md.AddTag("new") },
		"RemoveTag":      func(md *store.Metadata) { md.RemoveTag("t") },
		"SetProperty":    func(md *store.Metadata) { md.SetProperty("q", 2) },
		"RemoveProperty": func(md *store.Metadata) { md.RemoveProperty("p") },
	} {
		md := &store.Metadata{Tags: []string{"t"}, Properties: map[string]any{"p": 1}, CreatedAt: old, UpdatedAt: old}
		change(md)
		assert.True(t, md.UpdatedAt.After(old), name)
		assert.Equal(t, old, md.CreatedAt, name)
	}
	md := &store.Metadata{Tags: []string{"t"}, UpdatedAt: old}
	md.AddTag("t")
	md.RemoveTag("nope")
	md.RemoveProperty("nope")
	assert.Equal(t, old, md.UpdatedAt, "what changes nothing does not mark it updated")
}

func TestMetadataProperties(t *testing.T) {
	md := store.NewMetadata()
	md.SetProperty("priority", 1)
	v, ok := md.GetProperty("priority")
	assert.True(t, ok)
	assert.Equal(t, 1, v)
	_, ok = md.GetProperty("nope")
	assert.False(t, ok)

	assert.True(t, md.RemoveProperty("priority"))
	assert.False(t, md.RemoveProperty("priority"))
	_, ok = md.GetProperty("priority")
	assert.False(t, ok)

	// A Metadata literal has no Properties map; SetProperty makes one
	// where upstream's would panic.
	lit := &store.Metadata{}
	lit.SetProperty("k", "v")
	assert.Equal(t, map[string]any{"k": "v"}, lit.Properties)

	// Reading a nil Metadata is fine, as reading a nil map is.
	var none *store.Metadata
	_, ok = none.GetProperty("k")
	assert.False(t, ok)
	assert.False(t, none.HasAnyTag([]string{"t"}))
	assert.False(t, none.HasAllTags([]string{"t"}))
	assert.False(t, none.RemoveProperty("k"))
}

func TestSetMetadata(t *testing.T) {
	s, clock := clockedStore()
	created := time.Unix(0, clock.now())
	require.NoError(t, s.PutWithMetadata("k", 1, &store.Metadata{Tags: []string{"old"}, Description: "old"}))
	clock.advance(time.Minute)

	md := store.NewMetadata()
	md.AddTag("new")
	md.SetProperty("list", []int{1})
	md.CreatedAt = time.Date(1999, 1, 1, 0, 0, 0, 0, time.UTC)
	require.NoError(t, s.SetMetadata("k", md))

	got, err := s.GetMetadata("k")
	require.NoError(t, err)
	assert.Equal(t, []string{"new"}, got.Tags, "md replaces the old metadata whole")
	assert.Empty(t, got.Description)
	assert.Equal(t, map[string]any{"list": []int{1}}, got.Properties)
	assert.Equal(t, created, got.CreatedAt, "the store keeps the times")
	assert.Equal(t, created.Add(time.Minute), got.UpdatedAt)
	assert.Equal(t, []string{"k"}, s.FindKeysByTag("new"))
	v, err := store.Get[int](s, "k")
	require.NoError(t, err)
	assert.Equal(t, 1, v, "the value stays")

	// The store holds a copy of md.
	md.AddTag("later")
	md.Properties["list"].([]int)[0] = 99
	got, err = s.GetMetadata("k")
	require.NoError(t, err)
	assert.Equal(t, []string{"new"}, got.Tags)
	assert.Equal(t, []int{1}, got.Properties["list"])

	// A key without metadata gets some, created now.
	require.NoError(t, s.Put("plain", 2))
	require.NoError(t, s.SetMetadata("plain", md))
	got, err = s.GetMetadata("plain")
	require.NoError(t, err)
	assert.Equal(t, created.Add(time.Minute), got.CreatedAt)
	assert.True(t, got.HasTag("later"))

	err = s.SetMetadata("missing", md)
	assert.ErrorIs(t, err, store.ErrNotFound)
	assert.EqualError(t, err, `store: key "missing": not found`)
	assert.EqualError(t, s.SetMetadata("k", nil), `store: key "k": metadata cannot be nil`)
}

// Upstream's GetMetadata handed out the stored metadata, so changing it
// changed the store. Here it is a copy, on purpose: a change goes through
// SetMetadata or AddTag and friends.
func TestGetMetadataReturnsACopy(t *testing.T) {
	s := store.NewKVStore()
	require.NoError(t, s.PutWithMetadata("k", 1, store.NewMetadata()))
	md, err := s.GetMetadata("k")
	require.NoError(t, err)
	md.AddTag("t")
	assert.False(t, tagged(t, s, "k", "t"), "a change to the copy is not stored")
	require.NoError(t, s.SetMetadata("k", md))
	assert.True(t, tagged(t, s, "k", "t"), "until it is set")
}

func TestExportAll(t *testing.T) {
	s, clock := clockedStore()
	list := []string{"a"}
	require.NoError(t, s.Put("list", list))
	require.NoError(t, s.Put("n", 1))
	require.NoError(t, s.PutWithMetadata("tagged", "v", &store.Metadata{Tags: []string{"t"}}))
	require.NoError(t, s.PutWithTTL("gone", 1, time.Second))
	clock.advance(time.Second)

	all := s.ExportAll()

	assert.Equal(t, map[string]any{"list": []string{"a"}, "n": 1, "tagged": "v"}, all, "every live key, expired ones left out")
	all["list"].([]string)[0] = "changed"
	all["new"] = true
	got, err := store.Get[[]string](s, "list")
	require.NoError(t, err)
	assert.Equal(t, []string{"a"}, got, "the values are copies")
	assert.False(t, s.Has("new"))

	empty := store.NewKVStore().ExportAll()
	assert.NotNil(t, empty, "an empty map, which a caller may write to")
	assert.Empty(t, empty)
}

func TestCloneFrom(t *testing.T) {
	src := store.NewKVStore()
	require.NoError(t, src.Put("list", []int{1}))
	c := store.CloneFrom(src)
	got, err := store.Get[[]int](c, "list")
	require.NoError(t, err)
	got[0] = 2
	again, err := store.Get[[]int](src, "list")
	require.NoError(t, err)
	assert.Equal(t, []int{1}, again, "a deep copy, as Clone")

	empty := store.CloneFrom(nil)
	require.NotNil(t, empty)
	assert.Zero(t, empty.Count())
	require.NoError(t, empty.Put("k", 1), "a usable store")
}

func TestCopyFromWithOverwrite(t *testing.T) {
	src, clock := clockedStore()
	require.NoError(t, src.Put("both", "from src"))
	require.NoError(t, src.PutWithMetadata("tagged", "from src", &store.Metadata{Tags: []string{"src"}}))
	require.NoError(t, src.Put("list", []int{1}))
	require.NoError(t, src.PutWithTTL("expiring", 1, time.Hour))
	require.NoError(t, src.PutWithTTL("gone", 1, time.Second))

	dst := store.NewKVStore()
	dst.SetClock(clock.now)
	require.NoError(t, dst.Put("both", "from dst"))
	require.NoError(t, dst.PutWithMetadata("tagged", "from dst", &store.Metadata{Tags: []string{"dst"}}))
	require.NoError(t, dst.Put("dst only", 1))
	require.NoError(t, dst.PutWithTTL("list", "expired in dst", time.Second))
	clock.advance(time.Second)

	copied, overwritten, err := dst.CopyFromWithOverwrite(src)

	require.NoError(t, err)
	assert.Equal(t, 2, copied, "list (expired in dst) and expiring are new")
	assert.Equal(t, 2, overwritten, "both and tagged")
	assert.Equal(t, []string{"both", "dst only", "expiring", "list", "tagged"}, dst.ListKeys())
	v, err := store.Get[string](dst, "both")
	require.NoError(t, err)
	assert.Equal(t, "from src", v)
	md, err := dst.GetMetadata("tagged")
	require.NoError(t, err)
	assert.Equal(t, []string{"src"}, md.Tags, "the source's metadata, whole")

	list, err := store.Get[[]int](dst, "list")
	require.NoError(t, err)
	list[0] = 9
	srcList, err := store.Get[[]int](src, "list")
	require.NoError(t, err)
	assert.Equal(t, []int{1}, srcList, "deep copies")

	clock.advance(time.Hour)
	assert.False(t, dst.Has("expiring"), "entries keep their expiry")
}

func TestCopyFromWithOverwriteEdges(t *testing.T) {
	s := store.NewKVStore()
	require.NoError(t, s.Put("a", 1))
	require.NoError(t, s.Put("b", 2))

	copied, overwritten, err := s.CopyFromWithOverwrite(nil)
	assert.EqualError(t, err, "store: copy: source store cannot be nil")
	assert.Zero(t, copied)
	assert.Zero(t, overwritten)

	copied, overwritten, err = s.CopyFromWithOverwrite(s)
	require.NoError(t, err)
	assert.Equal(t, 0, copied)
	assert.Equal(t, 2, overwritten, "every key replaced by itself")
	assert.Equal(t, []string{"a", "b"}, s.ListKeys())

	_, err = s.CopyFrom(nil)
	assert.EqualError(t, err, "store: copy: source store cannot be nil", "CopyFrom says the same")
}

func TestCopyFromWithOverwriteBothWays(t *testing.T) {
	a, b := store.NewKVStore(), store.NewKVStore()
	require.NoError(t, a.Put("a", 1))
	require.NoError(t, b.Put("b", 2))
	var wg sync.WaitGroup
	for range 50 {
		wg.Add(2)
		go func() { defer wg.Done(); _, _, _ = a.CopyFromWithOverwrite(b) }()
		go func() { defer wg.Done(); _, _, _ = b.CopyFromWithOverwrite(a) }()
	}
	wg.Wait() // no deadlock, and the race detector is quiet
	assert.Equal(t, []string{"a", "b"}, a.ListKeys())
	assert.Equal(t, []string{"a", "b"}, b.ListKeys())
}

func TestFindKeyCollisions(t *testing.T) {
	s, clock := clockedStore()
	other := store.NewKVStore()
	other.SetClock(clock.now)
	for _, k := range []string{"z", "a", "only s", "expired in s"} {
		require.NoError(t, s.Put(k, 1))
	}
	require.NoError(t, s.PutWithTTL("expired in s", 1, time.Second))
	for _, k := range []string{"a", "z", "only other", "expired in s", "expired in other"} {
		require.NoError(t, other.Put(k, "x"))
	}
	require.NoError(t, s.Put("expired in other", 1))
	require.NoError(t, other.PutWithTTL("expired in other", 1, time.Second))
	clock.advance(time.Second)

	assert.Equal(t, []string{"a", "z"}, s.FindKeyCollisions(other), "live in both, sorted")
	assert.Equal(t, []string{"a", "z"}, other.FindKeyCollisions(s))
	assert.Equal(t, s.ListKeys(), s.FindKeyCollisions(s))
	assert.Empty(t, s.FindKeyCollisions(nil))
	assert.Empty(t, s.FindKeyCollisions(store.NewKVStore()))

	collisions, err := s.Merge(other, store.Skip)
	require.NoError(t, err)
	assert.Equal(t, []string{"a", "z"}, collisions, "what Merge settles")
}

// An expired entry the store still holds is reported as expired, which
// errors.Is matches against both ErrExpired and ErrNotFound; a key never
// written, or one swept since, is only not found.
func TestExpiredEntryReportsErrExpired(t *testing.T) {
	s, clock := clockedStore()
	md := &store.Metadata{Tags: []string{"t"}, Properties: map[string]any{"p": 1}}
	require.NoError(t, s.PutWithTTLAndMetadata("temp", 7, time.Minute, md))
	clock.advance(time.Minute)
	key := store.NewKey[int]("temp")

	for name, call := range map[string]func() error{
		"Get":          func() error { _, err := store.Get[int](s, "temp"); return err },
		"Get mistyped": func() error { _, err := store.Get[string](s, "temp"); return err },
		"Key.Get":      func() error { _, err := key.Get(s); return err },
		"GetMetadata":  func() error { _, err := s.GetMetadata("temp"); return err },
		"GetProperty":  func() error { _, err := s.GetProperty("temp", "p"); return err },
		"AddTag":       func() error { return s.AddTag("temp", "u") },
		"RemoveTag":    func() error { return s.RemoveTag("temp", "t") },
		"SetProperty":  func() error { return s.SetProperty("temp", "p", 2) },
		"SetMetadata":  func() error { return s.SetMetadata("temp", store.NewMetadata()) },
	} {
		err := call()
		assert.ErrorIs(t, err, store.ErrExpired, name)
		assert.ErrorIs(t, err, store.ErrNotFound, name)
		assert.EqualError(t, err, `store: key "temp": expired`, name)
	}
	v, err := store.GetOrDefault(s, "temp", 3)
	require.NoError(t, err, "a default stands in for an expired entry")
	assert.Equal(t, 3, v)
	v, err = key.WithDefault(5).Get(s)
	require.NoError(t, err, "so does a key's default")
	assert.Equal(t, 5, v)

	_, err = store.Get[int](s, "never")
	assert.ErrorIs(t, err, store.ErrNotFound)
	assert.False(t, errors.Is(err, store.ErrExpired), "a key never written has not expired")

	clock.advance(store.SweepInterval)
	require.NoError(t, s.PutWithTTL("sweeper", 1, time.Hour)) // this write sweeps
	_, err = store.Get[int](s, "temp")
	assert.ErrorIs(t, err, store.ErrNotFound)
	assert.False(t, errors.Is(err, store.ErrExpired), "once swept, the store no longer knows it expired")
}

func TestErrExpiredIsACaseOfErrNotFound(t *testing.T) {
	assert.ErrorIs(t, store.ErrExpired, store.ErrNotFound)
	assert.False(t, errors.Is(store.ErrNotFound, store.ErrExpired))
	assert.Equal(t, "key expired", store.ErrExpired.Error())
}

// Error texts keep the words of their sentinel next to the key and the
// types, so that code which matched on upstream's texts still matches.
func TestErrorTextsKeepTheSentinelWords(t *testing.T) {
	s := store.NewKVStore()
	require.NoError(t, s.Put("a", 1))

	_, err := store.Get[string](s, "a")
	assert.EqualError(t, err, `store: key "a": type mismatch: holds int, not string`)
	_, err = store.Get[int](s, "b")
	assert.EqualError(t, err, `store: key "b": not found`)
	err = s.Put("", 1)
	assert.ErrorIs(t, err, store.ErrInvalidKey)
	assert.EqualError(t, err, `store: key "": invalid key: key cannot be empty`)
	_, err = store.Get[int](s, "")
	assert.EqualError(t, err, `store: key "": invalid key: key cannot be empty`, "no write takes it, so a read says why")
	_, err = s.GetMetadata("")
	assert.ErrorIs(t, err, store.ErrInvalidKey)
	_, err = s.GetProperty("a", "nope")
	assert.ErrorIs(t, err, store.ErrNotFound)
	assert.EqualError(t, err, `store: key "a": property 'nope' not found`)
}

// A nil Metadata given to a write keeps the entry's metadata, as a Put
// does, where upstream code passes nil for "no change".
func TestNilMetadataKeepsTheEntrysMetadata(t *testing.T) {
	s, clock := clockedStore()
	require.NoError(t, s.PutWithMetadata("k", 1, &store.Metadata{Tags: []string{"t"}, Description: "d"}))
	require.NoError(t, s.PutWithMetadata("k", 2, nil))
	require.NoError(t, s.PutWithTTLAndMetadata("k", 3, time.Minute, nil))

	md, err := s.GetMetadata("k")
	require.NoError(t, err)
	assert.Equal(t, []string{"t"}, md.Tags)
	assert.Equal(t, "d", md.Description)
	v, err := store.Get[int](s, "k")
	require.NoError(t, err)
	assert.Equal(t, 3, v)
	clock.advance(time.Minute)
	assert.False(t, s.Has("k"), "the TTL applies")

	require.NoError(t, s.PutWithMetadata("plain", 1, nil))
	md, err = s.GetMetadata("plain")
	require.NoError(t, err)
	assert.Equal(t, &store.Metadata{}, md, "a key without metadata gets none")
}

// TestPortCallsConcurrently runs the calls of this file at once with
// writes; under -race it proves them race-free.
func TestPortCallsConcurrently(t *testing.T) {
	s, other := store.NewKVStore(), store.NewKVStore()
	require.NoError(t, other.Put("shared", []int{1}))
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := range 100 {
				key := "k" + string(rune('a'+w))
				assert.NoError(t, s.PutWithTTL(key, []int{i}, 0))
				md := store.NewMetadata()
				md.AddTag("t")
				md.SetProperty("i", i)
				assert.NoError(t, s.SetMetadata(key, md))
				_ = s.ExportAll()
				_ = s.FindKeyCollisions(other)
				_ = other.FindKeyCollisions(s)
				_, _, _ = s.CopyFromWithOverwrite(other)
				_, _, _ = other.CopyFromWithOverwrite(s)
				_ = store.CloneFrom(s)
			}
		})
	}
	wg.Wait()
	assert.Equal(t, []string{"ka", "kb", "kc", "kd", "shared"}, s.ListKeys())
	assert.Equal(t, s.ListKeys(), other.ListKeys())
}
