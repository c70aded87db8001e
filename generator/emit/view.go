package emit

import (
	"strconv"

	"github.com/dave/jennifer/jen"

	"github.com/gostage/gostage/generator/model"
)

// view declares the group's view type, its constructor and its methods.
func view(f *jen.File, g *model.Group) {
	kv := jen.Op("*").Qual(model.StorePath, "KVStore")
	comment(f, g.ViewName()+" reads and writes the "+g.Name+" keys of one store with their Go types.")
	f.Type().Id(g.ViewName()).Struct(jen.Id("s").Add(kv))
	comment(f, fmtDoc(g.OfName()+" returns the typed view of the "+g.Name+" keys in s.", g.Doc))
	f.Func().Id(g.OfName()).Params(jen.Id("s").Add(kv)).Id(g.ViewName()).Block(
		jen.Return(jen.Id(g.ViewName()).Values(jen.Dict{jen.Id("s"): jen.Id("s")})),
	)
	for _, k := range g.Keys {
		keyMethods(f, g, k)
	}
	load(f, g)
	save(f, g)
}

// keyMethods declares the view's five methods for k.
func keyMethods(f *jen.File, g *model.Group, k *model.Key) {
	recv := jen.Id("v").Id(g.ViewName())
	key := jen.Id(k.VarName())
	store := jen.Id("v").Dot("s")
	name := strconv.Quote(k.Name)
	t := func() jen.Code { return typeCode(k.Type) }
	method := func(doc, name string) *jen.Statement {
		comment(f, fmtDoc(doc, k.Doc))
		return f.Func().Params(recv.Clone()).Id(name)
	}
	getDoc := k.Field + " returns the value of " + name + "."
	if k.Default != nil {
		getDoc += " While the key is missing or expired it reads as its default, " + k.Default.Literal + "."
	}
	method(getDoc, k.Field).Params().Params(t(), jen.Error()).Block(
		jen.Return(key.Clone().Dot("Get").Call(store.Clone())))
	method(k.Setter()+" stores x as the value of "+name+".", k.Setter()).Params(jen.Id("x").Add(t())).Error().Block(
		jen.Return(key.Clone().Dot("Put").Call(store.Clone(), jen.Id("x"))))
	method(k.OrName()+" returns the value of "+name+", or def when it is missing, expired or of another type.", k.OrName()).
		Params(jen.Id("def").Add(t())).Add(t()).Block(
		jen.Return(key.Clone().Dot("GetOr").Call(store.Clone(), jen.Id("def"))))
	method(k.HasName()+" reports whether "+name+" holds a live value; a default does not count.", k.HasName()).Params().Bool().Block(
		jen.Return(key.Clone().Dot("Has").Call(store.Clone())))
	method(k.DeleteName()+" removes "+name+" and reports whether it held a live value.", k.DeleteName()).Params().Bool().Block(
		jen.Return(key.Clone().Dot("Delete").Call(store.Clone())))
}

// load declares Load, which reads every key of the group.
func load(f *jen.File, g *model.Group) {
	body := []jen.Code{
		jen.Var().Id("g").Id(g.Name),
		jen.Var().Id("errs").Index().Error(),
	}
	for _, k := range g.Keys {
		body = append(body,
			jen.If(
				jen.List(jen.Id("x"), jen.Err()).Op(":=").Id(k.VarName()).Dot("Get").Call(jen.Id("v").Dot("s")),
				jen.Err().Op("!=").Nil(),
			).Block(
				jen.Id("errs").Op("=").Append(jen.Id("errs"), jen.Err()),
			).Else().Block(
				jen.Id("g").Dot(k.Field).Op("=").Id("x"),
			))
	}
	body = append(body, jen.Return(jen.Id("g"), jen.Qual("errors", "Join").Call(jen.Id("errs").Op("..."))))
	f.Comment("Load reads every " + g.Name + " key. A key that cannot be read keeps its zero value")
	f.Comment("and adds its error to the returned one, which joins them all.")
	f.Func().Params(jen.Id("v").Id(g.ViewName())).Id("Load").Params().Params(jen.Id(g.Name), jen.Error()).Block(body...)
}

// multiline renders call arguments one a line.
var multiline = jen.Options{Open: "(", Close: ")", Separator: ",", Multi: true}

// save declares Save, which writes every key of the group.
func save(f *jen.File, g *model.Group) {
	puts := make([]jen.Code, len(g.Keys))
	for i, k := range g.Keys {
		puts[i] = jen.Id(k.VarName()).Dot("Put").Call(jen.Id("v").Dot("s"), jen.Id("g").Dot(k.Field))
	}
	f.Comment("Save stores every key of g. It writes all of them even when one fails, and")
	f.Comment("returns the errors joined.")
	f.Func().Params(jen.Id("v").Id(g.ViewName())).Id("Save").Params(jen.Id("g").Id(g.Name)).Error().Block(
		jen.Return(jen.Qual("errors", "Join").Custom(multiline, puts...)),
	)
}
