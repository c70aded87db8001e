package main

import (
	"bytes"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"slices"
	"sort"
	"strconv"

	"golang.org/x/tools/go/ast/astutil"

	"github.com/gostage/gostage/analysis/keyvet"
)

// fixedFile is a file with the fixes applied: its content before and
// after, and its mode, kept when it is written.
type fixedFile struct {
	name     string
	old, new []byte
	mode     fs.FileMode
}

// applyFixes applies the fix of each finding that has one, in memory.
// A fix applies whole or not at all: one whose edits overlap an edit
// already taken (other than the same edit, as two fixes adding the same
// import make) is left for another round. It returns the changed files,
// sorted by name, and the findings left: those without a fix, those whose
// fix could not be applied, and those of files that could not be read.
func applyFixes(findings []finding) (fixed []fixedFile, left []finding) {
	taken := make(map[string][]edit) // by file
	for _, f := range findings {
		if f.fix == nil || !fits(taken, f.fix) {
			left = append(left, f)
			continue
		}
		for _, e := range f.fix {
			if !slices.Contains(taken[e.Filename], e) {
				taken[e.Filename] = append(taken[e.Filename], e)
			}
		}
	}
	names := make([]string, 0, len(taken))
	for name := range taken {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		ff, ok := fixFile(name, taken[name])
		if !ok {
			// The file changed or cannot be read: keep its findings.
			for _, f := range findings {
				if f.fix != nil && f.fix[0].Filename == name {
					left = append(left, f)
				}
			}
			continue
		}
		fixed = append(fixed, ff)
	}
	return fixed, left
}

// fits reports whether edits can join the edits taken so far: each is
// one of them, or touches none of them.
func fits(taken map[string][]edit, edits []edit) bool {
	for _, e := range edits {
		for _, t := range taken[e.Filename] {
			if e == t {
				continue
			}
			if overlap(e, t) {
				return false
			}
		}
	}
	return true
}

// overlap reports whether a and b change the same bytes, or insert
// different text at the same place, whose order no rule decides.
func overlap(a, b edit) bool {
	if a.Start == a.End && b.Start == b.End {
		return a.Start == b.Start
	}
	return a.Start < b.End && b.Start < a.End ||
		a.Start == a.End && b.Start < a.Start && a.Start < b.End ||
		b.Start == b.End && a.Start < b.Start && b.Start < a.End
}

// fixFile applies edits to the file name and formats the result, removing
// the imports that the edits left unused. It returns false when the file
// cannot be read or no longer has the text the edits were made for.
func fixFile(name string, edits []edit) (fixedFile, bool) {
	old, err := os.ReadFile(name)
	if err != nil {
		return fixedFile{}, false
	}
	fi, err := os.Stat(name)
	if err != nil {
		return fixedFile{}, false
	}
	sort.SliceStable(edits, func(i, j int) bool {
		if edits[i].Start != edits[j].Start {
			return edits[i].Start < edits[j].Start
		}
		return edits[i].End < edits[j].End
	})
	var out bytes.Buffer
	at := 0
	for _, e := range edits {
		if e.Start < at || e.End > len(old) {
			return fixedFile{}, false
		}
		out.Write(old[at:e.Start])
		out.WriteString(e.New)
		at = e.End
	}
	out.Write(old[at:])
	return fixedFile{name: name, old: old, new: tidy(old, out.Bytes()), mode: fi.Mode().Perm()}, true
}

// tidy formats src, the fixed version of old, and removes the imports
// that old used and src no longer does (the store package once no call
// spells store.Get, the package of a key constant). An import that old
// seemed not to use is kept: its name may differ from its path's. If src
// does not parse, it is returned as it is, for the compiler to explain.
func tidy(old, src []byte) []byte {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", src, parser.ParseComments)
	if err != nil {
		return src
	}
	oldFile, err := parser.ParseFile(token.NewFileSet(), "", old, parser.SkipObjectResolution)
	if err != nil {
		return src
	}
	before, after := selectorBases(oldFile), selectorBases(f)
	// Deleting an import changes f.Imports: iterate over a copy.
	for _, spec := range slices.Clone(f.Imports) {
		p, err := strconv.Unquote(spec.Path.Value)
		if err != nil || p == "C" {
			continue
		}
		name := importedName(spec, p)
		if name == "_" || name == "." {
			continue
		}
		if before[name] && !after[name] {
			astutil.DeleteNamedImport(fset, f, nameOf(spec), p)
		}
	}
	var buf bytes.Buffer
	if err := format.Node(&buf, fset, f); err != nil {
		return src
	}
	return buf.Bytes()
}

// selectorBases returns the identifiers that f uses as X in X.Sel.
func selectorBases(f *ast.File) map[string]bool {
	bases := make(map[string]bool)
	ast.Inspect(f, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok {
				bases[id.Name] = true
			}
		}
		return true
	})
	return bases
}

// importedName is the name an import declares: its explicit name, or the
// name goimports assumes from its path, which for the packages a fix
// leaves unused (the store, the module's own) is their name.
func importedName(spec *ast.ImportSpec, importPath string) string {
	if spec.Name != nil {
		return spec.Name.Name
	}
	return keyvet.AssumedName(importPath)
}

// nameOf returns the explicit name of an import, or "".
func nameOf(spec *ast.ImportSpec) string {
	if spec.Name == nil {
		return ""
	}
	return spec.Name.Name
}
