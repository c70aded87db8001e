package main

import (
	"strings"
	"time"
)

// OrderStatus is where an order is in its life.
type OrderStatus string

// StatusNew is the status of a new order.
const StatusNew OrderStatus = "new"

// Plain is a string constant that is not an OrderStatus.
const Plain = "plain"

// Typed is a typed string constant.
const Typed string = "typed"

// Count is untyped.
const Count = 300

// Limit is a variable, not a constant.
var Limit = 3

// Order has defaults that are wrong in every way gostage-gen catches.
//
//gostage:keys
type Order struct {
	Timeout  time.Duration `gostage:"default=30"`
	Wait     time.Duration `gostage:"default=soon"`
	Status   OrderStatus   `gostage:"default=StatusNeww"`
	Other    OrderStatus   `gostage:"default=Typed"`
	Small    uint8         `gostage:"default=Count"`
	Max      int           `gostage:"default=Limit"`
	Quoted   int           `gostage:"default=\"3\""`
	Single   string        `gostage:"default='new'"`
	Broken   string        `gostage:"default=\"new"`
	Missing  string        `gostage:"default=strings.Nope"`
	Self     OrderStatus   `gostage:"default=main.StatusNew"`
	Untyped  time.Duration `gostage:"default=Count"`
	List     string        `gostage:"default=new, old"`
	Retries  int           `gostage:"default=Coutn"`
	Fine     OrderStatus   `gostage:"default=Plain"`
	Sentence string        `gostage:"default=\"new, old\""`
}

var _ = strings.Contains

// Text shows the hint for a string key that names a variable.
//
//gostage:keys
type Text struct {
	Body     string `gostage:"default=Limit"`
	Spaced   string `gostage:"default=new ,ttl=1m"`
	Unclosed string `gostage:"default=\"new, ttl=1m"`
	Carrier  string `gostage:"default=ship.PostOffice"`
	Host     string `gostage:"default=example.com"`
}
