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
// The groups and the catalog take the fast path (fast.go) when it can
// vouch for them, and otherwise the slow path, jennifer and gofmt.
func File(p *model.Package) ([]byte, error) { return file(p, true) }

// file is File, with the fast path or without it: tests compare the two.
func file(p *model.Package, useFast bool) ([]byte, error) {
	imports := importNames(p)
	fast := newFastPath(p, imports)
	param := guardParam(p, imports)
	chunks := []chunk{{decls: versionGuard}}
	for _, g := range p.Groups {
		chunks = append(chunks, chunk{
			decls: func(f *jen.File) {
				f.Add(guardCode(g, param))
				keyVars(f, g)
				view(f, g)
			},
			fast: func() ([]byte, bool) { return fast.group(g, param) },
		})
	}
	if len(p.Groups) > 0 {
		chunks = append(chunks, chunk{
			decls: func(f *jen.File) { catalog(f, p) },
			fast:  func() ([]byte, bool) { return fast.catalog(p) },
		})
	}
	for _, a := range p.Actions {
		chunks = append(chunks, chunk{decls: func(f *jen.File) { action(f, a, p.Path, p.Imported, imports) }})
	}
	if !useFast {
		for i := range chunks {
			chunks[i].fast = nil
		}
	}
	bodies, err := renderChunks(p, imports, chunks)
	if err != nil {
		return nil, fmt.Errorf("emit %s: %w", p.Path, err)
	}
	var buf bytes.Buffer
	buf.Grow(4096 + sumLen(bodies))
	fmt.Fprintf(&buf, "%s\n\npackage %s\n\n", model.Header, p.Name)
	writeImports(&buf, imports)
	for _, b := range bodies {
		buf.WriteString("\n")
		buf.Write(bytes.TrimSpace(b))
		buf.WriteString("\n")
	}
	return buf.Bytes(), nil
}

// sumLen bounds the size of the bodies as File writes them.
func sumLen(bodies [][]byte) int {
	n := 0
	for _, b := range bodies {
		n += len(b) + 2
	}
	return n
}

// A chunk is a run of declarations of the file, rendered and formatted on
// its own. decls writes them as jennifer code, which gofmt then formats:
// the slow path, and the reference. fast, when set, returns the same text
// written from prototypes, or false to leave the chunk to decls.
type chunk struct {
	decls func(*jen.File)
	fast  func() ([]byte, bool)
}

// renderChunks renders each chunk's declarations, formatted, with the
// given import names.
func renderChunks(p *model.Package, imports []importName, chunks []chunk) ([][]byte, error) {
	out := make([][]byte, len(chunks))
	errs := make([]error, len(chunks))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(chunks)) {
		wg.Go(func() {
			for i := range next {
				if c := chunks[i]; c.fast != nil {
					if b, ok := c.fast(); ok {
						out[i] = b
						continue
					}
				}
				out[i], errs[i] = renderChunk(p, imports, chunks[i].decls)
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

func renderChunk(p *model.Package, imports []importName, decls func(*jen.File)) ([]byte, error) {
	f := newFile(p, imports)
	decls(f)
	var buf bytes.Buffer
	if err := f.Group.RenderWithFile(&buf, f); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// newFile returns a jennifer file of p that names the imports as given.
func newFile(p *model.Package, imports []importName) *jen.File {
	f := jen.NewFilePathName(p.Path, p.Name)
	for _, im := range imports {
		f.ImportAlias(im.path, im.name)
	}
	return f
}

// versionGuard makes the file stop compiling when the runtime no longer
// provides the contract it was generated for.
func versionGuard(f *jen.File) {
	f.Comment("If this line fails to compile, this file was generated for another")
	f.Comment("version of the gostage runtime: regenerate it with gostage-gen.")
	f.Const().Id("_").Op("=").Qual(model.StorePath, model.VersionConst)
}
