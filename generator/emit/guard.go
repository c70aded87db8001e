package emit

import (
	"bytes"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/gostage/gostage/generator/model"
)

// The stale guard of a group is a function that takes the address of
// every field the file was generated for, as a pointer to the type it
// had then:
//
//	func _(g Order) {
//		// If this does not compile, ...: run gostage-gen.
//		var _ *Money = &g.Total
//	}
//
// Pointer types are assignable only when identical, so the guard stops
// compiling as soon as a field changes type or goes away, and as it stands
// before the group's other declarations, its line is the first error the
// compiler reports in the file, right under the comment that says what to
// do, as stringer's guard does for constants.

// guardComment is the comment at the top of each guard.
func guardComment(g *model.Group) []string {
	return []string{
		"If this does not compile, the fields of " + g.Name + " changed since this",
		"file was generated: run gostage-gen (go generate) to regenerate it.",
	}
}

// guardCode declares the stale guard of g, with param as the name of the
// group's value.
func guardCode(g *model.Group, param string) jen.Code {
	body := make([]jen.Code, 0, len(g.Keys)+2)
	for _, line := range guardComment(g) {
		body = append(body, jen.Comment(line))
	}
	for _, k := range g.Keys {
		body = append(body, jen.Var().Id("_").Op("*").Add(typeCode(k.Type)).Op("=").Op("&").Id(param).Dot(k.Field))
	}
	return jen.Func().Id("_").Params(jen.Id(param).Id(g.Name)).Block(body...)
}

// writeGuard writes the stale guard of g as gofmt formats guardCode,
// given the text of each key's type.
func writeGuard(buf *bytes.Buffer, g *model.Group, param string, typeTexts []string) {
	buf.WriteString("func _(" + param + " " + g.Name + ") {\n")
	for _, line := range guardComment(g) {
		buf.WriteString("\t// " + line + "\n")
	}
	for i, k := range g.Keys {
		buf.WriteString("\tvar _ *" + typeTexts[i] + " = &" + param + "." + k.Field + "\n")
	}
	buf.WriteString("}")
}

// guardParam is the name of the guard's parameter: one that hides no
// import of the file and no declaration of the package, which a field's
// type may name.
func guardParam(p *model.Package, imports []importName) string {
	return freeName(func(name string) bool { return p.Declared[name] || importTaken(imports, name) }, "g", "group")
}

// actionGuard declares the stale guard of the keys of other packages
// that a reads or writes: each key variable as the store.Key of the type
// the file was generated for. When that package's key changed type, or
// went away, the action's file stops compiling there first, rather than
// in an IO method. The keys of a's own package need none: they are
// generated in the same file, and their group's guard checks them.
func actionGuard(f *jen.File, a *model.Action, pkgPath string) {
	var checks []jen.Code
	for _, k := range usedKeys(a) {
		if k.PkgPath == pkgPath {
			continue
		}
		checks = append(checks, jen.Var().Id("_").Qual(model.StorePath, "Key").Index(typeCode(k.Type)).Op("=").Add(keyVar(k)))
	}
	if len(checks) == 0 {
		return
	}
	var body []jen.Code
	for _, line := range strings.Split(wrap("If this does not compile, keys that "+a.TypeName+" uses changed since this file was generated: run gostage-gen (go generate) to regenerate it."), "\n") {
		body = append(body, jen.Comment(line))
	}
	f.Func().Id("_").Params().Block(append(body, checks...)...)
}
