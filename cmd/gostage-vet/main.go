// Gostage-vet reports store calls that spell a key string for which
// gostage-gen generated a typed accessor, and rewrites them to use it.
//
// Usage:
//
//	gostage-vet [-fix] [-diff] [packages]
//	go vet -vettool=$(go tool -n gostage-vet) [packages]
//
// It runs one analyzer, keyvet, of package
// github.com/gostage/gostage/analysis/keyvet, whose documentation is the
// manual; `gostage-vet -h` prints it with the flags.
//
// A standalone run is go vet with this command as its analysis tool: it
// runs `go vet -vettool=gostage-vet -json` on the packages, so that both
// report the same findings from the same code, and go vet's cache serves
// both. It then prints the findings as go vet does, one
// `file:line:col: message` per line on stderr with the file relative to
// the current directory, or applies their fixes.
//
// Exit status: 0 when nothing is reported; 3 when something is, and with
// -fix when findings are left that have no fix (they are listed); 1 on
// errors, such as a package that does not build; 2 on bad usage.
package main

import (
	"os"
	"strings"

	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/gostage/gostage/analysis/keyvet"
)

func main() {
	if invokedByGoVet(os.Args[1:]) {
		unitchecker.Main(keyvet.Analyzer) // exits
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// invokedByGoVet reports whether the go command runs the program as its
// analysis tool: it asks for its version (-V=full) and flags (-flags),
// then passes one .cfg file per package.
func invokedByGoVet(args []string) bool {
	if len(args) == 0 {
		return false
	}
	return args[0] == "-V=full" || args[0] == "-flags" || strings.HasSuffix(args[len(args)-1], ".cfg")
}
