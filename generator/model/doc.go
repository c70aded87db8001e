// Package model is the validated, typed description of what a package
// declares for gostage-gen: its key groups (//gostage:keys) and its
// actions (//gostage:action), whose key references resolve against the
// package's groups and those of the packages it imports ([KeyFinder]).
//
// The model is built from syntax and type information only, with no
// loading of its own, so that both the generator (through go/packages) and
// an analysis pass (through analysis.Pass) can build it from what they
// already have. Every problem found is a [Diagnostic] at the position of
// its culprit; reading goes on after a problem, so a run reports all of
// them.
package model
