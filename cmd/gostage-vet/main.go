// Gostage-vet reports store calls that spell a key string for which
// gostage-gen generated a typed accessor, and rewrites them to use it.
//
// Usage:
//
//	gostage-vet [-fix] [-diff] [packages]
//	go vet -vettool=$(which gostage-vet) [packages]
//
// It runs one analyzer, keyvet, of package
// github.com/gostage/gostage/analysis/keyvet, whose documentation is the
// manual; `gostage-vet -h` prints it with the flags. The exit status is 0
// when nothing is reported, 3 when something is, and 1 on errors such as
// a package that does not load; with -fix, fixes are applied and the
// diagnostics without a fix are left for a later run.
package main

import (
	"golang.org/x/tools/go/analysis/singlechecker"

	"github.com/gostage/gostage/analysis/keyvet"
)

func main() { singlechecker.Main(keyvet.Analyzer) }
