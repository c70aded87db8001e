package keyvet

import (
	"bytes"
	"errors"
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"golang.org/x/mod/modfile"
)

// module is what keyvet knows of the main module from its files on disk:
// the imports of every package, to tell when importing a keys package
// would make a cycle, and the parsed files of the packages that declare
// key groups.
//
// It is read from disk, rather than passed as facts, because facts flow
// only from a package to its importers, and legacy code is exactly the
// code that does not import the keys package yet. Reading the module from
// its go.mod down is the same under every driver: go vet runs one process
// per package with nothing but the export data of its imports, and a
// standalone run sees the same files.
type module struct {
	path string // module path
	fset *token.FileSet
	pkgs map[string]*modulePackage // by import path
	// keyPackages are the packages with key groups, by import path.
	keyPackages []*modulePackage
}

// modulePackage is one package directory of the main module.
type modulePackage struct {
	path string
	// imports are the imports of its files; testImports those of its
	// in-package test files, which compile with it when it is tested.
	imports, testImports []string
	// dir and goFiles locate the package's files.
	dir     string
	goFiles []string
	// declaresKeys says a file of the package declares key groups; src
	// then holds the contents of its files, read to find that out,
	// until they are parsed.
	declaresKeys bool
	src          map[string][]byte
	// files are the parsed files, parsed on the first call of
	// sourceFiles: only when a key's declaration needs them. Those of a
	// package that declares keys lack the default= options of their
	// struct tags; defaults holds the position of each field that had
	// one.
	parse    sync.Once
	files    []*ast.File
	defaults map[token.Pos]bool
}

// modules caches the modules read by this process, by root directory: a
// standalone run checks many packages of one module.
var modules sync.Map // string -> *moduleOnce

type moduleOnce struct {
	once sync.Once
	mod  *module
}

// mainModule returns the module that holds the files of pass's package,
// read once per process, or nil when there is none: no go.mod above the
// files, or a module in the module cache, which is a dependency rather
// than code its author can fix.
func mainModule(files []string) *module {
	root := moduleRoot(files)
	if root == "" || strings.Contains(filepath.Base(root), "@") {
		return nil
	}
	v, _ := modules.LoadOrStore(root, new(moduleOnce))
	m := v.(*moduleOnce)
	m.once.Do(func() { m.mod = readModule(root) })
	return m.mod
}

// moduleRoot returns the directory of the go.mod that governs the first
// of files that has one, or "".
func moduleRoot(files []string) string {
	for _, name := range files {
		dir, err := filepath.Abs(filepath.Dir(name))
		if err != nil {
			continue
		}
		for {
			if fi, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil && !fi.IsDir() {
				return dir
			}
			parent := filepath.Dir(dir)
			if parent == dir {
				break
			}
			dir = parent
		}
	}
	return ""
}

// keysDirective is what a file declaring a key group contains; files
// without it are not parsed.
var keysDirective = []byte("gostage:keys")

// readModule reads the packages of the module rooted at root, as the go
// command sees them: directories named testdata or vendor, or starting
// with . or _, and nested modules are not part of it. It returns nil when
// go.mod names no module.
func readModule(root string) *module {
	data, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return nil
	}
	m := &module{path: modfile.ModulePath(data), fset: token.NewFileSet(), pkgs: make(map[string]*modulePackage)}
	if m.path == "" {
		return nil
	}
	_ = filepath.WalkDir(root, func(dir string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil // an unreadable directory is one package less, not a failure
		}
		if dir != root {
			name := d.Name()
			if name == "testdata" || name == "vendor" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") {
				return filepath.SkipDir
			}
			if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
				return filepath.SkipDir
			}
		}
		m.readPackage(root, dir)
		return nil
	})
	for _, p := range m.pkgs {
		if p.declaresKeys {
			m.keyPackages = append(m.keyPackages, p)
		}
	}
	slices.SortFunc(m.keyPackages, func(a, b *modulePackage) int { return strings.Compare(a.path, b.path) })
	return m
}

// readPackage records the package in dir, if there is one.
func (m *module) readPackage(root, dir string) {
	bp, err := build.Default.ImportDir(dir, 0)
	var noGo *build.NoGoError
	if errors.As(err, &noGo) || bp == nil || bp.Name == "" {
		return
	}
	rel, err := filepath.Rel(root, dir)
	if err != nil {
		return
	}
	p := &modulePackage{path: path.Join(m.path, filepath.ToSlash(rel)), dir: dir, goFiles: bp.GoFiles}
	p.imports, p.testImports = bp.Imports, bp.TestImports
	m.pkgs[p.path] = p
	p.src = keySources(dir, bp.GoFiles)
	p.declaresKeys = p.src != nil
}

// parseFiles parses the files names of dir, with their comments. src
// holds the contents already read, by name; the other files are read
// from disk.
func (m *module) parseFiles(dir string, names []string, src map[string][]byte) []*ast.File {
	var files []*ast.File
	for _, name := range names {
		var text any // nil: ParseFile reads the file
		if b, ok := src[name]; ok {
			text = b
		}
		f, err := parser.ParseFile(m.fset, filepath.Join(dir, name), text, parser.ParseComments|parser.SkipObjectResolution)
		if f != nil {
			files = append(files, f)
		}
		_ = err // a syntax error is the compiler's to report; what parsed is read
	}
	return files
}

// sourceFiles returns the parsed files of p, parsed on the first call,
// those of a package that declares keys without their defaults (see
// modulePackage). Passes that run at the same time share them.
func (m *module) sourceFiles(p *modulePackage) []*ast.File {
	p.parse.Do(func() {
		p.files = m.parseFiles(p.dir, p.goFiles, p.src)
		p.src = nil
		if p.declaresKeys {
			p.defaults = stripDefaults(p.files)
		}
	})
	return p.files
}

// keySources returns the contents of the files names of dir that could
// be read, by name, when one of them mentions the //gostage:keys
// directive, and nil otherwise. The files of a package that declares
// keys are then parsed from these, not read a second time.
func keySources(dir string, names []string) map[string][]byte {
	src := make(map[string][]byte, len(names))
	declares := false
	for _, name := range names {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			continue
		}
		src[name] = b
		declares = declares || bytes.Contains(b, keysDirective)
	}
	if !declares {
		return nil
	}
	return src
}

// importChain returns the chain of imports by which package from reaches
// package to within the module, from and to included, or nil when it
// does not. The shortest chain is returned, so that a message naming it
// names the most direct one.
func (m *module) importChain(from, to string) []string {
	parent := map[string]string{from: ""}
	queue := []string{from}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		mp := m.pkgs[p]
		if mp == nil {
			continue
		}
		imports := mp.imports
		if p == from {
			// The tests of the package to import compile with it, so
			// their imports close a cycle too; those of the packages
			// it imports do not.
			imports = append(slices.Clone(imports), mp.testImports...)
		}
		for _, imp := range imports {
			if _, seen := parent[imp]; seen {
				continue
			}
			parent[imp] = p
			if imp == to {
				var chain []string
				for q := to; q != ""; q = parent[q] {
					chain = append(chain, q)
				}
				slices.Reverse(chain)
				return chain
			}
			queue = append(queue, imp)
		}
	}
	return nil
}
