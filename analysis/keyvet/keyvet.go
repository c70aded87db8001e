package keyvet

import (
	_ "embed"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
)

//go:embed doc.go
var doc string

// Analyzer reports calls of the store API whose key has a typed accessor,
// reads and writes of a declared key with another type, and keys one edit
// away from a declared key. See the package documentation.
var Analyzer = &analysis.Analyzer{
	Name:      "keyvet",
	Doc:       packageDoc(doc),
	URL:       "https://pkg.go.dev/github.com/gostage/gostage/analysis/keyvet",
	Requires:  []*analysis.Analyzer{inspect.Analyzer},
	FactTypes: []analysis.Fact{new(keysFact)},
	Run:       run,
}

// packageDoc returns the package comment of doc.go from its "# Analyzer
// keyvet" heading on, so that the manual and `gostage-vet -h` are one
// text whose first line is the analyzer's summary.
func packageDoc(src string) string {
	const heading = "# Analyzer keyvet\n"
	f, err := parser.ParseFile(token.NewFileSet(), "doc.go", src, parser.PackageClauseOnly|parser.ParseComments)
	if err != nil || f.Doc == nil {
		panic("keyvet: doc.go has no package comment")
	}
	_, after, ok := strings.Cut(f.Doc.Text(), heading)
	if !ok {
		panic("keyvet: doc.go has no " + heading)
	}
	// The section starts "keyvet: summary"; Doc starts with the summary.
	after = strings.TrimSpace(after)
	return strings.TrimSpace(strings.TrimPrefix(after, "keyvet:"))
}

// run exports the keys the package declares, then checks its store calls
// against them, the keys of its imports and, when a call names a key
// these do not declare, the keys of the rest of the module.
func run(pass *analysis.Pass) (any, error) {
	own := ownKeys(pass)
	exportKeys(pass, own)
	calls := keyedCalls(pass)
	if len(calls) == 0 {
		return nil, nil
	}
	keys := append(own, importedKeys(pass)...)
	c := &checker{pass: pass, keys: newKeyIndex(pass, keys)}
	// Reading the module is only needed, and only done, for a key that
	// the package and its imports do not declare.
	undeclared := func(kc keyedCall) bool { return c.keys.byName[kc.name] == nil }
	if slices.ContainsFunc(calls, undeclared) {
		if m := mainModule(fileNames(pass)); m != nil {
			c.keys = newKeyIndex(pass, append(keys, moduleKeys(pass, m)...))
		}
	}
	for _, kc := range calls {
		c.check(kc)
	}
	return nil, nil
}

// keyedCall is a store call whose key is a constant string.
type keyedCall struct {
	*storeCall
	file *ast.File
	name string // the key
}

// keyedCalls returns the store calls of the package's files whose key is
// a constant string, in source order. Keys computed at run time are not
// checked. Generated files are left alone: their authors cannot edit
// them, and gostage-gen's own output never spells a key string.
func keyedCalls(pass *analysis.Pass) []keyedCall {
	var calls []keyedCall
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	for fileCur := range insp.Root().Children() {
		file, ok := fileCur.Node().(*ast.File)
		if !ok || ast.IsGenerated(file) {
			continue
		}
		for cur := range fileCur.Preorder((*ast.CallExpr)(nil)) {
			sc := matchCall(pass.TypesInfo, pass.Pkg, cur.Node().(*ast.CallExpr))
			if sc == nil {
				continue
			}
			if name, ok := constString(pass.TypesInfo, sc.key); ok {
				calls = append(calls, keyedCall{sc, file, name})
			}
		}
	}
	return calls
}

// fileNames returns the names of the package's files.
func fileNames(pass *analysis.Pass) []string {
	names := make([]string, 0, len(pass.Files))
	for _, f := range pass.Files {
		if tf := pass.Fset.File(f.FileStart); tf != nil {
			names = append(names, tf.Name())
		}
	}
	return names
}

// checker checks the store calls of one package against its keys.
type checker struct {
	pass    *analysis.Pass
	keys    *keyIndex
	sources map[*ast.File][]byte // file contents, read once per file
}

// check reports on one store call: a key one edit away from a declared
// one, a type that disagrees with the declaration, or else the typed
// accessor to use instead.
func (c *checker) check(kc keyedCall) {
	sc, name := kc.storeCall, kc.name
	k := c.keys.byName[name]
	if k == nil {
		if near := c.keys.suggest(name); near != "" {
			c.pass.ReportRangef(sc.key, "%q is not a declared key: did you mean %s?", name, near)
		}
		return
	}
	if c.mismatch(sc, k) {
		// The call is wrong, not merely untyped: fixing the type comes
		// first, and no rewrite could keep its behaviour and compile.
		return
	}
	c.pass.Report(c.accessorDiagnostic(kc.file, sc, k))
}

// mismatch reports, and returns true, when the call reads a declared key
// as another type or writes a value of another type to it.
func (c *checker) mismatch(sc *storeCall, k *key) bool {
	var other types.Type
	var at ast.Node
	switch {
	case sc.typeArg != nil:
		// An inferred type argument comes from the default value.
		other, at = sc.typeArg, sc.typeExpr
		if at == nil && sc.value != nil {
			at = sc.value
		}
		if at == nil {
			at = sc.call
		}
	case sc.value != nil:
		tv, ok := c.pass.TypesInfo.Types[sc.value]
		if !ok {
			return false
		}
		if tv.IsNil() {
			// nil reads back as the nil of a type that has one, and as
			// a mismatch otherwise.
			if k.typ == nil || k.opaque || nillable(k.typ) {
				return false
			}
			c.pass.ReportRangef(sc.value, "%s holds %s, not nil", k.Name, c.typeName(k))
			return true
		}
		other, at = types.Default(tv.Type), sc.value
	default:
		return false
	}
	if compatible(k, other) {
		return false
	}
	c.pass.ReportRangef(at, "%s holds %s, not %s", k.Name, c.typeName(k), types.TypeString(other, c.qualify))
	return true
}

// qualify writes a type as the code of the current package would.
func (c *checker) qualify(p *types.Package) string {
	if p == c.pass.Pkg {
		return ""
	}
	return p.Name()
}

// typeName is the declared type of k as the current package would write it.
func (c *checker) typeName(k *key) string {
	if k.typ == nil {
		return k.TypeName
	}
	return types.TypeString(k.typ, c.qualify)
}

// compatible reports whether a value declared as k's type could be read
// as t, or a value of static type t be one of k's type. Only when both are
// concrete must they be identical; an interface admits the types that
// implement it, and a type parameter is left unjudged.
func compatible(k *key, t types.Type) bool {
	if hasTypeParam(t) || k.opaque {
		return true
	}
	if k.typ == nil {
		return types.TypeString(t, nil) == k.Type || types.IsInterface(t) || k.Interface
	}
	d := k.typ
	switch {
	case sameType(d, t):
		return true
	case types.IsInterface(d) && types.IsInterface(t):
		return true
	case types.IsInterface(d):
		return types.AssignableTo(t, d)
	case types.IsInterface(t):
		return types.AssignableTo(d, t)
	}
	return false
}

// nillable reports whether nil is a value of t, which store.Get reads a
// stored nil as.
func nillable(t types.Type) bool {
	switch u := t.Underlying().(type) {
	case *types.Pointer, *types.Slice, *types.Map, *types.Chan, *types.Signature, *types.Interface:
		return true
	case *types.Basic:
		return u.Kind() == types.UnsafePointer
	}
	return false
}

// hasTypeParam reports whether t is or mentions a type parameter, whose
// instantiations the call site does not know.
func hasTypeParam(t types.Type) bool {
	switch t := types.Unalias(t).(type) {
	case *types.TypeParam:
		return true
	case *types.Pointer:
		return hasTypeParam(t.Elem())
	case *types.Slice:
		return hasTypeParam(t.Elem())
	case *types.Array:
		return hasTypeParam(t.Elem())
	case *types.Chan:
		return hasTypeParam(t.Elem())
	case *types.Map:
		return hasTypeParam(t.Key()) || hasTypeParam(t.Elem())
	case *types.Named:
		for a := range t.TypeArgs().Types() {
			if hasTypeParam(a) {
				return true
			}
		}
	case *types.Struct:
		for f := range t.Fields() {
			if hasTypeParam(f.Type()) {
				return true
			}
		}
	case *types.Signature:
		return varsHaveTypeParam(t.Params()) || varsHaveTypeParam(t.Results())
	}
	return false
}

// varsHaveTypeParam reports whether the type of a variable of vars
// mentions a type parameter.
func varsHaveTypeParam(vars *types.Tuple) bool {
	for v := range vars.Variables() {
		if hasTypeParam(v.Type()) {
			return true
		}
	}
	return false
}
