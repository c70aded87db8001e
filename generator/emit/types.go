package emit

import (
	"go/constant"
	"go/types"

	"github.com/dave/jennifer/jen"

	"github.com/gostage/gostage/generator/model"
)

// typeCode writes t as the generated file names it: packages by path, so
// that jennifer imports and aliases them, and the file's own package
// unqualified.
func typeCode(t types.Type) *jen.Statement {
	switch t := t.(type) {
	case *types.Basic:
		return jen.Id(t.Name())
	case *types.Alias:
		return objectCode(t.Obj(), t.TypeArgs())
	case *types.Named:
		return objectCode(t.Obj(), t.TypeArgs())
	case *types.Pointer:
		return jen.Op("*").Add(typeCode(t.Elem()))
	case *types.Slice:
		return jen.Index().Add(typeCode(t.Elem()))
	case *types.Array:
		return jen.Index(jen.Lit(int(t.Len()))).Add(typeCode(t.Elem()))
	case *types.Map:
		return jen.Map(typeCode(t.Key())).Add(typeCode(t.Elem()))
	case *types.Chan:
		return chanCode(t)
	case *types.Signature:
		return jen.Func().Add(signatureCode(t))
	case *types.Interface:
		return interfaceCode(t)
	case *types.Struct:
		return structCode(t)
	}
	// A type parameter or an invalid type: the model rejects both.
	return jen.Id(t.String())
}

// objectCode names a declared type, with its type arguments.
func objectCode(obj *types.TypeName, args *types.TypeList) *jen.Statement {
	var s *jen.Statement
	if obj.Pkg() == nil {
		s = jen.Id(obj.Name()) // error, any, comparable
	} else {
		s = jen.Qual(obj.Pkg().Path(), obj.Name())
	}
	if args.Len() == 0 {
		return s
	}
	codes := make([]jen.Code, args.Len())
	for i := range args.Len() {
		codes[i] = typeCode(args.At(i))
	}
	return s.Index(jen.List(codes...))
}

func chanCode(t *types.Chan) *jen.Statement {
	elem := typeCode(t.Elem())
	if inner, ok := t.Elem().(*types.Chan); ok && inner.Dir() == types.RecvOnly {
		elem = jen.Parens(elem) // chan (<-chan T), not chan<- chan T
	}
	switch t.Dir() {
	case types.SendOnly:
		return jen.Chan().Op("<-").Add(elem)
	case types.RecvOnly:
		return jen.Op("<-").Chan().Add(elem)
	}
	return jen.Chan().Add(elem)
}

// signatureCode writes a signature's parameters and results.
func signatureCode(sig *types.Signature) *jen.Statement {
	params := tupleCode(sig.Params(), sig.Variadic())
	results := tupleCode(sig.Results(), false)
	s := jen.Params(params...)
	switch {
	case len(results) == 1 && sig.Results().At(0).Name() == "":
		s.Add(results[0])
	case len(results) > 0:
		s.Params(results...)
	}
	return s
}

func tupleCode(tuple *types.Tuple, variadic bool) []jen.Code {
	codes := make([]jen.Code, tuple.Len())
	for i := range tuple.Len() {
		v := tuple.At(i)
		var t *jen.Statement
		if variadic && i == tuple.Len()-1 {
			t = jen.Op("...").Add(typeCode(v.Type().(*types.Slice).Elem()))
		} else {
			t = typeCode(v.Type())
		}
		if v.Name() != "" {
			t = jen.Id(v.Name()).Add(t)
		}
		codes[i] = t
	}
	return codes
}

func interfaceCode(t *types.Interface) *jen.Statement {
	var items []jen.Code
	for i := range t.NumEmbeddeds() {
		items = append(items, typeCode(t.EmbeddedType(i)))
	}
	for i := range t.NumExplicitMethods() {
		m := t.ExplicitMethod(i)
		items = append(items, jen.Id(m.Name()).Add(signatureCode(m.Type().(*types.Signature))))
	}
	return jen.Interface(items...)
}

func structCode(t *types.Struct) *jen.Statement {
	fields := make([]jen.Code, t.NumFields())
	for i := range t.NumFields() {
		f := t.Field(i)
		var s *jen.Statement
		if f.Embedded() {
			s = typeCode(f.Type())
		} else {
			s = jen.Id(f.Name()).Add(typeCode(f.Type()))
		}
		if tag := t.Tag(i); tag != "" {
			s.Op("`" + tag + "`")
		}
		fields[i] = s
	}
	return jen.Struct(fields...)
}

// collectPackages adds to pkgs the path and name of every package t
// refers to.
func collectPackages(t types.Type, pkgs map[string]string) {
	walk(t, func(obj *types.TypeName) {
		if p := obj.Pkg(); p != nil {
			pkgs[p.Path()] = p.Name()
		}
	}, 0)
}

// walk calls visit for every type name t refers to.
func walk(t types.Type, visit func(*types.TypeName), depth int) {
	if depth > 64 {
		return // a bound for pathological nesting
	}
	depth++
	named := func(obj *types.TypeName, args *types.TypeList) {
		visit(obj)
		for i := range args.Len() {
			walk(args.At(i), visit, depth)
		}
	}
	switch t := t.(type) {
	case *types.Alias:
		named(t.Obj(), t.TypeArgs())
	case *types.Named:
		named(t.Obj(), t.TypeArgs())
	case interface{ Elem() types.Type }: // pointer, slice, array, chan
		if m, ok := t.(*types.Map); ok {
			walk(m.Key(), visit, depth)
		}
		walk(t.Elem(), visit, depth)
	case *types.Signature:
		for _, tuple := range []*types.Tuple{t.Params(), t.Results()} {
			for i := range tuple.Len() {
				walk(tuple.At(i).Type(), visit, depth)
			}
		}
	case *types.Interface:
		for i := range t.NumEmbeddeds() {
			walk(t.EmbeddedType(i), visit, depth)
		}
		for i := range t.NumExplicitMethods() {
			walk(t.ExplicitMethod(i).Type(), visit, depth)
		}
	case *types.Struct:
		for i := range t.NumFields() {
			walk(t.Field(i).Type(), visit, depth)
		}
	}
}

// isDuration reports whether t is time.Duration itself.
func isDuration(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "time" && n.Obj().Name() == "Duration"
}

// mustInt64 returns a duration default's nanoseconds, which the model
// made from an int64.
func mustInt64(d *model.Default) int64 {
	v, _ := constant.Int64Val(d.Value)
	return v
}
