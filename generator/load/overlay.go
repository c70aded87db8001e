package load

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// overlay replaces, for the load, every existing generated file in the
// directories that patterns name by its package clause alone. Patterns
// that are import paths rather than directories get no overlay here: Load
// adds one for the packages they match whose generated file had errors.
func overlay(cfg Config, patterns []string) (map[string][]byte, error) {
	base := cfg.Dir
	if base == "" {
		var err error
		if base, err = os.Getwd(); err != nil {
			return nil, err
		}
	}
	files := make(map[string][]byte)
	for _, p := range patterns {
		if !isDirPattern(p) {
			continue
		}
		dir, recursive := strings.CutSuffix(p, "/...")
		if p == "..." {
			dir, recursive = ".", true
		}
		if !filepath.IsAbs(dir) {
			dir = filepath.Join(base, dir)
		}
		for _, d := range dirs(dir, recursive) {
			addOverlay(files, filepath.Join(d, cfg.Output))
		}
	}
	return files, nil
}

func isDirPattern(p string) bool {
	return p == "." || p == ".." || p == "..." || strings.HasPrefix(p, "./") ||
		strings.HasPrefix(p, "../") || filepath.IsAbs(p)
}

// dirs lists dir, and with recursive every directory under it that the go
// command would look at.
func dirs(dir string, recursive bool) []string {
	if !recursive {
		return []string{dir}
	}
	var out []string
	_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil
		}
		name := d.Name()
		if path != dir && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "testdata" || name == "vendor") {
			return filepath.SkipDir
		}
		out = append(out, path)
		return nil
	})
	return out
}

// addOverlay adds an overlay for the generated file at path, when there
// is one and its package name can be found.
func addOverlay(files map[string][]byte, path string) {
	if _, err := os.Stat(path); err != nil {
		return
	}
	name := packageName(path)
	if name == "" {
		return
	}
	files[path] = []byte("package " + name + "\n")
}

// packageName returns the package of the file at path, or when that file
// is too broken to tell, of another Go file next to it.
func packageName(path string) string {
	fset := token.NewFileSet()
	if f, err := parser.ParseFile(fset, path, nil, parser.PackageClauseOnly); err == nil {
		return f.Name.Name
	}
	others, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "*.go"))
	for _, o := range others {
		if o == path || strings.HasSuffix(o, "_test.go") {
			continue
		}
		if f, err := parser.ParseFile(fset, o, nil, parser.PackageClauseOnly); err == nil {
			return f.Name.Name
		}
	}
	return ""
}
