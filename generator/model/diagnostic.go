package model

import (
	"cmp"
	"fmt"
	"go/token"
	"slices"
)

// Diagnostic is one problem of the input, at the position of its culprit.
type Diagnostic struct {
	Pos     token.Position
	Message string
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
	r.diags = append(r.diags, Diagnostic{Pos: r.fset.Position(pos), Message: fmt.Sprintf(format, args...)})
}

// where returns "file.go:LINE:COL" for pos, to name another declaration
// in a message: the file's base name is enough within a package.
func (r *reporter) where(pos token.Pos) string {
	p := r.fset.Position(pos)
	return fmt.Sprintf("%s:%d:%d", baseName(p.Filename), p.Line, p.Column)
}

// baseName returns the last element of a file name, cut at a slash or a
// backslash whatever the system.
func baseName(path string) string {
	for i := len(path) - 1; i >= 0; i-- {
		if path[i] == '/' || path[i] == '\\' {
			return path[i+1:]
		}
	}
	return path
}
