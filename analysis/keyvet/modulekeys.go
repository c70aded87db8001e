package keyvet

import (
	"go/ast"
	"go/token"
	"go/types"
	"path"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/tools/go/analysis"

	"github.com/gostage/gostage/generator/model"
)

// moduleKeys returns the keys declared by the packages of the main module
// that pass's package neither is nor imports directly (those come from
// its own declarations and from facts).
//
// Each such package is type-checked from its files, so that its keys are
// read by the generator's own reader and their types are types. Its
// imports are taken from the packages pass's package already knows (its
// imports and theirs, as export data or source gives them), which is
// where the types a call site can name come from. An import it does not
// know is type-checked from its files too when it belongs to the module,
// so that a key of type ship.Carrier with default=ship.PostOffice is read
// as declared. Any other import is replaced by a stand-in that declares
// the names the files use as opaque types; a key whose type mentions one
// is compared by its spelling only.
func moduleKeys(pass *analysis.Pass, m *module) []*key {
	src := &sourceChecker{
		mod:      m,
		known:    knownPackages(pass.Pkg),
		checked:  make(map[string]*types.Package),
		standIns: make(map[*types.Package]bool),
	}
	var keys []*key
	for _, mp := range m.keyPackages {
		if mp.path == pass.Pkg.Path() || isDirectImport(pass.Pkg, mp.path) {
			continue
		}
		info := &types.Info{
			Types: make(map[ast.Expr]types.TypeAndValue),
			Defs:  make(map[*ast.Ident]types.Object),
			Uses:  make(map[*ast.Ident]types.Object),
		}
		files := m.sourceFiles(mp)
		pkg := src.check(mp.path, files, info)
		groups, _ := model.ReadKeys(m.fset, files, info, pkg)
		cycle := m.cycleNote(mp.path, pass.Pkg.Path())
		for _, g := range groups {
			for _, k := range g.Keys {
				if k.Type == nil || k.Name == "" {
					continue
				}
				dk := declare(g, k)
				dk.HasDefault = mp.defaults[k.Pos]
				keys = append(keys, &key{
					declaredKey: dk,
					pkg:         pkg,
					typ:         k.Type,
					foreign:     true,
					opaque:      mentions(k.Type, func(p *types.Package) bool { return src.standIns[p] }),
					cycle:       cycle,
				})
			}
		}
	}
	return keys
}

// cycleNote says why the package at keys cannot be imported by the
// package at user, or "" when it can.
func (m *module) cycleNote(keys, user string) string {
	chain := m.importChain(keys, user)
	if chain == nil {
		return ""
	}
	return "no fix: importing " + keys + " would make an import cycle (" + strings.Join(chain, " -> ") + ")"
}

// isDirectImport reports whether pkg imports the package at path.
func isDirectImport(pkg *types.Package, path string) bool {
	for _, imp := range pkg.Imports() {
		if imp.Path() == path {
			return true
		}
	}
	return false
}

// knownPackages returns pkg's imports, theirs, and so on, by path.
func knownPackages(pkg *types.Package) map[string]*types.Package {
	known := make(map[string]*types.Package)
	var walk func(p *types.Package)
	walk = func(p *types.Package) {
		for _, imp := range p.Imports() {
			if known[imp.Path()] == nil {
				known[imp.Path()] = imp
				walk(imp)
			}
		}
	}
	walk(pkg)
	return known
}

// usedNames maps each import path of files to the names the files select
// from it (time.Duration: "time" -> Duration).
func usedNames(files []*ast.File) map[string]map[string]bool {
	used := make(map[string]map[string]bool)
	for _, f := range files {
		byName := make(map[string]string)
		for _, spec := range f.Imports {
			p, err := strconv.Unquote(spec.Path.Value)
			if err != nil {
				continue
			}
			name := AssumedName(p)
			if spec.Name != nil {
				name = spec.Name.Name
			}
			byName[name] = p
			if used[p] == nil {
				used[p] = make(map[string]bool)
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if id, ok := sel.X.(*ast.Ident); ok {
				if p, ok := byName[id.Name]; ok {
					used[p][sel.Sel.Name] = true
				}
			}
			return true
		})
	}
	return used
}

// sourceChecker type-checks packages of the module from their files,
// for one pass: the key packages its package does not import, and the
// packages of the module they import that it does not know either.
type sourceChecker struct {
	mod   *module
	known map[string]*types.Package // what pass's package knows, by path
	// checked holds the module packages checked from their files, by
	// path; a nil entry is one being checked (an import cycle, which the
	// compiler reports, gets a stand-in).
	checked map[string]*types.Package
	// standIns are the stand-in packages made for imports that are
	// neither known nor of the module.
	standIns map[*types.Package]bool
}

// check type-checks the files of the package at path, filling info if it
// is not nil. Type errors are expected and dropped: generated code refers
// to what a stand-in lacks, and what the declarations need is there.
func (c *sourceChecker) check(path string, files []*ast.File, info *types.Info) *types.Package {
	imp := &standInImporter{c: c, used: usedNames(files), made: make(map[string]*types.Package)}
	conf := types.Config{Importer: imp, Error: func(error) {}, FakeImportC: true}
	pkg, _ := conf.Check(path, c.mod.fset, files, info)
	return pkg
}

// fromSource returns the module package at path checked from its files,
// or nil when path is not a package of the module or is being checked.
func (c *sourceChecker) fromSource(path string) *types.Package {
	if p, ok := c.checked[path]; ok {
		return p
	}
	mp := c.mod.pkgs[path]
	if mp == nil {
		return nil
	}
	c.checked[path] = nil
	p := c.check(path, c.mod.sourceFiles(mp), nil)
	c.checked[path] = p
	return p
}

// standInImporter imports the dependencies of one package checked from
// its files: a known package when it has every name the files use, a
// package of the module checked from its own files, and otherwise a
// stand-in declaring those names as opaque types.
type standInImporter struct {
	c    *sourceChecker
	used map[string]map[string]bool
	made map[string]*types.Package // the stand-ins made for these files
}

// Import implements types.Importer.
func (imp *standInImporter) Import(path string) (*types.Package, error) {
	known := imp.c.known[path]
	if known != nil && hasNames(known, imp.used[path]) {
		return known, nil
	}
	if p := imp.c.fromSource(path); p != nil && hasNames(p, imp.used[path]) {
		return p, nil
	}
	if p := imp.made[path]; p != nil {
		return p, nil
	}
	name := AssumedName(path)
	if known != nil {
		name = known.Name()
	}
	p := types.NewPackage(path, name)
	for n := range imp.used[path] {
		tn := types.NewTypeName(token.NoPos, p, n, nil)
		types.NewNamed(tn, types.NewStruct(nil, nil), nil)
		p.Scope().Insert(tn)
	}
	p.MarkComplete()
	imp.made[path] = p
	imp.c.standIns[p] = true
	return p, nil
}

// hasNames reports whether p declares every one of names.
func hasNames(p *types.Package, names map[string]bool) bool {
	for n := range names {
		if p.Scope().Lookup(n) == nil {
			return false
		}
	}
	return true
}

// mentions reports whether t is or mentions a named type of a package
// for which in is true.
func mentions(t types.Type, in func(*types.Package) bool) bool {
	switch t := types.Unalias(t).(type) {
	case *types.Named:
		if p := t.Obj().Pkg(); p != nil && in(p) {
			return true
		}
		for a := range t.TypeArgs().Types() {
			if mentions(a, in) {
				return true
			}
		}
	case *types.Pointer:
		return mentions(t.Elem(), in)
	case *types.Slice:
		return mentions(t.Elem(), in)
	case *types.Array:
		return mentions(t.Elem(), in)
	case *types.Chan:
		return mentions(t.Elem(), in)
	case *types.Map:
		return mentions(t.Key(), in) || mentions(t.Elem(), in)
	case *types.Struct:
		for f := range t.Fields() {
			if mentions(f.Type(), in) {
				return true
			}
		}
	case *types.Signature:
		for _, vars := range []*types.Tuple{t.Params(), t.Results()} {
			for v := range vars.Variables() {
				if mentions(v.Type(), in) {
					return true
				}
			}
		}
	case *types.Interface:
		for m := range t.Methods() {
			if mentions(m.Type(), in) {
				return true
			}
		}
	}
	return false
}

// AssumedName is the package name an import path suggests, as goimports
// assumes it: the last element, skipping a major version element (v2),
// without a go- prefix, up to the first character that cannot be in an
// identifier (yaml.v3 is yaml). gostage-vet -fix uses it too, to tell
// which imports a fix left unused: both must read a path alike.
func AssumedName(importPath string) string {
	base := path.Base(importPath)
	if len(base) > 1 && base[0] == 'v' {
		if _, err := strconv.Atoi(base[1:]); err == nil && path.Dir(importPath) != "." {
			base = path.Base(path.Dir(importPath))
		}
	}
	base = strings.TrimPrefix(base, "go-")
	if i := strings.IndexFunc(base, func(r rune) bool { return !isIdentRune(r) }); i >= 0 {
		base = base[:i]
	}
	return base
}

// isIdentRune reports whether r may appear in a Go identifier.
func isIdentRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)
}
