package model

import (
	"go/ast"
	"go/constant"
	"go/parser"
	"go/token"
	"go/types"
	"math"
	"strings"
	"time"
)

// readDefault checks the default= option of k against its type.
func (r *reader) readDefault(k *Key, o tagOption) bool {
	if r.isDuration(k.Type) {
		if d, err := time.ParseDuration(o.Value); err == nil {
			k.Default = &Default{Literal: o.Value, Value: constant.MakeInt64(int64(d)), Duration: true}
			return true
		}
	}
	basic, _ := k.Type.Underlying().(*types.Basic)
	if basic == nil || basic.Info()&(types.IsBoolean|types.IsString|types.IsNumeric) == 0 {
		r.errorf(o.pos, "default on key %s of type %s: defaults need a bool, string, numeric or time.Duration type", k.Name, k.TypeDoc)
		return false
	}
	v, why := parseDefault(o.Value, basic)
	if why != "" {
		r.errorf(o.valuePos, "default %s does not fit key %s of type %s: %s", quote(o.Value), k.Name, k.TypeDoc, why)
		return false
	}
	k.Default = &Default{Literal: strings.TrimSpace(o.Value), Value: v}
	return true
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
