package generator

import (
	"cmp"
	"context"
	"slices"

	"github.com/gostage/gostage/generator/model"
)

// Models loads the packages matching patterns, all at once, and returns
// the model of each that declares keys or actions or adds actions to
// workflow stages, sorted by path, with
// the problems found, sorted. It is what tools that read declarations
// without generating code, such as gostage-gen graph, start from; task
// names what such a tool does, for the *[NothingDeclaredError] it
// returns when no package declares keys or actions and none has problems.
func Models(ctx context.Context, opts Options, task string, patterns ...string) ([]*model.Package, []model.Diagnostic, error) {
	pkgs, err := loadPackages(ctx, opts, patterns)
	if err != nil {
		return nil, nil, err
	}
	var models []*model.Package
	var diags []model.Diagnostic
	failed := make(map[string]bool)
	for _, p := range pkgs {
		m, ds := read(p)
		if m != nil {
			m.Added = model.AddedActions(p.Files, p.Info)
		}
		if declares(m) || m != nil && len(m.Added) > 0 {
			models = append(models, m)
		}
		failed[p.Path] = len(ds) > 0
		diags = append(diags, relative(ds, p.ModuleDir)...)
	}
	if len(diags) == 0 && !slices.ContainsFunc(models, declares) {
		return nil, nil, nothingDeclared(task, pkgs, patterns, opts.Dir)
	}
	diags = model.DropConsequences(diags, func(path string) bool { return failed[path] })
	slices.SortFunc(models, func(a, b *model.Package) int { return cmp.Compare(a.Path, b.Path) })
	return models, model.SortDiagnostics(diags), nil
}
