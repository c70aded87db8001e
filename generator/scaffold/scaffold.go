// Package scaffold writes the files of gostage-gen new: user-owned source
// made from the templates of package templates, after checking what they
// declare against the package they go into. A scaffold is written once
// and never overwritten; from then on it belongs to the user.
package scaffold

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"go/build"
	"go/token"
	"go/types"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"github.com/gostage/gostage/generator"
	"github.com/gostage/gostage/generator/load"
	"github.com/gostage/gostage/generator/model"
	"github.com/gostage/gostage/templates"
)

// ExistsError is the error of a scaffold whose file exists already.
type ExistsError struct{ Path string }

// Error names the file and says it was left alone.
func (e *ExistsError) Error() string { return e.Path + " already exists: not overwritten" }

// Unwrap returns fs.ErrExist.
func (e *ExistsError) Unwrap() error { return fs.ErrExist }

// ActionOptions says which action to scaffold, and where.
type ActionOptions struct {
	Dir      string   // directory of the package; "" for the current one
	TypeName string   // the action's Go type, "ActivateUser"
	Reads    []string // key references: Group.Field, pkg.Group.Field or importpath.Group.Field
	Writes   []string
	Tags     []string // build tags to load the package with
	Env      []string // environment of the go command; nil for os.Environ
}

// TypeName returns the Go type name for the NAME of gostage-gen new
// action: an exported identifier as it is, or a kebab-case or snake_case
// name in CamelCase ("send-mail" is SendMail).
func TypeName(name string) (string, error) {
	if token.IsIdentifier(name) && token.IsExported(name) {
		return name, nil
	}
	var b strings.Builder
	for _, w := range strings.FieldsFunc(name, func(r rune) bool { return r == '-' || r == '_' }) {
		rs := []rune(w)
		rs[0] = unicode.ToUpper(rs[0])
		b.WriteString(string(rs))
	}
	if s := b.String(); token.IsIdentifier(s) && token.IsExported(s) {
		return s, nil
	}
	return "", fmt.Errorf("action name %q: want a Go type name such as ActivateUser, or activate-user", name)
}

// FileName returns the base name of the scaffold of an action type:
// activate_user.go for ActivateUser.
func FileName(typeName string) string { return model.SnakeCase(typeName) + ".go" }

// Action writes the scaffold of an action into the package in opts.Dir
// and returns the path written. It writes nothing when the file exists
// (the error is an *[ExistsError]), when the name is taken, or when a
// reference does not resolve to a key; the error then lists every
// problem, one a line.
func Action(ctx context.Context, opts ActionOptions) (string, error) {
	dir, err := filepath.Abs(cmp.Or(opts.Dir, "."))
	if err != nil {
		return "", err
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		// Without this, the go command run in dir fails to start, and
		// says that the go binary does not exist.
		return "", fmt.Errorf("no directory %s to add the action to: an action goes in an existing Go package; create the directory and a .go file with its package clause first", cmp.Or(opts.Dir, "."))
	}
	file := FileName(opts.TypeName)
	path := filepath.Join(dir, file)
	if strings.HasSuffix(file, "_test.go") {
		return "", fmt.Errorf("%s would be a test file: pick another action name", file)
	}
	if constrained(file) {
		return "", fmt.Errorf("%s would build only on some systems (its name ends in a GOOS or GOARCH): pick another action name", file)
	}
	if _, err := os.Stat(path); err == nil {
		return "", &ExistsError{path}
	}
	data, err := actionData(ctx, dir, opts)
	if err != nil {
		return "", err
	}
	src, err := templates.RenderAction(*data)
	if err != nil {
		return "", err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return "", &ExistsError{path}
		}
		return "", err
	}
	if _, err := f.Write(src); err != nil {
		f.Close()
		os.Remove(path)
		return "", err
	}
	if err := f.Close(); err != nil {
		os.Remove(path)
		return "", err
	}
	return path, nil
}

// constrained reports whether the go command builds a file of this name
// only for some systems, as it does for name_windows.go or name_arm64.go.
// A file whose name ends in one GOOS or GOARCH fails to match a system
// that has another, so two systems that differ in both tell them all.
func constrained(name string) bool {
	for _, sys := range [][2]string{{"linux", "amd64"}, {"windows", "arm64"}} {
		ctxt := build.Default
		ctxt.GOOS, ctxt.GOARCH = sys[0], sys[1]
		// The file does not exist yet: only its name is to be judged.
		ctxt.OpenFile = func(string) (io.ReadCloser, error) {
			return io.NopCloser(strings.NewReader("package p\n")), nil
		}
		if ok, err := ctxt.MatchFile(".", name); err == nil && !ok {
			return true
		}
	}
	return false
}

// actionData loads the package in dir, with the packages references name
// by import path, and checks the action against them. The directive names
// the package's own groups as Group.Field and those of other packages by
// import path, which needs no import in the new file.
func actionData(ctx context.Context, dir string, opts ActionOptions) (*templates.Action, error) {
	target, err := loadTarget(ctx, dir, opts)
	if err != nil {
		return nil, err
	}
	c := &checker{target: target, imports: make(map[string]*types.Package)}
	for _, f := range target.Files {
		if model.IsGenerated(f) {
			continue
		}
		for name, p := range model.FileImports(f, target.Types) {
			if _, ok := c.imports[name]; !ok {
				c.imports[name] = p // the first file's binding wins
			}
		}
	}
	groups, _ := model.ReadKeys(target.Fset, target.Files, target.Info, target.Types)
	c.checkNames(opts.TypeName, model.KeyNames(groups))
	c.finder = model.NewKeyFinder(target.Fset, target.Types, groups, target.Paths)
	data := &templates.Action{Package: target.Types.Name(), TypeName: opts.TypeName, Name: model.KebabCase(opts.TypeName)}
	seen := make(map[string]bool)
	for _, list := range []struct {
		flag string
		refs []string
		out  *[]string
	}{{"-reads", opts.Reads, &data.Reads}, {"-writes", opts.Writes, &data.Writes}} {
		for _, ref := range list.refs {
			k := c.resolve(list.flag, ref)
			if k == nil {
				continue
			}
			written := c.directiveForm(k)
			if seen[list.flag+written] {
				c.problems = append(c.problems, fmt.Errorf("%s %s: given twice", list.flag, ref))
				continue
			}
			seen[list.flag+written] = true
			*list.out = append(*list.out, written)
			if list.flag == "-reads" {
				data.Getters = append(data.Getters, "io."+k.Getter()+"()")
			} else {
				data.Setters = append(data.Setters, "io."+k.Setter()+"(v)")
			}
		}
	}
	if len(c.problems) > 0 {
		return nil, errors.Join(c.problems...)
	}
	return data, nil
}

// loadTarget loads the package in dir, the target of the scaffold, in one
// load with the packages that references name by import path.
func loadTarget(ctx context.Context, dir string, opts ActionOptions) (*load.Package, error) {
	patterns := []string{"."}
	for _, ref := range slices.Concat(opts.Reads, opts.Writes) {
		if qual, _, ok := model.SplitPathRef(ref); ok {
			patterns = append(patterns, qual)
		}
	}
	pkgs, err := load.Load(ctx, load.Config{Dir: dir, Tags: opts.Tags, Output: generator.DefaultOutput, Env: opts.Env}, patterns...)
	if err != nil {
		return nil, err
	}
	var target *load.Package
	for _, p := range pkgs {
		if p.Dir == dir {
			target = p
		}
	}
	if target == nil || target.Types == nil || len(target.Files) == 0 {
		var msgs []string
		if target != nil {
			for _, e := range target.Errors {
				msgs = append(msgs, e.Message)
			}
		}
		msg := "no Go package in " + dir + " to add the action to"
		if len(msgs) > 0 {
			msg += ": " + strings.Join(msgs, "; ")
		}
		return nil, errors.New(msg)
	}
	return target, nil
}

// checker resolves an action's references as the directive will.
type checker struct {
	target   *load.Package
	finder   *model.KeyFinder
	imports  map[string]*types.Package // name -> package, for pkg.Group.Field
	problems []error
}

// checkNames reports a type name, or its IO type name, that the package
// declares already outside generated files, or that generation gives to
// one of its keys (generated maps those names to what they are for).
func (c *checker) checkNames(typeName string, generated map[string]string) {
	for _, name := range []string{typeName, typeName + "IO"} {
		if what, ok := generated[name]; ok {
			c.problems = append(c.problems, fmt.Errorf("%s is generated for %s", name, what))
			continue
		}
		at := model.UserDeclaration(c.target.Types, c.target.Fset, c.target.Files, name)
		if !at.IsValid() {
			continue
		}
		pos := c.target.Fset.Position(at)
		c.problems = append(c.problems, fmt.Errorf("%s is already declared at %s:%d:%d", name, filepath.Base(pos.Filename), pos.Line, pos.Column))
	}
}

// resolve resolves one reference, in any of the forms of the directive.
func (c *checker) resolve(flag, ref string) *model.KeyRef {
	k, err := c.finder.Find(ref, c.imports)
	if err != nil {
		c.problems = append(c.problems, fmt.Errorf("%s %s: %s", flag, ref, err.Message))
		return nil
	}
	return k
}

// directiveForm returns how the new file's directive names k: Group.Field
// for a group of the package itself, and by import path for one of
// another package, which needs no import (an import the code does not use
// yet would not compile).
func (c *checker) directiveForm(k *model.KeyRef) string {
	if k.PkgPath == c.target.Path {
		return k.Group + "." + k.Field
	}
	return k.PkgPath + "." + k.Group + "." + k.Field
}
