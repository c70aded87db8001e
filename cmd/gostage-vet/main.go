// Gostage-vet reports store calls that spell a key string for which
// gostage-gen generated a typed accessor, and rewrites them to use it.
//
// Usage:
//
//	gostage-vet [-fix] [-diff] [packages]
//	go vet -vettool=$(which gostage-vet) [packages]
//
// It runs one analyzer, keyvet; `gostage-vet help keyvet` prints its
// documentation, that of package
// github.com/gostage/gostage/analysis/keyvet.
package main

import (
	"golang.org/x/tools/go/analysis/singlechecker"

	"github.com/gostage/gostage/analysis/keyvet"
)

func main() { singlechecker.Main(keyvet.Analyzer) }
