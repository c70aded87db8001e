package generator

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/gostage/gostage/generator/load"
)

// NothingDeclaredError is the error of a run whose packages declare no
// key group and no action (and, to generate, have no generated file left
// to remove). Such a run would succeed having done nothing, while the
// user expected code or a graph: most often a //go:generate line of a
// package that declares nothing, whose patterns are relative to that
// package's directory rather than to the module root.
type NothingDeclaredError struct {
	// Task is what the run had nothing to do: "generate", "graph".
	Task     string
	Patterns []string // as given; none means the current directory
	Packages []string // import paths of the packages they matched
	// Dir is the directory the patterns are relative to, relative to the
	// module root: "." at the root.
	Dir string
}

// Error says what the run looked at and how to point it at the keys and
// actions.
func (e *NothingDeclaredError) Error() string {
	var b strings.Builder
	b.WriteString("nothing to " + e.Task + ": ")
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
	generate := e.Task == "generate"
	switch {
	case e.Dir == "." && generate:
		b.WriteString("; declare a key group or an action, or remove the //go:generate line that runs gostage-gen")
	case e.Dir == ".":
		b.WriteString("; name the packages that declare them")
	case here && generate:
		b.WriteString("; without patterns gostage-gen works on the package of the directory it runs in, for a //go:generate line the directory of its file: " + wholeModule)
	case generate:
		b.WriteString("; patterns are relative to the directory gostage-gen runs in, for a //go:generate line the directory of its file: " + wholeModule)
	case here:
		b.WriteString("; without patterns gostage-gen " + e.Task + " reads the package of the current directory: to " + e.Task + " the whole module, run gostage-gen " + e.Task + " ./... at the module root")
	default:
		b.WriteString("; patterns are relative to the current directory: to " + e.Task + " the whole module, run gostage-gen " + e.Task + " ./... at the module root")
	}
	return b.String()
}

// wholeModule says how one //go:generate line generates a whole module.
const wholeModule = "to generate the whole module from one line, write //go:generate go tool gostage-gen ./... in a file at the module root"

// listPackages lists paths for a message, the first three of them.
func listPackages(paths []string) string {
	const most = 3
	if len(paths) <= most {
		return strings.Join(paths, ", ")
	}
	return strings.Join(paths[:most], ", ") + " and " + strconv.Itoa(len(paths)-most) + " more"
}

// nothingDeclared returns the error of a run for task over pkgs, matched
// by patterns relative to dir ("" for the current directory), that found
// nothing to do.
func nothingDeclared(task string, pkgs []*load.Package, patterns []string, dir string) error {
	e := &NothingDeclaredError{Task: task, Patterns: patterns, Dir: "."}
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
