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

// readTag parses the gostage tag of field. skip is set when the field is
// not a key: tagged "-", or with a tag too broken to read.
func (r *reader) readTag(field *ast.Field) (opts []option, skip bool) {
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
		if key, off := directive.NearMissKey(raw); key != "" {
			// gostgae:"ttl=1h" would leave the key without its options.
			r.errorf(base+tagOffset(rawString, off), "struct tag key %s is not read by gostage-gen, did you mean %s", key, directive.TagKey)
		}
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
	for _, e := range append(errs, cut...) {
		r.errorf(pos(e.Offset), "%s", e.Message)
	}
	for _, o := range parsed {
		opts = append(opts, option{o, pos(o.Offset), pos(o.ValueOffset)})
	}
	r.checkOptions(opts, directive.TagOptions, nil, "tag option")
	if directive.Omits(parsed) {
		return nil, true
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
			// The spaces after the comma, which ParseTag skips, are the
			// default's too.
			prev := opts[i-1]
			gap := max(0, o.Offset-(prev.ValueOffset+len(prev.Value)+1))
			whole := prev.Value + "," + strings.Repeat(" ", gap) + o.Name
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
func (r *reader) readKey(g *Group, field *ast.Field, name *ast.Ident, opts []option) *Key {
	k := &Key{Group: g, Field: name.Name, Name: keyName(g.Prefix, name.Name), TypeDoc: types.ExprString(field.Type), Pos: name.Pos()}
	k.Doc = fieldDoc(field)
	k.Type = r.info.TypeOf(field.Type)
	ok := true
	switch {
	case hasBadExpr(field.Type):
		ok = false // the parser reported the syntax error
	case k.Type == nil || strings.Contains(types.TypeString(k.Type, nil), "invalid type"):
		r.errorf(field.Type.Pos(), "cannot resolve type %s of key %s.%s%s", k.TypeDoc, g.Name, k.Field, r.typeHint(field.Type))
		ok = false
	}
	var def *option
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

func (r *reader) readTTL(k *Key, o option) bool {
	d, err := time.ParseDuration(o.Value)
	switch {
	case err != nil:
		r.errorf(o.valuePos, "bad ttl %s of key %s: %s", quote(o.Value), k.Name, wantDuration(o.Value))
		return false
	case d <= 0:
		r.errorf(o.valuePos, "bad ttl %s of key %s: a ttl must be positive", quote(o.Value), k.Name)
		return false
	}
	k.TTL = d
	return true
}

func (r *reader) readTags(k *Key, o option) bool {
	tags, msg := parseTags(o.Value)
	if msg != "" {
		r.errorf(o.valuePos, "bad tags %s of key %s: %s", quote(o.Value), k.Name, msg)
		return false
	}
	k.Tags = tags
	return true
}

// parseTags splits the value of a tags= option, a|b, or says what is
// wrong with it.
func parseTags(value string) (tags []string, problem string) {
	if strings.Contains(value, ",") && !strings.ContainsAny(value, " \t\"'`") {
		return nil, "tags are separated by |, not commas: write tags=" + strings.ReplaceAll(value, ",", "|")
	}
	for _, t := range strings.Split(value, "|") {
		if t == "" || strings.ContainsAny(t, " \t\"'`") {
			return nil, "want names separated by |, without spaces or quotes"
		}
		tags = append(tags, t)
	}
	return tags, ""
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

// typeHint returns ", did you mean X" for the first name in the type
// expression e that does not resolve, when a type of that scope (the
// package and the universe, or the package a selector names) is close to
// it; "" otherwise.
func (r *reader) typeHint(e ast.Expr) string {
	hint := ""
	ast.Inspect(e, func(n ast.Node) bool {
		if hint != "" {
			return false
		}
		switch x := n.(type) {
		case *ast.SelectorExpr:
			id, ok := x.X.(*ast.Ident)
			if !ok {
				return true
			}
			pn, ok := r.info.Uses[id].(*types.PkgName)
			if !ok || r.info.Uses[x.Sel] != nil {
				return false
			}
			hint = didYouMeanType(x.Sel.Name, pn.Imported().Scope(), id.Name+".", true)
			return false
		case *ast.Ident:
			if r.info.Uses[x] != nil || r.pkg == nil {
				return false
			}
			hint = didYouMeanType(x.Name, r.pkg.Scope(), "", false)
			if hint == "" {
				hint = didYouMeanType(x.Name, types.Universe, "", false)
			}
		}
		return true
	})
	return hint
}

// didYouMeanType returns ", did you mean Q.T" for the type name T of
// scope closest to name, qualified by qual; exported says only exported
// names count.
func didYouMeanType(name string, scope *types.Scope, qual string, exported bool) string {
	if s := directive.Suggest(name, scopeNames[*types.TypeName](scope, exported)); s != "" {
		return ", did you mean " + qual + s
	}
	return ""
}
