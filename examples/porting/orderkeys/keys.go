// Package orderkeys declares the store keys of the order workflow that
// the porting example moves to gostage-gen one action at a time. The
// typed accessors in gostage_gen.go are generated from the declarations
// below by gostage-gen.
package orderkeys

//go:generate go tool gostage-gen

// Item is one line of an order.
type Item struct {
	SKU      string
	Quantity int
	Price    float64
}

// Order is the state of one order.
//
//gostage:keys prefix=order
type Order struct {
	// Items are the lines of the order, in the store before the run.
	Items []Item
	// Total is what the order costs, in euros.
	Total float64
	// Receipt is the payment's reference, once the order is charged.
	Receipt string
}
