// Package billing declares its own key order.id, as a string id, and an
// action that writes it.
package billing

import "github.com/gostage/gostage/runtime/workflow"

// OrderID is an order's id as billing knows it.
type OrderID string

// Order is the order billed.
//
//gostage:keys
type Order struct {
	// ID is the order's id.
	ID OrderID
}

// OpenInvoice opens an invoice for a new order.
//
//gostage:action writes=Order.ID
type OpenInvoice struct{}

func (a *OpenInvoice) Run(ctx *workflow.ActionContext, io OpenInvoiceIO) error {
	return io.SetOrderID("A-17")
}
