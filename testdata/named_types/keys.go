package main

// The usual Go way: a named type for each field that needs one, named
// after its group and field. The generated key variables end in Key, so
// none of these collide with them.

// OrderID identifies an order.
type OrderID int64

// OrderStatus is where an order is in its life.
type OrderStatus string

// LineItem is one line of an order.
type LineItem struct {
	SKU string
	Qty int
}

// OrderItems are the lines of an order.
type OrderItems []LineItem

// Order is the state of one order.
//
//gostage:keys
type Order struct {
	ID     OrderID
	Status OrderStatus
	Items  OrderItems
}

// UserProfile is what a user tells about themselves.
type UserProfile struct {
	Name  string
	Email string
}

// User is the state of one user.
//
//gostage:keys
type User struct {
	Profile UserProfile
}
