package model

import (
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"go/types"
	"iter"
	"os"
	"path/filepath"
	"strings"

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

// option is an option of a directive line or a struct tag, with the
// positions of its name and value in the file.
type option struct {
	directive.Option
	pos      token.Pos // of the option's name
	valuePos token.Pos
}

// declDirective is the //gostage:<name> directive of a type declaration:
// the options of all its lines, in order, and the struct type it
// declares.
type declDirective struct {
	line    *ast.Comment // the first line, where problems of the whole are reported
	options []option
	st      *ast.StructType // nil when the type is not fit, which was reported
}

// structDirective finds the //gostage:<name> lines in doc, the doc
// comment of ts, and checks that ts declares a struct type without type
// parameters, which is what both directives need. The options of all its
// lines add up; an option given twice is an error at the second, but for
// those in repeatable, whose values add up. It reports the syntax errors
// and unknown options of the lines (options lists the known ones), and a
// type of the wrong kind (plural names what the directive declares, in
// messages). It returns nil when doc has no such line. Every gostage line of
// doc is marked in attached, so that the stray check knows it was on a
// type declaration.
func (r *reporter) structDirective(ts *ast.TypeSpec, doc *ast.CommentGroup, name string, options, repeatable []string, plural string, attached map[*ast.Comment]bool) *declDirective {
	if doc == nil {
		return nil
	}
	var d *declDirective
	for _, c := range doc.List {
		if directive.NearMiss(c.Text) != "" {
			continue // reported where near misses are, wherever they are
		}
		parsed, ok, errs := directive.Parse(c.Text)
		if !ok {
			continue
		}
		attached[c] = true
		if parsed.Name != name {
			continue
		}
		r.at(c.Slash, errs)
		if d == nil {
			d = &declDirective{line: c}
		}
		for _, o := range parsed.Options {
			d.options = append(d.options, option{o, c.Slash + token.Pos(o.Offset), c.Slash + token.Pos(o.ValueOffset)})
		}
	}
	if d == nil {
		return nil
	}
	r.checkOptions(d.options, options, repeatable, name+" option")
	st, ok := ts.Type.(*ast.StructType)
	switch {
	case !ok || ts.Assign.IsValid():
		r.errorf(d.line.Slash, "%s%s on %s, which is not a struct type", directive.Prefix, name, ts.Name.Name)
		return d
	case ts.TypeParams != nil:
		r.errorf(d.line.Slash, "%s%s on generic type %s: %s cannot have type parameters", directive.Prefix, name, ts.Name.Name, plural)
		return d
	}
	d.st = st
	return d
}

// checkOptions reports every option whose name is not in known, and every
// option given a second time, at the second, but for those in repeatable.
// what names the kind of option in messages ("action option").
func (r *reporter) checkOptions(opts []option, known, repeatable []string, what string) {
	seen := make(map[string]bool)
	for _, o := range opts {
		if msg := directive.CheckOption(o.Name, seen, known, repeatable, what); msg != "" {
			r.errorf(o.pos, "%s", msg)
		}
	}
}

// checkStray reports the //gostage:<name> lines of f that are not in the
// doc comment of a type declaration (attached lists those that are).
func (r *reporter) checkStray(f *ast.File, name string, attached map[*ast.Comment]bool) {
	for _, cg := range f.Comments {
		for _, c := range cg.List {
			if d, ok, _ := directive.Parse(c.Text); ok && d.Name == name && !attached[c] {
				hint := ""
				if ts := detachedFrom(f, cg); ts != nil {
					hint = ": a blank line separates it from type " + ts.Name.Name + ", whose doc comment it was meant to end"
				}
				r.errorf(c.Slash, "%s%s must be in the doc comment of a struct type declaration%s", directive.Prefix, name, hint)
			}
		}
	}
}

// detachedFrom returns the type that cg, a comment group outside any
// declaration, is meant for: the only spec of the type declaration that
// follows cg with nothing in between, as when a blank line cuts a
// directive off the doc comment under it. It returns nil otherwise.
func detachedFrom(f *ast.File, cg *ast.CommentGroup) *ast.TypeSpec {
	for _, decl := range f.Decls {
		if decl.End() <= cg.Pos() {
			continue
		}
		gd, ok := decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.TYPE || len(gd.Specs) != 1 || decl.Pos() < cg.End() {
			return nil
		}
		for _, other := range f.Comments {
			if other.Pos() > cg.End() && other.End() < gd.Pos() && other != gd.Doc {
				return nil // another comment stands between them
			}
		}
		return gd.Specs[0].(*ast.TypeSpec)
	}
	return nil
}

// detachedDoc returns the comment group that ts, a type of file, is
// declared under but cut off from by a blank line (see [detachedFrom]),
// or nil.
func detachedDoc(file *ast.File, ts *ast.TypeSpec) *ast.CommentGroup {
	for _, cg := range file.Comments {
		if cg.End() < ts.Pos() && detachedFrom(file, cg) == ts {
			return cg
		}
	}
	return nil
}

// at reports directive errors at their offsets from pos.
func (r *reporter) at(pos token.Pos, errs []directive.Error) {
	for _, e := range errs {
		r.errorf(pos+token.Pos(e.Offset), "%s", e.Message)
	}
}

// declarations reads the declarations of types of imported packages from
// their source, for what export data leaves out: doc comments and
// directives, struct tags, and the type a named type is declared over.
// Each file is parsed once.
type declarations struct {
	fset   *token.FileSet
	parsed map[string]*ast.File // by file name; nil when unreadable
}

func newDeclarations(fset *token.FileSet) *declarations {
	return &declarations{fset: fset, parsed: make(map[string]*ast.File)}
}

// typeSpec finds the declaration of tn, with its doc comment and the file
// it is in; found is false when that file cannot be read (export data
// without positions, a file gone since).
func (d *declarations) typeSpec(tn *types.TypeName) (file *ast.File, ts *ast.TypeSpec, doc *ast.CommentGroup, found bool) {
	if !tn.Pos().IsValid() || d.fset.File(tn.Pos()) == nil {
		return nil, nil, nil, false
	}
	file = d.parse(d.fset.Position(tn.Pos()).Filename)
	if file == nil {
		return nil, nil, nil, false
	}
	for ts, doc := range typeSpecs(file) {
		if ts.Name.Name == tn.Name() {
			return file, ts, doc, true
		}
	}
	return nil, nil, nil, false
}

// parse returns the file of that name parsed, once, or nil when it cannot
// be read.
func (d *declarations) parse(name string) *ast.File {
	file, seen := d.parsed[name]
	if !seen {
		file, _ = parser.ParseFile(token.NewFileSet(), name, nil, parser.ParseComments|parser.SkipObjectResolution)
		d.parsed[name] = file
	}
	return file
}

// packageTypeSpecs yields every type declaration of the source files of
// package p with its doc comment, including those that export data
// leaves out: an unexported type that no exported declaration uses is
// not in the scope of a package loaded from export data. The files are
// those of p's directory, found from the position of any object of p, that
// the default build context matches; none when no position leads there.
func (d *declarations) packageTypeSpecs(p *types.Package) iter.Seq2[*ast.TypeSpec, *ast.CommentGroup] {
	return func(yield func(*ast.TypeSpec, *ast.CommentGroup) bool) {
		dir := d.packageDir(p)
		if dir == "" {
			return
		}
		entries, err := os.ReadDir(dir)
		if err != nil {
			return
		}
		for _, e := range entries {
			name := e.Name()
			if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
				continue
			}
			if ok, err := build.Default.MatchFile(dir, name); err != nil || !ok {
				continue
			}
			file := d.parse(filepath.Join(dir, name))
			if file == nil {
				continue
			}
			for ts, doc := range typeSpecs(file) {
				if !yield(ts, doc) {
					return
				}
			}
		}
	}
}

// packageDir returns the directory of the files of package p, from the
// position of one of its objects, or "" when none has one.
func (d *declarations) packageDir(p *types.Package) string {
	for _, n := range p.Scope().Names() {
		if pos := p.Scope().Lookup(n).Pos(); pos.IsValid() && d.fset.File(pos) != nil {
			return filepath.Dir(d.fset.Position(pos).Filename)
		}
	}
	return ""
}

// declaredOver returns the type name that tn, a named type of an imported
// package, is declared over (time.Duration for type Timeout
// time.Duration, where go/types keeps only the underlying int64), or nil
// when it is declared otherwise or its declaration cannot be read.
func (d *declarations) declaredOver(tn *types.TypeName) *types.TypeName {
	file, ts, _, found := d.typeSpec(tn)
	if !found || ts.Assign.IsValid() || tn.Pkg() == nil {
		return nil
	}
	switch x := ts.Type.(type) {
	case *ast.Ident: // a type of the same package
		over, _ := tn.Pkg().Scope().Lookup(x.Name).(*types.TypeName)
		return over
	case *ast.SelectorExpr: // a type of a package the file imports
		id, ok := x.X.(*ast.Ident)
		if !ok {
			return nil
		}
		if p := FileImports(file, tn.Pkg())[id.Name]; p != nil {
			over, _ := p.Scope().Lookup(x.Sel.Name).(*types.TypeName)
			return over
		}
	}
	return nil
}
