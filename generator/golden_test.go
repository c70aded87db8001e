package generator_test

import (
	"bytes"
	"context"
	"flag"
	"go/format"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gostage/gostage/generator"
)

var update = flag.Bool("update", false, "re-record the want/ files of the testdata cases whose output builds and runs")

// A case is a folder of ../testdata: an input package main, and want/
// with either errors.txt (the expected diagnostics) or gostage_gen.go and
// output.txt (the generated file and what the program prints). Files named
// *.gosrc are copied as *.go: they hold Go that is broken on purpose, which
// would upset tools run over the repository.
type goldenCase struct {
	name string
	dir  string // the case's folder in testdata
	want string // its want folder
}

func cases(t *testing.T) []goldenCase {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(moduleRoot(t), "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	var cs []goldenCase
	for _, e := range entries {
		if e.IsDir() {
			dir := filepath.Join(moduleRoot(t), "testdata", e.Name())
			cs = append(cs, goldenCase{e.Name(), dir, filepath.Join(dir, "want")})
		}
	}
	return cs
}

func TestGolden(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	cs := cases(t)
	mod := newCaseModule(t)
	for _, c := range cs {
		mod.copyCase(t, c)
	}
	results, err := generator.Generate(context.Background(), generator.Options{Dir: mod.dir, Env: mod.env}, "./...")
	if err != nil {
		t.Fatal(err)
	}
	byCase := make(map[string]generator.Result)
	for _, r := range results {
		byCase[strings.TrimPrefix(r.PkgPath, caseModPath+"/")] = r
	}
	if _, err := generator.Commit(cleanOnly(results)); err != nil {
		t.Fatal(err)
	}
	var built []string
	for _, c := range cs {
		if _, err := os.Stat(filepath.Join(c.want, "errors.txt")); err == nil || byCase[c.name].Diagnostics != nil {
			continue
		}
		built = append(built, "./"+c.name)
	}
	vetErr := mod.goCmd(append([]string{"vet"}, built...)...)
	for _, c := range cs {
		t.Run(c.name, func(t *testing.T) {
			r := byCase[c.name]
			if r.Diagnostics != nil || fileExists(filepath.Join(c.want, "errors.txt")) {
				checkErrors(t, c, r)
				return
			}
			checkGenerated(t, c, r, mod, vetErr)
		})
	}
}

// cleanOnly returns the results without diagnostics, so that the cases
// that generate can be committed while others report problems.
func cleanOnly(results []generator.Result) []generator.Result {
	var out []generator.Result
	for _, r := range results {
		if r.Diagnostics == nil {
			out = append(out, r)
		}
	}
	return out
}

func checkErrors(t *testing.T, c goldenCase, r generator.Result) {
	var b strings.Builder
	for _, d := range r.Diagnostics {
		b.WriteString(d.String() + "\n")
	}
	got := b.String()
	if r.Content != nil {
		t.Errorf("generated content despite diagnostics")
	}
	compare(t, c, "errors.txt", got, got != "")
}

func checkGenerated(t *testing.T, c goldenCase, r generator.Result, mod *caseModule, vetErr error) {
	if r.Content == nil {
		t.Fatalf("no generated file for %s", c.name)
	}
	if vetErr != nil {
		t.Fatalf("go vet of the generated cases: %v", vetErr)
	}
	out, err := mod.output("run", "./"+c.name)
	if err != nil {
		t.Fatalf("go run ./%s: %v\n%s", c.name, err, out)
	}
	if formatted, err := format.Source(r.Content); err != nil || !bytes.Equal(formatted, r.Content) {
		t.Errorf("generated file is not gofmt-clean (%v)", err)
	}
	compare(t, c, "gostage_gen.go", string(r.Content), true)
	compare(t, c, "output.txt", out, true)
}

// compare checks got against want/name, or with -update records it when
// ok says the output is fit to record.
func compare(t *testing.T, c goldenCase, name, got string, ok bool) {
	t.Helper()
	path := filepath.Join(c.want, name)
	if *update && ok {
		if err := os.MkdirAll(c.want, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (to record it: go test ./generator -run 'TestGolden/%s$' -update)", err, c.name)
	}
	if got != string(want) {
		t.Errorf("%s differs from want/%s:\n--- got\n%s\n--- want\n%s\nto re-record: go test ./generator -run 'TestGolden/%s$' -update", c.name, name, got, want, c.name)
	}
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// caseModule is a temporary module holding copies of the cases, which
// uses this module through a replace directive.
type caseModule struct {
	dir string
	env []string
}

const caseModPath = "example.com/cases"

func newCaseModule(t *testing.T) *caseModule {
	t.Helper()
	root := moduleRoot(t)
	dir := t.TempDir()
	gomod := "module " + caseModPath + "\n\ngo 1.26\n\nrequire github.com/gostage/gostage v0.0.0\n\nreplace github.com/gostage/gostage => " + root + "\n"
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(gomod), 0o644); err != nil {
		t.Fatal(err)
	}
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "go.sum"), sum, 0o644); err != nil {
		t.Fatal(err)
	}
	// Everything the cases need is in the module cache already.
	env := append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off", "GOSUMDB=off")
	return &caseModule{dir: dir, env: env}
}

// copyCase copies a case's input, without want/, into the module.
func (m *caseModule) copyCase(t *testing.T, c goldenCase) {
	t.Helper()
	err := filepath.WalkDir(c.dir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(c.dir, path)
		if d.IsDir() {
			if rel == "want" {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(m.dir, c.name, rel), 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if strings.HasSuffix(rel, ".gosrc") {
			rel = strings.TrimSuffix(rel, "src") // keys.gosrc -> keys.go
		}
		return os.WriteFile(filepath.Join(m.dir, c.name, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func (m *caseModule) goCmd(args ...string) error {
	out, err := m.output(args...)
	if err != nil {
		return &cmdError{args, out, err}
	}
	return nil
}

func (m *caseModule) output(args ...string) (string, error) {
	cmd := exec.Command("go", args...)
	cmd.Dir, cmd.Env = m.dir, m.env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return stdout.String() + stderr.String(), err
	}
	return stdout.String(), nil
}

type cmdError struct {
	args []string
	out  string
	err  error
}

func (e *cmdError) Error() string {
	return "go " + strings.Join(e.args, " ") + ": " + e.err.Error() + "\n" + e.out
}

func moduleRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}
