package keyvet_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/gostage/gostage/analysis/keyvet"
)

// The test packages live in a module (testdata/src/go.mod) that replaces
// gostage with this repository, so that they and their fixed .golden
// versions use the real store and workflow packages.
func TestAnalyzer(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, filepath.Join(analysistest.TestData(), "src"), keyvet.Analyzer, "./...")
}
