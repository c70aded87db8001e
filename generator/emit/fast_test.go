package emit

import (
	"bytes"
	"context"
	"fmt"
	"go/constant"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dave/jennifer/jen"

	"github.com/gostage/gostage/generator/load"
	"github.com/gostage/gostage/generator/model"
)

// The fast path must write exactly what the slow path writes: jennifer
// code formatted by gofmt. These tests compare the two on every golden
// case, on the examples, on a package made to exercise the fast path,
// and on fuzzed keys and doc comments.

// checkPaths compares the file of m by both paths, and returns the
// chunks (groups by name, and "Keys") that the fast path left to the
// slow path.
func checkPaths(t *testing.T, m *model.Package) (slow []string) {
	t.Helper()
	got, err := file(m, true)
	want, wantErr := file(m, false)
	if fmt.Sprint(err) != fmt.Sprint(wantErr) {
		t.Fatalf("%s: fast path error %v, slow path error %v", m.Path, err, wantErr)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s: fast path differs from slow path:\n%s", m.Path, firstDiff(got, want))
	}
	imports := importNames(m)
	fp := newFastPath(m, imports)
	for _, g := range m.Groups {
		if _, ok := fp.group(g, guardParam(m, imports)); !ok {
			slow = append(slow, g.Name)
		}
	}
	if len(m.Groups) > 0 {
		if _, ok := fp.catalog(m); !ok {
			slow = append(slow, model.CatalogName)
		}
	}
	return slow
}

// firstDiff shows the first line where got and want differ.
func firstDiff(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := range max(len(g), len(w)) {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d:\n fast: %q\n slow: %q", i+1, gl, wl)
		}
	}
	return "same lines"
}

func moduleRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// loadModels loads the packages matching patterns in dir and reads their
// models, failing on any problem.
func loadModels(t *testing.T, dir string, env []string, patterns ...string) map[string]*model.Package {
	t.Helper()
	pkgs, err := load.Load(context.Background(), load.Config{Dir: dir, Env: env, Output: "gostage_gen.go"}, patterns...)
	if err != nil {
		t.Fatal(err)
	}
	models := make(map[string]*model.Package)
	for _, p := range pkgs {
		if len(p.Errors) > 0 || p.Types == nil {
			t.Fatalf("%s: %v", p.Path, p.Errors)
		}
		m, diags := model.Read(p.Fset, p.Files, p.Info, p.Types, p.Paths)
		if len(diags) > 0 {
			t.Fatalf("%s: %v", p.Path, diags)
		}
		if len(m.Groups) > 0 || len(m.Actions) > 0 {
			models[p.Dir] = m
		}
	}
	return models
}

// TestFastPathOnGoldenCases generates every golden case that has a
// generated file, and the package of mixSource, by both paths, in a
// module like the golden test's; the fast path must also give the want
// file.
func TestFastPathOnGoldenCases(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	root := moduleRoot(t)
	dir := t.TempDir()
	files := map[string]string{
		"go.mod":        "module example.com/cases\n\ngo 1.26\n\nrequire github.com/gostage/gostage v0.0.0\n\nreplace github.com/gostage/gostage => " + root + "\n",
		"mix/mix.go":    mixSource(),
		"mix/struct.go": mixStructSource,
	}
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	files["go.sum"] = string(sum)
	wants := make(map[string]string) // package dir -> want file
	cases, err := filepath.Glob(filepath.Join(root, "testdata", "*", "want", "gostage_gen.go"))
	if err != nil || len(cases) == 0 {
		t.Fatalf("no golden cases: %v", err)
	}
	for _, want := range cases {
		caseDir := filepath.Dir(filepath.Dir(want))
		name := filepath.Base(caseDir)
		wants[filepath.Join(dir, name)] = want
		err := filepath.WalkDir(caseDir, func(path string, d os.DirEntry, err error) error {
			switch {
			case err != nil:
				return err
			case d.IsDir() && d.Name() == "want":
				return filepath.SkipDir
			case d.IsDir():
				return nil
			}
			data, err := os.ReadFile(path)
			rel, _ := filepath.Rel(caseDir, path)
			if strings.HasSuffix(rel, ".gosrc") {
				rel = strings.TrimSuffix(rel, "src") // keys.gosrc -> keys.go
			}
			files[filepath.Join(name, rel)] = string(data)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for name, content := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	env := append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off", "GOSUMDB=off")
	models := loadModels(t, dir, env, "./...")
	var slow []string
	for pkgDir, m := range models {
		for _, name := range checkPaths(t, m) {
			slow = append(slow, m.Name+"."+name)
		}
		if want, ok := wants[pkgDir]; ok {
			got, _ := File(m)
			data, err := os.ReadFile(want)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, data) {
				t.Errorf("%s: differs from %s:\n%s", m.Path, want, firstDiff(got, data))
			}
			delete(wants, pkgDir)
		}
	}
	if len(wants) > 0 {
		t.Errorf("golden cases not generated: %v", wants)
	}
	// Only the groups with a key of a multi-line type (a struct or an
	// interface with members) are left to the slow path.
	slices.Sort(slow)
	if want := []string{"main.All", "mix.Anon"}; !slices.Equal(slow, want) {
		t.Errorf("chunks left to the slow path: %v, want %v", slow, want)
	}
}

// TestFastPathOnExamples checks the committed generated files of the
// examples against both paths.
func TestFastPathOnExamples(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	models := loadModels(t, moduleRoot(t), nil, "./examples/...")
	if len(models) == 0 {
		t.Fatal("no example declares keys")
	}
	for dir, m := range models {
		if slow := checkPaths(t, m); len(slow) > 0 {
			t.Errorf("%s: chunks left to the slow path: %v", m.Path, slow)
		}
		got, _ := File(m)
		want, err := os.ReadFile(filepath.Join(dir, "gostage_gen.go"))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: differs from the committed file:\n%s", m.Path, firstDiff(got, want))
		}
	}
}

// mixDocs are doc comments that go/doc/comment reformats, or that look as
// if it might.
var mixDocs = []string{
	"",
	"Plain is a plain doc.",
	"Two is a doc\nof two lines.\n\nAnd a second paragraph.",
	"List has a list:\n  - one\n  - two\n\nand text after.",
	"Numbered:\n 1. first\n 2. second",
	"Code has a code block:\n\n\tx := 1\n\tif x > 0 {\n\t\tpanic(x)\n\t}\n\nThat was it.",
	"Unindented code follows\n\tfunc main() {\n\t}",
	"Heading follows.\n\n# Section\n\nText under it.",
	"Old style heading follows.\n\nOld Heading\n\nText under it.",
	"Links: [store.Key], [Mix] and https://go.dev/doc.\n\n[spec]: https://go.dev/ref/spec",
	"Quotes ``like this'' become curly.",
	"A long line: " + strings.Repeat("very long words go on and on, ", 12) + "end.",
	"Brackets of types: []string, map[string]int, [3]int and [time.Duration].",
	"Unicode: caf\u00e9, \u00fcber, \u65e5\u672c, and a non-breaking space\u00a0inside.",
	"A star list:\n  * a\n  * b",
	"Ends without a period",
	"Paragraph.\n\nLone Line\n\nNext paragraph.",
	"Text with `code` and a backslash \\ and a quote \" and a tab\tinside.",
}

// mixTypes are field types with a default that fits each ("" for none).
var mixTypes = []struct{ typ, def string }{
	{"int", "42"}, {"int64", "-12"}, {"uint32", "0xff"}, {"int", "1_000"}, {"float64", "1e6"}, {"float32", "0.25"},
	{"string", "pending"}, {"string", ""}, {"bool", "true"}, {"Level", "info"}, {"Retries", "3"},
	{"time.Duration", "90s"}, {"time.Duration", "2h"}, {"time.Duration", "-5s"}, {"time.Duration", "1500ns"},
	{"Timeout", "2h"}, {"D", "1m"}, {"[]string", ""}, {"map[string][]int", ""}, {"*time.Time", ""},
	{"*url.URL", ""}, {"[3]int", ""}, {"chan (<-chan int)", ""}, {"func(a int, rest ...string) (n int, err error)", ""},
	{"Pair[string, *url.URL]", ""}, {"any", ""}, {"error", ""}, {"interface{}", ""}, {"struct{}", ""}, {"complex128", ""},
	{"func()", ""}, {"func(string) bool", ""}, {"<-chan []byte", ""}, {"chan<- string", ""}, {"iter.Seq[int]", ""},
	{"Counts", ""}, {"Twin[Level]", ""}, {"**string", ""}, {"[]*Pair[int, Pair[bool, Level]]", ""}, {"rune", "7"},
}

// mixSource is a package of three groups whose keys combine mixDocs,
// mixTypes, TTLs, tags, key names and defaults.
func mixSource() string {
	var b strings.Builder
	b.WriteString(`package mix

import (
	"iter"
	"net/url"
	"time"
)

// Counts is an alias of a map type.
type Counts = map[string]int

// Twin is a generic alias.
type Twin[T any] = Pair[T, T]

// Level is a named string.
type Level string

// Retries is a named integer.
type Retries uint8

// Timeout is a named duration.
type Timeout time.Duration

// D is an alias of time.Duration.
type D = time.Duration

// Pair is a generic pair.
type Pair[A, B any] struct {
	A A
	B B
}
`)
	ttls := []string{"", "10m", "1h", "90s", "1500ms", "3us", "7ns", "25h"}
	tags := []string{"", "auth", "a|b", "pii|auth|x"}
	n := 0
	for g, prefix := range []string{"prefix=mix", "prefix=", ""} {
		fmt.Fprintf(&b, "\n// Group%d is a group.\n//\n%s//\n//gostage:keys %s\ntype Group%d struct {\n", g, commentLines("", mixDocs[3+g]), prefix, g)
		for i, mt := range mixTypes {
			b.WriteString(commentLines("\t", mixDocs[(i+g)%len(mixDocs)]))
			var opts []string
			if mt.def != "" || (i+g)%4 == 0 && mt.typ == "string" {
				opts = append(opts, "default="+mt.def)
			}
			if ttl := ttls[(i+g)%len(ttls)]; ttl != "" {
				opts = append(opts, "ttl="+ttl)
			}
			if tag := tags[(i*g+i)%len(tags)]; tag != "" {
				opts = append(opts, "tags="+tag)
			}
			if i%7 == 3 {
				opts = append(opts, fmt.Sprintf("key=custom.key-%d/é", n))
			}
			tag := ""
			if len(opts) > 0 {
				tag = fmt.Sprintf(" `gostage:%q`", strings.Join(opts, ","))
			}
			fmt.Fprintf(&b, "\tF%d %s%s\n", n, mt.typ, tag)
			n++
		}
		b.WriteString("}\n")
	}
	return b.String()
}

// commentLines writes text as // lines indented by indent.
func commentLines(indent, text string) string {
	if text == "" {
		return ""
	}
	var b strings.Builder
	for line := range strings.Lines(text) {
		b.WriteString(strings.TrimRight(indent+"// "+line, " \n") + "\n")
	}
	return b.String()
}

// mixStructSource has a group with a multi-line type, which the fast
// path leaves to the slow path.
const mixStructSource = `package mix

// Anon has a key of a struct type.
//
//gostage:keys
type Anon struct {
	// S is a struct.
	S struct {
		X int ` + "`json:\"x\"`" + `
		Level
	}
	N int
}
`

// FuzzFastPath compares both paths on a package whose keys carry the
// fuzzed doc, key name, tags and TTL, first, in the middle and last of a
// group, with a choice of types and defaults.
func FuzzFastPath(f *testing.F) {
	for i, doc := range mixDocs {
		f.Add(doc, "k.name", "a|b", int64(i)*int64(time.Minute), uint8(i))
	}
	f.Add("x\r\ny", "with space", "", int64(-1), uint8(3))
	f.Add("bad \xff utf8", "q\"uote", "t", int64(1), uint8(7))
	f.Add("nul \x00 and bom \ufeff", "é", "é|ü", int64(1500), uint8(9))
	f.Add("\n\n  - x\n\n", "k", "|", int64(time.Hour), uint8(11))
	f.Fuzz(func(t *testing.T, doc, name, tags string, ttl int64, choice uint8) {
		if len(doc) > 4096 || len(name) > 256 || len(tags) > 256 {
			t.Skip()
		}
		checkPaths(t, fuzzPackage(doc, name, tags, time.Duration(ttl), choice))
	})
}

// fuzzPackage builds a package model directly: two groups of keys whose
// docs, names, tags and TTLs come from the arguments.
func fuzzPackage(doc, name, tags string, ttl time.Duration, choice uint8) *model.Package {
	p := &model.Package{Path: "example.com/fuzz", Name: "fuzz", Declared: map[string]bool{"Level": true}}
	timePkg := types.NewPackage("time", "time")
	duration := types.NewNamed(types.NewTypeName(token.NoPos, timePkg, "Duration", nil), types.Typ[types.Int64], nil)
	timeT := types.NewNamed(types.NewTypeName(token.NoPos, timePkg, "Time", nil), types.NewStruct(nil, nil), nil)
	level := types.NewNamed(types.NewTypeName(token.NoPos, types.NewPackage(p.Path, p.Name), "Level", nil), types.Typ[types.String], nil)
	str := func(v string) *model.Default {
		return &model.Default{Literal: v, Value: constant.MakeString(v), Untyped: types.Typ[types.String]}
	}
	kinds := []struct {
		t   types.Type
		def *model.Default
	}{
		{types.Typ[types.Int], nil},
		{types.Typ[types.Int], &model.Default{Literal: "0x1F", Value: constant.MakeInt64(31), Untyped: types.Typ[types.Int]}},
		{types.Typ[types.String], str(doc)},
		{level, str(name)},
		// The same default as a string key's, converted in the catalog.
		{level, str(doc)},
		{types.Typ[types.Bool], &model.Default{Literal: "false", Value: constant.MakeBool(false), Untyped: types.Typ[types.Bool]}},
		{duration, &model.Default{Literal: "90s", Value: constant.MakeInt64(int64(90 * time.Second)), Duration: true}},
		{duration, &model.Default{Literal: ttl.String(), Value: constant.MakeInt64(int64(ttl)), Duration: true}},
		{types.NewSlice(types.Typ[types.String]), nil},
		{types.NewPointer(timeT), nil},
		{types.NewMap(types.Typ[types.String], types.NewSlice(duration)), nil},
		{types.NewStruct([]*types.Var{types.NewField(token.NoPos, nil, "X", types.Typ[types.Int], false)}, nil), nil},
		{types.Typ[types.Float64], &model.Default{Literal: "1E6", Value: constant.MakeFloat64(1e6), Untyped: types.Typ[types.Float64]}},
		{types.Typ[types.Float32], &model.Default{Literal: "1E6", Value: constant.MakeFloat64(1e6), Untyped: types.Typ[types.Float64]}},
	}
	var tagList []string
	if tags != "" {
		tagList = strings.Split(tags, "|")
	}
	for gi, gname := range []string{"First", "Second"} {
		g := &model.Group{Name: gname, Prefix: strings.ToLower(gname), Doc: doc}
		for i := range 5 {
			kind := kinds[(int(choice)+i+gi)%len(kinds)]
			k := &model.Key{Group: g, Field: fmt.Sprintf("F%d", i), Name: fmt.Sprintf("%s.f%d", g.Prefix, i), Type: kind.t, Default: kind.def}
			k.TypeDoc = types.TypeString(kind.t, (*types.Package).Name)
			if i%2 == 0 { // first, middle and last
				k.Doc, k.Name, k.Tags = doc, name, tagList
				if ttl > 0 {
					k.TTL = ttl
				}
			}
			g.Keys = append(g.Keys, k)
		}
		p.Groups = append(p.Groups, g)
	}
	return p
}

// FuzzWriteDoc compares writeDoc with gofmt on a doc comment before a
// declaration, written by comment as the slow path writes it.
func FuzzWriteDoc(f *testing.F) {
	for _, doc := range mixDocs {
		f.Add(doc)
	}
	for _, doc := range []string{"a\n\n\nb", "a  \nb\t", "x\n\n- not a list\n\n", "A\n\nB\n\nC", "[a]: http://x\n\nA [a].", "  indented first\nthen not", "\u00a0", "a\n \nb"} {
		f.Add(doc)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		if doc == "" {
			return
		}
		jf := jen.NewFile("p")
		comment(jf, doc)
		jf.Var().Id("X").Op("=").Lit(1)
		var want bytes.Buffer
		slowErr := jf.Group.RenderWithFile(&want, jf)
		var got bytes.Buffer
		if !writeDoc(&got, doc) {
			return // left to the slow path
		}
		if slowErr != nil {
			t.Fatalf("writeDoc took %q, which gofmt rejects: %v", doc, slowErr)
		}
		got.WriteString("\nvar X = 1")
		if w := strings.TrimSpace(want.String()); got.String() != w {
			t.Fatalf("doc %q:\n got %q\nwant %q", doc, got.String(), w)
		}
	})
}

// FuzzPlainDoc checks that a doc plainDoc accepts is one that
// go/doc/comment prints back unchanged.
func FuzzPlainDoc(f *testing.F) {
	for _, doc := range mixDocs {
		f.Add(doc)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		if !docSafe(doc) || !plainDoc(doc) {
			return
		}
		var plain, parsed bytes.Buffer
		writePlainDoc(&plain, doc)
		if !writeParsedDoc(&parsed, doc) || plain.String() != parsed.String() {
			t.Fatalf("doc %q: plain %q, parsed %q", doc, plain.String(), parsed.String())
		}
	})
}

// bigModel is a package like the one of BenchmarkGenerate1000Keys in
// package generator: groups×keys keys of a few types, each with a doc, a
// TTL and a tag.
func bigModel(groups, keys int) *model.Package {
	timePkg := types.NewPackage("time", "time")
	duration := types.NewNamed(types.NewTypeName(token.NoPos, timePkg, "Duration", nil), types.Typ[types.Int64], nil)
	timeT := types.NewNamed(types.NewTypeName(token.NoPos, timePkg, "Time", nil), types.NewStruct(nil, nil), nil)
	kinds := []types.Type{types.Typ[types.Int], types.Typ[types.String], types.NewSlice(types.Typ[types.String]), duration,
		types.NewMap(types.Typ[types.String], types.Typ[types.Int]), types.NewPointer(timeT), types.Typ[types.Bool], types.Typ[types.Float64]}
	p := &model.Package{Path: "example.com/big", Name: "big", Declared: map[string]bool{}}
	for gi := range groups {
		g := &model.Group{Name: fmt.Sprintf("G%d", gi), Prefix: fmt.Sprintf("g%d", gi), Doc: fmt.Sprintf("G%d is group %d.", gi, gi)}
		for ki := range keys {
			t := kinds[ki%len(kinds)]
			g.Keys = append(g.Keys, &model.Key{
				Group: g, Field: fmt.Sprintf("F%d", ki), Name: fmt.Sprintf("g%d.f%d", gi, ki), Type: t,
				TypeDoc: types.TypeString(t, (*types.Package).Name), TTL: time.Duration(ki+1) * time.Minute,
				Tags: []string{fmt.Sprintf("t%d", ki%5)}, Doc: fmt.Sprintf("F%d is key %d.", ki, ki),
			})
		}
		p.Groups = append(p.Groups, g)
	}
	return p
}

// BenchmarkFile1000Keys times File on a package of 20 groups of 50 keys,
// by the fast path and by the slow path alone.
func BenchmarkFile1000Keys(b *testing.B) {
	m := bigModel(20, 50)
	for _, path := range []struct {
		name string
		fast bool
	}{{"fast", true}, {"slow", false}} {
		b.Run(path.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := file(m, path.fast); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestBigModel(t *testing.T) {
	if slow := checkPaths(t, bigModel(3, 20)); len(slow) > 0 {
		t.Errorf("chunks left to the slow path: %v", slow)
	}
}

// TestProtoTTLCountsKeepTheUnit checks that the TTL counts of prototype
// keys leave a TTL in its unit, as keyShape assumes.
func TestProtoTTLCountsKeepTheUnit(t *testing.T) {
	for _, unit := range []time.Duration{time.Nanosecond, time.Microsecond, time.Millisecond, time.Second, time.Minute, time.Hour} {
		for _, counts := range protoTTLCounts {
			for _, c := range counts {
				if n, u, _ := durationUnit(time.Duration(c) * unit); n != c || u != unit {
					t.Errorf("durationUnit(%d * %v) = %d, %v", c, unit, n, u)
				}
			}
		}
	}
}
