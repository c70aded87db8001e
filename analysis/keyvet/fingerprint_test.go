package keyvet

import (
	"os"
	"path/filepath"
	"testing"
)

// TestModuleFingerprint checks what changes the fingerprint: a file of a
// key package or of a package it imports, and any import; and what does
// not, so that go vet's cache still serves the rest: the body of a
// package no key package imports.
func TestModuleFingerprint(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) {
		t.Helper()
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module fp\n\ngo 1.26.0\n")
	write("ship/ship.go", "package ship\n\ntype Carrier string\n\nconst Post Carrier = \"post\"\n")
	write("keys/keys.go", "package keys\n\nimport \"fp/ship\"\n\n//gostage:keys\ntype Order struct {\n\tCarrier ship.Carrier `gostage:\"default=ship.Post\"`\n}\n")
	write("legacy/legacy.go", "package legacy\n\nfunc F() int { return 1 }\n")

	base := ModuleFingerprint(filepath.Join(dir, "legacy"))
	if base == "" || base != ModuleFingerprint(dir) {
		t.Fatalf("fingerprint %q from legacy/, %q from the root: want one, not empty", base, ModuleFingerprint(dir))
	}
	step := func(what string, changes bool, edit func()) {
		t.Helper()
		edit()
		got := ModuleFingerprint(dir)
		if (got != base) != changes {
			t.Errorf("%s: fingerprint changed = %v, want %v", what, got != base, changes)
		}
		base = got
	}
	step("a body of legacy", false, func() { write("legacy/legacy.go", "package legacy\n\nfunc F() int { return 2 }\n") })
	step("an import of legacy", true, func() { write("legacy/legacy.go", "package legacy\n\nimport _ \"fp/ship\"\n") })
	step("a key", true, func() {
		write("keys/keys.go", "package keys\n\nimport \"fp/ship\"\n\n//gostage:keys\ntype Order struct {\n\tCarrier ship.Carrier `gostage:\"default=ship.Post\"`\n\tNote string\n}\n")
	})
	step("a constant a default names", true, func() {
		write("ship/ship.go", "package ship\n\ntype Carrier string\n\nconst Post Carrier = \"mail\"\n")
	})
	if got := ModuleFingerprint(t.TempDir()); got != "" {
		t.Errorf("outside a module: %q, want empty", got)
	}
}
