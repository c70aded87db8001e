package model

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gostage/gostage/generator/directive"
)

// tagOption is a tag option with its position in the file.
type tagOption struct {
	directive.Option
	pos      token.Pos // of the option's name
	valuePos token.Pos
}

// readTag parses the gostage tag of field. skip is set when the field is
// not a key: tagged "-", or with a tag too broken to read.
func (r *reader) readTag(field *ast.Field) (opts []tagOption, skip bool) {
	if field.Tag == nil {
		return nil, false
	}
	raw, err := strconv.Unquote(field.Tag.Value)
	if err != nil {
		return nil, true // a syntax error, reported by the parser
	}
	rawString := strings.HasPrefix(field.Tag.Value, "`")
	value, off, exact, found, lerr := directive.Lookup(raw, directive.TagKey)
	base := field.Tag.Pos()
	if lerr != nil {
		r.errorf(base+tagOffset(rawString, lerr.Offset), "%s", lerr.Message)
		return nil, true
	}
	if !found {
		return nil, false
	}
	// Offsets into the value are exact only when nothing was unquoted.
	exact = exact && rawString
	pos := func(o int) token.Pos {
		if !exact {
			return base
		}
		return base + 1 + token.Pos(off+o)
	}
	parsed, errs := directive.ParseTag(value)
	parsed, cut := cutDefaults(parsed)
	errs = append(errs, cut...)
	errs = append(errs, directive.CheckNames(parsed, directive.TagOptions, "tag option")...)
	for _, e := range errs {
		r.errorf(pos(e.Offset), "%s", e.Message)
	}
	for _, o := range parsed {
		if o.Name == "-" {
			return nil, true
		}
		opts = append(opts, tagOption{o, pos(o.Offset), pos(o.ValueOffset)})
	}
	return opts, false
}

// cutDefaults finds the text after a comma that a default was meant to
// hold (default=new, old): options are split at commas, so what follows
// is no option. It returns the options without it, and an error at it.
func cutDefaults(opts []directive.Option) ([]directive.Option, []directive.Error) {
	var errs []directive.Error
	out := opts[:0:0]
	for i, o := range opts {
		rest := strings.TrimSpace(o.Name)
		// A near miss of an option name is reported as that instead.
		optionLike := slices.Contains(directive.TagOptions, rest) || directive.Suggest(rest, directive.TagOptions) != ""
		if i > 0 && opts[i-1].Name == "default" && !o.HasValue && !optionLike {
			lead := len(o.Name) - len(strings.TrimLeft(o.Name, " \t"))
			whole := opts[i-1].Value + "," + o.Name
			errs = append(errs, directive.Error{Offset: o.Offset + lead, Message: "default=" + opts[i-1].Value + " is cut at the comma before " + rest + ": options are separated by commas; quote a default that holds one, default=" + strconv.Quote(whole)})
			continue
		}
		out = append(out, o)
	}
	return out, errs
}

// tagOffset returns the offset in a tag literal of byte off of its
// unquoted content: exact in a raw string, which holds its content as
// written, and the start of the literal in an interpreted one, where
// escapes shift the bytes.
func tagOffset(rawString bool, off int) token.Pos {
	if !rawString {
		return 0
	}
	return token.Pos(1 + off)
}

// readKey reads the key of one field name, or returns nil after reporting
// why it cannot be one.
func (r *reader) readKey(g *Group, field *ast.Field, name *ast.Ident, opts []tagOption) *Key {
	k := &Key{Group: g, Field: name.Name, Name: keyName(g.Prefix, name.Name), TypeDoc: types.ExprString(field.Type), Pos: name.Pos()}
	k.Doc = fieldDoc(field)
	k.Type = r.info.TypeOf(field.Type)
	ok := true
	switch {
	case hasBadExpr(field.Type):
		ok = false // the parser reported the syntax error
	case k.Type == nil || strings.Contains(types.TypeString(k.Type, nil), "invalid type"):
		r.errorf(field.Type.Pos(), "cannot resolve type %s of key %s.%s", k.TypeDoc, g.Name, k.Field)
		ok = false
	}
	var def *tagOption
	for i, o := range opts {
		switch o.Name {
		case "key":
			k.Name = o.Value
			ok = r.checkName(o.valuePos, k.Name) && ok
		case "ttl":
			ok = r.readTTL(k, o) && ok
		case "tags":
			ok = r.readTags(k, o) && ok
		case "default":
			def = &opts[i]
		}
	}
	// A default is checked against the type only once the rest is sound.
	if !ok || def != nil && !r.readDefault(k, *def) {
		return nil
	}
	return k
}

func (r *reader) checkName(pos token.Pos, name string) bool {
	if msg := checkKeyName(name); msg != "" {
		r.errorf(pos, "invalid key name: %s", msg)
		return false
	}
	return true
}

func (r *reader) readTTL(k *Key, o tagOption) bool {
	d, err := time.ParseDuration(o.Value)
	switch {
	case err != nil:
		r.errorf(o.valuePos, "bad ttl %s of key %s: want a duration such as 30s or 10m", quote(o.Value), k.Name)
		return false
	case d <= 0:
		r.errorf(o.valuePos, "bad ttl %s of key %s: a ttl must be positive", quote(o.Value), k.Name)
		return false
	}
	k.TTL = d
	return true
}

func (r *reader) readTags(k *Key, o tagOption) bool {
	for _, t := range strings.Split(o.Value, "|") {
		if t == "" || strings.ContainsAny(t, " \t\"'`") {
			r.errorf(o.valuePos, "bad tags %s of key %s: want names separated by |, without spaces or quotes", quote(o.Value), k.Name)
			return false
		}
		k.Tags = append(k.Tags, t)
	}
	return true
}

// hasBadExpr reports whether e holds a part the parser could not read.
func hasBadExpr(e ast.Expr) bool {
	bad := false
	ast.Inspect(e, func(n ast.Node) bool {
		if _, ok := n.(*ast.BadExpr); ok {
			bad = true
		}
		return !bad
	})
	return bad
}

// fieldDoc returns the field's doc comment, or its line comment when it
// has none.
func fieldDoc(f *ast.Field) string {
	if f.Doc != nil {
		return strings.TrimSpace(f.Doc.Text())
	}
	if f.Comment != nil {
		return strings.TrimSpace(f.Comment.Text())
	}
	return ""
}

func quote(s string) string { return strconv.Quote(s) }
