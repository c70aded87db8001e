package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/gostage/gostage/generator"
	"github.com/gostage/gostage/generator/model"
)

// Exit statuses.
const (
	exitOK    = 0
	exitInput = 1 // problems in the input, or stale files under -check
	exitUsage = 2
)

// subcommands are run by their name as first argument; generating is the
// default when the first argument is not one of them.
var subcommands = map[string]func(args []string, stdout, stderr io.Writer) int{
	"new":   runNew,
	"graph": runGraph,
	"help":  runHelp,
}

// runHelp runs gostage-gen help [command]: the usage of the command, or
// of gostage-gen, on stdout.
func runHelp(args []string, stdout, stderr io.Writer) int {
	if len(args) > 1 {
		fmt.Fprintln(stderr, "usage: gostage-gen help [new | graph]")
		return exitUsage
	}
	topic := ""
	if len(args) == 1 {
		topic = args[0]
	}
	switch topic {
	case "":
		return runGenerate([]string{"-h"}, stdout, stderr)
	case "new":
		return runNew([]string{"-h"}, stdout, stderr)
	case "graph":
		return runGraph([]string{"-h"}, stdout, stderr)
	}
	fmt.Fprintf(stderr, "gostage-gen help: unknown command %q (expected new or graph)\n", topic)
	return exitUsage
}

// Run runs gostage-gen with args (without the program name) and returns
// its exit status.
func Run(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		if cmd, ok := subcommands[args[0]]; ok {
			return cmd(args[1:], stdout, stderr)
		}
	}
	return runGenerate(args, stdout, stderr)
}

// genFlags are the flags of the default command.
type genFlags struct {
	output string
	tags   string
	check  bool
}

// genUsage is the usage of the default command, which the flags follow.
const genUsage = `usage: gostage-gen [-output file] [-tags t1,t2] [-check] [packages]
       gostage-gen new action NAME [-reads keys] [-writes keys] [-dir D]
       gostage-gen graph [-tags t1,t2] [packages]
       gostage-gen help [new | graph]

Generates typed store accessors for the //gostage:keys groups, and workflow
actions for the //gostage:action types, of each package (the package in the
current directory when none is given).

Directives, in the doc comment of a struct type, no space after //:
  //gostage:keys [prefix=P]
        a key group: each exported field is the key P.snake_case(Field)
  //gostage:action [name=N] [tags=a|b] [reads=KEYS] [writes=KEYS]
        an action, with a Run(ctx *workflow.ActionContext, io <Type>IO)
        error method; several //gostage:action lines add up their reads
        and writes
  KEYS  comma list, spaces after commas allowed, of Group.Field,
        pkg.Group.Field (a package the file imports) or
        importpath.Group.Field (no import needed)

Field tag of a key, options separated by commas:
  gostage:"key=NAME,ttl=DURATION,tags=a|b,default=VALUE"   or  gostage:"-"
  DURATION  with its unit: 30s, 10m, 1h30m
  VALUE     a literal of the field's type (new, 42, true, 30s), a constant
            (StatusNew, pkg.Name), or a Go string in quotes ("a, b")

Flags:
`

// parseFlags parses the flags of the default command and returns them
// with the package patterns; the flags are nil when the command ends
// there, with the exit status.
func parseFlags(args []string, stdout, stderr io.Writer) (*genFlags, []string, int) {
	fs := newFlagSet("gostage-gen", genUsage, stderr)
	var f genFlags
	fs.StringVar(&f.output, "output", generator.DefaultOutput, "base name of the generated file in each package")
	fs.StringVar(&f.tags, "tags", "", "comma-separated build tags to load packages with")
	fs.BoolVar(&f.check, "check", false, "write nothing; exit 1 naming each stale or missing generated file")
	if code, done := parse(fs, args, stdout); done {
		return nil, nil, code
	}
	if f.output == "" || filepath.Base(f.output) != f.output || !strings.HasSuffix(f.output, ".go") {
		fmt.Fprintf(stderr, "gostage-gen: -output %q: want a .go file name without a directory\n", f.output)
		return nil, nil, exitUsage
	}
	return &f, fs.Args(), -1
}

// parse parses args with fs, whose output is stderr. done is set when the
// command ends there, with the exit status: 0 after -h, whose usage goes
// to stdout since it was asked for, and 2 for bad flags, whose usage goes
// to stderr after the flag package's message.
func parse(fs *flag.FlagSet, args []string, stdout io.Writer) (code int, done bool) {
	// The flag package prints the usage itself, to stderr, before it
	// returns ErrHelp; it is printed here instead, once, where it belongs.
	usage := fs.Usage
	fs.Usage = func() {}
	err := fs.Parse(args)
	fs.Usage = usage
	switch {
	case err == nil:
		return exitOK, false
	case errors.Is(err, flag.ErrHelp):
		fs.SetOutput(stdout)
		usage()
		return exitOK, true
	}
	usage()
	return exitUsage, true
}

// newFlagSet returns the flag set of a command, which reports to stderr,
// and whose usage is text followed by the flags.
func newFlagSet(name, text string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), text)
		fs.PrintDefaults()
	}
	return fs
}

func runGenerate(args []string, stdout, stderr io.Writer) int {
	f, patterns, code := parseFlags(args, stdout, stderr)
	if f == nil {
		return code
	}
	opts := generator.Options{Output: f.output, Tags: list(f.tags)}
	results, err := generator.Generate(context.Background(), opts, patterns...)
	if err != nil {
		fmt.Fprintf(stderr, "gostage-gen: %v\n", err)
		return exitInput
	}
	if diags := generator.Diagnostics(results); len(diags) > 0 {
		printDiagnostics(stderr, diags)
		return exitInput
	}
	if f.check {
		return check(results, stderr)
	}
	if _, err := generator.Commit(results); err != nil {
		fmt.Fprintf(stderr, "gostage-gen: %v\n", err)
		return exitInput
	}
	return exitOK
}

// printDiagnostics prints one line a problem, file:line:col: message.
func printDiagnostics(stderr io.Writer, diags []model.Diagnostic) {
	for _, d := range diags {
		if d.Pos.Filename == "" {
			// A problem of the run rather than of a file, such as a
			// pattern that matches nothing.
			fmt.Fprintf(stderr, "gostage-gen: %s\n", d.Message)
			continue
		}
		fmt.Fprintln(stderr, d)
	}
}

// check names every stale or missing generated file.
func check(results []generator.Result, stderr io.Writer) int {
	stale := generator.Stale(results)
	for _, r := range stale {
		fmt.Fprintf(stderr, "%s: stale or missing generated file: run gostage-gen\n", displayPath(r.OutputPath))
	}
	if len(stale) > 0 {
		return exitInput
	}
	return exitOK
}

// displayPath returns path relative to the current directory when it is
// below it.
func displayPath(path string) string {
	wd, err := os.Getwd()
	if err != nil {
		return path
	}
	if rel, err := filepath.Rel(wd, path); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return path
}
