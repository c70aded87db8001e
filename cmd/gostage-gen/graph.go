package main

import (
	"context"
	"fmt"
	"io"

	"github.com/gostage/gostage/generator"
	"github.com/gostage/gostage/generator/graph"
)

// graphUsage is the usage of graph, which the flags follow.
const graphUsage = `usage: gostage-gen graph [-tags t1,t2] [packages]

Prints which action writes and which reads each key, as a Mermaid flowchart
(the package in the current directory when none is given).

`

// runGraph runs gostage-gen graph [-tags t1,t2] [packages]: it prints the
// data flow of the packages' actions and keys as a Mermaid flowchart.
func runGraph(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("gostage-gen graph", graphUsage, stderr)
	tags := fs.String("tags", "", "comma-separated build tags to load packages with")
	if code, done := parse(fs, args, stdout); done {
		return code
	}
	opts := generator.Options{Tags: list(*tags)}
	models, diags, err := generator.Models(context.Background(), opts, "graph", fs.Args()...)
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
