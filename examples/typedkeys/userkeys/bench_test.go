package userkeys_test

import (
	"testing"

	"github.com/gostage/gostage/examples/typedkeys/userkeys"
	"github.com/gostage/gostage/runtime/store"
)

func filled(b testing.TB) *store.KVStore {
	s := store.NewKVStore()
	if err := userkeys.UserIDKey.Put(s, 42); err != nil {
		b.Fatal(err)
	}
	return s
}

var sink int

// BenchmarkGet compares reads of one key through the generated accessors
// with the hand-written store.Get and a string literal they replace.
func BenchmarkGet(b *testing.B) {
	s := filled(b)
	b.Run("handwritten", func(b *testing.B) {
		for b.Loop() {
			v, _ := store.Get[int](s, "user.id")
			sink += v
		}
	})
	b.Run("key", func(b *testing.B) {
		for b.Loop() {
			v, _ := userkeys.UserIDKey.Get(s)
			sink += v
		}
	})
	b.Run("view", func(b *testing.B) {
		for b.Loop() {
			v, _ := userkeys.UserOf(s).ID()
			sink += v
		}
	})
}

func TestGeneratedGetDoesNotAllocate(t *testing.T) {
	s := filled(t)
	allocs := testing.AllocsPerRun(100, func() {
		v, _ := userkeys.UserOf(s).ID()
		sink += v
	})
	if allocs != 0 {
		t.Errorf("UserOf(s).ID() allocates %v times", allocs)
	}
}
