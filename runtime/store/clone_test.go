package store_test

import (
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gostage/gostage/runtime/store"
)

type node struct {
	Name     string
	Children []*node
	Parent   *node
	Attrs    map[string][]string
	hidden   []int // unexported fields are copied too
	When     time.Time
}

func TestCloneIsDeep(t *testing.T) {
	s := store.NewKVStore()
	root := &node{Name: "root", Attrs: map[string][]string{"k": {"v"}}, hidden: []int{1}, When: time.Now()}
	child := &node{Name: "child", Parent: root}
	root.Children = []*node{child}
	require.NoError(t, s.Put("tree", root))
	require.NoError(t, s.Put("list", []string{"a"}))
	require.NoError(t, s.Put("map", map[string]int{"a": 1}))
	require.NoError(t, s.Put("any", []any{map[string]int{"a": 1}}))
	require.NoError(t, s.PutWithMetadata("meta", 1, &store.Metadata{Tags: []string{"t"}, Properties: map[string]any{"p": []int{1}}}))

	c := s.Clone()

	// Change everything reachable from the clone.
	cRoot, err := store.Get[*node](c, "tree")
	require.NoError(t, err)
	require.NotSame(t, root, cRoot)
	assert.Same(t, cRoot, cRoot.Children[0].Parent, "the cycle keeps its shape")
	assert.True(t, root.When.Equal(cRoot.When))
	cRoot.Name = "changed"
	cRoot.Children[0].Name = "changed"
	cRoot.Attrs["k"][0] = "changed"
	cRoot.hidden[0] = 99
	list, _ := store.Get[[]string](c, "list")
	list[0] = "changed"
	m, _ := store.Get[map[string]int](c, "map")
	m["a"] = 99
	anys, _ := store.Get[[]any](c, "any")
	anys[0].(map[string]int)["a"] = 99
	require.NoError(t, c.AddTag("meta", "u"))
	require.NoError(t, c.SetProperty("meta", "q", 1))

	// The original is as it was.
	assert.Equal(t, "root", root.Name)
	assert.Equal(t, "child", child.Name)
	assert.Equal(t, "v", root.Attrs["k"][0])
	assert.Equal(t, 1, root.hidden[0])
	l, _ := store.Get[[]string](s, "list")
	assert.Equal(t, []string{"a"}, l)
	om, _ := store.Get[map[string]int](s, "map")
	assert.Equal(t, 1, om["a"])
	oa, _ := store.Get[[]any](s, "any")
	assert.Equal(t, 1, oa[0].(map[string]int)["a"])
	md, err := s.GetMetadata("meta")
	require.NoError(t, err)
	assert.Equal(t, []string{"t"}, md.Tags)
	assert.Equal(t, map[string]any{"p": []int{1}}, md.Properties)
}

func TestCloneKeepsTTLAndMetadata(t *testing.T) {
	s, clock := clockedStore()
	require.NoError(t, s.PutWithTTLAndMetadata("k", 1, time.Minute, &store.Metadata{Tags: []string{"t"}}))
	c := s.Clone()
	assert.True(t, tagged(t, c, "k", "t"))
	clock.advance(time.Minute)
	assert.False(t, c.Has("k"), "the clone's entry expires with the original's")
}

func TestMergeStrategies(t *testing.T) {
	tests := []struct {
		strategy   store.MergeStrategy
		wantErr    bool
		wantShared int // the target's value of "shared" after the merge
		wantKeys   []string
	}{
		{store.Skip, false, 1, []string{"only.source", "only.target", "shared"}},
		{store.Overwrite, false, 2, []string{"only.source", "only.target", "shared"}},
		{store.Error, true, 1, []string{"only.target", "shared"}},
	}
	for _, tt := range tests {
		t.Run(tt.strategy.String(), func(t *testing.T) {
			target, source := store.NewKVStore(), store.NewKVStore()
			require.NoError(t, target.Put("shared", 1))
			require.NoError(t, target.Put("only.target", 1))
			require.NoError(t, source.Put("shared", 2))
			require.NoError(t, source.Put("only.source", 2))

			collisions, err := target.Merge(source, tt.strategy)
			assert.Equal(t, []string{"shared"}, collisions)
			if tt.wantErr {
				require.ErrorIs(t, err, store.ErrCollision)
				assert.Contains(t, err.Error(), `"shared"`)
			} else {
				require.NoError(t, err)
			}
			v, err := store.Get[int](target, "shared")
			require.NoError(t, err)
			assert.Equal(t, tt.wantShared, v)
			assert.Equal(t, tt.wantKeys, target.ListKeys())
		})
	}
}

func TestMergeCopiesDeeplyWithMetadata(t *testing.T) {
	target, source := store.NewKVStore(), store.NewKVStore()
	list := []int{1}
	require.NoError(t, source.PutWithMetadata("k", list, &store.Metadata{Tags: []string{"t"}}))
	_, err := target.Merge(source, store.Skip)
	require.NoError(t, err)
	list[0] = 99
	got, err := store.Get[[]int](target, "k")
	require.NoError(t, err)
	assert.Equal(t, []int{1}, got)
	assert.True(t, tagged(t, target, "k", "t"))
}

func TestMergeRefusesBadInput(t *testing.T) {
	s := store.NewKVStore()
	_, err := s.Merge(nil, store.Skip)
	assert.Error(t, err)
	_, err = s.Merge(store.NewKVStore(), store.MergeStrategy(7))
	assert.ErrorContains(t, err, "MergeStrategy(7)")
	_, err = s.CopyFrom(nil)
	assert.Error(t, err)
}

func TestCopyFromCopiesOnlyAbsentKeys(t *testing.T) {
	target, source := store.NewKVStore(), store.NewKVStore()
	require.NoError(t, target.Put("a", 1))
	require.NoError(t, source.Put("a", 2))
	require.NoError(t, source.Put("b", 2))
	n, err := target.CopyFrom(source)
	require.NoError(t, err)
	assert.Equal(t, 1, n)
	a, _ := store.Get[int](target, "a")
	b, _ := store.Get[int](target, "b")
	assert.Equal(t, 1, a)
	assert.Equal(t, 2, b)
}

func TestSelfMergeAndCrossMergeDoNotDeadlock(t *testing.T) {
	a, b := store.NewKVStore(), store.NewKVStore()
	for i := range 100 {
		require.NoError(t, a.Put("a"+string(rune('0'+i%10))+string(rune(i)), i))
		require.NoError(t, b.Put("b"+string(rune('0'+i%10))+string(rune(i)), i))
	}
	n, err := a.CopyFrom(a)
	require.NoError(t, err)
	assert.Zero(t, n)
	collisions, err := a.Merge(a, store.Overwrite)
	require.NoError(t, err)
	assert.Len(t, collisions, 100)

	var wg sync.WaitGroup
	for range 50 {
		wg.Go(func() { _, _ = a.Merge(b, store.Overwrite) })
		wg.Go(func() { _, _ = b.Merge(a, store.Skip) })
		wg.Go(func() { _, _ = a.CopyFrom(b) })
		wg.Go(func() { _, _ = b.CopyFrom(a) })
	}
	wg.Wait()
	assert.Equal(t, 200, a.Count())
	assert.Equal(t, 200, b.Count())
}

// TestCloneSharesImmutableRuntimeValues stores values that point into data
// the runtime owns: type descriptors and time zones. Copying them would make
// the clone's reflect.Type crash the program on its first method call, and
// its *time.Location an orphan that no longer compares equal to time.UTC.
func TestCloneSharesImmutableRuntimeValues(t *testing.T) {
	type holder struct {
		Type  reflect.Type
		Value reflect.Value
		Loc   *time.Location
	}
	s := store.NewKVStore()
	require.NoError(t, s.Put("type", reflect.TypeFor[int]()))
	require.NoError(t, s.Put("types", map[string]any{"string": reflect.TypeFor[string]()}))
	require.NoError(t, s.Put("holder", &holder{Type: reflect.TypeFor[node](), Value: reflect.ValueOf(42), Loc: time.UTC}))
	require.NoError(t, s.Put("loc", time.UTC))

	c := s.Clone()

	typ, err := store.Get[reflect.Type](c, "type")
	require.NoError(t, err)
	assert.Equal(t, "int", typ.String())
	assert.True(t, typ == reflect.TypeFor[int](), "a type descriptor is shared, not copied")
	types, err := store.Get[map[string]any](c, "types")
	require.NoError(t, err)
	assert.Equal(t, "string", types["string"].(reflect.Type).String())
	h, err := store.Get[*holder](c, "holder")
	require.NoError(t, err)
	assert.Equal(t, "store_test.node", h.Type.String())
	assert.Equal(t, 42, int(h.Value.Int()))
	assert.Same(t, time.UTC, h.Loc)
	loc, err := store.Get[*time.Location](c, "loc")
	require.NoError(t, err)
	assert.Same(t, time.UTC, loc)
	assert.Equal(t, "UTC", time.Unix(0, 0).In(loc).Location().String())
}

// TestEveryCallCopesWithNils stores every kind of nil, through every kind
// of write, as values and as properties, and runs every call over them.
func TestEveryCallCopesWithNils(t *testing.T) {
	type withNils struct {
		P *node
		M map[string]int
		S []int
		I any
		F func()
		C chan int
	}
	nils := map[string]any{
		"untyped":   nil,
		"pointer":   (*node)(nil),
		"map":       map[string]int(nil),
		"slice":     []int(nil),
		"error":     error(nil),
		"func":      (func())(nil),
		"chan":      (chan int)(nil),
		"struct":    withNils{},
		"ptrstruct": &withNils{},
		"anys":      []any{nil, (*node)(nil)},
	}
	s := store.NewKVStore()
	ptrKey := store.NewKey[*node]("key.pointer", store.WithTTL(time.Hour), store.WithTags("t"))
	require.NoError(t, ptrKey.Put(s, nil))
	for name, v := range nils {
		require.NoError(t, s.Put("plain."+name, v))
		require.NoError(t, s.PutWithTTL("ttl."+name, v, time.Hour))
		require.NoError(t, s.PutWithTTLAndMetadata("meta."+name, v, time.Hour, &store.Metadata{Properties: map[string]any{"p": v}}))
		require.NoError(t, s.SetProperty("plain."+name, "p", v))
		_, err := s.GetProperty("plain."+name, "p")
		require.NoError(t, err)
		_, err = store.Get[any](s, "plain."+name)
		require.NoError(t, err, name)
	}
	n := s.Count()
	c := s.Clone()
	assert.Equal(t, s.ListKeys(), c.ListKeys())
	other := store.NewKVStore()
	_, err := other.Merge(c, store.Overwrite)
	require.NoError(t, err)
	copied, err := store.NewKVStore().CopyFrom(s)
	require.NoError(t, err)
	assert.Equal(t, n, copied)
	assert.NotEmpty(t, s.FindKeysByProperty("p", nil))
	assert.NotEmpty(t, store.KeysByType[*node](s))
	assert.NotEmpty(t, s.FindKeysByTag("t"))
	p, err := ptrKey.Get(c)
	require.NoError(t, err)
	assert.Nil(t, p)
	for _, k := range s.ListKeys() {
		_, err := s.GetMetadata(k)
		require.NoError(t, err)
		assert.True(t, s.Delete(k), k)
	}
	assert.Zero(t, s.Count())
}
