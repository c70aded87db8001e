package main

import (
	"context"
	"fmt"

	"github.com/gostage/gostage/runtime/workflow"
)

func main() {
	ship, notify := &Ship{}, &Notify{}
	for _, a := range []interface {
		workflow.Action
		workflow.Contracted
	}{ship, notify} {
		c := a.Contract()
		fmt.Printf("%s reads %v writes %v defaults %v tags %v\n", a.Name(), c.Reads, c.Writes, c.Defaults, a.Tags())
	}
	wf := workflow.New("orders", "orders", "")
	if err := OrderOf(wf.Store).Save(Order{ID: 7, Items: []string{"tea", "cup"}, Status: "paid"}); err != nil {
		panic(err)
	}
	st := workflow.NewStage("ship", "ship", "")
	st.AddAction(ship)
	st.AddAction(notify)
	wf.AddStage(st)
	fmt.Println("validate:", workflow.Validate(wf))
	if err := workflow.NewRunner().Execute(context.Background(), wf); err != nil {
		panic(err)
	}
	// Tags returns a new slice each time: changing one changes nothing.
	ship.Tags()[0] = "changed"
	fmt.Println("tags again:", ship.Tags())
}
