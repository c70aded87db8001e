package main

import (
	"fmt"

	"github.com/gostage/gostage/runtime/workflow"
)

// Order is the state of one order.
//
//gostage:keys
type Order struct {
	ID     int
	Items  []string
	Status string
}

// Ship hands an order to the carrier. Its directive is split over two
// lines, with spaces after the commas of its lists; the shipment's keys
// are named by import path, and no file of the package imports shipping.
//
//gostage:action reads=Order.ID, Order.Items tags=shipping|slow
//gostage:action reads=example.com/cases/actions_path/shipping.Shipment.Carrier, example.com/cases/actions_path/shipping.Shipment.Service
//gostage:action writes=Order.Status, example.com/cases/actions_path/shipping.Shipment.Tracking
type Ship struct{}

func (a *Ship) Run(ctx *workflow.ActionContext, io ShipIO) error {
	id, err := io.OrderID()
	if err != nil {
		return err
	}
	items, err := io.OrderItems()
	if err != nil {
		return err
	}
	carrier, err := io.ShipmentCarrier()
	if err != nil {
		return err
	}
	if err := io.SetShipmentTracking(fmt.Sprintf("%s-%d-%d", carrier, id, len(items))); err != nil {
		return err
	}
	return io.SetOrderStatus("shipped")
}

// Notify tells the customer where the parcel is.
//
//gostage:action reads=Order.Status,example.com/cases/actions_path/shipping.Shipment.Tracking, example.com/cases/actions_path/legacy/shipping.Shipment.Label
type Notify struct{}

func (a *Notify) Run(ctx *workflow.ActionContext, io NotifyIO) error {
	status, err := io.OrderStatus()
	if err != nil {
		return err
	}
	tracking, err := io.ShipmentTracking()
	if err != nil {
		return err
	}
	fmt.Println("order", status, "tracking", tracking)
	return nil
}
