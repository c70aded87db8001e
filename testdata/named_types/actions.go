package main

import "github.com/gostage/gostage/runtime/workflow"

// PlaceOrder records an order for the user.
//
//gostage:action reads=User.Profile writes=Order.ID,Order.Status,Order.Items
type PlaceOrder struct{ Items OrderItems }

func (a *PlaceOrder) Run(ctx *workflow.ActionContext, io PlaceOrderIO) error {
	if _, err := io.UserProfile(); err != nil {
		return err
	}
	if err := io.SetOrderID(42); err != nil {
		return err
	}
	if err := io.SetOrderItems(a.Items); err != nil {
		return err
	}
	return io.SetOrderStatus("placed")
}
