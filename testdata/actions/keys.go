package main

// Order is the state of one order.
//
//gostage:keys prefix=order
type Order struct {
	// ID is the order's number.
	ID     int
	Items  []string
	Total  float64
	Status string `gostage:"default=new"`
}
