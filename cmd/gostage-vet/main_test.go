package main

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// legacyModule is a small module using gostage: a keys package whose
// accessors gostage-gen generates, a legacy package that spells its keys
// as strings without importing it, with a test of its own, and a keys
// package that imports, through another, the package spelling its key.
var legacyModule = map[string]string{
	"keys/keys.go": `package keys

// Demo is what the demo keeps.
//
//gostage:keys
type Demo struct {
	// Count is how many times Bump ran.
	Count int
	// Label names the demo for a minute.
	Label string ` + "`gostage:\"ttl=1m\"`" + `
}
`,
	"legacy/legacy.go": `// Package legacy was written before the keys were declared.
package legacy

import (
	"fmt"
	"time"

	"github.com/gostage/gostage/runtime/store"
)

// Bump adds one to the count and returns it.
func Bump(s *store.KVStore) (int, error) {
	n, err := store.GetOrDefault(s, "demo.count", 0)
	if err != nil {
		return 0, err
	}
	if err := s.Put("demo.count", n+1); err != nil {
		return 0, err
	}
	return n + 1, nil
}

// Name sets the label, which expires as the key says.
func Name(s *store.KVStore, label string) error {
	return s.PutWithTTL("demo.label", label, time.Minute)
}

// Label reads the label with the wrong type.
func Label(s *store.KVStore) string {
	v, _ := store.Get[int](s, "demo.label")
	return fmt.Sprint(v)
}

// Forget misspells the key.
func Forget(s *store.KVStore) bool {
	return s.Delete("demo.cuont")
}
`,
	"legacy/legacy_test.go": `package legacy

import (
	"testing"

	"github.com/gostage/gostage/runtime/store"
)

func TestBump(t *testing.T) {
	s := store.NewKVStore()
	for want := 1; want <= 3; want++ {
		if n, err := Bump(s); err != nil || n != want {
			t.Fatalf("Bump = %d, %v; want %d", n, err, want)
		}
	}
	if err := Name(s, "demo"); err != nil {
		t.Fatal(err)
	}
}
`,
	"loopkeys/keys.go": `package loopkeys

import "vetdemo/loopuse"

// Loop's package imports the package that spells its key.
//
//gostage:keys
type Loop struct {
	N int
}

var _ = loopuse.Name
`,
	"loopuse/use.go": `package loopuse

import "github.com/gostage/gostage/runtime/store"

// Name is used by loopkeys.
const Name = "loopuse"

// Set spells a key that cannot be imported here.
func Set(s *store.KVStore) error {
	return s.Put("loop.n", 1)
}
`,
}

// TestDriver runs gostage-vet and go vet -vettool=gostage-vet on
// legacyModule and checks that they report the same findings, that a run
// on one package still sees the module's keys, that -diff prints what
// diff -u prints for what -fix writes, that -fix lists what it leaves and
// exits 3, and that the fixed package builds and passes its test.
func TestDriver(t *testing.T) {
	dir := newModule(t, legacyModule)
	vet, _ := buildTools(t)

	vetOut, code := runIn(t, dir, "go", "vet", "-vettool="+vet, "./...")
	if code == 0 {
		t.Errorf("go vet -vettool exited 0, want failure:\n%s", vetOut)
	}
	out, code := runIn(t, dir, vet, "./...")
	if code != exitFindings {
		t.Errorf("gostage-vet ./... exited %d, want %d", code, exitFindings)
	}
	all := findings(out)
	if want := findings(vetOut); !slices.Equal(all, want) {
		t.Errorf("gostage-vet and go vet disagree:\ngostage-vet:\n%s\ngo vet:\n%s", strings.Join(all, "\n"), strings.Join(want, "\n"))
	}
	// The accessor names are the generator's: matched, not spelled.
	left := []string{
		`legacy/legacy.go:30:20: demo.label holds string, not int`,
		`legacy/legacy.go:36:18: "demo.cuont" is not a declared key: did you mean "demo.count"\?`,
		`loopuse/use.go:10:15: "loop.n" has a typed accessor: loopkeys.LoopNKey; no fix: importing vetdemo/loopkeys would make an import cycle \(vetdemo/loopkeys -> vetdemo/loopuse\)`,
	}
	fixable := []string{
		`legacy/legacy.go:13:34: "demo.count" has a typed accessor: keys.DemoCountKey`,
		`legacy/legacy.go:17:18: "demo.count" has a typed accessor: keys.DemoCountKey`,
		`legacy/legacy.go:25:22: "demo.label" has a typed accessor: keys.DemoLabelKey`,
	}
	matchAll(t, "gostage-vet ./...", all, append(slices.Clone(left), fixable...))

	// One package, from the module root and from its own directory.
	out, _ = runIn(t, dir, vet, "./legacy")
	var legacy []string
	for _, f := range all {
		if strings.HasPrefix(f, "legacy/") {
			legacy = append(legacy, f)
		}
	}
	if got := findings(out); !slices.Equal(got, legacy) {
		t.Errorf("gostage-vet ./legacy reports:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(legacy, "\n"))
	}
	out, _ = runIn(t, filepath.Join(dir, "legacy"), vet, ".")
	if got := findings(out); len(got) != len(legacy) || !strings.HasPrefix(got[0], "legacy.go:") {
		t.Errorf("gostage-vet . in legacy/ reports:\n%s\nwant the findings of legacy.go, relative to it", out)
	}

	original, err := os.ReadFile(filepath.Join(dir, "legacy", "legacy.go"))
	if err != nil {
		t.Fatal(err)
	}
	diffOut, diffErr, code := runSplit(t, dir, vet, "-diff", "./...")
	if code != exitFindings || !strings.HasPrefix(diffOut, "--- a/legacy/legacy.go\n+++ b/legacy/legacy.go\n@@ ") {
		t.Fatalf("gostage-vet -diff exited %d, want %d and a diff of legacy.go:\n%s%s", code, exitFindings, diffOut, diffErr)
	}

	out, code = runIn(t, dir, vet, "-fix", "./...")
	if code != exitFindings {
		t.Errorf("gostage-vet -fix exited %d, want %d", code, exitFindings)
	}
	matchAll(t, "gostage-vet -fix", findings(out), left)
	fixed, err := os.ReadFile(filepath.Join(dir, "legacy", "legacy.go"))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("fixed legacy.go:\n%s", fixed)
	if !strings.Contains(string(fixed), "\n\t\"vetdemo/keys\"\n") {
		t.Errorf("fixed legacy.go does not import vetdemo/keys")
	}
	if want := diffU(t, original, fixed); !strings.HasSuffix(diffOut, want) || want == "" {
		t.Errorf("gostage-vet -diff printed:\n%s\ndiff -u of what -fix wrote:\n%s", diffOut, want)
	}
	if out, code := runIn(t, dir, "go", "vet", "./..."); code != 0 {
		t.Fatalf("fixed module does not build:\n%s", out)
	}
	if out, code := runIn(t, dir, "go", "test", "./legacy"); code != 0 {
		t.Fatalf("fixed package fails its test:\n%s", out)
	}
	out, code = runIn(t, dir, vet, "./...")
	if code != exitFindings {
		t.Errorf("after -fix, gostage-vet exited %d, want %d", code, exitFindings)
	}
	matchAll(t, "gostage-vet after -fix", findings(out), left)
}

// matchAll checks that got holds one line matching each pattern of want,
// and nothing else.
func matchAll(t *testing.T, what string, got, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s reports %d findings, want %d:\n%s", what, len(got), len(want), strings.Join(got, "\n"))
	}
	for _, w := range want {
		re := regexp.MustCompile("^" + w + "$")
		if !slices.ContainsFunc(got, re.MatchString) {
			t.Errorf("%s lacks %s; got:\n%s", what, w, strings.Join(got, "\n"))
		}
	}
}

// TestFixMajorVersionPaths runs -fix on a module whose keys package and
// whose package of key strings live at paths ending in a major version
// (vetdemo/keys/v2 is package keys): the import -fix adds needs no name,
// the one it leaves unused is removed by the package's name, not by v2,
// and the fixed module builds.
func TestFixMajorVersionPaths(t *testing.T) {
	dir := newModule(t, map[string]string{
		"keys/v2/keys.go": `package keys

// Demo is what the demo keeps.
//
//gostage:keys
type Demo struct {
	// Count is how many times the demo ran.
	Count int
}
`,
		"keynames/v2/names.go": `// Package keynames spells the keys as strings, as they were before
// they were declared.
package keynames

// Count is the key of the demo's count.
const Count = "demo.count"
`,
		"legacy/legacy.go": `package legacy

import (
	"vetdemo/keynames/v2"

	"github.com/gostage/gostage/runtime/store"
)

// Count returns the demo's count.
func Count(s *store.KVStore) (int, error) {
	return store.Get[int](s, keynames.Count)
}
`,
	})
	vet, _ := buildTools(t)
	if out, code := runIn(t, dir, vet, "-fix", "./..."); code != 0 {
		t.Fatalf("gostage-vet -fix exited %d, want 0:\n%s", code, out)
	}
	fixed, err := os.ReadFile(filepath.Join(dir, "legacy", "legacy.go"))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("fixed legacy.go:\n%s", fixed)
	for _, want := range []string{"\n\t\"vetdemo/keys/v2\"\n", "keys.DemoCountKey.Get(s)"} {
		if !strings.Contains(string(fixed), want) {
			t.Errorf("fixed legacy.go lacks %q", want)
		}
	}
	if strings.Contains(string(fixed), "keynames") {
		t.Errorf("fixed legacy.go still imports vetdemo/keynames/v2, which it no longer uses")
	}
	if out, code := runIn(t, dir, "go", "vet", "./..."); code != 0 {
		t.Fatalf("fixed module does not build:\n%s", out)
	}
}
