package main

import (
	"time"

	ship "example.com/cases/defaults_const/shipping"
)

// OrderStatus is where an order is in its life.
type OrderStatus string

// The statuses of an order.
const (
	StatusNew  OrderStatus = "new"
	StatusPaid OrderStatus = "paid"
)

// DefaultRetries is untyped, and converted where the key's type is needed.
const DefaultRetries = 3

// Comma is an untyped rune, whose conversion an int key keeps.
const Comma = ','

// Unknown is an untyped string, which a string key needs no conversion of.
const Unknown = "unknown"

// PaymentTimeout is a typed duration constant.
const PaymentTimeout = 90 * time.Second

// Order takes its defaults from constants, by name, and from Go string
// literals.
//
//gostage:keys
type Order struct {
	Status   OrderStatus   `gostage:"default=StatusNew"`
	Retries  uint8         `gostage:"default=DefaultRetries"`
	Timeout  time.Duration `gostage:"default=PaymentTimeout"`
	Carrier  ship.Carrier  `gostage:"default=ship.PostOffice"`
	Window   time.Duration `gostage:"default=ship.Window"`
	Parcels  int           `gostage:"default=ship.MaxParcels"`
	Note     string        `gostage:"default=\"StatusNew\""`
	Greeting string        `gostage:"default=\"hello, \\u00e9\""`
	Host     string        `gostage:"default=example.com"`
	Sep      int           `gostage:"default=Comma"`
	Origin   string        `gostage:"default=Unknown"`
}
