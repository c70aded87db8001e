package emit

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/gostage/gostage/generator/model"
)

// importName is an import of the generated file and the name the file
// uses for it.
type importName struct {
	path, pkg, name string
}

// importNames names every package the generated file uses: by its package
// name unless a declaration of the package or an earlier import (in path
// order) takes it, in which case a number is appended, as in template1.
func importNames(p *model.Package) []importName {
	pkgs := importedPackages(p)
	paths := make([]string, 0, len(pkgs))
	for path := range pkgs {
		paths = append(paths, path)
	}
	slices.Sort(paths)
	taken := make(map[string]bool)
	out := make([]importName, 0, len(paths))
	for _, path := range paths {
		pkg := pkgs[path]
		name := pkg
		for i := 1; taken[name] || p.Declared[name] || isKeyword(name); i++ {
			name = fmt.Sprintf("%s%d", pkg, i)
		}
		taken[name] = true
		out = append(out, importName{path, pkg, name})
	}
	return out
}

// importedPackages maps the path of every package the generated code
// refers to, to its name.
func importedPackages(p *model.Package) map[string]string {
	pkgs := map[string]string{model.StorePath: "store"}
	if len(p.Groups) > 0 {
		pkgs["errors"] = "errors" // Load joins the errors of its reads
	}
	for _, g := range p.Groups {
		for _, k := range g.Keys {
			collectPackages(k.Type, pkgs)
			if k.TTL > 0 || (k.Default != nil && k.Default.Duration) {
				pkgs["time"] = "time" // durations are written as time constants
			}
			if k.Default != nil && k.Default.Const != nil {
				pkgs[k.Default.Const.PkgPath] = k.Default.Const.PkgName
			}
		}
	}
	actionPackages(p, pkgs)
	delete(pkgs, p.Path)
	return pkgs
}

// writeImports writes the import block as gofmt and goimports leave it:
// standard library first, then the rest, each sorted by path.
func writeImports(buf *bytes.Buffer, imports []importName) {
	var std, other []importName
	for _, im := range imports {
		if strings.Contains(strings.SplitN(im.path, "/", 2)[0], ".") {
			other = append(other, im)
		} else {
			std = append(std, im)
		}
	}
	buf.WriteString("import (\n")
	for i, group := range [][]importName{std, other} {
		if i > 0 && len(std) > 0 && len(other) > 0 {
			buf.WriteString("\n")
		}
		for _, im := range group {
			buf.WriteString("\t")
			if im.name != im.pkg || !strings.HasSuffix(im.path, "/"+im.pkg) && im.path != im.pkg {
				buf.WriteString(im.name + " ")
			}
			fmt.Fprintf(buf, "%q\n", im.path)
		}
	}
	buf.WriteString(")\n")
}

func isKeyword(name string) bool {
	switch name {
	case "break", "case", "chan", "const", "continue", "default", "defer", "else",
		"fallthrough", "for", "func", "go", "goto", "if", "import", "interface",
		"map", "package", "range", "return", "select", "struct", "switch", "type", "var":
		return true
	}
	return false
}
