package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/gostage/gostage/runtime/workflow"
)

func newWorkflow(actions ...workflow.Action) *workflow.Workflow {
	wf := workflow.New("orders", "orders", "")
	st := workflow.NewStage("all", "all", "")
	for _, a := range actions {
		st.AddAction(a)
	}
	wf.AddStage(st)
	return wf
}

func main() {
	place := &PlaceOrder{ID: 7, Items: []string{"tea", "cup"}}
	price := &PriceOrder{Prices: map[string]float64{"tea": 3.5, "cup": 6}}
	ship := &ShipOrder{}
	for _, a := range []interface {
		workflow.Action
		workflow.Contracted
	}{place, price, ship} {
		c := a.Contract()
		fmt.Printf("%s reads %v writes %v tags %v: %q\n", a.Name(), c.Reads, c.Writes, a.Tags(), a.Description())
	}

	good := newWorkflow(place, price, ship)
	fmt.Println("validate good order:", workflow.Validate(good))
	if err := workflow.NewRunner().Execute(context.Background(), good); err != nil {
		panic(err)
	}
	status, err := OrderStatusKey.Get(good.Store)
	fmt.Println("final status:", status, err, "keys:", good.Store.ListKeys())

	bad := newWorkflow(place, ship, price)
	err = workflow.Validate(bad)
	fmt.Println("validate bad order:", errors.Is(err, workflow.ErrUnsatisfiedRead))
	fmt.Println(err)
	err = workflow.NewRunner().Execute(context.Background(), bad)
	fmt.Println("run bad order refused:", errors.Is(err, workflow.ErrUnsatisfiedRead), "store:", bad.Store.ListKeys())
}
