package main

import (
	"context"
	"fmt"

	"github.com/gostage/gostage/runtime/workflow"
)

func main() {
	wf := workflow.New("pay", "pay", "charges a payment")
	st := workflow.NewStage("charge", "charge", "charges the payment")
	st.AddAction(&ChargePayment{})
	wf.AddStage(st)
	if err := PaymentOf(wf.Store).SetAmount(1250); err != nil {
		panic(err)
	}
	if err := workflow.NewRunner().Execute(context.Background(), wf); err != nil {
		panic(err)
	}
	state, err := PaymentOf(wf.Store).State()
	fmt.Println(state, err)
}
