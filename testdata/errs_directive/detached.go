package main

import "github.com/gostage/gostage/runtime/workflow"

// Detached is cut off from its directive by a blank line, which makes the
// directive a comment of its own.
//
//gostage:keys

type Detached struct{ X int }

// UseDetached reads a key of the group whose declaration failed, which
// adds no line of its own.
//
//gostage:action reads=Detached.X
type UseDetached struct{}

// Run does nothing.
func (a *UseDetached) Run(ctx *workflow.ActionContext, io UseDetachedIO) error { return nil }
