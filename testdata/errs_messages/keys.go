package orders

import (
	"time"

	"github.com/gostage/gostage/runtime/workflow"
)

// Money is an amount in cents.
type Money int64

// Order is the state of one order.
//
//gostage:keys
type Order struct {
	Total   Mony
	Expires time.Time `gostage:"ttl:24h"`
	Paid    bool      `gostage:"ttl=24h tags=pay"`
	Items   []string
	Note    string `gostage:"tags=a, ttl=1h"`
}

// OrderState is a plain struct.
type OrderState struct{ Items []string }

// Check names its own package, a plain struct, and puts a comma where
// a space goes.
//
//gostage:action reads=orders.Order.Items, OrderState.Items, Ordr.Items writes=Order.Note,tags=x
type Check struct{}

func (a *Check) Run(ctx *workflow.ActionContext, io CheckIO) error { return nil }

// Twice gives name twice over two lines, and bad tags.
//
//gostage:action name=twice reads=Order.Items
//gostage:action name=again tags=a||b
//gostage:action reads=Order.Note writes=Order.Items
type Twice struct{}

func (a *Twice) Run(ctx *workflow.ActionContext, io TwiceIO) error { return nil }
