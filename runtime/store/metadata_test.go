package store_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gostage/gostage/runtime/store"
)

func TestMetadataIsKeptOnOverwrite(t *testing.T) {
	s, clock := clockedStore()
	created := time.Unix(0, clock.now())
	md := &store.Metadata{Tags: []string{"pii"}, Description: "the user's name"}
	require.NoError(t, s.PutWithMetadata("user.name", "Alice", md))
	clock.advance(time.Second)
	require.NoError(t, s.Put("user.name", "Bob"))

	got, err := s.GetMetadata("user.name")
	require.NoError(t, err)
	assert.Equal(t, []string{"pii"}, got.Tags)
	assert.Equal(t, "the user's name", got.Description)
	assert.Equal(t, created, got.CreatedAt)
	assert.Equal(t, created.Add(time.Second), got.UpdatedAt)

	require.NoError(t, s.PutWithMetadata("user.name", "Carol", &store.Metadata{Tags: []string{"new"}}))
	got, err = s.GetMetadata("user.name")
	require.NoError(t, err)
	assert.Equal(t, []string{"new"}, got.Tags, "new metadata replaces the old")
	assert.Empty(t, got.Description)
	assert.Equal(t, created, got.CreatedAt, "the key was never absent")
}

func TestMetadataCopiesCannotChangeStore(t *testing.T) {
	s := store.NewKVStore()
	md := &store.Metadata{Tags: []string{"a"}, Properties: map[string]any{"list": []int{1}}}
	require.NoError(t, s.PutWithMetadata("k", 1, md))

	// Changing what was handed in changes nothing.
	md.Tags[0] = "changed"
	md.Properties["list"].([]int)[0] = 99
	md.Properties["extra"] = true

	// Nor does changing what was handed out.
	got, err := s.GetMetadata("k")
	require.NoError(t, err)
	got.Tags = append(got.Tags[:0], "out")
	got.Properties["extra"] = true
	prop, err := s.GetProperty("k", "list")
	require.NoError(t, err)
	prop.([]int)[0] = 42

	again, err := s.GetMetadata("k")
	require.NoError(t, err)
	assert.Equal(t, []string{"a"}, again.Tags)
	assert.Equal(t, map[string]any{"list": []int{1}}, again.Properties)
}

func TestTagsAndProperties(t *testing.T) {
	s := store.NewKVStore()
	require.NoError(t, s.Put("k", 1))
	require.NoError(t, s.AddTag("k", "a"))
	require.NoError(t, s.AddTag("k", "a"), "adding a tag twice keeps one")
	require.NoError(t, s.AddTag("k", "b"))
	assert.True(t, tagged(t, s, "k", "a"))
	md, err := s.GetMetadata("k")
	require.NoError(t, err)
	assert.Equal(t, []string{"a", "b"}, md.Tags)

	require.NoError(t, s.RemoveTag("k", "a"))
	require.NoError(t, s.RemoveTag("k", "missing"))
	assert.False(t, tagged(t, s, "k", "a"))

	require.NoError(t, s.SetProperty("k", "owner", "ops"))
	v, err := s.GetProperty("k", "owner")
	require.NoError(t, err)
	assert.Equal(t, "ops", v)
	_, err = s.GetProperty("k", "nope")
	require.ErrorIs(t, err, store.ErrNotFound)
	assert.EqualError(t, err, `store: key "k": property 'nope' not found`)

	for name, err := range map[string]error{
		"AddTag":      s.AddTag("missing", "a"),
		"RemoveTag":   s.RemoveTag("missing", "a"),
		"SetProperty": s.SetProperty("missing", "p", 1),
	} {
		assert.ErrorIs(t, err, store.ErrNotFound, name)
	}
	_, err = s.HasTag("missing", "a")
	assert.ErrorIs(t, err, store.ErrNotFound, "HasTag")
}

func TestFindKeys(t *testing.T) {
	s := store.NewKVStore()
	put := func(key string, tags []string, props map[string]any) {
		require.NoError(t, s.PutWithMetadata(key, key, &store.Metadata{Tags: tags, Properties: props}))
	}
	put("z", []string{"auth", "pii"}, map[string]any{"owner": "ops", "ids": []int{1}})
	put("a", []string{"auth"}, map[string]any{"owner": "ops"})
	put("m", []string{"pii"}, nil)
	require.NoError(t, s.Put("plain", 1))

	tests := []struct {
		name string
		got  []string
		want []string
	}{
		{"by tag", s.FindKeysByTag("auth"), []string{"a", "z"}},
		{"by unknown tag", s.FindKeysByTag("nope"), []string{}},
		{"by any tag", s.FindKeysByAnyTag([]string{"pii", "auth"}), []string{"a", "m", "z"}},
		{"by all tags", s.FindKeysByAllTags([]string{"pii", "auth"}), []string{"z"}},
		{"by property", s.FindKeysByProperty("owner", "ops"), []string{"a", "z"}},
		{"by incomparable property", s.FindKeysByProperty("ids", []int{1}), []string{"z"}},
		{"by property value of another type", s.FindKeysByProperty("owner", 1), []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.got)
		})
	}
}

// TestMetadataIsNeverShared changes every piece of metadata a caller gave
// or got, through every call that gives or returns it, and checks that the
// store, its clone and a merged store each keep their own.
func TestMetadataIsNeverShared(t *testing.T) {
	type owner struct{ Name string }
	s := store.NewKVStore()
	given := &owner{Name: "ops"}
	require.NoError(t, s.Put("k", 1))
	require.NoError(t, s.SetProperty("k", "owner", given))
	require.NoError(t, s.AddTag("k", "a"))
	given.Name = "changed after SetProperty"

	clone := s.Clone()
	merged := store.NewKVStore()
	_, err := merged.Merge(s, store.Skip)
	require.NoError(t, err)

	for name, st := range map[string]*store.KVStore{"store": s, "clone": clone, "merged": merged} {
		got, err := st.GetProperty("k", "owner")
		require.NoError(t, err, name)
		got.(*owner).Name = "changed through GetProperty of " + name
		md, err := st.GetMetadata("k")
		require.NoError(t, err, name)
		md.Tags[0] = "changed"
		md.Properties["owner"].(*owner).Name = "changed through GetMetadata of " + name
	}
	require.NoError(t, clone.AddTag("k", "clone only"))

	for name, st := range map[string]*store.KVStore{"store": s, "clone": clone, "merged": merged} {
		md, err := st.GetMetadata("k")
		require.NoError(t, err, name)
		assert.Equal(t, "ops", md.Properties["owner"].(*owner).Name, name)
		assert.Equal(t, "a", md.Tags[0], name)
		assert.Equal(t, name == "clone", tagged(t, st, "k", "clone only"), name)
	}
}

// tagged reports whether key of s is tagged tag, failing t when s has no
// live entry under key.
func tagged(t *testing.T, s *store.KVStore, key, tag string) bool {
	t.Helper()
	ok, err := s.HasTag(key, tag)
	require.NoError(t, err)
	return ok
}
