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
// both. The version the command gives go vet (-V=full), which that cache
// is keyed by, digests the module's key declarations and imports too, so
// that a key declared, or an import added, in a package the checked one
// does not import is seen by the next run. It then prints the findings as go vet does, one
// `file:line:col: message` per line on stderr with the file relative to
// the current directory, or applies their fixes.
//
// Exit status: 0 when nothing is reported; 3 when something is, and with
// -fix when findings are left that have no fix (they are listed); 1 on
// errors, such as a package that does not build; 2 on bad usage.
package main

import (
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/gostage/gostage/analysis/keyvet"
)

func main() {
	if len(os.Args) == 2 && os.Args[1] == "-V=full" {
		os.Exit(printVersion(os.Stdout, os.Stderr))
	}
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

// printVersion answers go vet's -V=full, which go vet hashes into the key
// under which it caches each package's findings. Besides the executable,
// as unitchecker does, the version digests the module's key declarations
// and import graph (keyvet.ModuleFingerprint of the current directory,
// where go vet runs): findings depend on them without their packages
// being dependencies of the package checked, and a cached finding must
// not outlive a change to them.
func printVersion(stdout, stderr io.Writer) int {
	exe, err := os.Executable()
	if err != nil {
		return fail(stderr, err)
	}
	f, err := os.Open(exe)
	if err != nil {
		return fail(stderr, err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return fail(stderr, err)
	}
	dir, err := os.Getwd()
	if err == nil {
		fmt.Fprintf(h, "module %s\n", keyvet.ModuleFingerprint(dir))
	}
	fmt.Fprintf(stdout, "%s version devel buildID=%x\n", exe, h.Sum(nil))
	return 0
}
