package emit

import (
	"bytes"
	"fmt"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/dave/jennifer/jen"

	"github.com/gostage/gostage/generator/model"
)

// The fast path writes the declarations of the key groups and of the
// catalog without rendering and formatting them key by key, which is
// most of the cost of a large package: the same jennifer code, rendered
// and formatted once for placeholder keys (a prototype, see
// prototype.go), is filled in with the names, strings, type and TTL count
// of every key, and each doc comment is formatted as gofmt formats it (see
// writeDoc). The result is byte for byte what gofmt makes of the jennifer
// code of the slow path, which fast_test.go checks on every golden case
// and on generated packages. Whatever the fast path cannot vouch for (a
// multi-line type, an unusual doc comment, a prototype that does not cut
// cleanly) it leaves to the slow path, a whole chunk at a time.

// fastPath holds the prototypes and type texts of one package, built on
// first use by the chunks that need them, which run in parallel.
type fastPath struct {
	pkg     *model.Package
	imports []importName

	mu     sync.Mutex
	protos map[protoID]*protoEntry
	types  map[string]*typeEntry
}

func newFastPath(p *model.Package, imports []importName) *fastPath {
	return &fastPath{pkg: p, imports: imports, protos: make(map[protoID]*protoEntry), types: make(map[string]*typeEntry)}
}

// A protoID names a prototype: the declaration it is for, and for those
// that depend on more than the key's names, strings, type and TTL count,
// the shape of the key.
type protoID struct {
	decl  declKind
	shape keyShape
}

type declKind int

const (
	keyVarDecl declKind = iota
	catalogDecl
	viewTypeDecl
	ofDecl
	loadDecl
	saveDecl
	methodDecl // methodDecl+i is the declaration of keyMethods[i]
)

// A protoEntry holds a prototype, built once by whichever chunk needs it
// first: one for a declaration made once, list for one that repeats lines
// for each key. ok is false when the prototype could not be built.
type protoEntry struct {
	once sync.Once
	one  prototype
	list listPrototype
	ok   bool
}

// A typeEntry holds the text of a type, rendered once (see typeText).
type typeEntry struct {
	once sync.Once
	text string
	ok   bool
}

// keyShape is what the code of a key's variable and of its catalog entry
// depends on besides the key's names, strings, type and TTL count. The
// unit of the TTL and the default are rendered in the prototype as they
// are: gofmt spaces an expression such as 90 * time.Second by where it
// stands, and numbers other than the TTL count are no holes.
type keyShape struct {
	ttlUnit      time.Duration // 0 when the key has no TTL
	ttlCounted   bool          // whether the TTL is a count of units (90 * time.Second), not one unit (time.Second)
	tags         int
	doc          bool
	durationType bool // whether the type is time.Duration itself
	def          defaultShape
}

type defaultShape struct {
	set      bool
	literal  string
	value    string // the exact value
	kind     constant.Kind
	duration bool
	constant model.ConstRef // the constant the default names, if any
	// converted is whether the catalog converts the default to the key's
	// type: "new" of a string key is written alone, of a Level key as
	// Level("new").
	converted bool
}

func shapeOf(k *model.Key) keyShape {
	s := keyShape{tags: len(k.Tags), doc: k.Doc != "", durationType: isDuration(k.Type)}
	if k.TTL > 0 {
		var n int64
		n, s.ttlUnit, _ = durationUnit(k.TTL)
		s.ttlCounted = n > 1
	}
	if d := k.Default; d != nil {
		s.def = defaultShape{set: true, literal: d.Literal, value: d.Value.ExactString(), kind: d.Value.Kind(), duration: d.Duration, converted: convertsDefault(k, true)}
		if d.Const != nil {
			s.def.constant = *d.Const
		}
	}
	return s
}

// maxDocLen bounds the doc comment of a key on the fast path. gofmt
// measures an expression up to a million bytes when it decides on the
// alignment of a catalog entry; a doc anywhere near that is left to it.
const maxDocLen = 100_000

// group returns the declarations of g, as guardCode, keyVars and view
// write them in the slow path, in the same order; ok is false when the
// fast path leaves the group to the slow path. param names the guard's
// parameter.
func (fp *fastPath) group(g *model.Group, param string) ([]byte, bool) {
	if len(g.Keys) == 0 {
		return nil, false // Save would call errors.Join with no arguments
	}
	gv := groupValues(g)
	values := make([][]string, len(g.Keys))
	typeTexts := make([]string, len(g.Keys))
	for i, k := range g.Keys {
		t, ok := fp.typeText(k.Type)
		if !ok || len(k.Doc) > maxDocLen {
			return nil, false
		}
		values[i], typeTexts[i] = keyValues(k, t), t
	}
	w := &declWriter{}
	w.buf.Grow(1500 * len(g.Keys))
	writeGuard(&w.buf, g, param, typeTexts)
	ok := fp.vars(w, g, gv, values) &&
		fp.groupDecl(w, viewTypeDecl, viewTypeDoc(g), viewTypeCode, gv) &&
		fp.groupDecl(w, ofDecl, ofDoc(g), ofCode, gv) &&
		fp.methods(w, g, gv, values) &&
		fp.listDecl(w, loadDecl, loadDoc(g), loadCode, gv, values) &&
		fp.listDecl(w, saveDecl, saveDoc(g), saveCode, gv, values)
	if !ok {
		return nil, false
	}
	return w.buf.Bytes(), true
}

// vars writes the store.Key variable of every key of g, as keyVars does.
func (fp *fastPath) vars(w *declWriter, g *model.Group, gv []string, values [][]string) bool {
	for i, k := range g.Keys {
		p, ok := fp.keyVarProto(k)
		if !ok || !w.decl(keyVarDoc(k), p, gv, values[i]) {
			return false
		}
		// Build the prototype of k's catalog entry too: the groups run in
		// parallel, while the single catalog chunk would build them all
		// one after the other.
		fp.catalogProto(k)
	}
	return true
}

// groupDecl writes a declaration made once per group, such as the view
// type.
func (fp *fastPath) groupDecl(w *declWriter, id declKind, doc string, code func(*model.Group) jen.Code, gv []string) bool {
	p, ok := fp.proto(protoID{decl: id}, func() (prototype, bool) {
		pg := protoGroup()
		return fp.compile(code(pg), placeholders(pg, nil, nil))
	})
	return ok && w.decl(doc, p, gv, nil)
}

// methods writes the view's methods for every key of g.
func (fp *fastPath) methods(w *declWriter, g *model.Group, gv []string, values [][]string) bool {
	for i, k := range g.Keys {
		for j, m := range keyMethods {
			p, ok := fp.proto(protoID{decl: methodDecl + declKind(j)}, func() (prototype, bool) {
				pg := protoGroup()
				a := protoKey(pg, anyKey, "A", 0)
				return fp.compile(m.code(a), placeholders(pg, a, nil))
			})
			if !ok || !w.decl(m.doc(k), p, gv, values[i]) {
				return false
			}
		}
	}
	return true
}

// listDecl writes a declaration that repeats lines for each key of the
// group, such as Load.
func (fp *fastPath) listDecl(w *declWriter, id declKind, doc string, code func(*model.Group) jen.Code, gv []string, values [][]string) bool {
	l, ok := fp.listProto(protoID{decl: id}, func() (listPrototype, bool) {
		pg := protoGroup()
		a, b := protoKey(pg, anyKey, "A", 0), protoKey(pg, anyKey, "B", 0)
		pg.Keys = []*model.Key{a, b}
		return fp.compileList(code(pg), placeholders(pg, a, b))
	})
	if !ok || !w.doc(doc) {
		return false
	}
	l.head.fill(&w.buf, gv, nil, nil)
	for i, v := range values {
		if i < len(values)-1 {
			l.each.fill(&w.buf, gv, v, nil)
		} else {
			l.last.fill(&w.buf, gv, nil, v)
		}
	}
	return true
}

// anyKey stands for any key in the prototypes of declarations that
// depend on the key's names and type only.
var anyKey = &model.Key{Type: types.Typ[types.Int]}

// catalog returns the declaration of Keys, as catalog writes it in the
// slow path; ok is false when the fast path leaves it to the slow path.
func (fp *fastPath) catalog(p *model.Package) ([]byte, bool) {
	keys := packageKeys(p)
	if len(keys) == 0 {
		return nil, false
	}
	w := &declWriter{}
	w.buf.Grow(150 * len(keys))
	if !w.doc(catalogDoc) {
		return nil, false
	}
	var head prototype
	for i, k := range keys {
		if len(k.Doc) > maxDocLen {
			return nil, false
		}
		l, ok := fp.catalogProto(k)
		if !ok {
			return nil, false
		}
		// The type is written only in a default's conversion, and there
		// it is always a single-line name.
		t := ""
		if k.Default != nil {
			if t, ok = fp.typeText(k.Type); !ok {
				return nil, false
			}
		}
		v := keyValues(k, t)
		switch {
		case i == 0:
			head = l.head
			head.fill(&w.buf, nil, nil, nil)
		case !slices.Equal(l.head, head):
			return nil, false // entries of different shapes disagree on the start
		}
		if i < len(keys)-1 {
			l.each.fill(&w.buf, nil, v, nil)
		} else {
			l.last.fill(&w.buf, nil, nil, v)
		}
	}
	return w.buf.Bytes(), true
}

// keyVarProto returns the prototype of the store.Key variable of keys of
// k's shape.
func (fp *fastPath) keyVarProto(k *model.Key) (prototype, bool) {
	shape := shapeOf(k)
	return fp.proto(protoID{decl: keyVarDecl, shape: shape}, func() (prototype, bool) {
		pg := protoGroup()
		text, variant, ok := fp.renderVariants(shape, func(r int) jen.Code {
			return keyVarCode(protoKey(pg, k, "A", protoTTLCounts[0][r]))
		})
		if !ok {
			return nil, false
		}
		return compile(text, variant, placeholders(pg, protoKey(pg, k, "A", 0), nil))
	})
}

// catalogProto returns the prototype of the catalog for keys of k's
// shape, of which the fast path takes the head, and the lines of a key
// that is not the last (each) or is (last).
func (fp *fastPath) catalogProto(k *model.Key) (listPrototype, bool) {
	shape := shapeOf(k)
	return fp.listProto(protoID{decl: catalogDecl, shape: shape}, func() (listPrototype, bool) {
		pg := protoGroup()
		text, variant, ok := fp.renderVariants(shape, func(r int) jen.Code {
			return catalogCode([]*model.Key{protoKey(pg, k, "A", protoTTLCounts[0][r]), protoKey(pg, k, "B", protoTTLCounts[1][r])})
		})
		if !ok {
			return listPrototype{}, false
		}
		return compileList(text, variant, placeholders(pg, protoKey(pg, k, "A", 0), protoKey(pg, k, "B", 0)))
	})
}

// protoTTLCounts are the TTL counts of the prototype keys A and B
// ([key][rendering]) of a shape whose TTL is a count of units: the
// prototype is rendered twice, and the words where the renderings differ
// are the counts' holes (ttlCountHoles). No count reaches the next unit,
// so that the TTL keeps its form.
var protoTTLCounts = [2][2]int64{{2, 3}, {4, 5}}

// ttlCountHoles maps a pair of words that differ between the two
// renderings of a prototype to its hole.
var ttlCountHoles = map[[2]string]hole{
	{"2", "3"}: {keyHoleA, ttlCountValue},
	{"4", "5"}: {keyHoleB, ttlCountValue},
}

// renderVariants renders code(0) and, for a shape whose TTL is a count
// of units, code(1), which differs from it in the TTL counts only.
func (fp *fastPath) renderVariants(shape keyShape, code func(rendering int) jen.Code) (text, variant string, ok bool) {
	if text, ok = fp.render(code(0)); !ok || !shape.ttlCounted {
		return text, "", ok
	}
	variant, ok = fp.render(code(1))
	return text, variant, ok
}

// proto returns the prototype id, building it on first use.
func (fp *fastPath) proto(id protoID, build func() (prototype, bool)) (prototype, bool) {
	e := fp.entry(id)
	e.once.Do(func() { e.one, e.ok = build() })
	return e.one, e.ok
}

// listProto returns the list prototype id, building it on first use.
func (fp *fastPath) listProto(id protoID, build func() (listPrototype, bool)) (listPrototype, bool) {
	e := fp.entry(id)
	e.once.Do(func() { e.list, e.ok = build() })
	return e.list, e.ok
}

func (fp *fastPath) entry(id protoID) *protoEntry {
	fp.mu.Lock()
	defer fp.mu.Unlock()
	e := fp.protos[id]
	if e == nil {
		e = &protoEntry{}
		fp.protos[id] = e
	}
	return e
}

// compile renders and formats code as the slow path does, and cuts it at
// the placeholders.
func (fp *fastPath) compile(code jen.Code, placeholders map[string]hole) (prototype, bool) {
	text, ok := fp.render(code)
	if !ok {
		return nil, false
	}
	return compile(text, "", placeholders)
}

func (fp *fastPath) compileList(code jen.Code, placeholders map[string]hole) (listPrototype, bool) {
	text, ok := fp.render(code)
	if !ok {
		return listPrototype{}, false
	}
	return compileList(text, "", placeholders)
}

// render renders and formats code alone, as the slow path renders a
// chunk.
func (fp *fastPath) render(code jen.Code) (string, bool) {
	b, err := renderChunk(fp.pkg, fp.imports, func(f *jen.File) { f.Add(code) })
	if err != nil {
		return "", false // the slow path reports it
	}
	return strings.TrimSpace(string(b)), true
}

// typeText returns t as the file writes it, rendered and formatted once
// per package. ok is false for a type that gofmt spreads over several
// lines (a struct or an interface with members): its layout depends on
// where it stands, so a group with one stays with the slow path.
func (fp *fastPath) typeText(t types.Type) (string, bool) {
	key := types.TypeString(t, (*types.Package).Path)
	fp.mu.Lock()
	e := fp.types[key]
	if e == nil {
		e = &typeEntry{}
		fp.types[key] = e
	}
	fp.mu.Unlock()
	e.once.Do(func() {
		text, ok := fp.render(jen.Var().Id("_").Add(typeCode(t)))
		text, found := strings.CutPrefix(text, "var _ ")
		e.text, e.ok = text, ok && found && !strings.Contains(text, "\n")
	})
	return e.text, e.ok
}

// protoGroup is the group of prototype keys.
func protoGroup() *model.Group {
	return &model.Group{Name: placeholderMark + "GROUP"}
}

// protoKey is a key that stands for keys of k's shape in a prototype:
// placeholders for its names and strings, and for its type an alias named
// by a placeholder, which the code names as it would name the type and
// which is time.Duration to isDuration exactly when k's type is. suffix
// tells the two keys of a list prototype apart. Its TTL, when k has one,
// is ttlCount of k's unit, or the unit alone when k's TTL is (see
// keyShape).
func protoKey(g *model.Group, k *model.Key, suffix string, ttlCount int64) *model.Key {
	name := func(what string) string { return placeholderMark + what + suffix }
	p := &model.Key{
		Group:   g,
		Field:   name("FIELD"),
		Name:    name("NAME"),
		Type:    types.NewAlias(types.NewTypeName(token.NoPos, nil, name("TYPE"), nil), types.Unalias(k.Type)),
		TypeDoc: name("TYPEDOC"),
		Default: k.Default,
	}
	if k.TTL > 0 {
		n, unit, _ := durationUnit(k.TTL)
		if n > 1 {
			n = ttlCount
		}
		p.TTL = time.Duration(n) * unit
	}
	for i := range k.Tags {
		p.Tags = append(p.Tags, name(fmt.Sprintf("TAG%d_", i)))
	}
	if k.Doc != "" {
		p.Doc = name("DOC")
	}
	return p
}

// groupValues are g's values for a prototype's group holes.
func groupValues(g *model.Group) []string {
	return []string{g.ViewName(), g.OfName(), g.Name}
}

// keyValues are k's values for a prototype's key holes: its names, the
// contents of its string literals (quoted, without the quotes, as
// jennifer quotes them), its type as the file writes it, the count of
// its TTL (at ttlCountValue) and its tags.
func keyValues(k *model.Key, typ string) []string {
	count := ""
	if k.TTL > 0 {
		n, _, _ := durationUnit(k.TTL)
		count = strconv.FormatInt(n, 10) // as jen.Lit writes an int
	}
	v := []string{k.VarName(), k.Field, k.Setter(), k.OrName(), k.HasName(), k.DeleteName(),
		quoted(k.Name), quoted(k.TypeDoc), quoted(k.Doc), typ, count}
	for _, t := range k.Tags {
		v = append(v, quoted(t))
	}
	return v
}

// ttlCountValue is the index of the TTL count in keyValues.
const ttlCountValue = 10

// quoted is s quoted as a Go string, without the quotes.
func quoted(s string) string {
	q := strconv.Quote(s)
	return q[1 : len(q)-1]
}

// placeholders maps the values of the prototype group g and keys a and b
// (either may be nil) to their holes. An empty value (no doc) is no
// placeholder.
func placeholders(g *model.Group, a, b *model.Key) map[string]hole {
	m := make(map[string]hole)
	add := func(of holeOf, values []string) {
		for i, v := range values {
			// A TTL count is found by comparing two renderings instead.
			if v == "" || of != groupHole && i == ttlCountValue {
				continue
			}
			m[v] = hole{of, i}
		}
	}
	add(groupHole, groupValues(g))
	if a != nil {
		add(keyHoleA, protoKeyValues(a))
	}
	if b != nil {
		add(keyHoleB, protoKeyValues(b))
	}
	return m
}

// protoKeyValues are the values of a prototype key (see protoKey), whose
// type the file writes as the name of its alias, a placeholder.
func protoKeyValues(k *model.Key) []string {
	return keyValues(k, k.Type.(*types.Alias).Obj().Name())
}

// declWriter writes declarations as gofmt lays out a run of them, each
// with its doc comment and a blank line between them.
type declWriter struct {
	buf bytes.Buffer
}

// doc starts a declaration with its doc comment; false when the comment
// is for the slow path.
func (w *declWriter) doc(text string) bool {
	if w.buf.Len() > 0 {
		w.buf.WriteString("\n\n")
	}
	if !writeDoc(&w.buf, text) {
		return false
	}
	w.buf.WriteByte('\n')
	return true
}

// decl writes a declaration: its doc comment and p filled in with the
// values of the group and of a key.
func (w *declWriter) decl(doc string, p prototype, group, key []string) bool {
	if !w.doc(doc) {
		return false
	}
	p.fill(&w.buf, group, key, nil)
	return true
}
