package main

import (
	"go/parser"
	"go/token"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The program builds and runs as it was written for upstream's store,
// and prints what it printed there.
func TestCatalogBuildsAndRuns(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "catalog")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	require.NoError(t, err, "go build: %s", out)

	out, err = exec.Command(bin).CombinedOutput()

	require.NoError(t, err, "%s", out)
	assert.Equal(t, `kettle is featured and kitchen: true
kettle is on sale or featured: true
kettle supplier: acme
mug is kitchen: true
kitchen: product:kettle, product:mug
featured: []
discontinued: [product:kettle]
mug is not a string: store: key "product:mug": type mismatch: holds main.Product, not string
session 42 expired
session 43 not found
promo: 10% off
price update collides on: [product:mug]
price update: 1 new, 1 replaced
product:kettle = {K-1 Kettle 39.9 12}
product:mug = {M-1 Mug 6.9 40}
product:teapot = {T-1 Teapot 24 5}
promo:spring = 10% off
backup: 3 keys, mug at 7.50
`, string(out))
}

// The program uses the store alone, as an upstream program of the store
// package would: its one import outside the standard library is the
// store's, the line a port changes.
func TestCatalogImportsTheStoreAlone(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "main.go", nil, parser.ImportsOnly)
	require.NoError(t, err)
	var outside []string
	for _, imp := range f.Imports {
		path, err := strconv.Unquote(imp.Path.Value)
		require.NoError(t, err)
		if first, _, _ := strings.Cut(path, "/"); strings.Contains(first, ".") {
			outside = append(outside, path)
		}
	}
	assert.Equal(t, []string{"github.com/gostage/gostage/runtime/store"}, outside)
}
