package keyvet

import (
	"go/ast"
	"go/token"
	"strconv"
	"strings"

	"github.com/gostage/gostage/generator/directive"
)

// stripDefaults removes the default= option from the gostage tags of the
// struct fields of files, and returns the position of each field that
// had one.
//
// The keys of a package that the checked package does not import are
// read from its files, type-checked apart, where a default that names a
// constant of a package outside the module (default=slog.LevelWarn) can
// only meet a stand-in without it; the reader would drop the whole key
// for it. keyvet needs no default's value, only whether there is one,
// which the positions say.
func stripDefaults(files []*ast.File) map[token.Pos]bool {
	had := make(map[token.Pos]bool)
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			field, ok := n.(*ast.Field)
			if !ok || field.Tag == nil || len(field.Names) == 0 {
				return true
			}
			if tag, ok := withoutDefault(field.Tag.Value); ok {
				field.Tag.Value = tag
				had[field.Names[0].Pos()] = true
			}
			return true
		})
	}
	return had
}

// withoutDefault returns the struct tag literal lit without the default=
// option of its gostage key, and false when it has none or cannot be
// read (then the reader sees the tag as written).
func withoutDefault(lit string) (string, bool) {
	tag, err := strconv.Unquote(lit)
	if err != nil {
		return "", false
	}
	value, _, _, found, lerr := directive.Lookup(tag, directive.TagKey)
	if !found || lerr != nil {
		return "", false
	}
	opts, errs := directive.ParseTag(value)
	if len(errs) > 0 {
		return "", false
	}
	kept := opts[:0:0]
	for _, o := range opts {
		if o.Name != "default" {
			kept = append(kept, o)
		}
	}
	if len(kept) == len(opts) {
		return "", false
	}
	old := directive.TagKey + ":" + strconv.Quote(value)
	if !strings.Contains(tag, old) {
		return "", false // written with other escapes: keep it whole
	}
	if len(kept) == 0 {
		// No gostage:"" left behind, which reads as an empty option.
		tag = strings.TrimSpace(strings.Replace(tag, old, "", 1))
	} else {
		tag = strings.Replace(tag, old, directive.TagKey+":"+strconv.Quote(directive.FormatTag(kept)), 1)
	}
	if strconv.CanBackquote(tag) {
		return "`" + tag + "`", true
	}
	return strconv.Quote(tag), true
}
