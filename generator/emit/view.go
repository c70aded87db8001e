package emit

import (
	"slices"

	"github.com/dave/jennifer/jen"

	"github.com/gostage/gostage/generator/model"
)

// view declares the group's view type, its constructor and its methods.
//
// Every declaration has its doc and its code built by separate functions,
// so that the fast path (fast.go) can take the doc of every key but the
// code of a prototype only. fastPath.group writes the same declarations
// in the same order.
func view(f *jen.File, g *model.Group) {
	comment(f, viewTypeDoc(g))
	f.Add(viewTypeCode(g))
	comment(f, ofDoc(g))
	f.Add(ofCode(g))
	for _, k := range g.Keys {
		for _, m := range keyMethods {
			comment(f, m.doc(k))
			f.Add(m.code(k))
		}
	}
	comment(f, loadDoc(g))
	f.Add(loadCode(g))
	comment(f, saveDoc(g))
	f.Add(saveCode(g))
}

func viewTypeDoc(g *model.Group) string {
	return g.ViewName() + " reads and writes the " + groupLink(g) + " keys of one store with their Go types."
}

func viewTypeCode(g *model.Group) jen.Code {
	return jen.Type().Id(g.ViewName()).Struct(jen.Id("s").Add(kvStore()))
}

func ofDoc(g *model.Group) string {
	return fmtDoc(g.OfName()+" returns the typed view of the "+groupLink(g)+" keys in s.", g.Doc)
}

func ofCode(g *model.Group) jen.Code {
	return jen.Func().Id(g.OfName()).Params(jen.Id("s").Add(kvStore())).Id(g.ViewName()).Block(
		jen.Return(jen.Id(g.ViewName()).Values(jen.Dict{jen.Id("s"): jen.Id("s")})),
	)
}

func kvStore() *jen.Statement { return jen.Op("*").Qual(model.StorePath, "KVStore") }

// A keyMethod is one of the view's five methods for a key. doc is the
// method's doc comment. code depends on the
// key's names and type only, which the fast path relies on: it renders it
// once for a prototype key and fills in the names and type of every key.
type keyMethod struct {
	doc  func(k *model.Key) string
	code func(k *model.Key) jen.Code
}

// keyMethods are the view's methods for a key, in file order.
var keyMethods = []keyMethod{
	{
		doc: func(k *model.Key) string {
			return keyNameDoc(k, true, k.Field+" returns the value of ", ".")
		},
		code: func(k *model.Key) jen.Code {
			return method(k, k.Field).Params().Params(typeCode(k.Type), jen.Error()).Block(
				jen.Return(jen.Id(k.VarName()).Dot("Get").Call(viewStore())))
		},
	},
	{
		doc: func(k *model.Key) string {
			return keyNameDoc(k, false, k.Setter()+" stores x as the value of ", ".")
		},
		code: func(k *model.Key) jen.Code {
			return method(k, k.Setter()).Params(jen.Id("x").Add(typeCode(k.Type))).Error().Block(
				jen.Return(jen.Id(k.VarName()).Dot("Put").Call(viewStore(), jen.Id("x"))))
		},
	},
	{
		doc: func(k *model.Key) string {
			return keyNameDoc(k, false, k.OrName()+" returns the value of ", ", or def when it is missing, expired or of another type.")
		},
		code: func(k *model.Key) jen.Code {
			return method(k, k.OrName()).Params(jen.Id("def").Add(typeCode(k.Type))).Add(typeCode(k.Type)).Block(
				jen.Return(jen.Id(k.VarName()).Dot("GetOr").Call(viewStore(), jen.Id("def"))))
		},
	},
	{
		doc: func(k *model.Key) string {
			return keyNameDoc(k, false, k.HasName()+" reports whether ", " holds a live value; a default does not count.")
		},
		code: func(k *model.Key) jen.Code {
			return method(k, k.HasName()).Params().Bool().Block(
				jen.Return(jen.Id(k.VarName()).Dot("Has").Call(viewStore())))
		},
	},
	{
		doc: func(k *model.Key) string {
			return keyNameDoc(k, false, k.DeleteName()+" removes ", " and reports whether it held a live value.")
		},
		code: func(k *model.Key) jen.Code {
			return method(k, k.DeleteName()).Params().Bool().Block(
				jen.Return(jen.Id(k.VarName()).Dot("Delete").Call(viewStore())))
		},
	},
}

// method starts the declaration of the view method name of k's group.
func method(k *model.Key, name string) *jen.Statement {
	return jen.Func().Params(jen.Id("v").Id(k.Group.ViewName())).Id(name)
}

// viewStore is the view's store, v.s.
func viewStore() *jen.Statement { return jen.Id("v").Dot("s") }

func loadDoc(g *model.Group) string {
	return wrap("Load reads every " + groupLink(g) + " key. A key that cannot be read keeps its zero value and adds its error to the returned one, which joins them all.")
}

// loadCode declares Load, which reads every key of the group.
func loadCode(g *model.Group) jen.Code {
	body := []jen.Code{
		jen.Var().Id("g").Id(g.Name),
		jen.Var().Id("errs").Index().Error(),
	}
	for _, k := range g.Keys {
		body = append(body,
			jen.If(
				jen.List(jen.Id("x"), jen.Err()).Op(":=").Id(k.VarName()).Dot("Get").Call(viewStore()),
				jen.Err().Op("!=").Nil(),
			).Block(
				jen.Id("errs").Op("=").Append(jen.Id("errs"), jen.Err()),
			).Else().Block(
				jen.Id("g").Dot(k.Field).Op("=").Id("x"),
			))
	}
	body = append(body, jen.Return(jen.Id("g"), jen.Qual("errors", "Join").Call(jen.Id("errs").Op("..."))))
	return jen.Func().Params(jen.Id("v").Id(g.ViewName())).Id("Load").Params().Params(jen.Id(g.Name), jen.Error()).Block(body...)
}

// multiline renders call arguments one a line, and multilineValues the
// elements of a composite literal.
var (
	multiline       = jen.Options{Open: "(", Close: ")", Separator: ",", Multi: true}
	multilineValues = jen.Options{Open: "{", Close: "}", Separator: ",", Multi: true}
)

// saveDoc documents Save; a group with defaults is told what a zero
// field does to them, which is what a reader of Order{ID: 42} expects.
func saveDoc(g *model.Group) string {
	doc := "Save stores every " + groupLink(g) + " key from g. It writes all of them even when one fails, and returns the errors joined."
	if slices.ContainsFunc(g.Keys, func(k *model.Key) bool { return k.Default != nil }) {
		doc += " A field left at its zero value whose key has a default removes the key instead, so that it reads as its default; call the field's setter to store a zero value there."
	}
	return wrap(doc)
}

// saveCode declares Save, which writes every key of the group with
// store.Key.Save: a zero field of a key with a default clears the key
// rather than storing the zero value over the default.
func saveCode(g *model.Group) jen.Code {
	puts := make([]jen.Code, len(g.Keys))
	for i, k := range g.Keys {
		puts[i] = jen.Id(k.VarName()).Dot("Save").Call(viewStore(), jen.Id("g").Dot(k.Field))
	}
	return jen.Func().Params(jen.Id("v").Id(g.ViewName())).Id("Save").Params(jen.Id("g").Id(g.Name)).Error().Block(
		jen.Return(jen.Qual("errors", "Join").Custom(multiline, puts...)),
	)
}
