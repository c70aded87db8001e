package main

import (
	"context"
	"fmt"

	"github.com/gostage/gostage/runtime/workflow"
)

// main names no field of Order, so that it builds whatever guard_test.go
// makes of Order once the file is regenerated.
func main() {
	wf := workflow.New("bill", "bill", "bills an order")
	st := workflow.NewStage("bill", "bill", "bills the order")
	st.AddAction(&Bill{})
	wf.AddStage(st)
	err := workflow.NewRunner().Execute(context.Background(), wf)
	fmt.Println(err)
	order, err := OrderOf(wf.Store).Load()
	fmt.Printf("%+v %v\n", order, err)
}
