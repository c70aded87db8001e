// Package shipping declares the key order.id too, as a number, and an
// action that reads it.
package shipping

import "github.com/gostage/gostage/runtime/workflow"

// Order is the order shipped.
//
//gostage:keys
type Order struct {
	// ID is the order's number.
	ID int
}

// ShipOrder ships an order.
//
//gostage:action reads=Order.ID
type ShipOrder struct{}

func (a *ShipOrder) Run(ctx *workflow.ActionContext, io ShipOrderIO) error {
	_, err := io.OrderID()
	return err
}
