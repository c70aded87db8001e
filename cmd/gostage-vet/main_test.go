package main

import (
	"bytes"
	"errors"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// module is a small module using gostage: a keys package with its
// accessor, and an app package that still spells the key strings.
var module = map[string]string{
	"keys/keys.go": `package keys

// Demo is what the demo keeps.
//
//gostage:keys
type Demo struct {
	Count int
}
`,
	// What gostage-gen generates for Demo, reduced to the accessor.
	"keys/accessors.go": `package keys

import "github.com/gostage/gostage/runtime/store"

var DemoCount = store.NewKey[int]("demo.count")
`,
	"app/app.go": `package app

import (
	"github.com/gostage/gostage/runtime/store"

	_ "vetdemo/keys"
)

func Bump(s *store.KVStore) error {
	n, err := store.GetOrDefault(s, "demo.count", 0)
	if err != nil {
		return err
	}
	return s.Put("demo.count", n+1)
}

func Reset(s *store.KVStore) bool {
	return s.Delete("demo.cuont")
}
`,
}

// TestVetTool runs gostage-vet under go vet, with and without -fix -diff,
// then alone with -fix, and checks that the fixed module builds and that
// only the typo, which has no fix, is left.
func TestVetTool(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	gocmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	files := map[string]string{
		"go.mod": "module vetdemo\n\ngo 1.26.0\n\nrequire github.com/gostage/gostage v0.0.0\n\nreplace github.com/gostage/gostage => " + root + "\n",
	}
	maps.Copy(files, module)
	writeFiles(t, dir, files)
	// The command is built rather than the test binary run as it: a test
	// binary built with -race analyzes every dependency many times slower.
	self := filepath.Join(t.TempDir(), "gostage-vet")
	build := exec.Command(gocmd, "build", "-o", self, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	run := func(name string, args ...string) (string, int) {
		t.Helper()
		cmd := exec.Command(name, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOWORK=off", "GOPROXY=off", "GOFLAGS=")
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		err := cmd.Run()
		var exit *exec.ExitError
		if err != nil && !errors.As(err, &exit) {
			t.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
		}
		return out.String(), cmd.ProcessState.ExitCode()
	}

	out, code := run(gocmd, "vet", "-vettool="+self, "./...")
	t.Logf("go vet:\n%s", out)
	if code == 0 {
		t.Errorf("go vet -vettool exited 0, want failure")
	}
	for _, want := range []string{
		`app.go:10:34: "demo.count" has a typed accessor: keys.DemoCount`,
		`app.go:14:15: "demo.count" has a typed accessor: keys.DemoCount`,
		`app.go:18:18: "demo.cuont" is not a declared key: did you mean "demo.count"?`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("go vet output lacks %s", want)
		}
	}

	// go vet -fix -diff is how CI asks whether any fixable key is left.
	out, code = run(gocmd, "vet", "-vettool="+self, "-fix", "-diff", "./...")
	if code == 0 || !strings.Contains(out, "+\treturn keys.DemoCount.Put(s, n+1)") {
		t.Errorf("go vet -fix -diff exited %d; want 1 and a diff:\n%s", code, out)
	}

	out, _ = run(self, "-fix", "./...")
	t.Logf("gostage-vet -fix:\n%s", out)
	fixed, err := os.ReadFile(filepath.Join(dir, "app", "app.go"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`keys.DemoCount.GetOrDefault(s, 0)`,
		`keys.DemoCount.Put(s, n+1)`,
		"\n\t\"vetdemo/keys\"\n",
	} {
		if !bytes.Contains(fixed, []byte(want)) {
			t.Errorf("fixed app.go lacks %s:\n%s", want, fixed)
		}
	}
	t.Logf("fixed app.go:\n%s", fixed)
	if out, code := run(gocmd, "build", "./..."); code != 0 {
		t.Fatalf("fixed module does not build:\n%s", out)
	}
	out, _ = run(self, "./...")
	if strings.Contains(out, "typed accessor") || !strings.Contains(out, "did you mean") {
		t.Errorf("after -fix, want only the typo reported; got:\n%s", out)
	}
}

// writeFiles writes files, keyed by their paths relative to dir, into dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, src := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
