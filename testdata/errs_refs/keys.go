package main

import "github.com/gostage/gostage/runtime/workflow"

// K has keys with problems of their own.
//
//gostage:keys prefix=k
type K struct {
	A int `gostage:"ttl=1x"`
	B int `gostage:"default=abc"`
	C Missing
	D int `gostage:"tll=1m"`
	E int `gostage:ttl`
	F int
}

// UsesBroken refers to keys whose declarations are reported, and to a
// one-letter field that does not exist.
//
//gostage:action reads=K.A,K.B,K.C,K.D,K.E writes=K.F,K.Z
type UsesBroken struct{}

func (a *UsesBroken) Run(ctx *workflow.ActionContext, io UsesBrokenIO) error { return nil }

func main() {}
