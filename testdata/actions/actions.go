package main

import (
	"errors"
	"fmt"

	"github.com/gostage/gostage/runtime/workflow"
)

// PlaceOrder records a new order.
//
//gostage:action writes=Order.ID,Order.Items
type PlaceOrder struct {
	ID    int
	Items []string
}

func (a *PlaceOrder) Run(ctx *workflow.ActionContext, io PlaceOrderIO) error {
	if err := io.SetOrderID(a.ID); err != nil {
		return err
	}
	return io.SetOrderItems(a.Items)
}

// PriceOrder totals the items of an order.
//
// It knows the price of every item.
//
//gostage:action name=price reads=Order.Items writes=Order.Total,Order.Status
type PriceOrder struct{ Prices map[string]float64 }

func (a *PriceOrder) Run(ctx *workflow.ActionContext, io PriceOrderIO) error {
	items, err := io.OrderItems()
	if err != nil {
		return err
	}
	var total float64
	for _, it := range items {
		p, ok := a.Prices[it]
		if !ok {
			return fmt.Errorf("no price for %s", it)
		}
		total += p
	}
	if err := io.SetOrderTotal(total); err != nil {
		return err
	}
	return io.SetOrderStatus("priced")
}

// ShipOrder ships a priced order.
//
//gostage:action reads=Order.ID,Order.Total,Order.Status writes=Order.Status
type ShipOrder struct{}

// Run is written with a value receiver: the generated methods are on the
// pointer, which has it too.
func (ShipOrder) Run(ctx *workflow.ActionContext, io ShipOrderIO) error {
	status, err := io.OrderStatus()
	if err != nil {
		return err
	}
	if status != "priced" {
		return errors.New("order is " + status + ", not priced")
	}
	id, err := io.OrderID()
	if err != nil {
		return err
	}
	total, err := io.OrderTotal()
	if err != nil {
		return err
	}
	ctx.Logger().Info("shipping", "id", id)
	fmt.Printf("shipping order %d worth %.2f\n", id, total)
	return io.SetOrderStatus("shipped")
}
