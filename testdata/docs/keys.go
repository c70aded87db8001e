package main

import (
	"fmt"

	"github.com/gostage/gostage/runtime/workflow"
)

// PaymentState is where a payment is.
type PaymentState string

// PaymentPending is the state of a payment not charged yet.
const PaymentPending PaymentState = "pending"

// Payment is the state of one payment. Every name generated for it links
// back here in its doc, and states the key's TTL, tags and default.
//
//gostage:keys
type Payment struct {
	// State is where the payment is.
	State PaymentState `gostage:"default=PaymentPending,tags=billing|audit,ttl=1h30m"`
	// Amount is in cents.
	Amount int64 `gostage:"ttl=24h,tags=billing"`
}

// ChargePayment charges a pending payment.
//
//gostage:action reads=Payment.State,Payment.Amount writes=Payment.State
type ChargePayment struct{}

func (a *ChargePayment) Run(ctx *workflow.ActionContext, io ChargePaymentIO) error {
	state, err := io.PaymentState()
	if err != nil {
		return err
	}
	if state != PaymentPending {
		return fmt.Errorf("payment is %s", state)
	}
	return io.SetPaymentState("charged")
}
