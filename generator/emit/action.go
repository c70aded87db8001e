package emit

import (
	"slices"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/gostage/gostage/generator/model"
)

// action declares the IO type of a, and the methods that make *a a
// workflow.Action with a contract. imports are the file's imports, whose
// names the generated receivers and parameters must not shadow.
func action(f *jen.File, a *model.Action, pkgPath string, imported map[string]string, imports []importName) {
	actionGuard(f, a, pkgPath)
	io := localName(imports, "io", "x", "kv")
	v := localName(imports, "v", "value", "val")
	ioType := a.IOName()
	comment(f, wrap(ioType+" is the store of a run as "+actionLink(a)+" sees it: a getter for each key it reads, a setter for each key it writes, and no other way in."))
	f.Type().Id(ioType).Struct(jen.Id("s").Add(kvStore()))
	for _, k := range a.Reads {
		comment(f, nameDoc(linkedFacts(k, pkgPath, imported, imports), true, k.Getter()+" returns the value of ", keyDoc(k, pkgPath, imported, imports), "."))
		f.Func().Params(jen.Id(io).Id(ioType)).Id(k.Getter()).Params().Params(typeCode(k.Type), jen.Error()).Block(
			jen.Return(keyVar(k).Dot("Get").Call(jen.Id(io).Dot("s"))))
	}
	for _, k := range a.Writes {
		comment(f, nameDoc(linkedFacts(k, pkgPath, imported, imports), false, k.Setter()+" stores "+v+" as the value of ", keyDoc(k, pkgPath, imported, imports), "."))
		f.Func().Params(jen.Id(io).Id(ioType)).Id(k.Setter()).Params(jen.Id(v).Add(typeCode(k.Type))).Error().Block(
			jen.Return(keyVar(k).Dot("Put").Call(jen.Id(io).Dot("s"), jen.Id(v))))
	}
	actionMethods(f, a)
}

// actionMethods declares Name, Description, Tags, Execute and Contract on
// *a, and asserts at compile time that *a is a workflow.Action with a
// contract.
func actionMethods(f *jen.File, a *model.Action) {
	recv := jen.Op("*").Id(a.TypeName)
	f.Var().Defs(
		jen.Id("_").Qual(model.WorkflowPath, "Action").Op("=").Parens(recv.Clone()).Parens(jen.Nil()),
		jen.Id("_").Qual(model.WorkflowPath, "Contracted").Op("=").Parens(recv.Clone()).Parens(jen.Nil()),
	)
	f.Comment("Name returns " + strconv.Quote(a.Name) + ", the name of " + actionLink(a) + " in errors and logs.")
	f.Func().Params(recv.Clone()).Id("Name").Params().String().Block(jen.Return(jen.Lit(a.Name)))
	f.Comment("Description returns the doc comment of " + actionLink(a) + ".")
	f.Func().Params(recv.Clone()).Id("Description").Params().String().Block(jen.Return(jen.Lit(a.Doc)))
	if len(a.Tags) == 0 {
		f.Comment("Tags returns nil: " + actionLink(a) + " has no tags.")
		f.Func().Params(recv.Clone()).Id("Tags").Params().Index().String().Block(jen.Return(jen.Nil()))
	} else {
		quoted := make([]string, len(a.Tags))
		for i, t := range a.Tags {
			quoted[i] = strconv.Quote(t)
		}
		comment(f, wrap("Tags returns the tags of "+actionLink(a)+" ("+strings.Join(quoted, ", ")+"), in a new slice on each call."))
		f.Func().Params(recv.Clone()).Id("Tags").Params().Index().String().Block(jen.Return(jen.Index().String().Values(lits(a.Tags)...)))
	}
	comment(f, wrap("Execute runs ["+a.TypeName+"."+model.RunMethod+"] on the store of the run, seen through ["+a.IOName()+"]."))
	f.Func().Params(jen.Id("a").Add(recv.Clone())).Id("Execute").Params(jen.Id("ctx").Op("*").Qual(model.WorkflowPath, "ActionContext")).Error().Block(
		jen.Return(jen.Id("a").Dot(model.RunMethod).Call(jen.Id("ctx"), jen.Id(a.IOName()).Values(jen.Dict{jen.Id("s"): jen.Id("ctx").Dot("Store").Call()}))))
	comment(f, wrap("Contract lists the keys "+actionLink(a)+" reads and writes, for [workflow.Validate] to check the order of a workflow's actions before it runs."))
	f.Func().Params(recv.Clone()).Id("Contract").Params().Qual(model.WorkflowPath, "Contract").Block(
		jen.Return(jen.Qual(model.WorkflowPath, "Contract").Custom(multilineValues, contractFields(a)...)))
}

func contractFields(a *model.Action) []jen.Code {
	var defaults []*model.KeyRef
	for _, k := range a.Reads {
		if k.HasDefault {
			defaults = append(defaults, k)
		}
	}
	var fields []jen.Code
	for _, list := range []struct {
		name string
		refs []*model.KeyRef
	}{{"Reads", a.Reads}, {"Writes", a.Writes}, {"Defaults", defaults}} {
		if len(list.refs) == 0 {
			continue
		}
		names := make([]jen.Code, len(list.refs))
		for i, k := range list.refs {
			names[i] = keyVar(k).Dot("Name").Call()
		}
		fields = append(fields, jen.Id(list.name).Op(":").Index().String().Values(names...))
	}
	// The type of each key, for workflow.Validate.
	if keys := usedKeys(a); len(keys) > 0 {
		vars := make([]jen.Code, len(keys))
		for i, k := range keys {
			vars[i] = keyVar(k)
		}
		fields = append(fields, jen.Id("Types").Op(":").Qual(model.WorkflowPath, "KeyTypes").Call(vars...))
	}
	return fields
}

// usedKeys returns the keys that a reads and writes, each once, in the
// order of its reads, then its writes.
func usedKeys(a *model.Action) []*model.KeyRef {
	var keys []*model.KeyRef
	seen := make(map[[2]string]bool)
	for _, k := range slices.Concat(a.Reads, a.Writes) {
		id := [2]string{k.PkgPath, k.VarName()}
		if !seen[id] {
			seen[id] = true
			keys = append(keys, k)
		}
	}
	return keys
}

// keyVar is the generated store.Key variable of k, qualified when it is
// in another package.
func keyVar(k *model.KeyRef) *jen.Statement { return jen.Qual(k.PkgPath, k.VarName()) }

// keyDoc names k in a sentence: `the key "user.id" of [User.ID]`, or of
// [userkeys.User.ID] for a key of a package other than pkgPath (see
// [docQualifier]); the field alone when the key's name is unknown.
func keyDoc(k *model.KeyRef, pkgPath string, imported map[string]string, imports []importName) string {
	link := "[" + k.Group + "." + k.Field + "]"
	if k.PkgPath != pkgPath {
		link = "[" + docQualifier(k.PkgPath, k.PkgName, imported, imports) + "." + k.Group + "." + k.Field + "]"
	}
	if k.Key == "" {
		return link
	}
	return "the key " + strconv.Quote(k.Key) + " of " + link
}

// linkedFacts returns the facts of k for the docs of package pkgPath,
// whose default, when it is a constant of k's package, links to it as
// [docQualifier] says.
func linkedFacts(k *model.KeyRef, pkgPath string, imported map[string]string, imports []importName) model.KeyFacts {
	facts := k.Facts
	if k.PkgPath == pkgPath {
		return facts
	}
	if rest, ok := strings.CutPrefix(facts.Default, "["+k.PkgName+"."); ok {
		facts.Default = "[" + docQualifier(k.PkgPath, k.PkgName, imported, imports) + "." + rest
	}
	return facts
}

// docQualifier returns how a doc link of the generated file qualifies a
// name of the package at path, named pkg: by pkg when that resolves to
// path, as go/doc resolves names across the files of the package
// (imported holds the imports of the other files), else by the import
// path, as when two imported packages share the name and the generated
// file renames one.
func docQualifier(path, pkg string, imported map[string]string, imports []importName) string {
	for _, im := range imports {
		if im.path == path && im.name != pkg {
			return path
		}
	}
	if other, ok := imported[pkg]; ok && other != path {
		return path
	}
	return pkg
}

// actionLink is the doc link to the struct type that declares a.
func actionLink(a *model.Action) string { return "[" + a.TypeName + "]" }

// localName returns the first candidate that no import of the file is
// named, so that a receiver or parameter does not hide a package the
// method body uses.
func localName(imports []importName, candidates ...string) string {
	return freeName(func(name string) bool { return importTaken(imports, name) }, candidates...)
}

// importTaken reports whether an import of the file is named name.
func importTaken(imports []importName, name string) bool {
	return slices.ContainsFunc(imports, func(im importName) bool { return im.name == name })
}

// freeName returns the first candidate that is not taken, or else the
// last one with underscores appended until it is not.
func freeName(taken func(string) bool, candidates ...string) string {
	for _, c := range candidates {
		if !taken(c) {
			return c
		}
	}
	last := candidates[len(candidates)-1]
	for taken(last) {
		last += "_"
	}
	return last
}

// actionPackages adds to pkgs the packages the generated code of the
// actions of p refers to: the runtime's workflow package, the packages
// of the keys they read and write, and those of their types.
func actionPackages(p *model.Package, pkgs map[string]string) {
	if len(p.Actions) == 0 {
		return
	}
	pkgs[model.WorkflowPath] = "workflow"
	for _, a := range p.Actions {
		for _, k := range slices.Concat(a.Reads, a.Writes) {
			pkgs[k.PkgPath] = k.PkgName
			collectPackages(k.Type, pkgs)
		}
	}
}

// wrap breaks text into lines of at most 76 bytes at spaces, as a
// hand-written comment would be. Runs of white space become one space or
// a line break.
func wrap(text string) string {
	w := docWriter{buf: make([]byte, 0, len(text))}
	w.write(text)
	w.end()
	return string(w.buf)
}
