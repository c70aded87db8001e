package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

const keysSrc = `package userkeys

// User is a user.
//
//gostage:keys prefix=user
type User struct {
	// ID is the user's id.
	ID   int
	Name string ` + "`gostage:\"default=nobody\"`" + `
}
`

// renameSrc is package app, whose action reads and writes the keys of
// keysSrc by import path.
const renameSrc = "package app\n\nimport \"github.com/gostage/gostage/runtime/workflow\"\n\n" +
	"// Rename renames a user.\n//\n//gostage:action reads=example.com/m/userkeys.User.ID writes=example.com/m/userkeys.User.Name\ntype Rename struct{}\n\n" +
	"func (a *Rename) Run(ctx *workflow.ActionContext, io RenameIO) error { return nil }\n"

// module writes a temporary module that uses this one through a replace
// directive, with files at the given relative paths, and makes it the
// current directory.
func module(t *testing.T, files map[string]string) string {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	files["go.mod"] = "module example.com/m\n\ngo 1.26\n\nrequire github.com/gostage/gostage v0.0.0\n\nreplace github.com/gostage/gostage => " + root + "\n"
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	files["go.sum"] = string(sum)
	for name, content := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("GOFLAGS", "-mod=mod")
	t.Setenv("GOPROXY", "off")
	t.Setenv("GOWORK", "off")
	t.Setenv("GOSUMDB", "off")
	t.Chdir(dir)
	return dir
}

func run(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = Run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestHelpAndUsage(t *testing.T) {
	for _, args := range [][]string{{"-h"}, {"graph", "-h"}, {"new", "action", "-h"}, {"help"}, {"help", "graph"}, {"help", "new"}} {
		code, out, errs := run(args...)
		if code != exitOK || strings.Count(out, "usage: gostage-gen") != 1 || errs != "" {
			t.Errorf("%v: exit %d, want the usage once on stdout and nothing on stderr; stdout %q, stderr %q", args, code, out, errs)
		}
	}
	// -h is also the summary of the grammar of directives and tags.
	_, out, _ := run("help")
	for _, want := range []string{"//gostage:keys [prefix=P]", "//gostage:action [name=N] [tags=a|b] [reads=KEYS] [writes=KEYS]", "importpath.Group.Field", `gostage:"key=NAME,ttl=DURATION,tags=a|b,default=VALUE"`, "DURATION  with its unit", `or a Go string in quotes ("a, b")`} {
		if !strings.Contains(out, want) {
			t.Errorf("help lacks %q:\n%s", want, out)
		}
	}
	if code, _, errs := run("help", "nope"); code != exitUsage || !strings.Contains(errs, "unknown command") {
		t.Errorf("help nope: exit %d, stderr %q", code, errs)
	}
	if code, _, errs := run("-nope"); code != exitUsage || !strings.Contains(errs, "-nope") {
		t.Errorf("unknown flag: exit %d, stderr %q", code, errs)
	}
	if code, _, errs := run("-output", "dir/x.go"); code != exitUsage || !strings.Contains(errs, "-output") {
		t.Errorf("-output with a directory: exit %d, stderr %q", code, errs)
	}
}

func TestGenerateCheckAndRewriteOnlyOnChange(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	dir := module(t, map[string]string{"userkeys/keys.go": keysSrc})
	t.Chdir(filepath.Join(dir, "userkeys"))
	out := filepath.Join(dir, "userkeys", "gostage_gen.go")

	if code, _, errs := run("-check"); code != exitInput || !strings.Contains(errs, "gostage_gen.go: stale or missing") {
		t.Fatalf("-check before generating: exit %d, stderr %q", code, errs)
	}
	if _, err := os.Stat(out); err == nil {
		t.Fatal("-check wrote a file")
	}
	if code, _, errs := run(); code != exitOK {
		t.Fatalf("generate: exit %d, stderr %q", code, errs)
	}
	first := stat(t, out)
	content, _ := os.ReadFile(out)
	if !bytes.Contains(content, []byte("func (v UserView) NameOr(def string) string")) {
		t.Errorf("generated file lacks NameOr:\n%s", content)
	}
	old := time.Now().Add(-time.Hour)
	if err := os.Chtimes(out, old, old); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := run(); code != exitOK {
		t.Fatalf("second run: exit %d, stderr %q", code, errs)
	}
	if !stat(t, out).ModTime().Before(first.ModTime()) {
		t.Error("an unchanged file was rewritten")
	}
	if code, _, errs := run("-check"); code != exitOK {
		t.Errorf("-check when fresh: exit %d, stderr %q", code, errs)
	}
	write(t, filepath.Join(dir, "userkeys", "keys.go"), strings.Replace(keysSrc, "Name string", "Name  string\n\tEmail string", 1))
	if code, _, errs := run("-check"); code != exitInput || !strings.Contains(errs, "gostage_gen.go") {
		t.Errorf("-check when stale: exit %d, stderr %q", code, errs)
	}
	if got, _ := os.ReadFile(out); !bytes.Equal(got, content) {
		t.Error("-check changed the file")
	}
}

func TestDiagnosticsLeaveOldFile(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	bad := strings.Replace(keysSrc, "default=nobody", "default=nobody,tll=1m", 1) + "\n//gostage:keys\ntype N int\n"
	old := "// Code generated by gostage-gen. DO NOT EDIT.\n\npackage userkeys\n\nvar UserID = 1 // old\n"
	module(t, map[string]string{"userkeys/keys.go": bad, "userkeys/gostage_gen.go": old})
	code, _, errs := run("./...")
	want := "userkeys/keys.go:9:39: unknown tag option tll (expected default, key, tags, ttl, -), did you mean ttl\n" +
		"userkeys/keys.go:12:1: //gostage:keys on N, which is not a struct type\n"
	if code != exitInput || errs != want {
		t.Errorf("exit %d, stderr:\n%s\nwant:\n%s", code, errs, want)
	}
	if got, _ := os.ReadFile("userkeys/gostage_gen.go"); string(got) != old {
		t.Errorf("the previous generated file changed:\n%s", got)
	}
}

func TestPatternsOutputAndTags(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	extra := "//go:build extra\n\npackage b\n\n//gostage:keys\ntype Extra struct{ On bool }\n"
	module(t, map[string]string{
		"a/keys.go":  keysSrc,
		"b/keys.go":  strings.Replace(keysSrc, "package userkeys", "package b", 1),
		"b/extra.go": extra,
		"c/c.go":     "package c\n",
	})
	if code, _, errs := run("-output", "keys_gen.go", "-tags", "extra", "./..."); code != exitOK {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	for _, p := range []string{"a/keys_gen.go", "b/keys_gen.go"} {
		if _, err := os.Stat(p); err != nil {
			t.Error(err)
		}
	}
	if _, err := os.Stat("c/keys_gen.go"); err == nil {
		t.Error("a package without keys got a generated file")
	}
	if b, _ := os.ReadFile("b/keys_gen.go"); !bytes.Contains(b, []byte("ExtraOn")) {
		t.Error("-tags extra: b/keys_gen.go lacks the keys of extra.go")
	}
}

func TestBadPattern(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	module(t, map[string]string{"a/keys.go": keysSrc})
	if code, _, errs := run("./nope"); code != exitInput || !strings.HasPrefix(errs, "gostage-gen: ") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
}

// wantInputError runs gostage-gen with args and checks that it exits for
// bad input, printing want on stderr.
func wantInputError(t *testing.T, want string, args ...string) {
	t.Helper()
	if code, _, errs := run(args...); code != exitInput || errs != want {
		t.Errorf("%v: exit %d, stderr %q, want %q", args, code, errs, want)
	}
}

func stat(t *testing.T, path string) os.FileInfo {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestImportPathPatternToleratesBrokenGeneratedFile(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	broken := "// Code generated by gostage-gen. DO NOT EDIT.\n\npackage userkeys\n\nvar UserID = store.NewKey[string](\"user.id\"\n"
	module(t, map[string]string{"userkeys/keys.go": keysSrc, "userkeys/gostage_gen.go": broken})

	if code, _, errs := run("example.com/m/userkeys"); code != exitOK {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	if b, _ := os.ReadFile("userkeys/gostage_gen.go"); !bytes.Contains(b, []byte("func UserOf(")) {
		t.Errorf("the broken file was not regenerated:\n%s", b)
	}
}

func TestGeneratedFileOfAPackageThatDeclaresNothingGoes(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	old := "// Code generated by gostage-gen. DO NOT EDIT.\n\npackage a\n\nvar UserID = 1\n"
	mine := "package b\n\n// X is not generated, whatever the file's name.\nvar X = 1\n"
	module(t, map[string]string{
		"a/a.go": "package a\n\n// User no longer declares keys.\ntype User struct{ ID int }\n", "a/gostage_gen.go": old,
		"b/b.go": "package b\n", "b/gostage_gen.go": mine,
	})

	if code, _, errs := run("-check", "./..."); code != exitInput || errs != "a/gostage_gen.go: stale or missing generated file: run gostage-gen\n" {
		t.Errorf("-check: exit %d, stderr %q", code, errs)
	}
	if _, err := os.Stat("a/gostage_gen.go"); err != nil {
		t.Errorf("-check removed the file: %v", err)
	}
	if code, _, errs := run("./..."); code != exitOK {
		t.Fatalf("generate: exit %d, stderr %q", code, errs)
	}
	if _, err := os.Stat("a/gostage_gen.go"); err == nil {
		t.Error("the generated file of a package that declares nothing is still there")
	}
	if got, _ := os.ReadFile("b/gostage_gen.go"); string(got) != mine {
		t.Errorf("a file without the generated header changed: %q", got)
	}
	// The module now declares nothing: a run that would do nothing says so.
	want := "gostage-gen: nothing to generate: no package that ./... matches (example.com/m/a, example.com/m/b) declares //gostage:keys or //gostage:action; declare a key group or an action, or remove the //go:generate line that runs gostage-gen\n"
	wantInputError(t, want, "-check", "./...")
}

// A //go:generate line in a package that declares nothing runs
// gostage-gen in that package's directory, where ./... does not reach
// the keys and actions of the rest of the module: the run is an error
// that says so, not a success that generated nothing, and writes nothing.
func TestNothingToGenerateInASubdirectory(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	dir := module(t, map[string]string{
		"userkeys/keys.go": keysSrc,
		"cmd/app/main.go":  "package main\n\n//go:generate go tool gostage-gen ./...\n\nfunc main() {}\n",
	})
	t.Chdir(filepath.Join(dir, "cmd", "app"))
	hint := "; patterns are relative to the directory gostage-gen runs in, for a //go:generate line the directory of its file: to generate the whole module from one line, write //go:generate go tool gostage-gen ./... in a file at the module root\n"
	wantInputError(t, "gostage-gen: nothing to generate: no package that ./... matches in cmd/app (example.com/m/cmd/app) declares //gostage:keys or //gostage:action"+hint, "./...")
	wantInputError(t, "gostage-gen: nothing to generate: package example.com/m/cmd/app declares no //gostage:keys or //gostage:action; without patterns gostage-gen works on the package of the directory it runs in, for a //go:generate line the directory of its file: to generate the whole module from one line, write //go:generate go tool gostage-gen ./... in a file at the module root\n")
	if _, err := os.Stat(filepath.Join(dir, "userkeys", "gostage_gen.go")); err == nil {
		t.Error("a run that found nothing to generate wrote a file")
	}
	t.Chdir(dir)
	if code, _, errs := run("./..."); code != exitOK {
		t.Errorf("./... at the module root: exit %d, stderr %q", code, errs)
	}
}

// useStore is a file of package userkeys that imports the runtime.
const useStore = "package userkeys\n\nimport _ \"github.com/gostage/gostage/runtime/store\"\n"

// A load that fails is not a success: every failure of the go command or
// of the load is printed, and the exit status is 1, with nothing written.
func TestLoadFailuresExit1(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		files map[string]string
		args  []string
		env   map[string]string
		gomod string // replaces go.mod, when set; ROOT stands for this module's directory
		want  string // in stderr
	}{
		{
			// go.mod lists gostage but not what gostage requires, which a
			// package that imports gostage needs: without -mod=mod the go
			// command refuses to go on.
			name:  "go.mod needs tidy",
			files: map[string]string{"userkeys/keys.go": keysSrc, "userkeys/use.go": useStore},
			args:  []string{"./..."},
			env:   map[string]string{"GOFLAGS": ""},
			want:  "gostage-gen: go: updates to go.mod needed",
		},
		{
			name:  "go.mod needs tidy, -check",
			files: map[string]string{"userkeys/keys.go": keysSrc, "userkeys/use.go": useStore},
			args:  []string{"-check", "./..."},
			env:   map[string]string{"GOFLAGS": ""},
			want:  "gostage-gen: go: updates to go.mod needed",
		},
		{
			name:  "pattern matching nothing",
			files: map[string]string{"userkeys/keys.go": keysSrc, "docs/README": "no Go here\n"},
			args:  []string{"./userkeys", "./docs/..."},
			want:  "gostage-gen: pattern ./docs/... matches no packages\n",
		},
		{
			name:  "import path pattern matching nothing",
			files: map[string]string{"userkeys/keys.go": keysSrc},
			args:  []string{"-check", "example.com/m/nope/..."},
			want:  "gostage-gen: pattern example.com/m/nope/... matches no packages\n",
		},
		{
			// go/packages says only "could not import"; the go command says why.
			name:  "import that does not resolve",
			files: map[string]string{"userkeys/keys.go": keysSrc, "userkeys/use.go": "package userkeys\n\nimport _ \"example.com/m/nothere\"\n"},
			args:  []string{"./..."},
			want:  "userkeys/use.go:3:8: ",
		},
		{
			// gostage is replaced but not required: go/packages binds
			// the import to another package, and the type errors that
			// follow say nothing of the cause.
			name: "replaced but not required, several packages",
			files: map[string]string{
				"userkeys/keys.go": keysSrc,
				"app/app.go": "package app\n\nimport (\n\t\"example.com/m/userkeys\"\n\t\"github.com/gostage/gostage/runtime/workflow\"\n)\n\n" +
					"// Rename renames a user.\n//\n//gostage:action writes=userkeys.User.Name\ntype Rename struct{}\n\n" +
					"func (a *Rename) Run(ctx *workflow.ActionContext, io RenameIO) error { return nil }\n",
			},
			args:  []string{"./..."},
			env:   map[string]string{"GOFLAGS": ""},
			gomod: "module example.com/m\n\ngo 1.26\n\nreplace github.com/gostage/gostage => ROOT\n",
			want:  "app/app.go:5:2: module github.com/gostage/gostage provides package github.com/gostage/gostage/runtime/workflow and is replaced but not required",
		},
		{
			name:  "package that failed to list",
			files: map[string]string{"userkeys/keys.go": keysSrc, "off/off.go": "//go:build ignore\n\npackage off\n"},
			args:  []string{"./userkeys", "./off"},
			want:  "build constraints exclude all Go files",
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			module(t, c.files)
			if c.gomod != "" {
				write(t, "go.mod", strings.ReplaceAll(c.gomod, "ROOT", root))
			}
			for k, v := range c.env {
				t.Setenv(k, v)
			}
			code, out, errs := run(c.args...)
			if code != exitInput || out != "" || !strings.Contains(errs, c.want) {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit 1 and %q", code, out, errs, c.want)
			}
			if fileExistsAt("userkeys/gostage_gen.go") {
				t.Error("a generated file was written")
			}
		})
	}
}

// An action names keys of a package no file of its package imports, by
// import path; only the action's package is on the command line, so the
// keys package is loaded for the references alone.
func TestActionByImportPathNeedsNoImport(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	app := `package app

import "github.com/gostage/gostage/runtime/workflow"

// Rename renames a user.
//
//gostage:action reads=example.com/m/userkeys.User.ID
//gostage:action writes=example.com/m/userkeys.User.Name tags=users
type Rename struct{}

func (a *Rename) Run(ctx *workflow.ActionContext, io RenameIO) error {
	id, err := io.UserID()
	if err != nil {
		return err
	}
	_ = id
	return io.SetUserName("x")
}
`
	module(t, map[string]string{"userkeys/keys.go": keysSrc, "app/app.go": app})
	if code, _, errs := run("./app"); code != exitOK {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	gen, err := os.ReadFile("app/gostage_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"example.com/m/userkeys"`, "func (io RenameIO) UserID() (int, error)", `return []string{"users"}`} {
		if !bytes.Contains(gen, []byte(want)) {
			t.Errorf("generated file lacks %s:\n%s", want, gen)
		}
	}
	if code, _, errs := run("./..."); code != exitOK {
		t.Fatalf("generate ./...: exit %d, stderr %q", code, errs)
	}
	if b, err := exec.Command("go", "vet", "./...").CombinedOutput(); err != nil {
		t.Fatalf("go vet: %v\n%s", err, b)
	}
	if code, _, errs := run("-check", "./app"); code != exitOK {
		t.Errorf("-check: exit %d, stderr %q", code, errs)
	}

	write(t, "app/app.go", strings.Replace(app, "userkeys.User.ID", "userkeys.User.Nam", 1))
	wantInputError(t, "app/app.go:7:52: unknown field Nam of key group example.com/m/userkeys.User (expected ID, Name), did you mean Name\n", "./app")
	write(t, "app/app.go", strings.Replace(app, "example.com/m/userkeys.User.ID", "example.com/m/nokeys.User.ID", 1))
	wantInputError(t, "app/app.go:7:24: cannot load package example.com/m/nokeys: check its import path\n", "./app")
}

// A near miss of a directive is an error, and the generated file of the
// package it was meant to declare is left alone. The actions of another
// package that refer to the group add no line when the run reports the
// near miss, and say where the problem is when it does not.
func TestNearMissKeepsGeneratedFile(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	module(t, map[string]string{"userkeys/keys.go": keysSrc, "app/app.go": renameSrc})
	if code, _, errs := run("./..."); code != exitOK {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	before, err := os.ReadFile("userkeys/gostage_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	write(t, "userkeys/keys.go", strings.Replace(keysSrc, "//gostage:keys", "// gostage:keys", 1))
	for _, args := range [][]string{{"./..."}, {"-check", "./..."}} {
		wantInputError(t, "userkeys/keys.go:5:1: \"// gostage:keys prefix=user\" is not a directive (a directive is //gostage:NAME, without spaces), did you mean //gostage:keys prefix=user\n", args...)
	}
	if after, err := os.ReadFile("userkeys/gostage_gen.go"); err != nil || !bytes.Equal(after, before) {
		t.Errorf("the generated file changed or went: %v", err)
	}
	code, _, errs := run("./app")
	if code != exitInput || strings.Count(errs, "\n") != 2 || !strings.Contains(errs, "app/app.go:7:47: example.com/m/userkeys.User is not a key group: its declaration has problems, which gostage-gen reports when it runs on package example.com/m/userkeys\n") {
		t.Errorf("./app alone: exit %d, stderr %q", code, errs)
	}
}

// A field type that does not resolve is reported once, at the field: the
// actions of another package that refer to the key add no line when the
// run reports the field, and say where the problem is when it does not.
func TestUnresolvedKeyTypeReportedOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	module(t, map[string]string{"userkeys/keys.go": strings.Replace(keysSrc, "ID   int", "ID   Int", 1), "app/app.go": renameSrc})
	wantInputError(t, "userkeys/keys.go:8:7: cannot resolve type Int of key User.ID, did you mean int\n", "./...")
	wantInputError(t, "app/app.go:7:24: key example.com/m/userkeys.User.ID has a type that does not resolve: its declaration has problems, which gostage-gen reports when it runs on package example.com/m/userkeys\n", "./app")
}

// A go.mod that replaces gostage without requiring it fails the load: the
// go command's message is printed, at the import in the user's file, and
// the exit status is 1.
func TestReplacedButNotRequiredExit1(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	const action = "// %[1]s acts.\n//\n//gostage:action reads=%[2]s\ntype %[1]s struct{}\n\n" +
		"func (a *%[1]s) Run(ctx *workflow.ActionContext, io %[1]sIO) error { return nil }\n"
	module(t, map[string]string{
		"shipping/keys.go": "package shipping\n\n// Carrier carries.\ntype Carrier string\n\n// Shipment is a shipment.\n//\n//gostage:keys\ntype Shipment struct{ Carrier Carrier }\n",
		"orders/keys.go": "package orders\n\nimport (\n\t\"example.com/m/shipping\"\n\t\"github.com/gostage/gostage/runtime/workflow\"\n)\n\n" +
			"// Order is an order.\n//\n//gostage:keys\ntype Order struct{ Carrier shipping.Carrier }\n\n" + fmt.Sprintf(action, "Audit", "Order.Carrier"),
		"flow/flow.go": "package flow\n\nimport \"github.com/gostage/gostage/runtime/workflow\"\n\n" + fmt.Sprintf(action, "Ship", "example.com/m/orders.Order.Carrier"),
		"main.go": "package main\n\nimport (\n\t\"example.com/m/flow\"\n\t\"example.com/m/orders\"\n\t\"example.com/m/shipping\"\n\t\"github.com/gostage/gostage/runtime/workflow\"\n)\n\n" +
			"func main() {\n\tst := workflow.NewStage(\"s\", \"s\", \"\")\n\tst.AddAction(&flow.Ship{}, &orders.Audit{})\n\t_ = shipping.ShipmentOf\n}\n",
	})
	if code, _, errs := run("./..."); code != exitOK {
		t.Fatalf("generate: exit %d, stderr %q", code, errs)
	}
	gomod, err := os.ReadFile("go.mod")
	if err != nil {
		t.Fatal(err)
	}
	// Drop the require line, and with GOFLAGS empty let the go command
	// refuse rather than add it back.
	write(t, "go.mod", regexp.MustCompile(`(?m)^require .*\n`).ReplaceAllString(string(gomod), ""))
	t.Setenv("GOFLAGS", "")
	for _, args := range [][]string{{"./..."}, {"-check", "./..."}} {
		code, _, errs := run(args...)
		// At the import of the user's file, not of the generated one.
		want := "flow/flow.go:3:8: module github.com/gostage/gostage provides package github.com/gostage/gostage/runtime/workflow and is replaced but not required"
		if code != exitInput || !strings.Contains(errs, want) || strings.Contains(errs, "gostage_gen.go") {
			t.Errorf("%v: exit %d, stderr %q; want exit 1 and %q", args, code, errs, want)
		}
	}
}

// A reference of another package to an unexported key group says so and
// how to export the group, rather than that the package declares no
// groups. The run over ./... and the run over the actions' package alone,
// which loads the keys package from export data, without its unexported
// types, say the same.
func TestReferenceToAnUnexportedGroup(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	keys := "package userkeys\n\n// User is a user.\n//\n//gostage:keys\ntype User struct {\n\tID int\n}\n\n" +
		"// audit is kept to the package.\n//\n//gostage:keys\ntype audit struct{ Trail []string }\n\n// _log cannot be exported by its first letter.\n//\n//gostage:keys\ntype _log struct{ Line string }\n"
	hidden := "package hidden\n\n// state is kept to the package.\n//\n//gostage:keys prefix=st\ntype state struct{ N int }\n"
	app := "package app\n\nimport (\n\t\"example.com/m/hidden\"\n\t\"example.com/m/userkeys\"\n\t\"github.com/gostage/gostage/runtime/workflow\"\n)\n\n" +
		"var _ = userkeys.UserOf\nvar _ = hidden.Keys\n\n" +
		"// Read reads.\n//\n//gostage:action reads=userkeys.audit.Trail,example.com/m/userkeys.audit.Trail,userkeys._log.Line,hidden.State.N\ntype Read struct{}\n\n" +
		"func (a *Read) Run(ctx *workflow.ActionContext, io ReadIO) error { return nil }\n"
	module(t, map[string]string{"userkeys/keys.go": keys, "hidden/keys.go": hidden, "app/app.go": app})
	want := "app/app.go:14:33: userkeys.audit is an unexported key group, which other packages cannot use: rename type audit to Audit to export it (its keys keep their names), and run gostage-gen\n" +
		"app/app.go:14:68: example.com/m/userkeys.audit is an unexported key group, which other packages cannot use: rename type audit to Audit to export it (its keys keep their names), and run gostage-gen\n" +
		"app/app.go:14:89: userkeys._log is an unexported key group, which other packages cannot use: give type _log a name that starts with an upper-case letter to export it, and run gostage-gen\n" +
		"app/app.go:14:106: unknown key group hidden.State: package example.com/m/hidden declares no exported //gostage:keys groups, and other packages cannot use its unexported ones (state): give the group a name that starts with an upper-case letter to export it, and run gostage-gen\n"
	if code, _, errs := run("./userkeys", "./hidden"); code != exitOK {
		t.Fatalf("generate the keys: exit %d, stderr %q", code, errs)
	}
	wantInputError(t, want, "./...")
	wantInputError(t, want, "./app")
}

// A reference of another package to a field of a key group that is
// unexported or tagged "-" says why the field is not a key, rather than
// that it is unknown, beside the field the user can see.
func TestReferenceToAFieldThatIsNotAKey(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	keys := "package userkeys\n\n// User is a user.\n//\n//gostage:keys\ntype User struct {\n\tID    int\n\tnote  string\n\tCache []byte `gostage:\"-\"`\n}\n"
	app := "package app\n\nimport \"github.com/gostage/gostage/runtime/workflow\"\n\n" +
		"// Read reads.\n//\n//gostage:action reads=example.com/m/userkeys.User.note,example.com/m/userkeys.User.Cache\ntype Read struct{}\n\n" +
		"func (a *Read) Run(ctx *workflow.ActionContext, io ReadIO) error { return nil }\n"
	module(t, map[string]string{"userkeys/keys.go": keys, "app/app.go": app})
	want := "app/app.go:7:52: field note of key group example.com/m/userkeys.User is not a key: it is unexported (only exported fields are keys): rename it Note and run gostage-gen\n" +
		"app/app.go:7:85: field Cache of key group example.com/m/userkeys.User is not a key: its tag gostage:\"-\" leaves it out of the group: drop the tag and run gostage-gen\n"
	wantInputError(t, want, "./...")
	wantInputError(t, want, "./app")
}

// Two groups of one name in two packages take one prefix by default, and
// so share their key names. When the actions of one package use two such
// keys of different types, one entry of the store, the run is an error
// at the second use; of one type, they are one key, which is left alone.
func TestKeyOfOneNameAndTwoTypes(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	orders := "package orders\n\n// ID is an order's id.\ntype ID string\n\n// Order is an order.\n//\n//gostage:keys\ntype Order struct {\n\tID   ID\n\tNote string\n}\n"
	carts := "package carts\n\n// Order is the order of a cart.\n//\n//gostage:keys\ntype Order struct {\n\tID   int\n\tNote string\n}\n"
	action := "// %[1]s acts.\n//\n//gostage:action %[2]s\ntype %[1]s struct{}\n\nfunc (a *%[1]s) Run(ctx *workflow.ActionContext, io %[1]sIO) error { return nil }\n\n"
	app := "package app\n\nimport \"github.com/gostage/gostage/runtime/workflow\"\n\n" +
		fmt.Sprintf(action, "Pay", "reads=example.com/m/orders.Order.ID,example.com/m/orders.Order.Note") +
		fmt.Sprintf(action, "Fill", "writes=example.com/m/carts.Order.ID,example.com/m/carts.Order.Note")
	module(t, map[string]string{"orders/keys.go": orders, "carts/keys.go": carts, "app/app.go": app})
	want := "app/app.go:14:25: key \"order.id\" of carts.Order.ID (int) is also that of orders.Order.ID (orders.ID), which action Pay reads: one name is one entry of the store, which one of them would read as the wrong type; give one group another prefix=\n"
	wantInputError(t, want, "./...")
	wantInputError(t, want, "./app")
	// A key of the package's own groups meets one of another package.
	write(t, "orders/keys.go", strings.Replace(orders, "package orders\n", "package orders\n\nimport \"github.com/gostage/gostage/runtime/workflow\"\n", 1)+"\n"+fmt.Sprintf(action, "Take", "reads=example.com/m/carts.Order.ID"))
	wantInputError(t, "orders/keys.go:18:24: key \"order.id\" of carts.Order.ID (int) is also that of Order.ID (ID), declared at orders/keys.go:12:2: one name is one entry of the store, which one of them would read as the wrong type; give one group another prefix=\n", "./orders")
	// With a prefix of its own, the cart's keys are keys of their own.
	write(t, "carts/keys.go", strings.Replace(carts, "//gostage:keys", "//gostage:keys prefix=cart", 1))
	if code, _, errs := run("./..."); code != exitOK {
		t.Errorf("after prefix=cart: exit %d, stderr %q", code, errs)
	}
}
