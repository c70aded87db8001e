package model

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"
	"unicode"
)

// actionOptions lists the options of //gostage:action. The description is
// the type's doc comment, not an option.
var actionOptions = []string{"name", "reads", "tags", "writes"}

// listOptions are the options of //gostage:action whose values add up
// when a directive is split over several lines.
var listOptions = []string{"reads", "writes"}

// ReadActions reads the //gostage:action types declared in files, whose
// references resolve against groups (the package's own key groups, as
// [ReadKeys] returned them), the packages each file imports, and paths:
// the packages that references name by import path and pkg does not
// import, by path (nil for one that did not load).
//
// Like ReadKeys it works from syntax and types only, and tolerates type
// errors: the <Action>IO type named in the signature of Run is generated,
// so it is usually missing when this runs. Actions come in source order.
func ReadActions(fset *token.FileSet, files []*ast.File, info *types.Info, pkg *types.Package, groups []*Group, paths map[string]*types.Package) ([]*Action, []Diagnostic) {
	r := &actionReader{
		reporter: reporter{fset: fset},
		info:     info,
		pkg:      pkg,
		finder:   NewKeyFinder(fset, pkg, groups, paths),
		groups:   groups,
		methods:  make(map[string]map[string]*ast.FuncDecl),
	}
	for _, f := range files {
		if IsGenerated(f) {
			r.generated = append(r.generated, fset.File(f.Pos()))
			continue
		}
		r.addMethods(f)
	}
	for _, f := range files {
		if !IsGenerated(f) {
			r.readFile(f)
		}
	}
	r.checkPackageNames()
	r.checkKeyTypes()
	return r.actions, SortDiagnostics(r.diags)
}

type actionReader struct {
	reporter
	info      *types.Info
	pkg       *types.Package
	finder    *KeyFinder
	groups    []*Group
	generated []*token.File
	// methods holds the methods declared outside generated files, by
	// receiver base type name and method name.
	methods map[string]map[string]*ast.FuncDecl
	actions []*Action
}

// addMethods records the methods f declares.
func (r *actionReader) addMethods(f *ast.File) {
	for _, decl := range f.Decls {
		fd, ok := decl.(*ast.FuncDecl)
		if !ok || fd.Recv == nil || len(fd.Recv.List) != 1 {
			continue
		}
		recv := receiverName(fd.Recv.List[0].Type)
		if recv == "" {
			continue
		}
		if r.methods[recv] == nil {
			r.methods[recv] = make(map[string]*ast.FuncDecl)
		}
		if _, dup := r.methods[recv][fd.Name.Name]; !dup {
			r.methods[recv][fd.Name.Name] = fd
		}
	}
}

// receiverName returns the base type name of a receiver type: T for T,
// *T, T[P] and *T[P].
func receiverName(e ast.Expr) string {
	for {
		switch x := e.(type) {
		case *ast.StarExpr:
			e = x.X
		case *ast.ParenExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.IndexListExpr:
			e = x.X
		case *ast.Ident:
			return x.Name
		default:
			return ""
		}
	}
}

// readFile reads the actions of one file and reports action directives
// that are not on a type declaration.
func (r *actionReader) readFile(f *ast.File) {
	imports := FileImports(f, r.pkg)
	attached := make(map[*ast.Comment]bool)
	for ts, doc := range typeSpecs(f) {
		r.readTypeSpec(ts, doc, imports, attached)
	}
	r.checkStray(f, "action", attached)
}

// readTypeSpec reads the action declared by ts, when its doc has a
// //gostage:action line.
func (r *actionReader) readTypeSpec(ts *ast.TypeSpec, doc *ast.CommentGroup, imports map[string]*types.Package, attached map[*ast.Comment]bool) {
	d := r.structDirective(ts, doc, "action", actionOptions, listOptions, "actions", attached)
	if d == nil || d.st == nil {
		return
	}
	st := d.st
	a := &Action{TypeName: ts.Name.Name, Name: KebabCase(ts.Name.Name), Doc: strings.TrimSpace(doc.Text()), Pos: ts.Name.Pos()}
	for _, o := range d.options {
		valuePos := o.valuePos
		switch o.Name {
		case "tags":
			if tags, msg := parseTags(o.Value); msg != "" {
				r.errorf(valuePos, "bad tags %s of action %s: %s", quote(o.Value), a.TypeName, msg)
			} else {
				a.Tags = tags
			}
		case "name":
			if msg := checkActionName(o.Value); msg != "" {
				r.errorf(valuePos, "invalid action name: %s", msg)
				continue
			}
			a.Name = o.Value
		case "reads":
			a.Reads = append(a.Reads, r.readRefs(a, "reads", o.Value, valuePos, imports)...)
		case "writes":
			a.Writes = append(a.Writes, r.readRefs(a, "writes", o.Value, valuePos, imports)...)
		}
	}
	r.checkRun(a)
	r.checkMethods(a, st)
	r.checkIOMethods(a)
	r.actions = append(r.actions, a)
}

// checkActionName returns why name cannot name an action, or "".
func checkActionName(name string) string {
	if name == "" {
		return "action name is empty"
	}
	for _, c := range name {
		if unicode.IsSpace(c) || c == '"' || c == '\'' || c == '`' || !unicode.IsPrint(c) {
			return "action name " + quote(name) + " contains a space, quote or control character"
		}
	}
	return ""
}

// readRefs resolves the comma-separated key references of a reads= or
// writes= option whose value starts at pos.
func (r *actionReader) readRefs(a *Action, option, value string, pos token.Pos, imports map[string]*types.Package) []*KeyRef {
	var refs []*KeyRef
	seen := make(map[string]bool)
	off := 0
	for _, item := range strings.Split(value, ",") {
		// Spaces may follow a comma: reads=Order.Items, Order.Status.
		ref := strings.TrimSpace(item)
		at := pos + token.Pos(off+len(item)-len(strings.TrimLeft(item, " \t")))
		off += len(item) + 1
		switch {
		case ref == "":
			r.errorf(at, "empty key reference in %s: want a comma-separated list of Group.Field, pkg.Group.Field or importpath.Group.Field", option)
			continue
		case strings.Contains(ref, "="):
			r.errorf(at, "key reference %s in %s looks like an option: options of a directive are separated by spaces, not commas", quote(ref), option)
			continue
		}
		k, err := r.finder.Find(ref, imports)
		if err != nil {
			if !err.Broken {
				r.causedf(err.Cause, at+token.Pos(err.Offset), "%s", err.Message)
			}
			continue
		}
		k.Pos = at
		id := k.PkgPath + "." + k.Group + "." + k.Field
		if seen[id] {
			r.errorf(at, "key %s given twice in %s of action %s", ref, option, a.TypeName)
			continue
		}
		seen[id] = true
		if why := r.unnameable(k.Type); why != "" {
			if why == didNotResolve && (r.pkg == nil || k.PkgPath != r.pkg.Path()) {
				// The declaring package's own problem, reported there:
				// this reference adds no line when that package is in
				// the run, and says where to look when it is not.
				r.causedf(k.PkgPath, at, "key %s has a type that does not resolve: its declaration has problems, which gostage-gen reports when it runs on package %s", ref, k.PkgPath)
				continue
			}
			r.errorf(at, "key %s has type %s, which package %s cannot refer to: %s", ref, types.TypeString(k.Type, nil), r.pkgName(), why)
			continue
		}
		refs = append(refs, k)
	}
	return refs
}

func (r *actionReader) pkgName() string {
	if r.pkg == nil {
		return ""
	}
	return r.pkg.Name()
}

// didNotResolve is why a type that go/types could not resolve cannot be
// written.
const didNotResolve = "it did not resolve"

// unnameable returns why the generated code of this package cannot write
// t, or "": a type that did not resolve, or an unexported type of another
// package.
func (r *actionReader) unnameable(t types.Type) string {
	why := ""
	var visit func(t types.Type, depth int)
	visit = func(t types.Type, depth int) {
		if why != "" || depth > 64 {
			return
		}
		depth++
		switch t := t.(type) {
		case *types.Basic:
			if t.Kind() == types.Invalid {
				why = didNotResolve
			}
		case interface {
			Obj() *types.TypeName
			TypeArgs() *types.TypeList
		}: // *types.Named, *types.Alias
			obj := t.Obj()
			if obj.Pkg() != nil && obj.Pkg() != r.pkg && !obj.Exported() {
				why = obj.Name() + " is not exported"
				return
			}
			for i := range t.TypeArgs().Len() {
				visit(t.TypeArgs().At(i), depth)
			}
		case *types.Map:
			visit(t.Key(), depth)
			visit(t.Elem(), depth)
		case interface{ Elem() types.Type }: // pointer, slice, array, chan
			visit(t.Elem(), depth)
		case *types.Signature:
			for _, tuple := range []*types.Tuple{t.Params(), t.Results()} {
				for i := range tuple.Len() {
					visit(tuple.At(i).Type(), depth)
				}
			}
		case *types.Struct:
			for i := range t.NumFields() {
				visit(t.Field(i).Type(), depth)
			}
		}
	}
	visit(t, 0)
	return why
}

// checkRun reports an action without a Run method of the signature the
// generated Execute calls.
func (r *actionReader) checkRun(a *Action) {
	fd := r.methods[a.TypeName][RunMethod]
	if fd == nil {
		r.errorf(a.Pos, "action %s has no %s method: want %s", a.TypeName, RunMethod, a.RunSignature())
		return
	}
	if !r.isRunSignature(fd.Type, a) {
		r.errorf(fd.Name.Pos(), "%s of action %s has the wrong signature: want %s", RunMethod, a.TypeName, a.RunSignature())
	}
}

// isRunSignature reports whether ft is func(*workflow.ActionContext,
// <Action>IO) error. The IO type is generated and may not exist yet, so
// it is checked by name.
func (r *actionReader) isRunSignature(ft *ast.FuncType, a *Action) bool {
	if ft.TypeParams != nil || ft.Results == nil || len(ft.Results.List) != 1 || len(ft.Results.List[0].Names) > 1 {
		return false
	}
	var params []ast.Expr
	for _, p := range ft.Params.List {
		for range max(1, len(p.Names)) {
			params = append(params, p.Type)
		}
	}
	if len(params) != 2 {
		return false
	}
	io, ok := params[1].(*ast.Ident)
	return ok && io.Name == a.IOName() && r.isActionContext(params[0]) && r.isError(ft.Results.List[0].Type)
}

// isActionContext reports whether e denotes *workflow.ActionContext, or
// a type that did not resolve, which is a type error (a package that
// could not be imported, reported by the load) rather than a wrong
// signature.
func (r *actionReader) isActionContext(e ast.Expr) bool {
	if t := r.info.TypeOf(e); t == nil || isInvalid(t) {
		return true
	}
	ptr, ok := r.info.TypeOf(e).(*types.Pointer)
	if !ok {
		return false
	}
	named, ok := types.Unalias(ptr.Elem()).(*types.Named)
	return ok && named.Obj().Pkg() != nil && named.Obj().Pkg().Path() == WorkflowPath && named.Obj().Name() == "ActionContext"
}

func (r *actionReader) isError(e ast.Expr) bool {
	t := r.info.TypeOf(e)
	return t != nil && types.Identical(t, types.Universe.Lookup("error").Type())
}

// removeMethod says how to fix a method of an action that gostage-gen
// generates.
const removeMethod = "remove that method: the directive's name= and tags= and the type's doc comment say what Name, Tags and Description return"

// checkMethods reports generated methods of the action that its own
// methods or fields already take.
func (r *actionReader) checkMethods(a *Action, st *ast.StructType) {
	for _, m := range ActionMethods {
		if fd := r.methods[a.TypeName][m]; fd != nil {
			r.errorf(a.Pos, "generated method %s.%s collides with the method declared at %s: %s", a.TypeName, m, r.where(fd.Name.Pos()), removeMethod)
		}
	}
	for _, field := range st.Fields.List {
		names := field.Names
		if len(names) == 0 {
			if id := embeddedName(field.Type); id != nil {
				names = []*ast.Ident{id}
			}
		}
		for _, n := range names {
			if slices.Contains(ActionMethods, n.Name) {
				r.errorf(a.Pos, "generated method %s.%s collides with field %s at %s: rename that field", a.TypeName, n.Name, n.Name, r.where(n.Pos()))
			}
		}
	}
}

// embeddedName returns the name an embedded field takes.
func embeddedName(e ast.Expr) *ast.Ident {
	switch x := e.(type) {
	case *ast.StarExpr:
		return embeddedName(x.X)
	case *ast.SelectorExpr:
		return x.Sel
	case *ast.IndexExpr:
		return embeddedName(x.X)
	case *ast.IndexListExpr:
		return embeddedName(x.X)
	case *ast.Ident:
		return x
	}
	return nil
}

// checkIOMethods reports getters and setters of the IO type that two
// references would both generate.
func (r *actionReader) checkIOMethods(a *Action) {
	taken := make(map[string]string)
	add := func(name, what string, pos token.Pos) {
		if prev, ok := taken[name]; ok {
			r.errorf(pos, "generated method %s.%s for %s collides with the one for %s: two groups of one name and field cannot meet in an action; split the action, or rename one group", a.IOName(), name, what, prev)
			return
		}
		taken[name] = what
		if fd := r.methods[a.IOName()][name]; fd != nil {
			r.errorf(pos, "generated method %s.%s for %s collides with the method declared at %s: rename or remove that method", a.IOName(), name, what, r.where(fd.Name.Pos()))
		}
	}
	for _, k := range a.Reads {
		add(k.Getter(), "reads "+k.Ref, k.Pos)
	}
	for _, k := range a.Writes {
		add(k.Setter(), "writes "+k.Ref, k.Pos)
	}
}

// checkPackageNames reports duplicate action names, and IO type names
// that a declaration of the package or a name generated for its keys
// already takes.
func (r *actionReader) checkPackageNames() {
	generated := KeyNames(r.groups)
	names := make(map[string]*Action)
	for _, a := range r.actions {
		if prev, ok := names[a.Name]; ok {
			r.errorf(a.Pos, "duplicate action name %s: %s and %s: give one of them another name=", quote(a.Name), prev.TypeName, a.TypeName)
		} else {
			names[a.Name] = a
		}
		io := a.IOName()
		if what, ok := generated[io]; ok {
			r.errorf(a.Pos, "generated name %s for action %s collides with the one for %s", io, a.TypeName, what)
			continue
		}
		generated[io] = "action " + a.TypeName
		if pos := userDeclaration(r.pkg, r.fset, r.generated, io); pos.IsValid() {
			r.errorf(a.Pos, "generated name %s for action %s collides with the declaration at %s: rename that declaration", io, a.TypeName, r.where(pos))
		}
	}
}

// isInvalid reports whether t, or what it points to, did not resolve.
func isInvalid(t types.Type) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	b, ok := t.(*types.Basic)
	return ok && b.Kind() == types.Invalid
}

// keyUse is a declaration of a key, for checkKeyTypes: a key of the
// package's own groups, or a key of another package that an action reads
// or writes.
type keyUse struct {
	id   string // importpath.Group.Field
	decl string // Group.Field, or pkg.Group.Field of another package
	typ  types.Type
	by   string // "declared at POS", or "which action A reads"
}

// checkKeyTypes reports a key that the actions of the package reach
// through two declarations of different types: two groups of one name in
// two packages take one prefix by default, and then one entry of the
// store, which one of them reads as a type mismatch after the other wrote
// it. A key declared twice with one type is one key, which is left alone.
func (r *actionReader) checkKeyTypes() {
	first := make(map[string]keyUse)
	for _, g := range r.groups {
		for _, k := range g.Keys {
			if _, ok := first[k.Name]; !ok && k.Type != nil && r.pkg != nil {
				first[k.Name] = keyUse{r.pkg.Path() + "." + g.Name + "." + k.Field, g.Name + "." + k.Field, k.Type, "declared at " + r.where(k.Pos)}
			}
		}
	}
	for _, a := range r.actions {
		for _, uses := range []struct {
			verb string
			refs []*KeyRef
		}{{"reads", a.Reads}, {"writes", a.Writes}} {
			for _, k := range uses.refs {
				if k.Key == "" || k.Type == nil {
					continue
				}
				decl := k.Group + "." + k.Field
				if r.pkg == nil || k.PkgPath != r.pkg.Path() {
					decl = k.PkgName + "." + decl
				}
				id := k.PkgPath + "." + k.Group + "." + k.Field
				prev, ok := first[k.Key]
				if !ok {
					first[k.Key] = keyUse{id, decl, k.Type, "which action " + a.TypeName + " " + uses.verb}
					continue
				}
				if prev.id == id || types.Identical(prev.typ, k.Type) {
					continue
				}
				r.errorf(k.Pos, "key %s of %s (%s) is also that of %s (%s), %s: one name is one entry of the store, which one of them would read as the wrong type; give one group another prefix=",
					quote(k.Key), decl, r.typeString(k.Type), prev.decl, r.typeString(prev.typ), prev.by)
			}
		}
	}
}

// typeString writes t as the code of the package would.
func (r *actionReader) typeString(t types.Type) string {
	return types.TypeString(t, func(p *types.Package) string {
		if p == r.pkg {
			return ""
		}
		return p.Name()
	})
}
