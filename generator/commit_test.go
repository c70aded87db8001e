package generator

import (
	"errors"
	"go/token"
	"os"
	"path/filepath"
	"testing"

	"github.com/gostage/gostage/generator/model"
)

func TestCommitWritesNothingWhenAnyPackageHasProblems(t *testing.T) {
	dir := t.TempDir()
	good := Result{PkgPath: "m/a", OutputPath: filepath.Join(dir, "a_gen.go"), Content: []byte("package a\n")}
	bad := Result{PkgPath: "m/b", OutputPath: filepath.Join(dir, "b_gen.go"), Diagnostics: []model.Diagnostic{{Pos: token.Position{Filename: "b/b.go", Line: 1, Column: 1}, Message: "bad"}}}

	if written, err := Commit([]Result{good, bad}); !errors.Is(err, ErrDiagnostics) || len(written) != 0 {
		t.Fatalf("Commit = %v, %v; want nothing written and ErrDiagnostics", written, err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("files written despite problems: %v", entries)
	}
}

func TestCommitReplacesOnlyChangedFiles(t *testing.T) {
	dir := t.TempDir()
	same := Result{OutputPath: filepath.Join(dir, "same.go"), Content: []byte("package same\n")}
	changed := Result{OutputPath: filepath.Join(dir, "changed.go"), Content: []byte("package changed\n\nvar X = 2\n")}
	if err := os.WriteFile(same.OutputPath, same.Content, 0o644); err != nil {
		t.Fatal(err)
	}
	// A file the user made private stays private.
	if err := os.WriteFile(changed.OutputPath, []byte("package changed\n"), 0o600); err != nil {
		t.Fatal(err)
	}

	written, err := Commit([]Result{same, changed})

	if err != nil || len(written) != 1 || written[0] != changed.OutputPath {
		t.Fatalf("Commit = %v, %v; want only %s", written, err, changed.OutputPath)
	}
	if got, _ := os.ReadFile(changed.OutputPath); string(got) != string(changed.Content) {
		t.Errorf("changed.go = %q", got)
	}
	if fi, err := os.Stat(changed.OutputPath); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("changed.go mode = %v (%v), want 0600", fi.Mode().Perm(), err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("left behind: %v", entries)
	}
}
