package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/gostage/gostage/generator/scaffold"
)

// newUsage is the usage of new action, which the flags follow.
const newUsage = `usage: gostage-gen new action NAME [-reads keys] [-writes keys] [-dir D]

Writes NAME's scaffold, snake_name.go in D: the //gostage:action directive,
the struct and a Run stub, once. It never overwrites an existing file.

`

// runNew runs gostage-gen new action NAME [-reads refs] [-writes refs]
// [-dir D]: it writes the scaffold of an action and prints its path.
func runNew(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("gostage-gen new action", newUsage, stderr)
	var reads, writes, dir, tags string
	fs.StringVar(&reads, "reads", "", "comma-separated keys the action reads: Group.Field, pkg.Group.Field or importpath.Group.Field")
	fs.StringVar(&writes, "writes", "", "comma-separated keys the action writes, as for -reads")
	fs.StringVar(&dir, "dir", ".", "directory of the package to add the action to")
	fs.StringVar(&tags, "tags", "", "comma-separated build tags to load the package with")
	if len(args) == 0 || args[0] != "action" {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "-help" || args[0] == "--help") {
			fs.SetOutput(stdout)
			fs.Usage()
			return exitOK
		}
		fs.Usage()
		return exitUsage
	}
	name, code, done := parseName(fs, args[1:], stdout, stderr)
	if done {
		return code
	}
	typeName, err := scaffold.TypeName(name)
	if err != nil {
		fmt.Fprintf(stderr, "gostage-gen new action: %v\n", err)
		return exitUsage
	}
	opts := scaffold.ActionOptions{Dir: dir, TypeName: typeName, Reads: list(reads), Writes: list(writes), Tags: list(tags)}
	path, err := scaffold.Action(context.Background(), opts)
	var exists *scaffold.ExistsError
	if errors.As(err, &exists) {
		fmt.Fprintf(stderr, "gostage-gen new action: %s already exists: not overwritten\n", displayPath(exists.Path))
		return exitInput
	}
	if err != nil {
		for _, line := range strings.Split(err.Error(), "\n") {
			fmt.Fprintf(stderr, "gostage-gen new action: %s\n", line)
		}
		return exitInput
	}
	fmt.Fprintln(stdout, displayPath(path))
	return exitOK
}

// parseName parses the arguments of new action, NAME and the flags, which
// may come before NAME or after it, and returns NAME. done is set when the
// command ends there, with the exit status.
func parseName(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) (name string, code int, done bool) {
	for {
		if code, done := parse(fs, args, stdout); done {
			return "", code, true
		}
		if fs.NArg() == 0 {
			break
		}
		if name != "" {
			fmt.Fprintf(stderr, "gostage-gen new action: unexpected argument %q\n", fs.Arg(0))
			return "", exitUsage, true
		}
		name, args = fs.Arg(0), fs.Args()[1:]
	}
	if name == "" {
		fmt.Fprintln(stderr, "gostage-gen new action: missing NAME")
		fs.Usage()
		return "", exitUsage, true
	}
	return name, exitOK, false
}

// list splits a comma-separated flag value, ignoring spaces around items.
func list(s string) []string {
	var out []string
	for _, item := range strings.Split(s, ",") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}
