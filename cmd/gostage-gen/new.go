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

// runNew runs gostage-gen new action NAME [-reads refs] [-writes refs]
// [-dir D]: it writes the scaffold of an action and prints its path.
func runNew(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("gostage-gen new action", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var reads, writes, dir, tags string
	fs.StringVar(&reads, "reads", "", "comma-separated keys the action reads: Group.Field, pkg.Group.Field or importpath.Group.Field")
	fs.StringVar(&writes, "writes", "", "comma-separated keys the action writes, as for -reads")
	fs.StringVar(&dir, "dir", ".", "directory of the package to add the action to")
	fs.StringVar(&tags, "tags", "", "comma-separated build tags to load the package with")
	fs.Usage = func() { newUsage(fs) }
	if len(args) == 0 || args[0] != "action" {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "-help" || args[0] == "--help") {
			fs.SetOutput(stdout)
			newUsage(fs)
			return exitOK
		}
		newUsage(fs)
		return exitUsage
	}
	// Flags may come before NAME or after it.
	var name string
	rest := args[1:]
	for {
		if code, done := parse(fs, rest, stdout); done {
			return code
		}
		if fs.NArg() == 0 {
			break
		}
		if name != "" {
			fmt.Fprintf(stderr, "gostage-gen new action: unexpected argument %q\n", fs.Arg(0))
			return exitUsage
		}
		name, rest = fs.Arg(0), fs.Args()[1:]
	}
	if name == "" {
		fmt.Fprintln(stderr, "gostage-gen new action: missing NAME")
		newUsage(fs)
		return exitUsage
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

func newUsage(fs *flag.FlagSet) {
	w := fs.Output()
	fmt.Fprintln(w, "usage: gostage-gen new action NAME [-reads keys] [-writes keys] [-dir D]")
	fmt.Fprintln(w, "\nWrites NAME's scaffold, snake_name.go in D: the //gostage:action directive,")
	fmt.Fprintln(w, "the struct and a Run stub, once. It never overwrites an existing file.")
	fmt.Fprintln(w)
	fs.PrintDefaults()
}
