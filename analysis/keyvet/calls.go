package keyvet

import (
	"go/ast"
	"go/constant"
	"go/types"

	"golang.org/x/tools/go/types/typeutil"
)

// storeCall is a call of the store API that names a key, taken apart into
// the pieces a rewrite needs.
type storeCall struct {
	call *ast.CallExpr
	name string // the function or method: "Get", "Put", "PutWithTTL", ...
	// store is the *KVStore the call works on: the first argument of
	// store.Get and store.GetOrDefault, the receiver of a method.
	store ast.Expr
	// viaPrefix and viaSuffix turn the store expression into the
	// *KVStore a Key method takes: "&" before an addressable KVStore
	// value, ".KVStore" after a struct whose embedded store the method
	// was promoted from.
	viaPrefix, viaSuffix string
	// reachable says the code at the call can spell that path: a store
	// promoted through an unexported field of another package's struct
	// cannot be passed to a Key method.
	reachable bool
	key       ast.Expr
	value     ast.Expr // Put*: the value; GetOrDefault: the default
	ttl       ast.Expr // PutWithTTL, PutWithTTLAndMetadata
	// typeArg is T of store.Get[T] and store.GetOrDefault[T]; typeExpr
	// is where it is written, nil when inferred.
	typeArg  types.Type
	typeExpr ast.Expr
}

// keyMethods are the KVStore methods that take a key first, with the
// number of their arguments.
var keyMethods = map[string]int{
	"Put":                   2,
	"PutWithTTL":            3,
	"PutWithMetadata":       3,
	"PutWithTTLAndMetadata": 4,
	"Delete":                1,
	"Has":                   1,
}

// matchCall recognizes call as a call of the store API with a key, or
// returns nil.
func matchCall(info *types.Info, pkg *types.Package, call *ast.CallExpr) *storeCall {
	fn := typeutil.StaticCallee(info, call)
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != storePath || call.Ellipsis.IsValid() {
		return nil
	}
	sig := fn.Signature()
	if sig.Recv() == nil {
		return matchFunc(info, call, fn)
	}
	if !isKVStore(sig.Recv().Type()) {
		return nil
	}
	n, ok := keyMethods[fn.Name()]
	if !ok {
		return nil
	}
	sc := &storeCall{call: call, name: fn.Name()}
	args := call.Args
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	selection := info.Selections[sel]
	if selection == nil {
		return nil
	}
	switch selection.Kind() {
	case types.MethodVal:
		sc.store = sel.X
		sc.viaPrefix, sc.viaSuffix, sc.reachable = receiverPath(info.TypeOf(sel.X), selection.Index(), pkg)
	case types.MethodExpr:
		// (*store.KVStore).Put(s, key, v): the store is the first argument.
		if len(args) == 0 {
			return nil
		}
		sc.store, args, sc.reachable = args[0], args[1:], true
	default:
		return nil
	}
	if len(args) != n {
		return nil
	}
	sc.key = args[0]
	if n > 1 {
		sc.value = args[1]
	}
	if sc.name == "PutWithTTL" || sc.name == "PutWithTTLAndMetadata" {
		sc.ttl = args[2]
	}
	return sc
}

// matchFunc recognizes store.Get and store.GetOrDefault.
func matchFunc(info *types.Info, call *ast.CallExpr, fn *types.Func) *storeCall {
	var n int
	switch fn.Name() {
	case "Get":
		n = 2
	case "GetOrDefault":
		n = 3
	default:
		return nil
	}
	if len(call.Args) != n {
		return nil
	}
	sc := &storeCall{call: call, name: fn.Name(), store: call.Args[0], key: call.Args[1], reachable: true}
	if n == 3 {
		sc.value = call.Args[2]
	}
	fun := ast.Unparen(call.Fun)
	switch ix := fun.(type) {
	case *ast.IndexExpr:
		sc.typeExpr, fun = ix.Index, ix.X
	case *ast.IndexListExpr:
		if len(ix.Indices) == 1 {
			sc.typeExpr = ix.Indices[0]
		}
		fun = ix.X
	}
	var id *ast.Ident
	switch f := ast.Unparen(fun).(type) {
	case *ast.Ident:
		id = f
	case *ast.SelectorExpr:
		id = f.Sel
	}
	inst, ok := info.Instances[id]
	if id == nil || !ok || inst.TypeArgs.Len() != 1 {
		return nil
	}
	sc.typeArg = inst.TypeArgs.At(0)
	return sc
}

// receiverPath returns what turns a method receiver of type t, reached
// through the embedded fields index (as types.Selection reports them),
// into the *KVStore a Key method takes: the field names of a promoted
// method, and "&" when the KVStore is a value. It returns false when a
// field on the way cannot be named from package pkg.
func receiverPath(t types.Type, index []int, pkg *types.Package) (prefix, suffix string, ok bool) {
	for _, i := range index[:len(index)-1] {
		st, isStruct := deref(t).Underlying().(*types.Struct)
		if !isStruct {
			return "", "", false
		}
		f := st.Field(i)
		if !f.Exported() && f.Pkg() != pkg {
			return "", "", false
		}
		suffix += "." + f.Name()
		t = f.Type()
	}
	if _, isPtr := types.Unalias(t).(*types.Pointer); !isPtr {
		prefix = "&"
	}
	return prefix, suffix, true
}

// deref returns the element type of a pointer, and t otherwise.
func deref(t types.Type) types.Type {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

// isKVStore reports whether t is store.KVStore or a pointer to it.
func isKVStore(t types.Type) bool {
	named, ok := types.Unalias(deref(t)).(*types.Named)
	return ok && named.Obj().Pkg() != nil && named.Obj().Pkg().Path() == storePath && named.Obj().Name() == "KVStore"
}

// constString returns the value of e when it is a constant string: a
// literal, a constant (typed or not), or a constant expression.
func constString(info *types.Info, e ast.Expr) (string, bool) {
	tv, ok := info.Types[e]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
		return "", false
	}
	return constant.StringVal(tv.Value), true
}
