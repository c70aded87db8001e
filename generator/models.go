package generator

import (
	"cmp"
	"context"
	"slices"

	"github.com/gostage/gostage/generator/load"
	"github.com/gostage/gostage/generator/model"
)

// Models loads the packages matching patterns, all at once, and returns
// the model of each that declares keys or actions, sorted by path, with
// the problems found, sorted. It is what tools that read declarations
// without generating code, such as gostage-gen graph, start from.
func Models(ctx context.Context, opts Options, patterns ...string) ([]*model.Package, []model.Diagnostic, error) {
	if opts.Output == "" {
		opts.Output = DefaultOutput
	}
	if len(patterns) == 0 {
		patterns = []string{"."}
	}
	pkgs, err := load.Load(ctx, load.Config{Dir: opts.Dir, Tags: opts.Tags, Output: opts.Output, Env: opts.Env}, patterns...)
	if err != nil {
		return nil, nil, err
	}
	var models []*model.Package
	var diags []model.Diagnostic
	for _, p := range pkgs {
		ds := p.Errors
		if p.Types != nil && p.Info != nil {
			m, read := model.Read(p.Fset, p.Files, p.Info, p.Types)
			ds = append(ds, read...)
			if len(m.Groups) > 0 || len(m.Actions) > 0 {
				models = append(models, m)
			}
		}
		diags = append(diags, relative(ds, p.ModuleDir)...)
	}
	slices.SortFunc(models, func(a, b *model.Package) int { return cmp.Compare(a.Path, b.Path) })
	return models, model.SortDiagnostics(diags), nil
}
