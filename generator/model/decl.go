package model

import (
	"go/ast"
	"go/token"
	"iter"

	"github.com/gostage/gostage/generator/directive"
)

// typeSpecs yields every type declaration of f with its doc comment: the
// spec's own, or for a declaration of a single spec, the declaration's,
// where gofmt puts the comment of `type T struct{...}`.
func typeSpecs(f *ast.File) iter.Seq2[*ast.TypeSpec, *ast.CommentGroup] {
	return func(yield func(*ast.TypeSpec, *ast.CommentGroup) bool) {
		for _, decl := range f.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.TYPE {
				continue
			}
			for _, spec := range gd.Specs {
				ts := spec.(*ast.TypeSpec)
				doc := ts.Doc
				if doc == nil && len(gd.Specs) == 1 {
					doc = gd.Doc
				}
				if !yield(ts, doc) {
					return
				}
			}
		}
	}
}

// structDirective finds the //gostage:<name> line in doc, the doc comment
// of ts, and checks that ts declares a struct type without type
// parameters, which is what both directives need. It reports the syntax
// errors and unknown options of the line (options lists the known ones),
// a second such line, and a type of the wrong kind (plural names what the
// directive declares, in messages); st is nil when there is no line or
// the type is not fit. Every gostage line of doc is marked in attached,
// so that the stray check knows it was on a type declaration.
func (r *reporter) structDirective(ts *ast.TypeSpec, doc *ast.CommentGroup, name string, options []string, plural string, attached map[*ast.Comment]bool) (line *ast.Comment, d directive.Directive, st *ast.StructType) {
	if doc == nil {
		return nil, d, nil
	}
	for _, c := range doc.List {
		parsed, ok, errs := directive.Parse(c.Text)
		if !ok {
			continue
		}
		attached[c] = true
		if parsed.Name != name {
			continue
		}
		if line != nil {
			r.errorf(c.Slash, "second %s%s on %s", directive.Prefix, name, ts.Name.Name)
			continue
		}
		r.at(c.Slash, errs)
		r.at(c.Slash, directive.CheckNames(parsed.Options, options, name+" option"))
		line, d = c, parsed
	}
	if line == nil {
		return nil, d, nil
	}
	st, ok := ts.Type.(*ast.StructType)
	switch {
	case !ok || ts.Assign.IsValid():
		r.errorf(line.Slash, "%s%s on %s, which is not a struct type", directive.Prefix, name, ts.Name.Name)
		return line, d, nil
	case ts.TypeParams != nil:
		r.errorf(line.Slash, "%s%s on generic type %s: %s cannot have type parameters", directive.Prefix, name, ts.Name.Name, plural)
		return line, d, nil
	}
	return line, d, st
}

// checkStray reports the //gostage:<name> lines of f that are not in the
// doc comment of a type declaration (attached lists those that are).
func (r *reporter) checkStray(f *ast.File, name string, attached map[*ast.Comment]bool) {
	for _, cg := range f.Comments {
		for _, c := range cg.List {
			if d, ok, _ := directive.Parse(c.Text); ok && d.Name == name && !attached[c] {
				r.errorf(c.Slash, "%s%s must be in the doc comment of a struct type declaration", directive.Prefix, name)
			}
		}
	}
}

// at reports directive errors at their offsets from pos.
func (r *reporter) at(pos token.Pos, errs []directive.Error) {
	for _, e := range errs {
		r.errorf(pos+token.Pos(e.Offset), "%s", e.Message)
	}
}
