package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/gostage/gostage/generator"
	"github.com/gostage/gostage/generator/graph"
)

// runGraph runs gostage-gen graph [-tags t1,t2] [packages]: it prints the
// data flow of the packages' actions and keys as a Mermaid flowchart.
func runGraph(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("gostage-gen graph", flag.ContinueOnError)
	fs.SetOutput(stderr)
	tags := fs.String("tags", "", "comma-separated build tags to load packages with")
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprintln(w, "usage: gostage-gen graph [-tags t1,t2] [packages]")
		fmt.Fprintln(w, "\nPrints which action writes and which reads each key, as a Mermaid flowchart")
		fmt.Fprintln(w, "(the package in the current directory when none is given).")
		fmt.Fprintln(w)
		fs.PrintDefaults()
	}
	if code, done := parse(fs, args, stdout); done {
		return code
	}
	opts := generator.Options{Tags: list(*tags)}
	models, diags, err := generator.Models(context.Background(), opts, fs.Args()...)
	if err != nil {
		fmt.Fprintf(stderr, "gostage-gen: %v\n", err)
		return exitInput
	}
	if len(diags) > 0 {
		printDiagnostics(stderr, diags)
		return exitInput
	}
	if err := graph.Mermaid(stdout, models); err != nil {
		fmt.Fprintf(stderr, "gostage-gen: %v\n", err)
		return exitInput
	}
	return exitOK
}
