package emit

import (
	"bytes"
	"fmt"
	"runtime"
	"sync"

	"github.com/dave/jennifer/jen"

	"github.com/gostage/gostage/generator/model"
)

// File returns the source of the generated file for p.
//
// The declarations are built and formatted in chunks, one per group, in
// parallel: formatting is most of the cost of a large package, and the
// chunks do not depend on each other once every import has its name.
func File(p *model.Package) ([]byte, error) {
	imports := importNames(p)
	chunks := []func(*jen.File){versionGuard}
	for _, g := range p.Groups {
		chunks = append(chunks, func(f *jen.File) {
			keyVars(f, g)
			view(f, g)
		})
	}
	if len(p.Groups) > 0 {
		chunks = append(chunks, func(f *jen.File) { catalog(f, p) })
	}
	for _, a := range p.Actions {
		chunks = append(chunks, func(f *jen.File) { action(f, a, imports) })
	}
	bodies, err := renderChunks(p, imports, chunks)
	if err != nil {
		return nil, fmt.Errorf("emit %s: %w", p.Path, err)
	}
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "%s\n\npackage %s\n\n", model.Header, p.Name)
	writeImports(&buf, imports)
	for _, b := range bodies {
		buf.WriteString("\n")
		buf.Write(bytes.TrimSpace(b))
		buf.WriteString("\n")
	}
	return buf.Bytes(), nil
}

// renderChunks renders each chunk's declarations, formatted, with the
// given import names.
func renderChunks(p *model.Package, imports []importName, chunks []func(*jen.File)) ([][]byte, error) {
	out := make([][]byte, len(chunks))
	errs := make([]error, len(chunks))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(chunks)) {
		wg.Go(func() {
			for i := range next {
				out[i], errs[i] = renderChunk(p, imports, chunks[i])
			}
		})
	}
	for i := range chunks {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

func renderChunk(p *model.Package, imports []importName, chunk func(*jen.File)) ([]byte, error) {
	f := jen.NewFilePathName(p.Path, p.Name)
	for _, im := range imports {
		f.ImportAlias(im.path, im.name)
	}
	chunk(f)
	var buf bytes.Buffer
	if err := f.Group.RenderWithFile(&buf, f); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// versionGuard makes the file stop compiling when the runtime no longer
// provides the contract it was generated for.
func versionGuard(f *jen.File) {
	f.Comment("If this line fails to compile, this file was generated for another")
	f.Comment("version of the gostage runtime: regenerate it with gostage-gen.")
	f.Const().Id("_").Op("=").Qual(model.StorePath, model.VersionConst)
}
