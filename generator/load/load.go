// Package load loads the packages gostage-gen generates code for, with
// golang.org/x/tools/go/packages, in a single load for all patterns.
//
// Loading tolerates what generation will fix: the previous generated file
// of a package is replaced, for the load, by its package clause alone, so
// that a stale, broken or half-written one does not get in the way, and
// type errors (names not generated yet) are left to the model, which only
// cares about the types of key fields. Syntax errors and packages that
// cannot be listed are problems of the input.
package load

import (
	"context"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"maps"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/packages"

	"github.com/gostage/gostage/generator/model"
)

// Mode is what gostage-gen needs from go/packages: syntax and types of the
// named packages, with dependencies from export data.
const Mode = packages.NeedName | packages.NeedFiles | packages.NeedSyntax |
	packages.NeedTypes | packages.NeedTypesInfo | packages.NeedModule

// Config says where and how to load.
type Config struct {
	Dir    string   // directory patterns are relative to; "" for the current one
	Tags   []string // build tags
	Output string   // base name of the generated file in each package
	Env    []string // environment of the go command; nil for os.Environ
}

// Package is one loaded package.
type Package struct {
	Path       string
	Dir        string
	ModuleDir  string // root of the package's module; "" outside a module
	OutputPath string // where its generated file goes
	Fset       *token.FileSet
	Files      []*ast.File
	Info       *types.Info
	Types      *types.Package
	Errors     []model.Diagnostic // syntax errors and listing errors
	// Paths holds, by import path, the packages that the actions of the
	// loaded packages name by import path (nil for one that did not load),
	// and the loaded packages themselves.
	Paths map[string]*types.Package
}

// Load loads the packages matching patterns, all in one go/packages call.
func Load(ctx context.Context, cfg Config, patterns ...string) ([]*Package, error) {
	overlay, err := overlay(cfg, patterns)
	if err != nil {
		return nil, err
	}
	pcfg := &packages.Config{
		Context: ctx,
		Mode:    Mode,
		Dir:     cfg.Dir,
		Env:     cfg.Env,
		Overlay: overlay,
		Fset:    token.NewFileSet(),
	}
	if len(cfg.Tags) > 0 {
		pcfg.BuildFlags = []string{"-tags=" + strings.Join(cfg.Tags, ",")}
	}
	pkgs, err := loadTolerant(pcfg, overlay, cfg.Output, patterns)
	if err != nil {
		return nil, err
	}
	if err := checkMatched(ctx, pcfg, pkgs, patterns); err != nil {
		return nil, err
	}
	byPath, err := pathPackages(pcfg, overlay, cfg.Output, pkgs)
	if err != nil {
		return nil, err
	}
	deps := depsErrors(ctx, pcfg, pkgs)
	out := make([]*Package, 0, len(pkgs))
	for _, p := range pkgs {
		p.Errors = append(p.Errors, deps[p.PkgPath]...)
		lp := convert(p, pcfg.Fset, cfg.Output)
		lp.Paths = byPath
		out = append(out, lp)
	}
	return out, nil
}

// loadTolerant loads patterns with pcfg, whose overlay is overlay.
func loadTolerant(pcfg *packages.Config, overlay map[string][]byte, output string, patterns []string) ([]*packages.Package, error) {
	pkgs, err := packages.Load(pcfg, patterns...)
	if err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	// A pattern that is an import path names no directory to hide the old
	// generated file of before loading; when such a file got in the way,
	// load again without it. Only a broken or stale file costs the second
	// load.
	if missed := missedOverlays(pkgs, overlay, output); len(missed) > 0 {
		maps.Copy(overlay, missed)
		if pkgs, err = packages.Load(pcfg, patterns...); err != nil {
			return nil, fmt.Errorf("load: %w", err)
		}
	}
	return pkgs, nil
}

// pathPackages returns, by import path, the packages that the actions of
// pkgs name by import path (example.com/shop/shipping.Shipment.Tracking):
// a loaded package of that path, or else one loaded now, all in one more
// load, which only such references cost. A path that did not load maps
// to nil.
func pathPackages(pcfg *packages.Config, overlay map[string][]byte, output string, pkgs []*packages.Package) (map[string]*types.Package, error) {
	byPath := make(map[string]*types.Package)
	for _, p := range pkgs {
		if p.Types != nil {
			byPath[p.PkgPath] = p.Types
		}
	}
	var missing []string
	for _, p := range pkgs {
		for _, path := range model.PathRefs(p.Syntax) {
			if _, ok := byPath[path]; !ok && !slices.Contains(missing, path) {
				missing = append(missing, path)
			}
		}
	}
	if len(missing) == 0 {
		return byPath, nil
	}
	more, err := loadTolerant(pcfg, overlay, output, missing)
	if err != nil {
		return nil, err
	}
	for _, p := range more {
		if p.Types != nil && len(p.Syntax) > 0 {
			byPath[p.PkgPath] = p.Types
		}
	}
	return byPath, nil
}

// missedOverlays returns the overlays that hide the generated files of
// pkgs that were loaded as they are on disk and have errors.
func missedOverlays(pkgs []*packages.Package, overlay map[string][]byte, output string) map[string][]byte {
	missed := make(map[string][]byte)
	for _, p := range pkgs {
		if p.Dir == "" {
			continue
		}
		path := filepath.Join(p.Dir, output)
		if _, ok := overlay[path]; ok {
			continue
		}
		for _, e := range p.Errors {
			if strings.HasPrefix(e.Pos, path+":") {
				addOverlay(missed, path)
				break
			}
		}
	}
	return missed
}

func convert(p *packages.Package, fset *token.FileSet, output string) *Package {
	lp := &Package{
		Path:  p.PkgPath,
		Dir:   p.Dir,
		Fset:  fset,
		Files: p.Syntax,
		Info:  p.TypesInfo,
		Types: p.Types,
	}
	if p.Module != nil {
		lp.ModuleDir = p.Module.Dir
	}
	if p.Dir != "" {
		lp.OutputPath = filepath.Join(p.Dir, output)
	}
	lines := make(map[string]bool)
	for _, e := range p.Errors {
		if isTypeError(e) {
			continue
		}
		d := diagnostic(e)
		// The parser goes on after a syntax error and finds more on the same
		// line that only follow from the first.
		line := fmt.Sprintf("%s:%d", d.Pos.Filename, d.Pos.Line)
		if e.Kind == packages.ParseError && lines[line] {
			continue
		}
		lines[line] = true
		lp.Errors = append(lp.Errors, d)
	}
	return lp
}

// isTypeError reports whether e is a type error, which the model looks at
// only where it matters: in the types of keys. The go command's compile of
// the package for export data reports the same errors as a list error
// starting with "# " and the package path.
func isTypeError(e packages.Error) bool {
	return e.Kind == packages.TypeError || e.Kind == packages.ListError && strings.HasPrefix(e.Msg, "# ")
}

// diagnostic converts a go/packages error, whose position is a string.
func diagnostic(e packages.Error) model.Diagnostic {
	d := model.Diagnostic{Message: e.Msg}
	parts := strings.Split(e.Pos, ":")
	if len(parts) >= 3 {
		line, err1 := strconv.Atoi(parts[len(parts)-2])
		col, err2 := strconv.Atoi(parts[len(parts)-1])
		if err1 == nil && err2 == nil {
			d.Pos = token.Position{Filename: strings.Join(parts[:len(parts)-2], ":"), Line: line, Column: col}
			return d
		}
	}
	if len(parts) == 2 {
		if line, err := strconv.Atoi(parts[1]); err == nil {
			d.Pos = token.Position{Filename: parts[0], Line: line, Column: 1}
			return d
		}
	}
	d.Pos.Filename = e.Pos
	return d
}
