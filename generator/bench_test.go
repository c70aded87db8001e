package generator_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/go/packages"

	"github.com/gostage/gostage/generator"
	"github.com/gostage/gostage/generator/load"
)

// bigPackage returns the source of a package of groups×keys keys.
func bigPackage(name string, groups, keys int) string {
	types := []string{"int", "string", "[]string", "time.Duration", "map[string]int", "*time.Time", "bool", "float64"}
	var b strings.Builder
	fmt.Fprintf(&b, "package %s\n\nimport \"time\"\n", name)
	for g := range groups {
		fmt.Fprintf(&b, "\n// G%d is group %d.\n//\n//gostage:keys\ntype G%d struct {\n", g, g, g)
		for k := range keys {
			fmt.Fprintf(&b, "\t// F%d is key %d.\n\tF%d %s `gostage:\"ttl=%dm,tags=t%d\"`\n", k, k, k, types[k%len(types)], k+1, k%5)
		}
		b.WriteString("}\n")
	}
	return b.String()
}

// benchModule writes a module with the given packages (relative dir ->
// source), for the benchmarks.
func benchModule(b *testing.B, pkgs map[string]string) *caseModule {
	b.Helper()
	root, err := filepath.Abs("..")
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	gomod := "module " + caseModPath + "\n\ngo 1.26\n\nrequire github.com/gostage/gostage v0.0.0\n\nreplace github.com/gostage/gostage => " + root + "\n"
	files := map[string]string{"go.mod": gomod}
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		b.Fatal(err)
	}
	files["go.sum"] = string(sum)
	for d, src := range pkgs {
		files[filepath.Join(d, "keys.go")] = src
	}
	for name, content := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	env := append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off", "GOSUMDB=off")
	return &caseModule{dir: dir, env: env}
}

// generateAndCommit runs the whole of gostage-gen on patterns, writing
// the files.
func generateAndCommit(b *testing.B, m *caseModule, patterns ...string) []generator.Result {
	results, err := generator.Generate(context.Background(), generator.Options{Dir: m.dir, Env: m.env}, patterns...)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := generator.Commit(results); err != nil {
		b.Fatal(err, generator.Diagnostics(results))
	}
	return results
}

func removeOutputs(b *testing.B, results []generator.Result) {
	for _, r := range results {
		if err := os.Remove(r.OutputPath); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGenerate1000Keys generates a package of 20 groups of 50 keys,
// against the floor of loading it with go/packages alone (syntax and
// types, the same mode). Each iteration does both, on the same sources;
// x-floor is the ratio of the two times.
func BenchmarkGenerate1000Keys(b *testing.B) {
	m := benchModule(b, map[string]string{"big": bigPackage("big", 20, 50)})
	cfg := &packages.Config{Mode: load.Mode, Dir: m.dir, Env: m.env}
	// Warm the build cache, as every later run finds it.
	removeOutputs(b, generateAndCommit(b, m, "./big"))
	var floor, gen time.Duration
	for b.Loop() {
		start := time.Now()
		if _, err := packages.Load(cfg, "./big"); err != nil {
			b.Fatal(err)
		}
		mid := time.Now()
		results := generateAndCommit(b, m, "./big")
		gen += time.Since(mid)
		floor += mid.Sub(start)
		b.StopTimer()
		removeOutputs(b, results)
		b.StartTimer()
	}
	b.ReportMetric(float64(floor.Milliseconds())/float64(b.N), "floor-ms/op")
	b.ReportMetric(float64(gen.Milliseconds())/float64(b.N), "generate-ms/op")
	b.ReportMetric(float64(gen)/float64(floor), "x-floor")
}

// BenchmarkGenerateManyPackages generates 20 packages: all at once, as
// gostage-gen ./... does with one load, against one run per package, as
// 20 go:generate lines would. x-one-by-one is the ratio of the two times.
func BenchmarkGenerateManyPackages(b *testing.B) {
	const n = 20
	pkgs := make(map[string]string)
	var dirs []string
	for i := range n {
		name := fmt.Sprintf("p%02d", i)
		pkgs[name] = bigPackage(name, 2, 5)
		dirs = append(dirs, "./"+name)
	}
	m := benchModule(b, pkgs)
	removeOutputs(b, generateAndCommit(b, m, "./..."))
	var all, each time.Duration
	for b.Loop() {
		start := time.Now()
		results := generateAndCommit(b, m, "./...")
		all += time.Since(start)
		b.StopTimer()
		removeOutputs(b, results)
		b.StartTimer()
		start = time.Now()
		for _, d := range dirs {
			results = generateAndCommit(b, m, d)
			b.StopTimer()
			removeOutputs(b, results)
			b.StartTimer()
		}
		each += time.Since(start)
	}
	b.ReportMetric(float64(all.Milliseconds())/float64(b.N), "all-at-once-ms/op")
	b.ReportMetric(float64(each.Milliseconds())/float64(b.N), "one-by-one-ms/op")
	b.ReportMetric(float64(each)/float64(all), "x-one-by-one")
}

// BenchmarkGoGenerate9Packages runs go generate ./... over a module of 9
// key packages laid out two ways: a //go:generate go tool gostage-gen line
// in each package, as the package-by-package habit goes, against a single
// //go:generate go tool gostage-gen ./... at the module root. Both start
// from generated files that are up to date, as a regeneration does.
// x-per-package is the ratio of the per-package time to the root one.
func BenchmarkGoGenerate9Packages(b *testing.B) {
	const n = 9
	perPkg := make(map[string]string)
	root := make(map[string]string)
	for i := range n {
		name := fmt.Sprintf("k%d", i)
		src := bigPackage(name, 2, 5)
		perPkg[name] = strings.Replace(src, "package "+name+"\n", "package "+name+"\n\n//go:generate go tool gostage-gen\n", 1)
		root[name] = src
	}
	root["."] = "// Package shop generates the code of all its key packages.\npackage shop\n\n//go:generate go tool gostage-gen ./...\n"
	each, all := toolModule(b, perPkg), toolModule(b, root)
	for _, m := range []*caseModule{each, all} {
		if err := m.goCmd("generate", "./..."); err != nil { // builds the tool once
			b.Fatal(err)
		}
	}
	var tEach, tAll time.Duration
	for b.Loop() {
		start := time.Now()
		if err := each.goCmd("generate", "./..."); err != nil {
			b.Fatal(err)
		}
		mid := time.Now()
		if err := all.goCmd("generate", "./..."); err != nil {
			b.Fatal(err)
		}
		tEach += mid.Sub(start)
		tAll += time.Since(mid)
	}
	b.ReportMetric(float64(tEach.Milliseconds())/float64(b.N), "per-package-ms/op")
	b.ReportMetric(float64(tAll.Milliseconds())/float64(b.N), "root-ms/op")
	b.ReportMetric(float64(tEach)/float64(tAll), "x-per-package")
}

// toolModule writes a module like benchModule's whose go.mod has
// gostage-gen as a tool, so that go tool gostage-gen runs it.
func toolModule(b *testing.B, pkgs map[string]string) *caseModule {
	b.Helper()
	m := benchModule(b, pkgs)
	gomod := filepath.Join(m.dir, "go.mod")
	data, err := os.ReadFile(gomod)
	if err != nil {
		b.Fatal(err)
	}
	data = append(data, "\ntool github.com/gostage/gostage/cmd/gostage-gen\n"...)
	if err := os.WriteFile(gomod, data, 0o644); err != nil {
		b.Fatal(err)
	}
	// go tool wants a tidy go.mod, which -mod=mod does not give it.
	if err := m.goCmd("mod", "tidy"); err != nil {
		b.Fatal(err)
	}
	return m
}
