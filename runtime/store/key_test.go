package store_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gostage/gostage/runtime/store"
)

func TestKeyReadsAndWrites(t *testing.T) {
	s := store.NewKVStore()
	id := store.NewKey[int]("user.id", store.WithDescription("the user's id"))
	assert.Equal(t, "user.id", id.Name())
	assert.Equal(t, "user.id", id.String())
	assert.Equal(t, "the user's id", id.Description())

	_, err := id.Get(s)
	require.ErrorIs(t, err, store.ErrNotFound)
	assert.False(t, id.Has(s))
	assert.Equal(t, 7, id.GetOr(s, 7))

	require.NoError(t, id.Put(s, 42))
	v, err := id.Get(s)
	require.NoError(t, err)
	assert.Equal(t, 42, v)
	v, err = store.Get[int](s, "user.id")
	require.NoError(t, err, "a key's value is an ordinary entry")
	assert.Equal(t, 42, v)
	v, err = id.GetOrDefault(s, 7)
	require.NoError(t, err)
	assert.Equal(t, 42, v)

	md, err := s.GetMetadata("user.id")
	require.NoError(t, err)
	assert.Equal(t, "the user's id", md.Description, "Put gives the entry the key's description")

	assert.True(t, id.Delete(s))
	assert.False(t, id.Delete(s))
}

func TestKeyMismatchWithStringWrite(t *testing.T) {
	s := store.NewKVStore()
	id := store.NewKey[int]("user.id")
	require.NoError(t, s.Put("user.id", "42"))
	_, err := id.Get(s)
	require.ErrorIs(t, err, store.ErrTypeMismatch)
	assert.EqualError(t, err, `store: key "user.id": type mismatch: holds string, not int`)
	assert.Equal(t, 7, id.GetOr(s, 7), "GetOr falls back on a mismatch")
	_, err = id.GetOrDefault(s, 7)
	assert.ErrorIs(t, err, store.ErrTypeMismatch)
}

func TestKeyDefault(t *testing.T) {
	s := store.NewKVStore()
	status := store.NewKey[string]("user.status").WithDefault("pending")
	v, err := status.Get(s)
	require.NoError(t, err, "a key with a default reads it while missing")
	assert.Equal(t, "pending", v)
	assert.False(t, status.Has(s), "a default is not a value")
	def, ok := status.Default()
	assert.True(t, ok)
	assert.Equal(t, "pending", def)

	require.NoError(t, status.Put(s, "active"))
	v, err = status.Get(s)
	require.NoError(t, err)
	assert.Equal(t, "active", v)

	plain := store.NewKey[string]("user.status")
	_, ok = plain.Default()
	assert.False(t, ok, "WithDefault returns a copy")
}

func TestKeySave(t *testing.T) {
	s := store.NewKVStore()
	status := store.NewKey[string]("order.status").WithDefault("new")
	require.NoError(t, status.Put(s, "paid"))
	require.NoError(t, status.Save(s, ""), "a zero value of a key with a default")
	assert.False(t, status.Has(s), "Save of a zero value removes a key with a default")
	v, err := status.Get(s)
	require.NoError(t, err)
	assert.Equal(t, "new", v, "the key reads as its default again")

	require.NoError(t, status.Save(s, "paid"))
	v, err = status.Get(s)
	require.NoError(t, err)
	assert.Equal(t, "paid", v, "Save of any other value stores it")

	require.NoError(t, status.Put(s, ""))
	v, err = status.Get(s)
	require.NoError(t, err)
	assert.Equal(t, "", v, "Put stores the zero value even over a default")

	count := store.NewKey[int]("order.count")
	require.NoError(t, count.Save(s, 0))
	assert.True(t, count.Has(s), "without a default, Save stores the zero value as Put does")
	n, err := count.Get(s)
	require.NoError(t, err)
	assert.Equal(t, 0, n)

	cfg := store.NewKey[any]("order.cfg").WithDefault([]int{1})
	require.NoError(t, cfg.Save(s, []int{2}), "a value of an incomparable type under an interface type")
	assert.True(t, cfg.Has(s))
	require.NoError(t, cfg.Save(s, nil))
	assert.False(t, cfg.Has(s), "a nil interface is the zero value")
}

func TestKeyTTLAndTags(t *testing.T) {
	s, clock := clockedStore()
	roles := store.NewKey[[]string]("user.roles", store.WithTTL(10*time.Minute), store.WithTags("auth", "pii"))
	assert.Equal(t, 10*time.Minute, roles.TTL())
	tags := roles.Tags()
	tags[0] = "changed"
	assert.Equal(t, []string{"auth", "pii"}, roles.Tags(), "Tags returns a copy")

	require.NoError(t, roles.Put(s, []string{"admin"}))
	require.NoError(t, s.AddTag("user.roles", "extra"))
	require.NoError(t, roles.Put(s, []string{"admin", "editor"}))
	md, err := s.GetMetadata("user.roles")
	require.NoError(t, err)
	assert.Equal(t, []string{"auth", "pii", "extra"}, md.Tags, "a Put keeps tags added since")
	assert.Equal(t, []string{"user.roles"}, s.FindKeysByAllTags([]string{"auth", "pii"}))

	clock.advance(10 * time.Minute)
	assert.False(t, roles.Has(s), "the key's TTL applies")
}

func TestNewKeyRefusesBadDeclarations(t *testing.T) {
	assert.PanicsWithValue(t, "store: NewKey: empty key name", func() { store.NewKey[int]("") })
	assert.Panics(t, func() { store.NewKey[int]("k", store.WithTTL(-time.Second)) })
}

// TestKeyGetCases reads keys with and without defaults in every state an
// entry can be in.
func TestKeyGetCases(t *testing.T) {
	plain := store.NewKey[int]("k")
	withDefault := store.NewKey[int]("k").WithDefault(7)
	anyKey := store.NewKey[any]("k")
	stringerKey := store.NewKey[fmt.Stringer]("k")
	type state func(s *store.KVStore, clock *fakeClock)
	missing := func(*store.KVStore, *fakeClock) {}
	expired := func(s *store.KVStore, clock *fakeClock) {
		require.NoError(t, s.PutWithTTL("k", 1, time.Second))
		clock.advance(time.Second)
	}
	holds := func(v any) state {
		return func(s *store.KVStore, _ *fakeClock) { require.NoError(t, s.Put("k", v)) }
	}
	tests := []struct {
		name    string
		state   state
		get     func(s *store.KVStore) (any, error)
		want    any
		wantErr error
	}{
		{"plain missing", missing, func(s *store.KVStore) (any, error) { return plain.Get(s) }, 0, store.ErrNotFound},
		{"plain expired", expired, func(s *store.KVStore) (any, error) { return plain.Get(s) }, 0, store.ErrNotFound},
		{"default missing", missing, func(s *store.KVStore) (any, error) { return withDefault.Get(s) }, 7, nil},
		{"default expired", expired, func(s *store.KVStore) (any, error) { return withDefault.Get(s) }, 7, nil},
		{"default present", holds(3), func(s *store.KVStore) (any, error) { return withDefault.Get(s) }, 3, nil},
		{"default mismatch", holds("3"), func(s *store.KVStore) (any, error) { return withDefault.Get(s) }, 0, store.ErrTypeMismatch},
		{"default stored nil", holds(nil), func(s *store.KVStore) (any, error) { return withDefault.Get(s) }, 0, store.ErrTypeMismatch},
		{"GetOrDefault over the default", missing, func(s *store.KVStore) (any, error) { return withDefault.GetOrDefault(s, 9) }, 9, nil},
		{"GetOr of a mismatch", holds("3"), func(s *store.KVStore) (any, error) { return withDefault.GetOr(s, 9), nil }, 9, nil},
		{"any reads an int", holds(3), func(s *store.KVStore) (any, error) { return anyKey.Get(s) }, 3, nil},
		{"any reads a nil", holds(nil), func(s *store.KVStore) (any, error) { return anyKey.Get(s) }, nil, nil},
		{"interface reads an implementation", holds(stringer("x")), func(s *store.KVStore) (any, error) { return stringerKey.Get(s) }, stringer("x"), nil},
		{"interface refuses the rest", holds(3), func(s *store.KVStore) (any, error) { return stringerKey.Get(s) }, nil, store.ErrTypeMismatch},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, clock := clockedStore()
			tt.state(s, clock)
			got, err := tt.get(s)
			if tt.wantErr != nil {
				require.ErrorIs(t, err, tt.wantErr)
				assert.Contains(t, err.Error(), `"k"`, "the error names the key")
			} else {
				require.NoError(t, err)
			}
			if tt.want == nil {
				assert.Nil(t, got)
			} else {
				assert.Equal(t, tt.want, got)
			}
		})
	}
}
