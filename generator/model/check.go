package model

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
)

// checkDuplicates reports every key whose name an earlier key of the
// package already has.
func (r *reader) checkDuplicates() {
	first := make(map[string]*Key)
	for _, g := range r.groups {
		for _, k := range g.Keys {
			if prev, ok := first[k.Name]; ok {
				r.errorf(k.Pos, "duplicate key name %s: %s.%s and %s.%s", quote(k.Name), prev.Group.Name, prev.Field, g.Name, k.Field)
				continue
			}
			first[k.Name] = k
		}
	}
}

// checkCollisions reports generated names that collide with each other or
// with declarations of the package outside generated files.
func (r *reader) checkCollisions() {
	first := make(map[string]generatedName)
	for _, n := range generatedNames(r.groups) {
		if prev, ok := first[n.name]; ok {
			r.errorf(n.pos, "generated name %s for %s collides with the one for %s: %s", n.name, n.what, prev.what, renameFields)
			continue
		}
		first[n.name] = n
		r.checkDeclared(n)
	}
	for _, g := range r.groups {
		r.checkMethods(g)
	}
}

// renameFields is the fix of two keys whose generated names collide.
const renameFields = "rename one of the two fields (a key= tag keeps a key's name)"

// checkMethods reports view methods of a group that collide.
func (r *reader) checkMethods(g *Group) {
	methods := make(map[string]string)
	for _, m := range GroupMethods {
		methods[m] = "the group"
	}
	for _, k := range g.Keys {
		for _, m := range k.ViewMethods() {
			if prev, ok := methods[m]; ok {
				hint := renameFields
				if prev == "the group" {
					hint = "rename the field (a key= tag keeps its key's name)"
				}
				r.errorf(k.Pos, "generated method %s.%s for key %s.%s collides with the one for %s: %s", g.ViewName(), m, g.Name, k.Field, prev, hint)
				continue
			}
			methods[m] = "key " + g.Name + "." + k.Field
		}
	}
}

// checkDeclared reports a package-level declaration named like a generated
// name, unless a generated file declares it.
func (r *reader) checkDeclared(n generatedName) {
	if pos := userDeclaration(r.pkg, r.fset, r.generated, n.name); pos.IsValid() {
		r.errorf(n.pos, "generated name %s for %s collides with the declaration at %s: rename that declaration", n.name, n.what, r.where(pos))
	}
}

// UserDeclaration returns the position of the package-level declaration
// of name in pkg, whose files are files, or token.NoPos when there is
// none outside the files gostage-gen generated.
func UserDeclaration(pkg *types.Package, fset *token.FileSet, files []*ast.File, name string) token.Pos {
	var generated []*token.File
	for _, f := range files {
		if IsGenerated(f) {
			generated = append(generated, fset.File(f.Pos()))
		}
	}
	return userDeclaration(pkg, fset, generated, name)
}

// userDeclaration returns the position of the package-level declaration
// of name in pkg, or token.NoPos when there is none outside the generated
// files: a generated file only declares again what it will be replaced by.
func userDeclaration(pkg *types.Package, fset *token.FileSet, generated []*token.File, name string) token.Pos {
	if pkg == nil {
		return token.NoPos
	}
	obj := pkg.Scope().Lookup(name)
	if obj == nil || !obj.Pos().IsValid() || slices.Contains(generated, fset.File(obj.Pos())) {
		return token.NoPos
	}
	return obj.Pos()
}
