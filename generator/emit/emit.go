package emit

import (
	"bytes"
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/gostage/gostage/generator/model"
)

// File returns the source of the generated file for p.
func File(p *model.Package) ([]byte, error) {
	f := jen.NewFilePathName(p.Path, p.Name)
	f.HeaderComment(model.Header)
	reserveImportNames(f, p)
	versionGuard(f)
	for _, g := range p.Groups {
		keyVars(f, g)
		view(f, g)
	}
	catalog(f, p)
	var buf bytes.Buffer
	if err := f.Render(&buf); err != nil {
		return nil, fmt.Errorf("emit %s: %w", p.Path, err)
	}
	return buf.Bytes(), nil
}

// reserveImportNames gives every package the generated code may import
// an import name that no declaration of the package takes.
func reserveImportNames(f *jen.File, p *model.Package) {
	for path, name := range importedPackages(p) {
		alias := name
		for p.Declared[alias] {
			alias += "_"
		}
		if alias == name {
			f.ImportName(path, name)
		} else {
			f.ImportAlias(path, alias)
		}
	}
}

// importedPackages maps the path of every package the generated code may
// refer to, to its name.
func importedPackages(p *model.Package) map[string]string {
	pkgs := map[string]string{model.StorePath: "store", "time": "time", "errors": "errors"}
	for _, g := range p.Groups {
		for _, k := range g.Keys {
			collectPackages(k.Type, pkgs)
		}
	}
	delete(pkgs, p.Path)
	return pkgs
}

// versionGuard makes the file stop compiling when the runtime no longer
// provides the contract it was generated for.
func versionGuard(f *jen.File) {
	f.Comment("If this line fails to compile, this file was generated for another")
	f.Comment("version of the gostage runtime: regenerate it with gostage-gen.")
	f.Const().Id("_").Op("=").Qual(model.StorePath, model.VersionConst)
}
