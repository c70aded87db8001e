package main

import (
	"github.com/gostage/gostage/runtime/workflow"

	"example.com/cases/stale_guard/billing"
)

// Bill invoices the order's total.
//
//gostage:action reads=Order.Total writes=billing.Invoice.Amount
type Bill struct{}

func (a *Bill) Run(ctx *workflow.ActionContext, io BillIO) error {
	total, err := io.OrderTotal()
	if err != nil {
		return err
	}
	ctx.Logger().Debug("billing", "key", billing.InvoiceAmountKey.Name())
	return io.SetInvoiceAmount(int64(total))
}
