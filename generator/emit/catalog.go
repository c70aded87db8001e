package emit

import (
	"github.com/dave/jennifer/jen"

	"github.com/gostage/gostage/generator/model"
)

// catalog declares Keys, the list of every key of the package.
func catalog(f *jen.File, p *model.Package) {
	entry := jen.Qual(model.StorePath, "KeyInfo")
	var items []jen.Code
	for _, g := range p.Groups {
		for _, k := range g.Keys {
			items = append(items, catalogEntry(k))
		}
	}
	f.Comment(model.CatalogName + " lists every key this package declares, in declaration order.")
	f.Var().Id(model.CatalogName).Op("=").Index().Add(entry).Values(items...)
}

func catalogEntry(k *model.Key) jen.Code {
	fields := []jen.Code{field("Name", jen.Lit(k.Name)), field("Type", jen.Lit(k.TypeDoc))}
	if len(k.Tags) > 0 {
		tags := make([]jen.Code, len(k.Tags))
		for i, t := range k.Tags {
			tags[i] = jen.Lit(t)
		}
		fields = append(fields, field("Tags", jen.Index().String().Values(tags...)))
	}
	if k.TTL > 0 {
		fields = append(fields, field("TTL", duration(k.TTL)))
	}
	if k.Default != nil {
		fields = append(fields, field("Default", defaultValue(k, true)))
	}
	if k.Doc != "" {
		fields = append(fields, field("Description", jen.Lit(k.Doc)))
	}
	// Fields in declaration order, which jen.Dict would sort.
	return jen.Custom(jen.Options{Open: "{", Close: "}", Separator: ",", Multi: true}, fields...)
}

func field(name string, value jen.Code) jen.Code {
	return jen.Id(name).Op(":").Add(value)
}
