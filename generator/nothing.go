package generator

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/gostage/gostage/generator/load"
)

// NothingToGenerateError is the error of a run whose packages declare no
// key group and no action, and have no generated file left to remove.
// Such a run would succeed having done nothing, while the user expected
// code: most often a //go:generate line of a package that declares
// nothing, whose patterns are relative to that package's directory
// rather than to the module root.
type NothingToGenerateError struct {
	Patterns []string // as given; none means the current directory
	Packages []string // import paths of the packages they matched
	// Dir is the directory the patterns are relative to, relative to the
	// module root: "." at the root.
	Dir string
}

// Error says what the run looked at and how to point it at the keys and
// actions.
func (e *NothingToGenerateError) Error() string {
	var b strings.Builder
	b.WriteString("nothing to generate: ")
	here := len(e.Patterns) == 0 || len(e.Patterns) == 1 && e.Patterns[0] == "."
	if here && len(e.Packages) == 1 {
		b.WriteString("package " + e.Packages[0] + " declares no //gostage:keys or //gostage:action")
	} else {
		b.WriteString("no package that " + strings.Join(e.Patterns, " ") + " matches")
		if e.Dir != "." {
			b.WriteString(" in " + e.Dir)
		}
		b.WriteString(" (" + listPackages(e.Packages) + ") declares //gostage:keys or //gostage:action")
	}
	switch {
	case e.Dir == ".":
		b.WriteString("; declare a key group or an action, or remove the //go:generate line that runs gostage-gen")
	case here:
		b.WriteString("; without patterns gostage-gen works on the package of the directory it runs in, for a //go:generate line the directory of its file: " + wholeModule)
	default:
		b.WriteString("; patterns are relative to the directory gostage-gen runs in, for a //go:generate line the directory of its file: " + wholeModule)
	}
	return b.String()
}

// wholeModule says how to generate every package of a module.
const wholeModule = "to generate the whole module from one line, write //go:generate go tool gostage-gen ./... in a file at the module root"

// listPackages lists paths for a message, the first three of them.
func listPackages(paths []string) string {
	const most = 3
	if len(paths) <= most {
		return strings.Join(paths, ", ")
	}
	return strings.Join(paths[:most], ", ") + " and " + strconv.Itoa(len(paths)-most) + " more"
}

// nothingToGenerate returns the error of a run over pkgs, matched by
// patterns relative to dir ("" for the current directory), that produced
// no result.
func nothingToGenerate(pkgs []*load.Package, patterns []string, dir string) error {
	e := &NothingToGenerateError{Patterns: patterns, Dir: "."}
	for _, p := range pkgs {
		e.Packages = append(e.Packages, p.Path)
	}
	if dir == "" {
		dir, _ = os.Getwd()
	}
	if len(pkgs) > 0 && pkgs[0].ModuleDir != "" && dir != "" {
		if rel, err := filepath.Rel(pkgs[0].ModuleDir, dir); err == nil && !strings.HasPrefix(rel, "..") {
			e.Dir = filepath.ToSlash(rel)
		}
	}
	return e
}
