package keyvet

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// ModuleFingerprint returns a digest of what the analyzer reads from disk
// in the module that holds dir, beyond the package it checks: the imports
// of every package (which decide whether a fix would make a cycle), and
// the files of the packages that declare keys and of the module's
// packages they import (which give the keys and their types). It is ""
// outside a module.
//
// go vet caches a package's findings under a hash of the package, its
// dependencies and the analysis tool's version (-V=full), so without it
// a key added to a package that the checked package does not import
// would not be seen until the package itself changed. gostage-vet puts
// the fingerprint in its version, so that such a change is a new version.
func ModuleFingerprint(dir string) string {
	root := moduleRoot([]string{filepath.Join(dir, "go.mod")})
	if root == "" {
		return ""
	}
	m := readModule(root)
	if m == nil {
		return ""
	}
	h := sha256.New()
	paths := make([]string, 0, len(m.pkgs))
	for p := range m.pkgs {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	for _, p := range paths {
		mp := m.pkgs[p]
		fmt.Fprintf(h, "package %q imports %q tests %q\n", p, mp.imports, mp.testImports)
	}
	for _, p := range m.readPackages() {
		mp := m.pkgs[p]
		for _, name := range mp.goFiles {
			fmt.Fprintf(h, "file %q\n", filepath.ToSlash(filepath.Join(strings.TrimPrefix(p, m.path), name)))
			if f, err := os.Open(filepath.Join(mp.dir, name)); err == nil {
				_, _ = io.Copy(h, f)
				f.Close()
			}
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// readPackages returns, sorted, the paths of the packages whose files
// moduleKeys may read: those that declare keys and the packages of the
// module that they import, directly or not.
func (m *module) readPackages() []string {
	seen := make(map[string]bool)
	var visit func(p string)
	visit = func(p string) {
		mp := m.pkgs[p]
		if mp == nil || seen[p] {
			return
		}
		seen[p] = true
		for _, imp := range mp.imports {
			visit(imp)
		}
	}
	for _, mp := range m.keyPackages {
		visit(mp.path)
	}
	paths := make([]string, 0, len(seen))
	for p := range seen {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	return paths
}
