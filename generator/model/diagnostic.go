package model

import (
	"cmp"
	"fmt"
	"go/token"
	"path/filepath"
	"slices"
	"strings"
)

// Diagnostic is one problem of the input, at the position of its culprit.
type Diagnostic struct {
	Pos     token.Position
	Message string
	// Cause is set for a problem that follows from one of another
	// package, by that package's import path: a reference to a group
	// whose declaration failed. It is dropped when that package's own
	// problems are reported in the same run ([DropConsequences]).
	Cause string
}

// DropConsequences returns ds without the problems that follow from one
// of a package that failed is reporting already.
func DropConsequences(ds []Diagnostic, failed func(pkgPath string) bool) []Diagnostic {
	return slices.DeleteFunc(ds, func(d Diagnostic) bool { return d.Cause != "" && failed(d.Cause) })
}

// String returns the diagnostic as "file:line:col: message".
func (d Diagnostic) String() string {
	return fmt.Sprintf("%s:%d:%d: %s", d.Pos.Filename, d.Pos.Line, d.Pos.Column, d.Message)
}

// SortDiagnostics sorts ds by file, line, column and message, and drops
// exact duplicates.
func SortDiagnostics(ds []Diagnostic) []Diagnostic {
	slices.SortFunc(ds, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.Pos.Filename, b.Pos.Filename),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Column, b.Pos.Column),
			cmp.Compare(a.Message, b.Message),
		)
	})
	return slices.CompactFunc(ds, func(a, b Diagnostic) bool { return a == b })
}

// reporter collects diagnostics at token positions.
type reporter struct {
	fset  *token.FileSet
	diags []Diagnostic
}

func (r *reporter) errorf(pos token.Pos, format string, args ...any) {
	r.causedf("", pos, format, args...)
}

// causedf is errorf for a problem that follows from one of the package
// at import path cause ([Diagnostic.Cause]); "" for none.
func (r *reporter) causedf(cause string, pos token.Pos, format string, args ...any) {
	r.diags = append(r.diags, Diagnostic{Pos: r.fset.Position(pos), Message: fmt.Sprintf(format, args...), Cause: cause})
}

// where returns "path/file.go:LINE:COL" for pos, to name another
// declaration in a message. The path is the file's as loaded, absolute;
// [Relative] makes it module-relative along with the diagnostic's own
// position, so that both read alike.
func (r *reporter) where(pos token.Pos) string {
	p := r.fset.Position(pos)
	return fmt.Sprintf("%s:%d:%d", p.Filename, p.Line, p.Column)
}

// Relative makes the file names of d relative to the module root: its
// position's, and those that where wrote into its message.
func (d Diagnostic) Relative(root string) Diagnostic {
	if root == "" || !filepath.IsAbs(d.Pos.Filename) {
		return d
	}
	if rel, err := filepath.Rel(root, d.Pos.Filename); err == nil {
		d.Pos.Filename = filepath.ToSlash(rel)
	}
	prefix := filepath.Clean(root) + string(filepath.Separator)
	if i := strings.Index(d.Message, prefix); i >= 0 {
		head, tail := d.Message[:i], d.Message[i+len(prefix):]
		// The path ends at the position's ":LINE:COL".
		if end := strings.Index(tail, ":"); end >= 0 {
			tail = filepath.ToSlash(tail[:end]) + tail[end:]
		}
		d.Message = head + tail
	}
	return d
}
