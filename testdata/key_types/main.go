package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/gostage/gostage/runtime/workflow"

	"example.com/cases/key_types/billing"
	"example.com/cases/key_types/shipping"
)

// Label prints a shipping label; it reads order.id as shipping declares
// it, as ShipOrder does.
//
//gostage:action reads=shipping.Order.ID
type Label struct{}

func (a *Label) Run(ctx *workflow.ActionContext, io LabelIO) error {
	_, err := io.OrderID()
	return err
}

func main() {
	// billing writes order.id as a string; shipping, and Label, read it as
	// an int: each package alone is sound, the workflow is not.
	mixed := workflow.New("orders", "orders", "")
	bill := workflow.NewStage("bill", "bill", "")
	bill.AddAction(&billing.OpenInvoice{})
	ship := workflow.NewStage("ship", "ship", "")
	ship.AddAction(&shipping.ShipOrder{}, &Label{})
	mixed.AddStage(bill, ship)
	report("mixed", workflow.Validate(mixed))

	// shipping alone, over a store that holds order.id as billing's id.
	held := workflow.New("reship", "reship", "")
	if err := billing.OrderIDKey.Put(held.Store, "A-17"); err != nil {
		panic(err)
	}
	again := workflow.NewStage("ship", "ship", "")
	again.AddAction(&shipping.ShipOrder{}, &Label{})
	held.AddStage(again)
	report("held", workflow.Validate(held))

	// shipping alone, over a store that holds order.id as a number.
	sound := workflow.New("ship", "ship", "")
	if err := shipping.OrderIDKey.Put(sound.Store, 17); err != nil {
		panic(err)
	}
	fine := workflow.NewStage("ship", "ship", "")
	fine.AddAction(&shipping.ShipOrder{}, &Label{})
	sound.AddStage(fine)
	report("sound", workflow.Validate(sound))
}

func report(name string, err error) {
	fmt.Printf("%s: conflict=%v store=%v\n", name,
		errors.Is(err, workflow.ErrKeyTypeConflict), errors.Is(err, workflow.ErrStoredTypeMismatch))
	if err != nil {
		fmt.Println(strings.TrimSpace(err.Error()))
	}
}
