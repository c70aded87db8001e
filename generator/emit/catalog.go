package emit

import (
	"github.com/dave/jennifer/jen"

	"github.com/gostage/gostage/generator/model"
)

// catalog declares Keys, the list of every key of the package.
func catalog(f *jen.File, p *model.Package) {
	comment(f, catalogDoc)
	f.Add(catalogCode(packageKeys(p)))
}

const catalogDoc = model.CatalogName + " lists every key this package declares, in declaration order."

// packageKeys returns every key of p, in declaration order.
func packageKeys(p *model.Package) []*model.Key {
	var keys []*model.Key
	for _, g := range p.Groups {
		keys = append(keys, g.Keys...)
	}
	return keys
}

// catalogCode declares Keys with an entry for each of keys.
func catalogCode(keys []*model.Key) jen.Code {
	items := make([]jen.Code, len(keys))
	for i, k := range keys {
		items[i] = catalogEntry(k)
	}
	return jen.Var().Id(model.CatalogName).Op("=").Index().Qual(model.StorePath, "KeyInfo").Values(items...)
}

func catalogEntry(k *model.Key) jen.Code {
	fields := []jen.Code{field("Name", jen.Lit(k.Name)), field("Type", jen.Lit(k.TypeDoc))}
	if len(k.Tags) > 0 {
		fields = append(fields, field("Tags", jen.Index().String().Values(lits(k.Tags)...)))
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
	return jen.Custom(multilineValues, fields...)
}

func field(name string, value jen.Code) jen.Code {
	return jen.Id(name).Op(":").Add(value)
}
