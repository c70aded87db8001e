package model

import (
	"go/ast"
	"go/token"
	"go/types"
	"maps"
	pathpkg "path"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gostage/gostage/generator/directive"
)

// RefError says why a key reference does not resolve, at a byte offset of
// the reference.
type RefError struct {
	Offset  int
	Message string
	// Broken is set when the reference names a key of the package that
	// has problems of its own, which reading its declaration reported.
	Broken bool
	// Cause is the import path of another package whose declaration of
	// the group failed: the problem is that package's, reported there when
	// it is read in the same run.
	Cause string
}

// Error returns the message.
func (e *RefError) Error() string { return e.Message }

// KeyFinder resolves the key references of actions, Group.Field,
// pkg.Group.Field and importpath.Group.Field, for one package.
//
// The package's own groups come from the model. A group of another
// package is recognised by its declaration: the struct type and field are
// looked up with go/types, which gives the key's Go type, and the file
// that declares the type is parsed to check that the type carries
// //gostage:keys and the field is a key (exported, not tagged "-"), which
// also gives the key's name. Reading the declaration rather than the
// other package's generated code means that a keys package and the
// actions using it generate in the same run, in any order, even before
// the keys package was ever generated. When the declaring file cannot be
// read (export data without positions), a group is accepted when the
// package has its generated <Group>Of and key variable, and the key's
// name is then unknown.
type KeyFinder struct {
	fset   *token.FileSet
	pkg    *types.Package
	groups []*Group
	paths  map[string]*types.Package
	decls  *declarations
}

// NewKeyFinder returns a KeyFinder for package pkg, whose own key groups
// are groups. paths holds, by import path, the packages that references
// name by their import path and pkg does not import (nil for one that did
// not load).
func NewKeyFinder(fset *token.FileSet, pkg *types.Package, groups []*Group, paths map[string]*types.Package) *KeyFinder {
	return &KeyFinder{fset: fset, pkg: pkg, groups: groups, paths: paths, decls: newDeclarations(fset)}
}

// refGroup is a key group as references see it.
type refGroup struct {
	pkgPath, pkgName, name string
	keys                   []refKey
	broken                 []string // fields whose key has problems
	// st is the group's struct type, which says why a field that is not
	// a key is not one; nil when unknown.
	st *types.Struct
}

type refKey struct {
	field, key string
	typ        types.Type
	hasDefault bool
	facts      KeyFacts
}

// badRef is the message of a reference that is not of the form of one.
const badRef = ": want Group.Field, pkg.Group.Field or importpath.Group.Field"

// Find resolves ref. imports maps the package names a qualified
// reference may use to their packages (nil for one that did not load).
func (f *KeyFinder) Find(ref string, imports map[string]*types.Package) (*KeyRef, *RefError) {
	qual, rest, byPath := SplitPathRef(ref)
	if !byPath {
		rest = ref
	}
	parts := strings.Split(rest, ".")
	if len(parts) < 2 || len(parts) > 3 || byPath && len(parts) != 2 || slices.ContainsFunc(parts, func(p string) bool { return !token.IsIdentifier(p) }) {
		if sep := strings.IndexAny(ref, ";|"); sep >= 0 {
			// reads=Order.ID;Order.Items: another separator for the comma.
			return nil, &RefError{Offset: 0, Message: "bad key reference " + strconv.Quote(ref) + ": keys are separated by commas, not " + strconv.Quote(ref[sep:sep+1]) + ": write " + strings.NewReplacer(";", ",", "|", ",").Replace(ref)}
		}
		return nil, &RefError{Offset: 0, Message: "bad key reference " + strconv.Quote(ref) + badRef}
	}
	var g *refGroup
	var err *RefError
	off := 0
	switch {
	case byPath:
		g, err = f.pathGroup(qual, parts[0], parts[1], imports)
		off = len(qual) + 1
	case len(parts) == 2:
		g, err = f.ownGroup(parts[0], parts[1], imports)
	case f.pkg != nil && parts[0] == f.pkg.Name() && imports[parts[0]] == nil:
		// A package cannot import itself: its own groups go unqualified.
		return nil, &RefError{Message: parts[0] + " is this package: drop the qualifier and write " + parts[1] + "." + parts[2]}
	default:
		g, err = f.importedGroup(parts[0], parts[1], parts[2], imports)
		off = len(parts[0]) + 1
	}
	if err != nil {
		return nil, err
	}
	field := parts[len(parts)-1]
	off += len(parts[len(parts)-2]) + 1
	for _, k := range g.keys {
		if k.field == field {
			return &KeyRef{Ref: ref, PkgPath: g.pkgPath, PkgName: g.pkgName, Group: g.name, Field: field, Key: k.key, Type: k.typ, HasDefault: k.hasDefault, Facts: k.facts}, nil
		}
	}
	if slices.Contains(g.broken, field) {
		return nil, &RefError{Offset: off, Message: "key " + g.name + "." + field + " has problems of its own: fix its declaration first", Broken: true}
	}
	group := g.name
	if len(parts) == 3 {
		group = parts[0] + "." + g.name
	} else if byPath {
		group = qual + "." + g.name
	}
	if why := notAKey(g.st, field); why != "" {
		return nil, &RefError{Offset: off, Message: "field " + field + " of key group " + group + " is not a key: " + why}
	}
	fields := make([]string, len(g.keys))
	for i, k := range g.keys {
		fields[i] = k.field
	}
	msg := "unknown field " + field + " of key group " + group + " (expected " + strings.Join(fields, ", ") + ")" + directive.DidYouMean(field, fields)
	return nil, &RefError{Offset: off, Message: msg}
}

// SplitPathRef splits a reference by import path,
// example.com/shop/shipping.Shipment.Tracking, into the path and
// Group.Field; ok is false for a reference of another form. An import
// path is told apart from a package name by its slash.
func SplitPathRef(ref string) (path, rest string, ok bool) {
	i := strings.LastIndex(ref, ".")
	if i < 0 {
		return "", "", false
	}
	j := strings.LastIndex(ref[:i], ".")
	if j < 0 {
		return "", "", false
	}
	path = ref[:j]
	if !strings.Contains(path, "/") {
		return "", "", false
	}
	return path, ref[j+1:], true
}

// ownGroup finds a group of the package itself.
func (f *KeyFinder) ownGroup(name, field string, imports map[string]*types.Package) (*refGroup, *RefError) {
	names := make([]string, len(f.groups))
	for i, g := range f.groups {
		names[i] = g.Name
		if g.Name != name {
			continue
		}
		rg := &refGroup{name: g.Name, broken: g.broken}
		if f.pkg != nil {
			rg.pkgPath, rg.pkgName = f.pkg.Path(), f.pkg.Name()
			if tn, ok := f.pkg.Scope().Lookup(g.Name).(*types.TypeName); ok {
				rg.st, _ = tn.Type().Underlying().(*types.Struct)
			}
		}
		for _, k := range g.Keys {
			rg.keys = append(rg.keys, refKey{k.Field, k.Name, k.Type, k.Default != nil, k.Facts()})
		}
		return rg, nil
	}
	if f.pkg != nil {
		if tn, ok := f.pkg.Scope().Lookup(name).(*types.TypeName); ok {
			if file, ts, doc, found := f.decls.typeSpec(tn); found && (meansKeys(doc) || meansKeys(detachedDoc(file, ts))) {
				// Its declaration was meant to declare a group, and failed:
				// that is reported there, once.
				return nil, &RefError{Message: "key group " + name + " has problems of its own: fix its declaration first", Broken: true}
			}
			return nil, &RefError{Offset: 0, Message: name + " is not a key group: its declaration has no " + directive.Prefix + "keys" + groupList(name, names, "")}
		}
	}
	if other, path := f.elsewhere(name, field, imports); other != "" {
		return nil, &RefError{Offset: 0, Message: name + " is a key group of package " + path + ": write " + other}
	}
	if len(names) == 0 {
		return nil, &RefError{Offset: 0, Message: "unknown key group " + name + ": the package declares no " + directive.Prefix + "keys groups (for a group of another package, write pkg." + name + ".Field or importpath." + name + ".Field)"}
	}
	return nil, &RefError{Offset: 0, Message: directive.Unknown("key group", name, names)}
}

// elsewhere returns how to name group.field of another package, when the
// package does not declare group, and that package's path:
// pkg.Group.Field for a package the file imports that declares it, else
// importpath.Group.Field for the one loaded package that does; "" when
// there is no such package.
func (f *KeyFinder) elsewhere(group, field string, imports map[string]*types.Package) (ref, path string) {
	var names []string
	for n, p := range imports {
		if p != nil && f.foreignGroup(p, group) != nil {
			names = append(names, n)
		}
	}
	if len(names) > 0 {
		n := slices.Min(names)
		return n + "." + group + "." + field, imports[n].Path()
	}
	var paths []string
	for path, p := range f.paths {
		if p != nil && (f.pkg == nil || path != f.pkg.Path()) && f.foreignGroup(p, group) != nil {
			paths = append(paths, path)
		}
	}
	if len(paths) == 1 {
		return paths[0] + "." + group + "." + field, paths[0]
	}
	return "", ""
}

// groupList ends a message about name, a type that is not a key group,
// with the groups there are, each qualified by qual, and the closest of
// them.
func groupList(name string, names []string, qual string) string {
	if len(names) == 0 {
		return ""
	}
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = qual + n
	}
	return " (key groups: " + strings.Join(q, ", ") + ")" + directive.DidYouMean(qual+name, q)
}

// meansKeys reports whether doc, the doc comment of a type, was meant to
// declare a key group: it has a //gostage:keys line, a near miss of one,
// or a directive whose unknown name is closest to keys.
func meansKeys(doc *ast.CommentGroup) bool {
	if doc == nil {
		return false
	}
	for _, c := range doc.List {
		if miss := directive.NearMiss(c.Text); miss != "" {
			name, _, _ := strings.Cut(miss[len(directive.Prefix):], " ")
			if name == "keys" {
				return true
			}
			continue
		}
		if d, ok, _ := directive.Parse(c.Text); ok && (d.Name == "keys" || directive.Suggest(d.Name, directive.Names) == "keys") {
			return true
		}
	}
	return false
}

// importedGroup finds group name of the package imported as pkgName.
func (f *KeyFinder) importedGroup(pkgName, name, field string, imports map[string]*types.Package) (*refGroup, *RefError) {
	p, ok := imports[pkgName]
	if !ok {
		known := make([]string, 0, len(imports))
		for n := range imports {
			known = append(known, n)
		}
		slices.Sort(known)
		orPath := "; import it, or name the key by the import path of its package, importpath." + name + "." + field
		if path := f.pathNamed(pkgName); path != "" {
			orPath = "; without an import, write " + path + "." + name + "." + field
		}
		if len(known) == 0 {
			return nil, &RefError{Offset: 0, Message: "unknown package " + pkgName + ": the file imports no package" + orPath}
		}
		msg := "unknown package " + pkgName + " (expected a package this file imports: " + strings.Join(known, ", ") + ")" + directive.DidYouMean(pkgName, known) + orPath
		return nil, &RefError{Offset: 0, Message: msg}
	}
	if p == nil {
		return nil, &RefError{Offset: 0, Message: "cannot resolve package " + pkgName + ": it did not load"}
	}
	return f.groupOf(p, pkgName, name, len(pkgName)+1)
}

// closePath returns ", did you mean P" for the loaded package P whose
// import path differs from path by a typo in its last element, or "".
func (f *KeyFinder) closePath(path string) string {
	dir, last := pathpkg.Split(path)
	var names []string
	for kp, p := range f.paths {
		if d, l := pathpkg.Split(kp); p != nil && d == dir {
			names = append(names, l)
		}
	}
	if s := directive.Suggest(last, names); s != "" {
		return ", did you mean " + dir + s
	}
	return ""
}

// pathNamed returns the import path of the one loaded package named
// name, or "" when there is none or more than one.
func (f *KeyFinder) pathNamed(name string) string {
	found := ""
	for path, p := range f.paths {
		if p == nil || p.Name() != name || f.pkg != nil && path == f.pkg.Path() {
			continue
		}
		if found != "" {
			return "" // ambiguous
		}
		found = path
	}
	return found
}

// pathGroup finds group name of the package whose import path is path.
func (f *KeyFinder) pathGroup(path, name, field string, imports map[string]*types.Package) (*refGroup, *RefError) {
	if f.pkg != nil && path == f.pkg.Path() {
		return f.ownGroup(name, field, imports)
	}
	p, ok := f.paths[path]
	if !ok {
		for _, ip := range imports {
			if ip != nil && ip.Path() == path {
				p, ok = ip, true
			}
		}
	}
	if !ok && f.pkg != nil {
		for _, ip := range f.pkg.Imports() {
			if ip.Path() == path {
				p, ok = ip, true
			}
		}
	}
	if !ok || p == nil {
		return nil, &RefError{Offset: 0, Message: "cannot load package " + path + ": check its import path" + f.closePath(path)}
	}
	return f.groupOf(p, path, name, len(path)+1)
}

// groupOf finds group name of package p, which the reference calls qual;
// off is the offset of name in the reference.
func (f *KeyFinder) groupOf(p *types.Package, qual, name string, off int) (*refGroup, *RefError) {
	if g := f.foreignGroup(p, name); g != nil {
		return g, nil
	}
	if !token.IsExported(name) {
		if doc, ok := f.unexportedGroups(p)[name]; ok {
			return nil, &RefError{Offset: off, Message: unexportedGroup(qual, name, doc)}
		}
	}
	var groups []string
	for _, n := range p.Scope().Names() {
		if f.foreignGroup(p, n) != nil {
			groups = append(groups, n)
		}
	}
	if tn, ok := p.Scope().Lookup(name).(*types.TypeName); ok && token.IsExported(name) {
		msg := qual + "." + name + " is not a key group: its declaration has no " + directive.Prefix + "keys"
		cause := ""
		if file, ts, doc, found := f.decls.typeSpec(tn); found && (meansKeys(doc) || meansKeys(detachedDoc(file, ts))) {
			msg = qual + "." + name + " is not a key group: its declaration has problems, which gostage-gen reports when it runs on package " + p.Path()
			cause = p.Path()
		}
		return nil, &RefError{Offset: off, Message: msg + groupList(name, groups, qual+"."), Cause: cause}
	}
	if len(groups) == 0 {
		msg := "unknown key group " + qual + "." + name + ": package " + p.Path() + " declares no " + directive.Prefix + "keys groups"
		if hidden := f.unexportedGroups(p); len(hidden) > 0 {
			msg = "unknown key group " + qual + "." + name + ": package " + p.Path() + " declares no exported " + directive.Prefix + "keys groups, and other packages cannot use its unexported ones (" +
				strings.Join(slices.Sorted(maps.Keys(hidden)), ", ") + "): give the group a name that starts with an upper-case letter to export it, and run gostage-gen"
		}
		return nil, &RefError{Offset: off, Message: msg}
	}
	q := make([]string, len(groups))
	for i, g := range groups {
		q[i] = qual + "." + g
	}
	return nil, &RefError{Offset: off, Message: directive.Unknown("key group", qual+"."+name, q)}
}

// unexportedGroup returns the message for name, an unexported type of
// another package, which the reference calls qual, that declares a key
// group (its doc comment is doc): the reference cannot use it. Without
// it, such a reference would be told that the package declares no groups.
func unexportedGroup(qual, name string, doc *ast.CommentGroup) string {
	msg := qual + "." + name + " is an unexported key group, which other packages cannot use: " + ExportAdvice(name) + " to export it"
	exported := ExportedName(name)
	prefix, _ := groupPrefix(name, doc)
	if after, _ := groupPrefix(exported, doc); token.IsExported(exported) && after == prefix {
		msg += " (its keys keep their names)"
	}
	return msg + ", and run gostage-gen"
}

// unexportedGroups returns the unexported types of package p that
// declare key groups, by name, with their doc comments.
func (f *KeyFinder) unexportedGroups(p *types.Package) map[string]*ast.CommentGroup {
	groups := make(map[string]*ast.CommentGroup)
	for ts, doc := range f.decls.packageTypeSpecs(p) {
		if _, isGroup := groupPrefix(ts.Name.Name, doc); isGroup && !ts.Name.IsExported() {
			groups[ts.Name.Name] = doc
		}
	}
	return groups
}

// notAKey returns why field of the struct type of a key group, st, is not
// a key, or "" when st has no such field (or is nil).
func notAKey(st *types.Struct, field string) string {
	if st == nil {
		return ""
	}
	for i := range st.NumFields() {
		v := st.Field(i)
		if v.Name() != field {
			continue
		}
		if !v.Exported() {
			return "it is unexported (only exported fields are keys): rename it " + ExportedName(field) + " and run gostage-gen"
		}
		if directive.Omits(tagOptionsOf(st.Tag(i))) {
			return "its tag gostage:\"-\" leaves it out of the group: drop the tag and run gostage-gen"
		}
	}
	return ""
}

// foreignGroup returns the key group name of the imported package p, or
// nil when name is not one.
func (f *KeyFinder) foreignGroup(p *types.Package, name string) *refGroup {
	tn, ok := p.Scope().Lookup(name).(*types.TypeName)
	if !ok || !tn.Exported() || tn.IsAlias() {
		return nil
	}
	st, ok := tn.Type().Underlying().(*types.Struct)
	if !ok {
		return nil
	}
	g := &refGroup{pkgPath: p.Path(), pkgName: p.Name(), name: name, st: st}
	_, ts, doc, found := f.decls.typeSpec(tn)
	if !found {
		return f.generatedGroup(p, g, st)
	}
	prefix, isGroup := groupPrefix(name, doc)
	if !isGroup {
		return nil
	}
	decl, ok := ts.Type.(*ast.StructType)
	if !ok {
		return nil
	}
	for _, field := range decl.Fields.List {
		tag := tagOptions(field)
		if directive.Omits(tag) {
			continue
		}
		for _, id := range field.Names {
			if !id.IsExported() {
				continue
			}
			key := keyName(prefix, id.Name)
			hasDefault := false
			facts := KeyFacts{Doc: fieldDoc(field)}
			for _, o := range tag {
				switch o.Name {
				case "key":
					key = o.Value
				case "default":
					hasDefault = true
					facts.Default = o.Value
				case "ttl":
					facts.TTL, _ = time.ParseDuration(o.Value)
				case "tags":
					facts.Tags = strings.Split(o.Value, "|")
				}
			}
			if v := structField(st, id.Name); v != nil {
				facts.Default = foreignDefault(p, v.Type(), facts.Default, hasDefault)
				g.keys = append(g.keys, refKey{id.Name, key, v.Type(), hasDefault, facts})
			}
		}
	}
	return g
}

// generatedGroup recognises a group of p by its generated code, when its
// declaration cannot be read.
func (f *KeyFinder) generatedGroup(p *types.Package, g *refGroup, st *types.Struct) *refGroup {
	if _, ok := p.Scope().Lookup(g.name + "Of").(*types.Func); !ok {
		return nil
	}
	for i := range st.NumFields() {
		v := st.Field(i)
		if v.Exported() && p.Scope().Lookup(KeyVarName(g.name, v.Name())) != nil {
			g.keys = append(g.keys, refKey{v.Name(), "", v.Type(), false, KeyFacts{}})
		}
	}
	return g
}

// groupPrefix reads the //gostage:keys line of a type's doc comment.
func groupPrefix(name string, doc *ast.CommentGroup) (prefix string, ok bool) {
	if doc == nil {
		return "", false
	}
	for _, c := range doc.List {
		d, isDirective, _ := directive.Parse(c.Text)
		if !isDirective || d.Name != "keys" {
			continue
		}
		prefix = SnakeCase(name)
		for _, o := range d.Options {
			if o.Name == "prefix" {
				prefix = o.Value
			}
		}
		return prefix, true
	}
	return "", false
}

// tagOptions returns the options of a field's gostage tag, or nil.
func tagOptions(field *ast.Field) []directive.Option {
	if field.Tag == nil {
		return nil
	}
	raw, err := strconv.Unquote(field.Tag.Value)
	if err != nil {
		return nil
	}
	return tagOptionsOf(raw)
}

// tagOptionsOf returns the options of the gostage tag in the struct tag
// raw, or nil.
func tagOptionsOf(raw string) []directive.Option {
	value, _, _, found, lerr := directive.Lookup(raw, directive.TagKey)
	if lerr != nil || !found {
		return nil
	}
	opts, _ := directive.ParseTag(value)
	return opts
}

// foreignDefault writes the default lit of a key of type t declared in
// package p for the doc comment of a package that imports p (see
// KeyFacts.Default), as far as the declaration tells without checking
// it: a constant of p by a qualified doc link, a constant of a package p
// imports by a doc link with its import path, other text for a string
// key quoted.
func foreignDefault(p *types.Package, t types.Type, lit string, has bool) string {
	if !has {
		return ""
	}
	if _, isConst := p.Scope().Lookup(lit).(*types.Const); isConst {
		return "[" + p.Name() + "." + lit + "]"
	}
	qual, name, dotted := strings.Cut(lit, ".")
	constOfImport := dotted && token.IsIdentifier(qual) && token.IsIdentifier(name)
	if constOfImport {
		// A constant of a package p imports: a doc link by import path,
		// which needs no import in the file that holds it.
		for _, ip := range p.Imports() {
			if _, isConst := ip.Scope().Lookup(name).(*types.Const); isConst && ip.Name() == qual {
				return "[" + ip.Path() + "." + name + "]"
			}
		}
	}
	if b, ok := t.Underlying().(*types.Basic); ok && b.Info()&types.IsString != 0 && !strings.HasPrefix(lit, `"`) && !constOfImport {
		return strconv.Quote(lit)
	}
	return lit
}

func structField(st *types.Struct, name string) *types.Var {
	for i := range st.NumFields() {
		if st.Field(i).Name() == name {
			return st.Field(i)
		}
	}
	return nil
}

// FileImports maps the names under which f imports packages to those
// packages, found among the imports of pkg (nil for an import that did
// not load). Blank and dot imports name nothing.
func FileImports(f *ast.File, pkg *types.Package) map[string]*types.Package {
	byPath := make(map[string]*types.Package)
	if pkg != nil {
		for _, p := range pkg.Imports() {
			byPath[p.Path()] = p
		}
	}
	out := make(map[string]*types.Package)
	for _, spec := range f.Imports {
		path, err := strconv.Unquote(spec.Path.Value)
		if err != nil {
			continue
		}
		p := byPath[path]
		var name string
		switch {
		case spec.Name != nil:
			name = spec.Name.Name
		case p != nil:
			name = p.Name()
		default:
			name = path[strings.LastIndex(path, "/")+1:]
		}
		if name == "_" || name == "." {
			continue
		}
		out[name] = p
	}
	return out
}
