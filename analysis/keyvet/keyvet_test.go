package keyvet_test

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/gostage/gostage/analysis/keyvet"
)

// The test packages live in a module (testdata/src/go.mod) that replaces
// gostage with this repository, so that they and their fixed .golden
// versions use the real store and workflow packages.
func TestAnalyzer(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, filepath.Join(analysistest.TestData(), "src"), keyvet.Analyzer, "./...")
}

// TestGoldenBuilds checks that the fixed code compiles as it stands: the
// test module, with every file that has a .golden replaced by it, builds
// and passes go vet.
func TestGoldenBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	gocmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	src := filepath.Join(analysistest.TestData(), "src")
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	err = filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if _, err := os.Stat(path + ".golden"); err == nil {
			return nil // the .golden stands for it
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		switch {
		case rel == "go.mod":
			data = []byte(strings.Replace(string(data), "=> ../../../..", "=> "+root, 1))
		case strings.HasSuffix(rel, ".golden"):
			rel = strings.TrimSuffix(rel, ".golden")
		}
		out := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return err
		}
		return os.WriteFile(out, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(gocmd, "vet", "./...")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOPROXY=off", "GOFLAGS=")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("fixed test module does not build: %v\n%s", err, out)
	}
}
