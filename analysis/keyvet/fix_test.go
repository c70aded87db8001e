package keyvet

import (
	"go/parser"
	"go/token"
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis"
)

// TestAddImport checks the import edits on files the analysistest cases
// cannot hold, such as cgo files, whose import "C" must stay a declaration
// of its own right after its preamble.
func TestAddImport(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{
			name: "no imports",
			src:  "package p\n",
			want: "package p\n\nimport \"example.com/keys\"\n",
		},
		{
			name: "one import",
			src:  "package p\n\nimport \"fmt\"\n",
			want: "package p\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/keys\"\n)\n",
		},
		{
			name: "a block",
			src:  "package p\n\nimport (\n\t\"fmt\"\n)\n",
			want: "package p\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/keys\"\n)\n",
		},
		{
			name: "after a third-party import",
			src:  "package p\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/store\"\n)\n",
			want: "package p\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/store\"\n\t\"example.com/keys\"\n)\n",
		},
		{
			name: "cgo alone",
			src:  "package p\n\n// #include <stdio.h>\nimport \"C\"\n",
			want: "package p\n\n// #include <stdio.h>\nimport \"C\"\n\nimport \"example.com/keys\"\n",
		},
		{
			name: "cgo last",
			src:  "package p\n\nimport \"fmt\"\n\n// #include <stdio.h>\nimport \"C\"\n",
			want: "package p\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/keys\"\n)\n\n// #include <stdio.h>\nimport \"C\"\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, "p.go", tt.src, parser.ParseComments)
			if err != nil {
				t.Fatal(err)
			}
			got := applyEdits(fset, tt.src, addImport(f, "keys", "example.com/keys"))
			if got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
			if _, err := parser.ParseFile(token.NewFileSet(), "p.go", got, 0); err != nil {
				t.Errorf("edited file does not parse: %v", err)
			}
		})
	}
}

// applyEdits applies non-overlapping edits to src.
func applyEdits(fset *token.FileSet, src string, edits []analysis.TextEdit) string {
	edits = slices.Clone(edits)
	slices.SortFunc(edits, func(a, b analysis.TextEdit) int { return int(b.Pos - a.Pos) })
	tf := fset.File(edits[0].Pos)
	for _, e := range edits {
		src = src[:tf.Offset(e.Pos)] + string(e.NewText) + src[tf.Offset(e.End):]
	}
	return src
}
