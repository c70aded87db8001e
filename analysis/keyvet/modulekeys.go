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
// where the types a call site can name come from; an import it does not
// know, or knows without a name the declarations use, is replaced by a
// stand-in that declares those names as opaque types. A key whose type
// mentions one is compared by its spelling only.
func moduleKeys(pass *analysis.Pass, m *module) []*key {
	known := knownPackages(pass.Pkg)
	var keys []*key
	for _, mp := range m.keyPackages {
		if mp.path == pass.Pkg.Path() || isDirectImport(pass.Pkg, mp.path) {
			continue
		}
		imp := &standInImporter{known: known, used: usedNames(mp.files), standIns: make(map[string]*types.Package)}
		info := &types.Info{
			Types: make(map[ast.Expr]types.TypeAndValue),
			Defs:  make(map[*ast.Ident]types.Object),
			Uses:  make(map[*ast.Ident]types.Object),
		}
		conf := types.Config{Importer: imp, Error: func(error) {}, FakeImportC: true}
		// Type errors are expected: generated code refers to what a
		// stand-in lacks. What the declarations need is there.
		pkg, _ := conf.Check(mp.path, m.fset, mp.files, info)
		groups, _ := model.ReadKeys(m.fset, mp.files, info, pkg)
		cycle := m.cycleNote(mp.path, pass.Pkg.Path())
		for _, g := range groups {
			for _, k := range g.Keys {
				if k.Type == nil || k.Name == "" {
					continue
				}
				keys = append(keys, &key{
					declaredKey: declare(g, k),
					pkg:         pkg,
					typ:         k.Type,
					foreign:     true,
					opaque:      mentions(k.Type, func(p *types.Package) bool { return imp.standIns[p.Path()] == p }),
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
			name := assumedName(p)
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

// standInImporter imports a package's dependencies for type-checking it
// from source: a known package when it has every name the files use,
// and otherwise a stand-in declaring those names as opaque types.
type standInImporter struct {
	known    map[string]*types.Package
	used     map[string]map[string]bool
	standIns map[string]*types.Package
}

// Import implements types.Importer.
func (imp *standInImporter) Import(path string) (*types.Package, error) {
	if p := imp.known[path]; p != nil && hasNames(p, imp.used[path]) {
		return p, nil
	}
	if p := imp.standIns[path]; p != nil {
		return p, nil
	}
	name := assumedName(path)
	if p := imp.known[path]; p != nil {
		name = p.Name()
	}
	p := types.NewPackage(path, name)
	for n := range imp.used[path] {
		tn := types.NewTypeName(token.NoPos, p, n, nil)
		types.NewNamed(tn, types.NewStruct(nil, nil), nil)
		p.Scope().Insert(tn)
	}
	p.MarkComplete()
	imp.standIns[path] = p
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

// assumedName is the package name an import path suggests, as goimports
// assumes it: the last element, skipping a major version element (v2),
// without a go- prefix, up to the first character that cannot be in an
// identifier (yaml.v3 is yaml).
func assumedName(importPath string) string {
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
