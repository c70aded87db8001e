package model

import (
	"go/ast"
	"go/constant"
	"go/parser"
	"go/token"
	"go/types"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/gostage/gostage/generator/directive"
)

// readDefault checks the default= option of k against its type.
//
// The value is read in this order, so that it never silently means
// something else than what it says:
//   - a double-quoted value is a Go string literal: default="new" is the
//     string new, never "new" with its quotes. It is also how a string
//     that looks like a constant's name is written as text;
//   - a name of a constant of the package (StatusNew), or pkg.Name of a
//     package the file imports, is that constant, and the generated code
//     refers to it by name, so that it follows the constant when it
//     changes. A name that the package declares as something else than a
//     constant is an error rather than a string;
//   - anything else is a literal of the key's type. For a duration it
//     must have a unit: default=30 is an error, not 30ns.
func (r *reader) readDefault(k *Key, o option) bool {
	if strings.HasPrefix(o.Value, `"`) || strings.HasPrefix(o.Value, "'") {
		return r.quotedDefault(k, o)
	}
	if trimmed := strings.TrimRight(o.Value, " \t"); trimmed != o.Value {
		// default=new ,ttl=1m: the space before the comma would be part
		// of the text, which nobody sees in the tag.
		r.errorf(o.valuePos, "default %s of key %s ends with a space: write default=%s, or quote it, default=%s, to keep the space", quote(o.Value), k.Name, trimmed, strconv.Quote(o.Value))
		return false
	}
	if c, ok := r.constDefault(k, o); ok {
		if c == nil {
			return false
		}
		k.Default = c
		return true
	}
	if r.isDuration(k.Type) {
		return r.durationDefault(k, o)
	}
	basic := r.defaultBasic(k, o)
	if basic == nil {
		return false
	}
	v, why := parseDefault(o.Value, basic)
	if why != "" {
		r.errorf(o.valuePos, "default %s does not fit key %s of type %s: %s", quote(o.Value), k.Name, k.TypeDoc, why+r.constHint(o.Value))
		return false
	}
	k.Default = &Default{Literal: strings.TrimSpace(o.Value), Value: v, Untyped: literalType(o.Value, basic)}
	return true
}

// defaultBasic returns the basic type under k's type, or reports that
// the type takes no default.
func (r *reader) defaultBasic(k *Key, o option) *types.Basic {
	basic, _ := k.Type.Underlying().(*types.Basic)
	if basic == nil || basic.Info()&(types.IsBoolean|types.IsString|types.IsNumeric) == 0 {
		r.errorf(o.pos, "default on key %s of type %s: defaults need a bool, string, numeric or time.Duration type", k.Name, k.TypeDoc)
		return nil
	}
	return basic
}

// quotedDefault reads a quoted default as a Go string literal.
func (r *reader) quotedDefault(k *Key, o option) bool {
	s, err := strconv.Unquote(o.Value)
	if err != nil || !strings.HasPrefix(o.Value, `"`) {
		r.errorf(o.valuePos, "bad default %s of key %s: want a Go string literal in double quotes, such as \"new\", or the text without quotes", quote(o.Value), k.Name)
		return false
	}
	basic := r.defaultBasic(k, o)
	if basic == nil {
		return false
	}
	if basic.Info()&types.IsString == 0 || r.isDuration(k.Type) {
		r.errorf(o.valuePos, "default %s does not fit key %s of type %s: a quoted default is a string; write the value without quotes", quote(o.Value), k.Name, k.TypeDoc)
		return false
	}
	k.Default = &Default{Literal: o.Value, Value: constant.MakeString(s), Untyped: types.Typ[types.String]}
	return true
}

// durationDefault reads the default of a duration key, which needs a
// unit: a bare number would be nanoseconds, which nobody means.
func (r *reader) durationDefault(k *Key, o option) bool {
	d, err := time.ParseDuration(o.Value)
	if err != nil {
		r.errorf(o.valuePos, "bad default %s of key %s of type %s: %s%s", quote(o.Value), k.Name, k.TypeDoc, wantDuration(o.Value), r.constHint(o.Value))
		return false
	}
	k.Default = &Default{Literal: o.Value, Value: constant.MakeInt64(int64(d)), Duration: true}
	return true
}

// constDefault reads a default that names a constant: Name of the
// package, or pkg.Name of a package the file imports. ok is false when
// the value names no declaration of either kind, and is then a literal;
// the default is nil, after an error, when it names one that does not
// make a default of k.
func (r *reader) constDefault(k *Key, o option) (d *Default, ok bool) {
	lit := strings.TrimSpace(o.Value)
	qual, name, qualified := strings.Cut(lit, ".")
	if !qualified {
		qual, name = "", lit
	}
	if r.pkg == nil || !token.IsIdentifier(name) || qualified && !token.IsIdentifier(qual) {
		return nil, false
	}
	ref := &ConstRef{Name: name, PkgPath: r.pkg.Path(), PkgName: r.pkg.Name(), Local: !qualified}
	scope := r.pkg.Scope()
	if qualified {
		imported := r.imports[qual]
		if imported == nil {
			if qual == r.pkg.Name() {
				if _, isConst := scope.Lookup(name).(*types.Const); isConst {
					r.errorf(o.valuePos, "default %s of key %s: %s is this package; write default=%s", quote(lit), k.Name, qual, name)
					return nil, true
				}
			} else if token.IsExported(name) {
				// ship.PostOffice where the file does not import ship: a
				// constant whose import is missing, not the text.
				r.errorf(o.valuePos, "default %s of key %s: the file imports no package %s: import the package of constant %s, or quote the text, default=%s, to mean it", quote(lit), k.Name, qual, name, strconv.Quote(lit))
				return nil, true
			}
			return nil, false // text such as default=example.com
		}
		ref.PkgPath, ref.PkgName, scope = imported.Path(), imported.Name(), imported.Scope()
	}
	obj := scope.Lookup(name)
	if obj == nil {
		if !qualified {
			return nil, r.misspelledConst(k, o, lit)
		}
		r.errorf(o.valuePos, "default %s of key %s: package %s declares no constant %s%s", quote(lit), k.Name, ref.PkgPath, name, directive.DidYouMean(name, scopeNames[*types.Const](scope, true)))
		return nil, true
	}
	c, isConst := obj.(*types.Const)
	switch {
	case !isConst:
		hint := ""
		if b, ok := k.Type.Underlying().(*types.Basic); ok && b.Info()&types.IsString != 0 {
			hint = " (quote the text, " + quote(lit) + ", to mean it)"
		}
		r.errorf(o.valuePos, "default %s of key %s names %s, not a constant: a default is a constant or a literal%s", quote(lit), k.Name, objectKind(obj), hint)
		return nil, true
	case qualified && !c.Exported():
		r.errorf(o.valuePos, "default %s of key %s: constant %s of package %s is not exported", quote(lit), k.Name, name, ref.PkgPath)
		return nil, true
	}
	if why := r.constFits(c, k); why != "" {
		r.errorf(o.valuePos, "constant %s does not fit key %s of type %s: %s", lit, k.Name, k.TypeDoc, why)
		return nil, true
	}
	d = &Default{Literal: lit, Value: c.Val(), Const: ref}
	if isUntyped(c.Type()) {
		d.Untyped = types.Default(c.Type())
	}
	return d, true
}

// misspelledConst reports, and returns true for, a default of a key of a
// named string type (type OrderStatus string) that is not a constant but
// is one typo away from a constant of that type: it is much more likely
// a misspelled StatusNew than the text StatusNeww.
func (r *reader) misspelledConst(k *Key, o option, lit string) bool {
	basic, _ := k.Type.Underlying().(*types.Basic)
	if _, named := types.Unalias(k.Type).(*types.Named); !named || basic == nil || basic.Info()&types.IsString == 0 {
		return false // other literals are checked against their type
	}
	var names []string
	for _, n := range scopeNames[*types.Const](r.pkg.Scope(), false) {
		if types.Identical(r.pkg.Scope().Lookup(n).Type(), k.Type) {
			names = append(names, n)
		}
	}
	s := directive.Suggest(lit, names)
	if s == "" {
		return false
	}
	r.errorf(o.valuePos, "default %s of key %s: no constant %s, did you mean %s? (quote the text, %s, to mean it)", quote(lit), k.Name, lit, s, quote(lit))
	return true
}

// constFits says why the constant c cannot be the default of k, or "".
func (r *reader) constFits(c *types.Const, k *Key) string {
	if !isUntyped(c.Type()) {
		if !types.AssignableTo(c.Type(), k.Type) {
			return "it is of type " + types.TypeString(c.Type(), types.RelativeTo(r.pkg))
		}
		return ""
	}
	if r.isDuration(k.Type) {
		return "an untyped constant would be a count of nanoseconds; declare it as a time.Duration, such as 30 * time.Second"
	}
	basic, _ := k.Type.Underlying().(*types.Basic)
	if basic == nil {
		return "defaults need a bool, string, numeric or time.Duration type"
	}
	v := c.Val()
	info := basic.Info()
	switch {
	case info&types.IsString != 0 && v.Kind() == constant.String,
		info&types.IsBoolean != 0 && v.Kind() == constant.Bool:
		return ""
	case info&types.IsNumeric != 0 && (v.Kind() == constant.Int || v.Kind() == constant.Float || v.Kind() == constant.Complex):
		var why string
		switch {
		case info&types.IsInteger != 0:
			_, why = fitInteger(v, basic)
		case info&types.IsFloat != 0:
			_, why = fitFloat(v, basic)
		}
		return why
	}
	return "it is an untyped " + kindName(v.Kind()) + " constant"
}

// constHint is the end of a message about a default that is not a valid
// literal, when it was meant as a constant of the package with a typo.
func (r *reader) constHint(lit string) string {
	lit = strings.TrimSpace(lit)
	if r.pkg == nil || !token.IsIdentifier(lit) {
		return ""
	}
	if s := directive.Suggest(lit, scopeNames[*types.Const](r.pkg.Scope(), false)); s != "" {
		return " (or a constant: did you mean " + s + "?)"
	}
	return ""
}

// scopeNames lists the names of scope that declare a T (a constant, a
// type name), the exported ones only when exported is set, for
// suggestions.
func scopeNames[T types.Object](scope *types.Scope, exported bool) []string {
	var names []string
	for _, n := range scope.Names() {
		if _, ok := scope.Lookup(n).(T); ok && (!exported || token.IsExported(n)) {
			names = append(names, n)
		}
	}
	return names
}

func isUntyped(t types.Type) bool {
	b, ok := t.(*types.Basic)
	return ok && b.Info()&types.IsUntyped != 0
}

// objectKind names what obj declares, for messages: "type Order".
func objectKind(obj types.Object) string {
	switch obj.(type) {
	case *types.TypeName:
		return "type " + obj.Name()
	case *types.Var:
		return "variable " + obj.Name()
	case *types.Func:
		return "function " + obj.Name()
	}
	return obj.Name()
}

func kindName(k constant.Kind) string {
	switch k {
	case constant.Bool:
		return "bool"
	case constant.String:
		return "string"
	case constant.Int:
		return "integer"
	case constant.Float:
		return "float"
	case constant.Complex:
		return "complex"
	}
	return "unknown"
}

// parseDefault parses lit as a constant of the basic type t, or says why
// it is not one.
func parseDefault(lit string, t *types.Basic) (constant.Value, string) {
	info := t.Info()
	switch {
	case info&types.IsString != 0:
		return constant.MakeString(lit), ""
	case info&types.IsBoolean != 0:
		if lit != "true" && lit != "false" {
			return nil, "want true or false"
		}
		return constant.MakeBool(lit == "true"), ""
	}
	v := parseNumber(strings.TrimSpace(lit))
	if v.Kind() == constant.Unknown {
		return nil, "not a number"
	}
	switch {
	case info&types.IsInteger != 0:
		return fitInteger(v, t)
	case info&types.IsFloat != 0:
		return fitFloat(v, t)
	}
	return v, "" // complex: any real number fits
}

// literalType is the type the literal lit of a default of basic type t
// takes where nothing converts it: string, bool, or int, float64 or
// complex128 as the number is written (3 is an int, 3.0 a float64).
func literalType(lit string, t *types.Basic) types.Type {
	info := t.Info()
	switch {
	case info&types.IsString != 0:
		return types.Typ[types.String]
	case info&types.IsBoolean != 0:
		return types.Typ[types.Bool]
	}
	switch parseNumber(strings.TrimSpace(lit)).Kind() {
	case constant.Int:
		return types.Typ[types.Int]
	case constant.Float:
		return types.Typ[types.Float64]
	}
	return types.Typ[types.Complex128]
}

// parseNumber parses a Go number literal with an optional sign.
func parseNumber(lit string) constant.Value {
	neg := strings.HasPrefix(lit, "-")
	body := strings.TrimPrefix(strings.TrimPrefix(lit, "-"), "+")
	// The literal is copied into the generated code, so it must be one Go
	// accepts as written: MakeFromLiteral alone lets "08" through.
	if e, err := parser.ParseExpr(body); err != nil || !isBasicLit(e) {
		return constant.MakeUnknown()
	}
	v := constant.MakeFromLiteral(body, token.INT, 0)
	if v.Kind() == constant.Unknown {
		v = constant.MakeFromLiteral(body, token.FLOAT, 0)
	}
	if v.Kind() == constant.Unknown {
		v = constant.MakeFromLiteral(body, token.IMAG, 0)
	}
	if neg && v.Kind() != constant.Unknown {
		v = constant.UnaryOp(token.SUB, v, 0)
	}
	return v
}

func isBasicLit(e ast.Expr) bool {
	_, ok := e.(*ast.BasicLit)
	return ok
}

func fitInteger(v constant.Value, t *types.Basic) (constant.Value, string) {
	i := constant.ToInt(v)
	if i.Kind() != constant.Int {
		return nil, "not an integer"
	}
	bits, signed := intSize(t.Kind())
	if signed {
		lo := constant.Shift(constant.MakeInt64(-1), token.SHL, bits-1)
		hi := constant.BinaryOp(constant.Shift(constant.MakeInt64(1), token.SHL, bits-1), token.SUB, constant.MakeInt64(1))
		if constant.Compare(i, token.LSS, lo) || constant.Compare(i, token.GTR, hi) {
			return nil, "overflows " + t.Name()
		}
		return i, ""
	}
	hi := constant.BinaryOp(constant.Shift(constant.MakeInt64(1), token.SHL, bits), token.SUB, constant.MakeInt64(1))
	if constant.Sign(i) < 0 || constant.Compare(i, token.GTR, hi) {
		return nil, "overflows " + t.Name()
	}
	return i, ""
}

// intSize returns the size in bits of an integer kind and whether it is
// signed. int, uint and uintptr count as 64 bits.
func intSize(k types.BasicKind) (uint, bool) {
	switch k {
	case types.Int8:
		return 8, true
	case types.Int16:
		return 16, true
	case types.Int32:
		return 32, true
	case types.Int, types.Int64:
		return 64, true
	case types.Uint8:
		return 8, false
	case types.Uint16:
		return 16, false
	case types.Uint32:
		return 32, false
	}
	return 64, false
}

func fitFloat(v constant.Value, t *types.Basic) (constant.Value, string) {
	f := constant.ToFloat(v)
	if f.Kind() != constant.Float && f.Kind() != constant.Int {
		return nil, "not a real number"
	}
	if t.Kind() == types.Float32 {
		if x, _ := constant.Float32Val(f); math.IsInf(float64(x), 0) {
			return nil, "overflows float32"
		}
	} else if x, _ := constant.Float64Val(f); math.IsInf(x, 0) {
		return nil, "overflows float64"
	}
	return f, ""
}

// isDuration reports whether t is time.Duration or a named type declared
// over it (type Timeout time.Duration), here or in another package.
func (r *reader) isDuration(t types.Type) bool {
	named, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return false
	}
	obj := named.Obj()
	for range 16 { // a bound, in case of a cycle in broken code
		if obj.Pkg() != nil && obj.Pkg().Path() == "time" && obj.Name() == "Duration" {
			return true
		}
		if obj = r.declaredOver(obj); obj == nil {
			return false
		}
	}
	return false
}

// declaredOver returns the type name that the named type obj is declared
// over, or nil.
func (r *reader) declaredOver(obj *types.TypeName) *types.TypeName {
	if obj.Pkg() != r.pkg {
		return r.decls.declaredOver(obj)
	}
	expr, ok := r.localTypes[obj.Name()]
	if !ok {
		return nil
	}
	named, ok := types.Unalias(r.info.TypeOf(expr)).(*types.Named)
	if !ok {
		return nil
	}
	return named.Obj()
}

// wantDuration says how to write a duration, for value, a ttl= or a
// default that time.ParseDuration refused: a number alone lacks its unit
// (it would be nanoseconds).
func wantDuration(value string) string {
	if n := strings.TrimSpace(value); parseNumber(n).Kind() != constant.Unknown {
		return "want a duration such as " + n + "s: a number alone has no unit"
	}
	return "want a duration such as 30s or 10m"
}
