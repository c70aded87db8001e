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
// by import path, and checks the action against them.
func actionData(ctx context.Context, dir string, opts ActionOptions) (*templates.Action, error) {
	target, byPath, err := loadTarget(ctx, dir, opts)
	if err != nil {
		return nil, err
	}
	c := &checker{target: target, byPath: byPath, imports: make(map[string]*types.Package), paths: make(map[string]string)}
	for _, f := range target.Files {
		if model.IsGenerated(f) {
			continue
		}
		for name, p := range model.FileImports(f, target.Types) {
			c.bind(name, p)
		}
	}
	groups, _ := model.ReadKeys(target.Fset, target.Files, target.Info, target.Types)
	c.checkNames(opts.TypeName, model.KeyNames(groups))
	c.finder = model.NewKeyFinder(target.Fset, target.Types, groups, nil)
	data := &templates.Action{Package: target.Types.Name(), TypeName: opts.TypeName, Name: model.KebabCase(opts.TypeName)}
	seen := make(map[string]bool)
	for _, list := range []struct {
		flag string
		refs []string
		out  *[]string
	}{{"-reads", opts.Reads, &data.Reads}, {"-writes", opts.Writes, &data.Writes}} {
		for _, ref := range list.refs {
			k, written := c.resolve(list.flag, ref)
			if k == nil {
				continue
			}
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
			c.addImport(data, k, written)
		}
	}
	if len(c.problems) > 0 {
		return nil, errors.Join(c.problems...)
	}
	slices.SortFunc(data.Imports, func(a, b templates.Import) int { return strings.Compare(a.Path, b.Path) })
	return data, nil
}

// loadTarget loads the package in dir, the target of the scaffold, in one
// load with the packages that references name by import path, and returns
// it with every loaded package by import path.
func loadTarget(ctx context.Context, dir string, opts ActionOptions) (*load.Package, map[string]*load.Package, error) {
	patterns := []string{"."}
	for _, ref := range slices.Concat(opts.Reads, opts.Writes) {
		if qual, _, ok := model.SplitPathRef(ref); ok {
			patterns = append(patterns, qual)
		}
	}
	pkgs, err := load.Load(ctx, load.Config{Dir: dir, Tags: opts.Tags, Output: generator.DefaultOutput, Env: opts.Env}, patterns...)
	if err != nil {
		return nil, nil, err
	}
	var target *load.Package
	byPath := make(map[string]*load.Package)
	for _, p := range pkgs {
		byPath[p.Path] = p
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
		return nil, nil, errors.New(msg)
	}
	return target, byPath, nil
}

// checker resolves an action's references as the directive will.
type checker struct {
	target   *load.Package
	byPath   map[string]*load.Package
	finder   *model.KeyFinder
	imports  map[string]*types.Package // name -> package, for pkg.Group.Field
	paths    map[string]string         // name -> import path, for the scaffold's imports
	problems []error
}

// bind records that name refers to the package p in the new file.
func (c *checker) bind(name string, p *types.Package) {
	if _, ok := c.imports[name]; ok {
		return // the first file's binding wins, as in the directive it is one name
	}
	c.imports[name] = p
	if p != nil {
		c.paths[name] = p.Path()
	}
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

// resolve resolves one reference, rewriting one by import path to the
// name the new file imports the package under, or to Group.Field when the
// path is the package's own.
func (c *checker) resolve(flag, ref string) (*model.KeyRef, string) {
	written := ref
	if qual, rest, ok := model.SplitPathRef(ref); ok && qual == c.target.Path {
		// The package's own group: a package cannot import itself.
		written = rest
	} else if ok {
		p := c.byPath[qual]
		if p == nil || p.Types == nil {
			c.problems = append(c.problems, fmt.Errorf("%s %s: cannot load package %s", flag, ref, qual))
			return nil, ""
		}
		name := p.Types.Name()
		var known []string // names the package imports it under already
		for n, path := range c.paths {
			if path == qual {
				known = append(known, n)
			}
		}
		if len(known) > 0 {
			name = slices.Min(known)
		}
		if prev, ok := c.paths[name]; ok && prev != qual {
			c.problems = append(c.problems, fmt.Errorf("%s %s: the package already imports %s as %s", flag, ref, prev, name))
			return nil, ""
		}
		c.bind(name, p.Types)
		written = name + "." + rest
	}
	k, err := c.finder.Find(written, c.imports)
	if err != nil {
		c.problems = append(c.problems, fmt.Errorf("%s %s: %s", flag, ref, err.Message))
		return nil, ""
	}
	return k, written
}

// addImport adds the import a qualified reference needs.
func (c *checker) addImport(data *templates.Action, k *model.KeyRef, written string) {
	if strings.Count(written, ".") < 2 {
		return // Group.Field, of the package itself
	}
	name, _, _ := strings.Cut(written, ".")
	if slices.ContainsFunc(data.Imports, func(im templates.Import) bool { return im.Name == name }) {
		return
	}
	data.Imports = append(data.Imports, templates.Import{Name: name, Path: k.PkgPath, Renamed: name != k.PkgName, Group: k.Group})
}
