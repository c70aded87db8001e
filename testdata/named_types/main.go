package main

import (
	"context"
	"fmt"

	"github.com/gostage/gostage/runtime/workflow"
)

func main() {
	wf := workflow.New("orders", "orders", "places an order")
	st := workflow.NewStage("place", "place", "places the order")
	st.AddAction(&PlaceOrder{Items: OrderItems{{SKU: "tea", Qty: 2}}})
	wf.AddStage(st)
	if err := UserProfileKey.Put(wf.Store, UserProfile{Name: "Ada", Email: "ada@example.com"}); err != nil {
		panic(err)
	}
	if err := workflow.NewRunner().Execute(context.Background(), wf); err != nil {
		panic(err)
	}
	order, err := OrderOf(wf.Store).Load()
	if err != nil {
		panic(err)
	}
	fmt.Printf("%+v\n", order)
	var id OrderID
	id, err = OrderIDKey.Get(wf.Store)
	fmt.Println(OrderIDKey.Name(), id, err)
	var status OrderStatus
	status, err = OrderOf(wf.Store).Status()
	fmt.Println(OrderStatusKey.Name(), status, err)
	items := OrderOf(wf.Store).ItemsOr(nil)
	fmt.Println(OrderItemsKey.Name(), items)
	profile, err := UserOf(wf.Store).Profile()
	fmt.Println(UserProfileKey.Name(), profile, err)
}
