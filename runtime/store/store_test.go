package store_test

import (
	"errors"
	"fmt"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gostage/gostage/runtime/store"
)

type userConfig struct {
	Timeout int
	Retries int
}

func TestGuideOperations(t *testing.T) {
	s := store.NewKVStore()
	require.NoError(t, s.Put("user.id", 123))
	require.NoError(t, s.Put("user.name", "Alice"))
	require.NoError(t, s.Put("user.roles", []string{"admin", "editor"}))
	require.NoError(t, s.Put("user.config", userConfig{Timeout: 30, Retries: 3}))

	id, err := store.Get[int](s, "user.id")
	require.NoError(t, err)
	assert.Equal(t, 123, id)

	roles, err := store.Get[[]string](s, "user.roles")
	require.NoError(t, err)
	assert.Equal(t, []string{"admin", "editor"}, roles)

	cfg, err := store.Get[userConfig](s, "user.config")
	require.NoError(t, err)
	assert.Equal(t, userConfig{Timeout: 30, Retries: 3}, cfg)

	level, err := store.GetOrDefault[string](s, "log.level", "info")
	require.NoError(t, err)
	assert.Equal(t, "info", level)

	assert.True(t, s.Delete("user.roles"))
	assert.False(t, s.Delete("user.roles"), "a second delete removes nothing")
	assert.False(t, s.Has("user.roles"))
}

func TestGetTypes(t *testing.T) {
	s := store.NewKVStore()
	require.NoError(t, s.Put("int", 1))
	require.NoError(t, s.Put("err", io.EOF))
	require.NoError(t, s.Put("stringer", stringer("x")))

	tests := []struct {
		name     string
		get      func() (any, error)
		want     any
		mismatch string // the error text when the read is a mismatch
	}{
		{"concrete type", func() (any, error) { return store.Get[int](s, "int") }, 1, ""},
		{"any holds everything", func() (any, error) { return store.Get[any](s, "int") }, 1, ""},
		{"implemented interface", func() (any, error) { return store.Get[error](s, "err") }, io.EOF, ""},
		{"fmt.Stringer", func() (any, error) { return store.Get[fmt.Stringer](s, "stringer") }, stringer("x"), ""},
		{"int is not int64", func() (any, error) { return store.Get[int64](s, "int") }, int64(0),
			`store: key "int": type mismatch: holds int, not int64`},
		{"unimplemented interface", func() (any, error) { return store.Get[error](s, "int") }, error(nil),
			`store: key "int": type mismatch: holds int, not error`},
		{"struct is not its pointer", func() (any, error) { return store.Get[*stringer](s, "stringer") }, (*stringer)(nil),
			`store: key "stringer": type mismatch: holds store_test.stringer, not *store_test.stringer`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.get()
			if tt.mismatch != "" {
				require.ErrorIs(t, err, store.ErrTypeMismatch)
				assert.EqualError(t, err, tt.mismatch)
			} else {
				require.NoError(t, err)
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

// stringer is a type that implements fmt.Stringer, for reads through an
// interface.
type stringer string

func (s stringer) String() string { return string(s) }

func TestNotFoundNamesKey(t *testing.T) {
	s := store.NewKVStore()
	_, err := store.Get[int](s, "user.id")
	require.ErrorIs(t, err, store.ErrNotFound)
	assert.EqualError(t, err, `store: key "user.id": not found`)
	assert.False(t, errors.Is(err, store.ErrTypeMismatch))
}

func TestGetOrDefaultMismatchIsAnError(t *testing.T) {
	s := store.NewKVStore()
	require.NoError(t, s.Put("log.level", 3))
	v, err := store.GetOrDefault[string](s, "log.level", "info")
	require.ErrorIs(t, err, store.ErrTypeMismatch)
	assert.Equal(t, "info", v)
}

func TestOverwriteChangesType(t *testing.T) {
	s := store.NewKVStore()
	require.NoError(t, s.Put("k", 1))
	require.NoError(t, s.Put("k", "one"))
	v, err := store.Get[string](s, "k")
	require.NoError(t, err)
	assert.Equal(t, "one", v)
	_, err = store.Get[int](s, "k")
	assert.ErrorIs(t, err, store.ErrTypeMismatch)
}

func TestEmptyKeyIsRefused(t *testing.T) {
	s := store.NewKVStore()
	err := s.Put("", 1)
	require.ErrorIs(t, err, store.ErrInvalidKey)
	assert.Equal(t, 0, s.Count(), "nothing is stored")
}

func TestNilValues(t *testing.T) {
	type profile struct{ Name string }
	s := store.NewKVStore()
	require.NoError(t, s.Put("nil", nil))
	require.NoError(t, s.Put("nil.ptr", (*profile)(nil)))
	require.NoError(t, s.Put("nil.map", map[string]int(nil)))
	require.NoError(t, s.Put("nil.slice", []int(nil)))
	require.NoError(t, s.PutWithMetadata("nil.meta", nil, nil))

	p, err := store.Get[*profile](s, "nil")
	require.NoError(t, err, "a stored nil reads as the nil of a pointer type")
	assert.Nil(t, p)
	a, err := store.Get[any](s, "nil")
	require.NoError(t, err)
	assert.Nil(t, a)
	_, err = store.Get[int](s, "nil")
	require.ErrorIs(t, err, store.ErrTypeMismatch)
	assert.EqualError(t, err, `store: key "nil": type mismatch: holds nil, not int`)

	p, err = store.Get[*profile](s, "nil.ptr")
	require.NoError(t, err)
	assert.Nil(t, p)
	m, err := store.Get[map[string]int](s, "nil.map")
	require.NoError(t, err)
	assert.Nil(t, m)

	// Every call that walks values copes with nils.
	c := s.Clone()
	assert.Equal(t, s.ListKeys(), c.ListKeys())
	assert.Len(t, store.KeysByType[*profile](s), 1)
	_, err = s.Merge(c, store.Overwrite)
	require.NoError(t, err)
	n, err := c.CopyFrom(s)
	require.NoError(t, err)
	assert.Zero(t, n)
	assert.Equal(t, 5, s.Count())
	assert.True(t, s.Delete("nil"))
}

func TestListCountClearKeysByType(t *testing.T) {
	s := store.NewKVStore()
	for _, k := range []string{"c", "a", "b"} {
		require.NoError(t, s.Put(k, k))
	}
	require.NoError(t, s.Put("n", 1))
	assert.Equal(t, []string{"a", "b", "c", "n"}, s.ListKeys())
	assert.Equal(t, 4, s.Count())
	assert.Equal(t, []string{"a", "b", "c"}, store.KeysByType[string](s))
	assert.Equal(t, []string{"n"}, store.KeysByType[int](s))
	assert.Equal(t, []string{"a", "b", "c", "n"}, store.KeysByType[any](s))
	assert.Empty(t, store.KeysByType[error](s))
	s.Clear()
	assert.Zero(t, s.Count())
	assert.Empty(t, s.ListKeys())
}

func TestGetDoesNotAllocate(t *testing.T) {
	s := store.NewKVStore()
	require.NoError(t, s.Put("n", 1000))
	require.NoError(t, s.Put("cfg", userConfig{Timeout: 1}))
	require.NoError(t, s.Put("err", io.EOF))
	key := store.NewKey[int]("n")
	allocs := testing.AllocsPerRun(100, func() {
		_, _ = store.Get[int](s, "n")
		_, _ = store.Get[userConfig](s, "cfg")
		_, _ = store.Get[error](s, "err")
		_, _ = key.Get(s)
		_ = s.Has("n")
	})
	assert.Zero(t, allocs)
}
