package emit

import (
	"go/constant"
	"go/types"
	"strings"
	"time"

	"github.com/dave/jennifer/jen"

	"github.com/gostage/gostage/generator/model"
)

// keyVars declares the store.Key variable of every key of g.
func keyVars(f *jen.File, g *model.Group) {
	for _, k := range g.Keys {
		comment(f, keyVarDoc(k))
		f.Add(keyVarCode(k))
	}
}

// keyVarDoc is the doc comment of k's store.Key variable. Docs and code
// are built apart so that the fast path (fast.go) can take the doc of
// every key but the code of a prototype only.
func keyVarDoc(k *model.Key) string {
	return keyNameDoc(k, false, k.VarName()+" is ", ", of type "+k.TypeDoc+".")
}

// keyVarCode declares k's store.Key variable.
func keyVarCode(k *model.Key) jen.Code {
	return jen.Var().Id(k.VarName()).Op("=").Add(newKey(k))
}

// newKey is the expression that builds the key's store.Key.
func newKey(k *model.Key) *jen.Statement {
	opts := []jen.Code{jen.Lit(k.Name)}
	if k.TTL > 0 {
		opts = append(opts, jen.Qual(model.StorePath, "WithTTL").Call(duration(k.TTL)))
	}
	if len(k.Tags) > 0 {
		opts = append(opts, jen.Qual(model.StorePath, "WithTags").Call(lits(k.Tags)...))
	}
	if k.Doc != "" {
		opts = append(opts, jen.Qual(model.StorePath, "WithDescription").Call(jen.Lit(k.Doc)))
	}
	s := jen.Qual(model.StorePath, "NewKey").Index(typeCode(k.Type)).Call(opts...)
	if k.Default != nil {
		s = s.Dot("WithDefault").Call(defaultValue(k, false))
	}
	return s
}

// lits is each of ss as a string literal.
func lits(ss []string) []jen.Code {
	out := make([]jen.Code, len(ss))
	for i, s := range ss {
		out[i] = jen.Lit(s)
	}
	return out
}

// defaultValue is the key's default as a Go expression. inAny says that
// it stands where the context gives it no type, as in the catalog's field
// of type any, where an untyped constant takes its default type: there it
// is converted to the key's type where it would have another, as
// Level("info") and int64(-12), but not "pending" for a string key.
func defaultValue(k *model.Key, inAny bool) jen.Code {
	d := k.Default
	var v *jen.Statement
	switch {
	case d.Const != nil:
		// By name, so that the key follows the constant when it changes.
		v = jen.Qual(d.Const.PkgPath, d.Const.Name)
	case d.Duration:
		v = duration(time.Duration(mustInt64(d)))
	case d.Value.Kind() == constant.Bool:
		v = jen.Id(d.Literal)
	case d.Value.Kind() == constant.String:
		v = jen.Lit(constant.StringVal(d.Value))
	default:
		v = jen.Id(d.Literal)
	}
	if !convertsDefault(k, inAny) {
		return v
	}
	return typeCode(k.Type).Parens(v)
}

// convertsDefault reports whether the expression of k's default needs a
// conversion to have k's type: a duration, which is a time.Duration, for
// a named duration type, and an untyped constant or literal whose own
// type is another, where it stands in an any.
func convertsDefault(k *model.Key, inAny bool) bool {
	d := k.Default
	switch {
	case d.Duration:
		return !isDuration(k.Type)
	case d.Untyped == nil:
		return false // a typed constant, which has the key's type
	}
	return inAny && !types.Identical(d.Untyped, k.Type)
}

// duration writes d as a count of its largest whole unit: 90 * time.Second.
func duration(d time.Duration) *jen.Statement {
	n, _, name := durationUnit(d)
	return count(n, jen.Qual("time", name))
}

// durationUnits are the units of package time above the nanosecond,
// largest first.
var durationUnits = []struct {
	name string
	d    time.Duration
}{{"Hour", time.Hour}, {"Minute", time.Minute}, {"Second", time.Second}, {"Millisecond", time.Millisecond}, {"Microsecond", time.Microsecond}}

// durationUnit splits d into a count of its largest whole unit and the
// unit, with its name in package time.
func durationUnit(d time.Duration) (n int64, unit time.Duration, name string) {
	for _, u := range durationUnits {
		if d%u.d == 0 {
			return int64(d / u.d), u.d, u.name
		}
	}
	return int64(d), time.Nanosecond, "Nanosecond"
}

func count(n int64, unit *jen.Statement) *jen.Statement {
	switch n {
	case 0:
		return jen.Lit(0)
	case 1:
		return unit
	}
	return jen.Lit(int(n)).Op("*").Add(unit)
}

// comment writes text as a // comment, one line at a time: jennifer would
// make a /* */ block of a text of several lines.
func comment(f *jen.File, text string) {
	for _, line := range strings.Split(text, "\n") {
		if line == "" {
			f.Comment("//")
		} else {
			f.Comment("// " + line)
		}
	}
}

// fmtDoc joins a generated sentence and the field's own doc as one
// comment of two paragraphs.
func fmtDoc(sentence, doc string) string {
	if doc == "" {
		return sentence
	}
	return sentence + "\n\n" + doc
}
