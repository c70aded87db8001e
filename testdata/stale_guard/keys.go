package main

// Money is an amount in cents.
type Money int64

// OrderStatus is where an order is in its life.
type OrderStatus string

// Order is the state of one order. guard_test.go changes its fields
// without regenerating, and checks that the build fails first at the
// stale guard of the generated file.
//
//gostage:keys
type Order struct {
	Total  Money
	Status OrderStatus `gostage:"default=new"`
}
