package main

import (
	"github.com/gostage/gostage/runtime/workflow"
)

//gostage:keys prefix=user
type User struct {
	ID     int
	Status string
	Cache  []byte `gostage:"-"`
}

// NotKeys is a plain struct.
type NotKeys struct{ X int }

// Typos has an unknown option and references that do not resolve.
//
//gostage:action nmae=typos reads=Usr.ID,User.Stat,User.Cache,NotKeys.X writes=userkeys.User.ID,User.ID,User.ID,User.Stats
type Typos struct{}

func (a *Typos) Run(ctx *workflow.ActionContext, io TyposIO) error { return nil }

// NoRun has no Run method.
//
//gostage:action reads=User.ID
type NoRun struct{}

// BadRun has a Run of the wrong signature.
//
//gostage:action reads=User.ID
type BadRun struct{}

func (a *BadRun) Run(ctx *workflow.ActionContext, io *BadRunIO) error { return nil }

// Taken declares what would be generated.
//
//gostage:action name=taken-action writes=User.Status
type Taken struct {
	Tags []string
}

func (a *Taken) Run(ctx *workflow.ActionContext, io TakenIO) error { return nil }

// Name is generated.
func (a *Taken) Name() string { return "mine" }

// TakenIO is generated too.
type TakenIO struct{}

// Again is named like Taken.
//
//gostage:action name=taken-action
type Again struct{}

func (a *Again) Run(ctx *workflow.ActionContext, io AgainIO) error { return nil }

//gostage:action
type NotStruct int

func main() {
	//gostage:action reads=User.ID
	_ = 1
}

// Extended has a method declared on its generated IO type.
//
//gostage:action reads=User.ID
type Extended struct{}

func (a *Extended) Run(ctx *workflow.ActionContext, io ExtendedIO) error { return nil }

func (io ExtendedIO) UserID() int { return 0 }

// Tagged lists its tags the way a directive lists keys.
//
//gostage:action reads=User.ID tags=pay,slow
type Tagged struct{}

func (a *Tagged) Run(ctx *workflow.ActionContext, io TaggedIO) error { return nil }

// Spaced has a space after reads=, which cuts the list off its option.
//
//gostage:action reads= User.ID, User.Status
type Spaced struct{}

func (a *Spaced) Run(ctx *workflow.ActionContext, io SpacedIO) error { return nil }

// Both reads the ID of two groups named User.
//
//gostage:action reads=User.Status, example.com/cases/actions_import/userkeys.User.Status
type Both struct{}

func (a *Both) Run(ctx *workflow.ActionContext, io BothIO) error { return nil }
