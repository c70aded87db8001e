package generator_test

import (
	"context"
	"go/ast"
	"go/types"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/go/packages"

	"github.com/gostage/gostage/generator"
)

// TestDocLinks generates every case and checks that each doc link in the
// generated files ([Order.Status], [ChargePayment], [userkeys.User.ID])
// names something that exists, so that a reader's go-to-definition on it
// lands on the declaration.
func TestDocLinks(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	mod := newCaseModule(t)
	for _, c := range cases(t) {
		mod.copyCase(t, c)
	}
	results, err := generator.Generate(context.Background(), generator.Options{Dir: mod.dir, Env: mod.env}, "./...")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := generator.Commit(cleanOnly(results)); err != nil {
		t.Fatal(err)
	}
	cfg := &packages.Config{Mode: packages.NeedName | packages.NeedFiles | packages.NeedSyntax | packages.NeedTypes | packages.NeedTypesInfo | packages.NeedImports, Dir: mod.dir, Env: mod.env}
	pkgs, err := packages.Load(cfg, "./...")
	if err != nil {
		t.Fatal(err)
	}
	byPath := make(map[string]*packages.Package)
	packages.Visit(pkgs, nil, func(p *packages.Package) { byPath[p.PkgPath] = p })
	links := 0
	for _, p := range pkgs {
		for _, f := range p.Syntax {
			name := p.Fset.File(f.Pos()).Name()
			if filepath.Base(name) != generator.DefaultOutput {
				continue
			}
			for _, decl := range f.Decls {
				for _, link := range docLinks(decl) {
					links++
					if !resolves(p, f, link, byPath) {
						t.Errorf("%s: doc link [%s] names nothing", strings.TrimPrefix(name, mod.dir+"/"), link)
					}
				}
			}
		}
	}
	if links < 100 {
		t.Errorf("only %d doc links in the generated files", links)
	}
}

// docLink matches a doc link as go/doc/comment finds one: brackets around
// a dotted name, not right after a letter or digit (map[string]int holds
// none).
// A link may start with an import path ([example.com/shop/carriers.Standard]).
var docLink = regexp.MustCompile(`(?:^|[^A-Za-z0-9_])\[((?:[A-Za-z0-9_.\-]+/)*[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)\]`)

// docLinks returns the doc links of decl's doc comment, without the
// part that is the field's own doc (after the first blank line): that
// one is the user's.
func docLinks(decl ast.Decl) []string {
	var doc *ast.CommentGroup
	switch d := decl.(type) {
	case *ast.FuncDecl:
		doc = d.Doc
	case *ast.GenDecl:
		doc = d.Doc
	}
	if doc == nil {
		return nil
	}
	text, _, _ := strings.Cut(doc.Text(), "\n\n")
	var out []string
	for _, m := range docLink.FindAllStringSubmatch(text, -1) {
		out = append(out, m[1])
	}
	return out
}

// resolves reports whether link names a declaration as go/doc reads it:
// Name or Name.Member of package p, pkg.Name or pkg.Name.Member of a
// package file f imports, or importpath.Name of a package of byPath.
func resolves(p *packages.Package, f *ast.File, link string, byPath map[string]*packages.Package) bool {
	parts := strings.Split(link, ".")
	scope := p.Types.Scope()
	if slash := strings.LastIndex(link, "/"); slash >= 0 {
		dot := strings.Index(link[slash:], ".")
		if dot < 0 {
			return false
		}
		other := byPath[link[:slash+dot]]
		if other == nil || other.Types == nil {
			return false
		}
		scope, parts = other.Types.Scope(), strings.Split(link[slash+dot+1:], ".")
	}
	for _, spec := range f.Imports {
		if strings.Contains(link, "/") {
			break // qualified by its path already
		}
		path, _ := strconv.Unquote(spec.Path.Value)
		imp := p.Imports[path]
		if imp == nil {
			continue
		}
		name := imp.Name
		if spec.Name != nil {
			name = spec.Name.Name
		}
		if name == parts[0] && len(parts) > 1 {
			scope, parts = imp.Types.Scope(), parts[1:]
			break
		}
	}
	obj := scope.Lookup(parts[0])
	switch {
	case obj == nil || len(parts) > 2:
		return false
	case len(parts) == 1:
		return true
	}
	member, _, _ := types.LookupFieldOrMethod(obj.Type(), true, obj.Pkg(), parts[1])
	return member != nil
}
