package generator

import (
	"bytes"
	"cmp"
	"context"
	"go/token"
	"io"
	"os"
	"slices"

	"github.com/gostage/gostage/generator/emit"
	"github.com/gostage/gostage/generator/load"
	"github.com/gostage/gostage/generator/model"
)

// DefaultOutput is the base name of the generated file of a package.
const DefaultOutput = "gostage_gen.go"

// Options configures a run.
type Options struct {
	Dir    string   // directory patterns are relative to; "" for the current one
	Tags   []string // build tags
	Output string   // base name of the generated file; "" for DefaultOutput
	Env    []string // environment of the go command; nil for os.Environ
}

// Result is what a run produced for one package that declares keys or
// actions.
type Result struct {
	PkgPath    string
	OutputPath string // absolute
	Content    []byte // nil when the package has diagnostics, or Remove
	// Remove is set for a package that declares nothing (any more) but
	// has a generated file, which is then stale: Commit removes it.
	Remove bool
	// Diagnostics are the problems found in the package, sorted, with
	// file names relative to the module root.
	Diagnostics []model.Diagnostic
}

// Generate loads the packages matching patterns, all at once, and returns
// a result for every package that declares keys or actions, has problems,
// or has a generated file left from when it declared some. It writes
// nothing; see [Commit]. The error is for a load that failed as a whole
// (no go command, a bad pattern), or a *[NothingDeclaredError] when no
// package gives a result.
func Generate(ctx context.Context, opts Options, patterns ...string) ([]Result, error) {
	pkgs, err := loadPackages(ctx, opts, patterns)
	if err != nil {
		return nil, err
	}
	var results []Result
	for _, p := range pkgs {
		if r, ok := generate(p); ok {
			results = append(results, r)
		}
	}
	if len(results) == 0 {
		return nil, nothingDeclared("generate", pkgs, patterns, opts.Dir)
	}
	return dropConsequences(results), nil
}

// dropConsequences drops from results the problems that follow from a
// failed declaration of another package of the run, which that package
// reports: a problem is reported once, at its cause.
func dropConsequences(results []Result) []Result {
	failed := make(map[string]bool)
	for _, r := range results {
		if len(r.Diagnostics) > 0 {
			failed[r.PkgPath] = true
		}
	}
	for i := range results {
		ds := model.DropConsequences(results[i].Diagnostics, func(path string) bool { return failed[path] })
		if len(ds) == 0 {
			ds = nil
		}
		results[i].Diagnostics = ds
	}
	return results
}

// loadPackages loads the packages matching patterns, all at once: the
// package in the current directory when there are none, and with
// generated files named DefaultOutput unless opts says otherwise.
func loadPackages(ctx context.Context, opts Options, patterns []string) ([]*load.Package, error) {
	if len(patterns) == 0 {
		patterns = []string{"."}
	}
	cfg := load.Config{Dir: opts.Dir, Tags: opts.Tags, Output: cmp.Or(opts.Output, DefaultOutput), Env: opts.Env}
	return load.Load(ctx, cfg, patterns...)
}

// read builds the model of a loaded package, and returns it with the
// problems of loading and reading it, unsorted and with absolute file
// names. The model is nil when the package has no type information.
func read(p *load.Package) (*model.Package, []model.Diagnostic) {
	if p.Types == nil || p.Info == nil {
		return nil, p.Errors
	}
	m, diags := model.Read(p.Fset, p.Files, p.Info, p.Types, p.Paths)
	return m, append(slices.Clip(p.Errors), diags...)
}

// generate builds the result of one package; ok is false when the package
// declares nothing, has no problems and no generated file.
func generate(p *load.Package) (Result, bool) {
	r := Result{PkgPath: p.Path, OutputPath: p.OutputPath}
	m, diags := read(p)
	if len(diags) > 0 {
		r.Diagnostics = relative(diags, p.ModuleDir)
		return r, true
	}
	if !declares(m) {
		r.Remove = isGenerated(r.OutputPath)
		return r, r.Remove
	}
	content, err := emit.File(m)
	if err != nil {
		r.Diagnostics = []model.Diagnostic{{Pos: p.Fset.Position(firstPos(m)), Message: err.Error()}}
		r.Diagnostics = relative(r.Diagnostics, p.ModuleDir)
		return r, true
	}
	r.Content = content
	return r, true
}

// declares reports whether m, which is nil for a package without type
// information, declares keys or actions.
func declares(m *model.Package) bool {
	return m != nil && (len(m.Groups) > 0 || len(m.Actions) > 0)
}

// relative makes the file names of ds, and those their messages name
// (the other declaration of a collision), relative to the module root,
// and sorts them.
func relative(ds []model.Diagnostic, root string) []model.Diagnostic {
	out := make([]model.Diagnostic, len(ds))
	for i, d := range ds {
		out[i] = d.Relative(root)
	}
	return model.SortDiagnostics(out)
}

// Diagnostics returns the problems of all results, sorted.
func Diagnostics(results []Result) []model.Diagnostic {
	var all []model.Diagnostic
	for _, r := range results {
		all = append(all, r.Diagnostics...)
	}
	return model.SortDiagnostics(all)
}

// Stale returns the results whose file on disk is missing or differs from
// the generated content, and those whose generated file is to be removed.
func Stale(results []Result) []Result {
	var stale []Result
	for _, r := range results {
		if r.Remove {
			stale = append(stale, r)
			continue
		}
		if r.Content == nil {
			continue
		}
		old, err := os.ReadFile(r.OutputPath)
		if err != nil || !bytes.Equal(old, r.Content) {
			stale = append(stale, r)
		}
	}
	return stale
}

// isGenerated reports whether the file at path was written by
// gostage-gen: it starts with the header of generated files. A file
// without it is the user's, whatever its name.
func isGenerated(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, len(model.Header)+1)
	n, _ := io.ReadFull(f, head)
	return bytes.Equal(head[:n], []byte(model.Header+"\n"))
}

// firstPos returns the position of the first declaration of m, for a
// problem of the package as a whole.
func firstPos(m *model.Package) token.Pos {
	if len(m.Groups) > 0 {
		return m.Groups[0].Pos
	}
	return m.Actions[0].Pos
}
