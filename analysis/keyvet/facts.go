package keyvet

import (
	"fmt"
	"go/types"
	"sort"
	"strings"
	"time"

	"golang.org/x/tools/go/analysis"

	"github.com/gostage/gostage/generator/model"
)

// storePath is the import path of the runtime store whose calls are
// checked and whose Key type the generated accessors have.
const storePath = "github.com/gostage/gostage/runtime/store"

// keysFact is the package fact a package with //gostage:keys groups
// exports: every key it declares. Importers read it instead of parsing the
// declarations again, which they could not do under go vet, where only
// export data of dependencies is at hand. It holds plain strings and
// numbers only, so that it encodes with gob.
type keysFact struct {
	// Path and Name are the declaring package's import path and name.
	Path string
	Name string
	Keys []declaredKey
}

// AFact marks keysFact as an analysis fact.
func (*keysFact) AFact() {}

// String lists the keys with their types, in declaration order; tests
// match it with `// want package:"..."`.
func (f *keysFact) String() string {
	parts := make([]string, len(f.Keys))
	for i, k := range f.Keys {
		parts[i] = k.Name + "=" + k.Var + ":" + k.TypeName
	}
	return "keys " + strings.Join(parts, " ")
}

// declaredKey is one key of a //gostage:keys group, as the fact carries it.
type declaredKey struct {
	Name  string // the stored key, "user.id"
	Group string // the group's type name, "User"
	Field string // the field that declares the key, "ID"
	Var   string // the generated accessor, "UserIDKey"
	// Type is the declared type with full package paths, compared when the
	// type itself cannot be found again from export data; TypeName is the
	// same type qualified by package names, for messages.
	Type     string
	TypeName string
	// TTL and HasDefault decide which rewrites keep a call's behaviour:
	// Key.Put applies the TTL, Key.Get reads a missing key as the default.
	TTL        time.Duration
	HasDefault bool
	// Interface says the declared type is an interface, for comparing
	// types by their strings.
	Interface bool
}

// key is a declared key made ready for checking calls in one package.
type key struct {
	declaredKey
	pkg *types.Package // the declaring package
	// typ is the declared type, nil when it could not be resolved (then
	// declaredKey.Type is compared as a string).
	typ types.Type
	// accessor is the generated variable of type store.Key[...], nil when
	// the package has no such variable yet. typed says its type argument is
	// the declared type, so that its methods can replace store calls.
	accessor *types.Var
	typed    bool
	// foreign says the key comes from a package of the module that the
	// checked package does not import: its types come from checking that
	// package's files apart, so they are compared by their spelling, and
	// using it needs an import. opaque says its type mentions a package
	// that check could not see, so that only a type spelled the same is
	// known to agree with it, and no other is known not to. cycle, when
	// set, says why the import cannot be added.
	foreign bool
	opaque  bool
	cycle   string
}

// ownKeys reads the //gostage:keys groups of the package being analyzed.
// Problems in the declarations are the generator's to report, so the
// diagnostics of the reader are dropped and keys without a type skipped.
func ownKeys(pass *analysis.Pass) []*key {
	groups, _ := model.ReadKeys(pass.Fset, pass.Files, pass.TypesInfo, pass.Pkg)
	var keys []*key
	for _, g := range groups {
		for _, k := range g.Keys {
			if k.Type == nil || k.Name == "" {
				continue
			}
			keys = append(keys, &key{declaredKey: declare(g, k), pkg: pass.Pkg, typ: k.Type})
		}
	}
	return keys
}

// declare returns what is known of k of group g, as facts carry it. The
// accessor's name is the generator's own, so that fixes name what it
// emits.
func declare(g *model.Group, k *model.Key) declaredKey {
	return declaredKey{
		Name:       k.Name,
		Group:      g.Name,
		Field:      k.Field,
		Var:        k.VarName(),
		Type:       types.TypeString(k.Type, nil),
		TypeName:   types.TypeString(k.Type, byName),
		TTL:        k.TTL,
		HasDefault: k.Default != nil,
		Interface:  types.IsInterface(k.Type),
	}
}

// byName qualifies a type by package name, as a reader of the call site
// would write it.
func byName(p *types.Package) string { return p.Name() }

// exportKeys records keys as the package fact of the current package.
func exportKeys(pass *analysis.Pass, keys []*key) {
	if len(keys) == 0 {
		return
	}
	f := &keysFact{Path: pass.Pkg.Path(), Name: pass.Pkg.Name()}
	for _, k := range keys {
		f.Keys = append(f.Keys, k.declaredKey)
	}
	pass.ExportPackageFact(f)
}

// importedKeys returns the keys declared by the direct imports of the
// package, from their facts. Only direct imports count: theirs are the
// only package facts go vet hands a vet tool, so that standalone runs and
// go vet agree. The keys of the module's other packages are read from
// disk (moduleKeys).
func importedKeys(pass *analysis.Pass) []*key {
	var keys []*key
	for _, imp := range pass.Pkg.Imports() {
		var f keysFact
		if !pass.ImportPackageFact(imp, &f) {
			continue
		}
		for _, d := range f.Keys {
			keys = append(keys, &key{declaredKey: d, pkg: imp, typ: fieldType(imp, d)})
		}
	}
	return keys
}

// fieldType finds the declared type of d again in the export data of pkg,
// through the group's struct field, so that imported keys are compared as
// types rather than strings. It returns nil when the group is not in the
// export data (an unexported group type that nothing exported refers to).
func fieldType(pkg *types.Package, d declaredKey) types.Type {
	tn, ok := pkg.Scope().Lookup(d.Group).(*types.TypeName)
	if !ok {
		return nil
	}
	st, ok := tn.Type().Underlying().(*types.Struct)
	if !ok {
		return nil
	}
	for f := range st.Fields() {
		if f.Name() == d.Field && types.TypeString(f.Type(), nil) == d.Type {
			return f.Type()
		}
	}
	return nil
}

// resolveAccessor looks up the generated variable of k in its package.
// Code generated from older declarations may name a variable with another
// type; then only its Name method is used. The variable of a foreign key
// may have no type at all, when the store package was not at hand to
// check its package: the generator gives it the declared type, and a
// generated file whose types went stale does not compile, so it is taken
// to have it.
func resolveAccessor(k *key) {
	v, ok := k.pkg.Scope().Lookup(k.Var).(*types.Var)
	if !ok {
		return
	}
	arg := keyTypeArg(v.Type())
	if arg == nil {
		if k.foreign && v.Type() == types.Typ[types.Invalid] {
			k.accessor, k.typed = v, k.typ != nil
		}
		return
	}
	k.accessor = v
	if k.typ == nil && types.TypeString(arg, nil) == k.Type {
		k.typ = arg
	}
	k.typed = k.typ != nil && sameType(arg, k.typ)
}

// sameType reports whether a and b are the same type: identical, or
// spelled the same with full package paths, which is how a type of a
// package checked apart (see moduleKeys) matches the same type seen
// through the checked package's imports.
func sameType(a, b types.Type) bool {
	return types.Identical(a, b) || types.TypeString(a, nil) == types.TypeString(b, nil)
}

// keyTypeArg returns T when t is store.Key[T], and nil otherwise.
func keyTypeArg(t types.Type) types.Type {
	named, ok := types.Unalias(t).(*types.Named)
	if !ok || named.TypeArgs().Len() != 1 {
		return nil
	}
	obj := named.Obj()
	if obj.Pkg() == nil || obj.Pkg().Path() != storePath || obj.Name() != "Key" {
		return nil
	}
	return named.TypeArgs().At(0)
}

// keyIndex finds declared keys by name.
type keyIndex struct {
	byName map[string]*key
	names  []string // sorted, for suggestions
}

// newKeyIndex indexes keys. A name declared by two packages resolves to
// the current package's key, then to an imported package's, then to a
// package of the module that is not imported; among packages of one kind,
// to the first by import path, so that the choice does not depend on the
// order of imports.
func newKeyIndex(pass *analysis.Pass, keys []*key) *keyIndex {
	rank := func(k *key) int {
		switch {
		case k.pkg == pass.Pkg:
			return 0
		case !k.foreign:
			return 1
		}
		return 2
	}
	sort.SliceStable(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if rank(a) != rank(b) {
			return rank(a) < rank(b)
		}
		return a.pkg.Path() < b.pkg.Path()
	})
	idx := &keyIndex{byName: make(map[string]*key)}
	for _, k := range keys {
		if _, dup := idx.byName[k.Name]; dup {
			continue
		}
		resolveAccessor(k)
		idx.byName[k.Name] = k
		idx.names = append(idx.names, k.Name)
	}
	sort.Strings(idx.names)
	return idx
}

// suggest returns the declared names one edit away from name, or equal
// to it but for case, quoted and joined for a "did you mean" message, or
// "" when there are none.
func (idx *keyIndex) suggest(name string) string {
	var near []string
	for _, n := range idx.names {
		if oneEdit(name, n) || strings.EqualFold(name, n) {
			near = append(near, fmt.Sprintf("%q", n))
		}
	}
	return strings.Join(near, " or ")
}
