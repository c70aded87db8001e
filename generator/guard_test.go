package generator_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/gostage/gostage/generator"
)

// TestStaleGuard changes a key group of the stale_guard case after
// generating, as a user who forgot to regenerate would, and checks that
// the build fails first at a line of the generated file's guard, under
// the comment that says to run gostage-gen.
func TestStaleGuard(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	for _, tc := range []struct {
		name     string
		file     string // in the case's folder
		old, new string
		regen    string // a package regenerated after the edit, if any
		// regenFixes says that regenerating everything is all the case
		// then needs to build: no hand-written code uses what changed.
		regenFixes bool
	}{
		{"type changed", "keys.go", "Total  Money", "Total  float64", "", true},
		{"field gone", "keys.go", "Status OrderStatus `gostage:\"default=new\"`", "", "", true},
		{"field renamed", "keys.go", "Total  Money", "Amount Money", "", false},
		// The key's own package is regenerated, its user is not.
		{"key of another package changed", "billing/keys.go", "Amount int64", "Amount float64", "./stale_guard/billing", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mod := newCaseModule(t)
			c := goldenCase{"stale_guard", filepath.Join(moduleRoot(t), "testdata", "stale_guard"), ""}
			mod.copyCase(t, c)
			generate(t, mod, "./stale_guard/...")
			if err := mod.goCmd("build", "-o", os.DevNull, "./stale_guard"); err != nil {
				t.Fatalf("fresh case does not build: %v", err)
			}
			path := filepath.Join(mod.dir, "stale_guard", tc.file)
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(src), tc.old) {
				t.Fatalf("%s lacks %q", tc.file, tc.old)
			}
			if err := os.WriteFile(path, []byte(strings.Replace(string(src), tc.old, tc.new, 1)), 0o644); err != nil {
				t.Fatal(err)
			}
			if tc.regen != "" {
				generate(t, mod, tc.regen)
			}
			out, err := mod.output("build", "-o", os.DevNull, "./stale_guard")
			if err == nil {
				t.Fatal("the stale package still builds")
			}
			checkFirstErrorAtGuard(t, filepath.Join(mod.dir, "stale_guard", generator.DefaultOutput), out)

			if !tc.regenFixes {
				return
			}
			// Doing what the comment says fixes the build: the stale file
			// does not keep gostage-gen from loading the package.
			generate(t, mod, "./stale_guard/...")
			if err := mod.goCmd("build", "-o", os.DevNull, "./stale_guard"); err != nil {
				t.Fatalf("regenerated case does not build: %v", err)
			}
		})
	}
}

// generate runs gostage-gen on pattern in mod, and writes its files.
func generate(t *testing.T, mod *caseModule, pattern string) {
	t.Helper()
	results, err := generator.Generate(context.Background(), generator.Options{Dir: mod.dir, Env: mod.env}, pattern)
	if err != nil {
		t.Fatal(err)
	}
	if ds := generator.Diagnostics(results); len(ds) > 0 {
		t.Fatalf("gostage-gen %s: %v", pattern, ds)
	}
	if _, err := generator.Commit(results); err != nil {
		t.Fatal(err)
	}
}

var compileError = regexp.MustCompile(`(?m)^(\S+\.go):(\d+):\d+: `)

// checkFirstErrorAtGuard checks that the first error of the build output
// out is in the generated file gen, on a line of its stale guard, below
// the comment that says to regenerate.
func checkFirstErrorAtGuard(t *testing.T, gen, out string) {
	t.Helper()
	m := compileError.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no compile error in:\n%s", out)
	}
	if filepath.Base(m[1]) != filepath.Base(gen) {
		t.Fatalf("first error is in %s, not in the generated file:\n%s", m[1], out)
	}
	data, err := os.ReadFile(gen)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	n, _ := strconv.Atoi(m[2])
	if !strings.HasPrefix(strings.TrimSpace(lines[n-1]), "var _ ") {
		t.Fatalf("first error at line %d, %q, which is not a guard line:\n%s", n, lines[n-1], out)
	}
	for i := n - 2; i >= 0 && !strings.HasPrefix(lines[i], "func _("); i-- {
		if strings.Contains(lines[i], "run gostage-gen") {
			return
		}
	}
	t.Fatalf("no comment saying to run gostage-gen above line %d:\n%s", n, data)
}
