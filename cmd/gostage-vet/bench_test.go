package main

import (
	"fmt"
	"testing"
)

// benchModule returns a module of 20 packages: 5 declare keys, with
// their generated code, and 15 legacy packages spell keys of them as
// strings without importing them.
func benchModule() map[string]string {
	files := make(map[string]string)
	for i := range 5 {
		files[fmt.Sprintf("keys%d/keys.go", i)] = fmt.Sprintf(`package keys%d

// K%d is a group of keys.
//
//gostage:keys
type K%d struct {
	ID    int
	Name  string
	Roles []string
	Score float64
}
`, i, i, i)
	}
	for i := range 15 {
		k := i % 5
		files[fmt.Sprintf("legacy%d/legacy.go", i)] = fmt.Sprintf(`package legacy%d

import "github.com/gostage/gostage/runtime/store"

// Touch reads and writes keys of keys%d by their strings.
func Touch(s *store.KVStore) error {
	id, err := store.Get[int](s, "k%d.id")
	if err != nil {
		return err
	}
	if err := s.Put("k%d.name", "n"); err != nil {
		return err
	}
	_ = s.Delete("k%d.roles")
	return s.Put("k%d.score", float64(id))
}
`, i, k, k, k, k, k)
	}
	return files
}

// BenchmarkVetModule runs gostage-vet ./... on benchModule next to plain
// go vet ./... on the same module, which is what the tool should be
// measured against: both are go vet runs over the module, with a warm
// build cache.
func BenchmarkVetModule(b *testing.B) {
	dir := newModule(b, benchModule())
	vet, _ := buildTools(b)
	b.Run("gostage-vet", func(b *testing.B) {
		for b.Loop() {
			if out, code := runIn(b, dir, vet, "./..."); code != exitFindings {
				b.Fatalf("gostage-vet exited %d:\n%s", code, out)
			}
		}
	})
	b.Run("go-vet", func(b *testing.B) {
		for b.Loop() {
			if out, code := runIn(b, dir, "go", "vet", "./..."); code != 0 {
				b.Fatalf("go vet exited %d:\n%s", code, out)
			}
		}
	})
}
