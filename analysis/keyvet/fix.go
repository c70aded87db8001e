package keyvet

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strconv"
	"strings"
	"time"

	"golang.org/x/tools/go/analysis"

	"github.com/gostage/gostage/generator/model"
)

// accessorDiagnostic is the report that a call spells a key that has a
// typed accessor, with the rewrite that keeps the call's behaviour: a
// method of the accessor when one does the same, and otherwise the key
// spelled as the accessor's Name, which changes nothing but ties the
// string to the declaration.
func (c *checker) accessorDiagnostic(file *ast.File, sc *storeCall, k *key) analysis.Diagnostic {
	qual, importEdits, canRefer := c.qualifier(file, sc.call.Pos(), k)
	acc := qual + k.Var
	d := analysis.Diagnostic{
		Pos:     sc.key.Pos(),
		End:     sc.key.End(),
		Message: fmt.Sprintf("%q has a typed accessor: %s", k.Name, acc),
	}
	if k.pkg != c.pass.Pkg && !token.IsExported(k.Group) {
		// An accessor that this package cannot use is no way out of
		// the string: exporting the group is.
		d.Message = fmt.Sprintf("%q is a key of %s%s, an unexported key group, whose accessor %s other packages cannot use: %s and run gostage-gen to use it here", k.Name, qual, k.Group, acc, model.ExportAdvice(k.Group))
		return d
	}
	if k.accessor == nil {
		// Declared, but gostage-gen has not run since: saying it has
		// an accessor would send the reader to a name that does not
		// compile.
		d.Message = fmt.Sprintf("%q is declared by %s%s.%s, but its accessor %s is not generated yet: run gostage-gen", k.Name, qual, k.Group, k.Field, acc)
	}
	if k.cycle != "" {
		// The accessor's package imports this one: it cannot be
		// imported here, so the finding stays, saying why.
		d.Message += "; " + k.cycle
		return d
	}
	if k.accessor == nil || !canRefer {
		// Not generated yet, or the name is shadowed where the call is.
		return d
	}
	src := c.source(file)
	if src == nil {
		return d
	}
	if method, edits, ok := c.rewrite(sc, k, acc, src); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{{
			Message:   fmt.Sprintf("use %s.%s", acc, method),
			TextEdits: append(edits, importEdits...),
		}}
		return d
	}
	d.SuggestedFixes = []analysis.SuggestedFix{{
		Message:   fmt.Sprintf("spell the key as %s.Name()", acc),
		TextEdits: append([]analysis.TextEdit{replace(sc.key.Pos(), sc.key.End(), acc+".Name()")}, importEdits...),
	}}
	return d
}

// rewrite returns the name of the accessor's method that does what sc
// does and the edits that turn sc into a call of it, or false when no
// method does. Only the text up to the key, and a TTL, are replaced: the
// arguments kept stay as written, so that a fix of a call inside them does
// not overlap this one, and their comments stay.
//
// Which calls have a method that does what they do:
//
//   - store.Get[T] reads a missing key as ErrNotFound, where Key.Get
//     returns the key's default: only keys without a default rewrite;
//   - KVStore.Put stores without expiry, where Key.Put applies the key's
//     TTL: only keys without a TTL rewrite, and PutWithTTL rewrites when
//     its TTL is the constant the key declares;
//   - PutWithMetadata and PutWithTTLAndMetadata replace the entry's
//     metadata, which Key.Put never does: they do not rewrite;
//   - the type argument, or the value's type, must be the declared type,
//     so that the results and the stored value keep their types.
//
// Key.Put also adds the key's declared tags and description to the
// entry's metadata: that is the declaration taking effect, and the one
// difference a rewrite makes.
func (c *checker) rewrite(sc *storeCall, k *key, acc string, src []byte) (method string, edits []analysis.TextEdit, ok bool) {
	if !k.typed || !sc.reachable {
		return "", nil, false
	}
	switch sc.name {
	case "Get":
		ok = !k.HasDefault && sameType(sc.typeArg, k.typ)
	case "GetOrDefault":
		ok = sameType(sc.typeArg, k.typ)
	case "Put", "PutWithTTL":
		ok = c.putKeepsType(sc.value, k) && c.ttl(sc) == k.TTL
	case "Delete", "Has":
		ok = true
	}
	if !ok {
		return "", nil, false
	}
	method = strings.TrimSuffix(sc.name, "WithTTL")
	store := sc.viaPrefix + c.text(src, sc.store) + sc.viaSuffix
	// s.Put("user.id", v) becomes userkeys.UserIDKey.Put(s, v).
	edits = []analysis.TextEdit{replace(sc.call.Pos(), sc.key.End(), acc+"."+method+"("+store)}
	if sc.ttl != nil {
		// The key applies the same TTL itself.
		edits = append(edits, c.dropTTL(src, sc))
	}
	return method, edits, true
}

// dropTTL returns the edit that removes the TTL, the last argument, from
// a PutWithTTL call. With nothing but a comma between the value and the
// TTL, it removes both; otherwise, to keep a comment after the value, it
// removes what follows the comma: f(k, v, // c <newline> ttl) becomes
// f(k, v, // c <newline> ), which is valid Go and which gofmt tidies.
func (c *checker) dropTTL(src []byte, sc *storeCall) analysis.TextEdit {
	tf := c.pass.Fset.File(sc.ttl.Pos())
	between := string(src[tf.Offset(sc.value.End()):tf.Offset(sc.ttl.Pos())])
	if strings.Trim(between, ", \t\r\n") == "" {
		return replace(sc.value.End(), sc.ttl.End(), "")
	}
	return replace(sc.ttl.Pos(), sc.call.Rparen, "")
}

// replace is the edit that replaces the text from pos to end with text.
func replace(pos, end token.Pos, text string) analysis.TextEdit {
	return analysis.TextEdit{Pos: pos, End: end, NewText: []byte(text)}
}

// ttl returns the expiry a Put call gives its entry: 0 for Put, the
// constant TTL of PutWithTTL, and -1 when it is not a positive constant
// (PutWithTTL fails on a TTL that is not positive; Key.Put does not).
func (c *checker) ttl(sc *storeCall) time.Duration {
	if sc.ttl == nil {
		return 0
	}
	tv := c.pass.TypesInfo.Types[sc.ttl]
	if tv.Value == nil || tv.Value.Kind() != constant.Int {
		return -1
	}
	n, exact := constant.Int64Val(tv.Value)
	if !exact || n <= 0 {
		return -1
	}
	return time.Duration(n)
}

// putKeepsType reports whether Key.Put(s, value) stores a value of the
// same dynamic type that KVStore.Put(key, value) stores: value's type
// (an untyped constant's default type) is the declared type, or implements
// the declared interface. An untyped nil does only for an interface: both
// store a nil interface then, where Key.Put of a pointer, slice or map
// type stores a typed nil.
func (c *checker) putKeepsType(value ast.Expr, k *key) bool {
	tv, ok := c.pass.TypesInfo.Types[value]
	if !ok {
		return false
	}
	if tv.IsNil() {
		return types.IsInterface(k.typ) && !k.opaque
	}
	vt := types.Default(tv.Type)
	if sameType(vt, k.typ) {
		return true
	}
	return types.IsInterface(k.typ) && !k.opaque && !hasTypeParam(vt) && types.AssignableTo(vt, k.typ)
}

// qualifier returns what precedes the accessor's name at pos ("userkeys."
// or nothing), the edits that import its package when the file does not,
// and false when the accessor cannot be named at pos because a local
// declaration hides it. An existing import is used under its name.
func (c *checker) qualifier(file *ast.File, pos token.Pos, k *key) (string, []analysis.TextEdit, bool) {
	if k.pkg == c.pass.Pkg {
		return "", nil, k.accessor != nil && c.lookup(file, pos, k.Var) == k.accessor
	}
	if !token.IsExported(k.Var) {
		// An unexported group's accessors are its package's own.
		return k.pkg.Name() + ".", nil, false
	}
	var blank *ast.ImportSpec
	for _, spec := range file.Imports {
		if p, err := strconv.Unquote(spec.Path.Value); err != nil || p != k.pkg.Path() {
			continue
		}
		if spec.Name != nil && spec.Name.Name == "_" {
			blank = spec
			continue
		}
		pn := c.pkgName(spec)
		if pn == nil {
			continue
		}
		switch pn.Name() {
		case ".":
			if k.accessor != nil && c.lookup(file, pos, k.Var) == k.accessor {
				return "", nil, true
			}
		default:
			if c.lookup(file, pos, pn.Name()) == pn {
				return pn.Name() + ".", nil, true
			}
			return pn.Name() + ".", nil, false
		}
	}
	name := k.pkg.Name()
	if c.lookup(file, pos, name) != nil {
		return name + ".", nil, false
	}
	if blank != nil {
		// import _ "…/userkeys" only opted the file in; naming the
		// package keeps its initialization and lets the accessor be used.
		return name + ".", []analysis.TextEdit{replace(blank.Name.Pos(), blank.Path.Pos(), importName(name, k.pkg.Path()))}, true
	}
	return name + ".", addImport(file, name, k.pkg.Path()), true
}

// importName is what an import spec of path spells before the path: the
// package name when it differs from the name goimports assumes from the
// path, as goimports writes it.
func importName(name, importPath string) string {
	if name == AssumedName(importPath) {
		return ""
	}
	return name + " "
}

// pkgName returns the package name an import declares, nil for none.
func (c *checker) pkgName(spec *ast.ImportSpec) *types.PkgName {
	var obj types.Object
	if spec.Name != nil {
		obj = c.pass.TypesInfo.Defs[spec.Name]
	} else {
		obj = c.pass.TypesInfo.Implicits[spec]
	}
	pn, _ := obj.(*types.PkgName)
	return pn
}

// lookup returns the object name denotes at pos in file.
func (c *checker) lookup(file *ast.File, pos token.Pos, name string) types.Object {
	scope := c.pass.TypesInfo.Scopes[file]
	if scope == nil {
		return nil
	}
	if inner := scope.Innermost(pos); inner != nil {
		scope = inner
	}
	_, obj := scope.LookupParent(name, pos)
	return obj
}

// addImport returns the edits that import path as name into file. Every
// fix in a file that needs the import makes the same edits, so that
// drivers applying several fixes merge them into one import. A lone
// import "x" becomes a parenthesized block, as a person would write it.
// The import "C" of a cgo file is left alone: cgo reads the comment before
// it only while it is a declaration of its own.
func addImport(file *ast.File, name, importPath string) []analysis.TextEdit {
	spec := importName(name, importPath) + strconv.Quote(importPath)
	var last, cgo *ast.GenDecl
	for _, d := range file.Decls {
		gd, ok := d.(*ast.GenDecl)
		switch {
		case !ok || gd.Tok != token.IMPORT:
		case importsC(gd):
			cgo = gd
		default:
			last = gd
		}
	}
	insert := func(pos token.Pos, text string) analysis.TextEdit { return replace(pos, pos, text) }
	switch {
	case last == nil && cgo != nil:
		return []analysis.TextEdit{insert(cgo.End(), "\n\nimport "+spec)}
	case last == nil:
		return []analysis.TextEdit{insert(file.Name.End(), "\n\nimport "+spec)}
	case last.Lparen.IsValid() && len(last.Specs) > 0:
		end := last.Specs[len(last.Specs)-1]
		return []analysis.TextEdit{insert(end.End(), groupBreak(end, importPath)+"\t"+spec)}
	case last.Lparen.IsValid():
		return []analysis.TextEdit{insert(last.Lparen+1, "\n\t"+spec+"\n")}
	default:
		only := last.Specs[0]
		return []analysis.TextEdit{insert(only.Pos(), "(\n\t"), insert(only.End(), groupBreak(only, importPath)+"\t"+spec+"\n)")}
	}
}

// groupBreak is what goes between the import spec after and a new import
// of importPath: a new line, and a blank one too when after imports the
// standard library and importPath does not, which goimports keeps in
// groups of their own.
func groupBreak(after ast.Spec, importPath string) string {
	prev, err := strconv.Unquote(after.(*ast.ImportSpec).Path.Value)
	if err == nil && isStd(prev) && !isStd(importPath) {
		return "\n\n"
	}
	return "\n"
}

// isStd reports whether importPath looks like a standard library
// package, as goimports tells them: no dot in its first element.
func isStd(importPath string) bool {
	first, _, _ := strings.Cut(importPath, "/")
	return !strings.Contains(first, ".")
}

// importsC reports whether the import declaration d imports "C".
func importsC(d *ast.GenDecl) bool {
	for _, spec := range d.Specs {
		if spec.(*ast.ImportSpec).Path.Value == `"C"` {
			return true
		}
	}
	return false
}

// source returns the content of file, which rewrites copy the untouched
// arguments from, so that they keep their spelling and comments.
func (c *checker) source(file *ast.File) []byte {
	if src, ok := c.sources[file]; ok {
		return src
	}
	var src []byte
	if tf := c.pass.Fset.File(file.FileStart); tf != nil && c.pass.ReadFile != nil {
		b, err := c.pass.ReadFile(tf.Name())
		if err == nil && len(b) == tf.Size() {
			src = b
		}
	}
	if c.sources == nil {
		c.sources = make(map[*ast.File][]byte)
	}
	c.sources[file] = src
	return src
}

// text returns the source of e.
func (c *checker) text(src []byte, e ast.Expr) string {
	tf := c.pass.Fset.File(e.Pos())
	return string(src[tf.Offset(e.Pos()):tf.Offset(e.End())])
}
