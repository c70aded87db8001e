package main

import (
	htmltemplate "html/template"
	"iter"
	"net/url"
	"sync/atomic"
	texttemplate "text/template"
	"time"
)

// Pair is a generic pair.
type Pair[K comparable, V any] struct {
	Key K
	Val V
}

// Counts is an alias of a map type.
type Counts = map[string]int

// Twin is a generic alias.
type Twin[T comparable] = Pair[T, T]

// Celsius is a named float.
type Celsius float64

// Shape has a method.
type Shape interface{ Area() float64 }

// All holds a key of every kind of type.
//
//gostage:keys prefix=all
type All struct {
	Bool      bool
	Int8      int8
	Uint64    uint64
	Uintptr   uintptr
	Float32   float32
	Complex   complex128
	Rune      rune
	Byte      byte
	Str       string
	Named     Celsius
	Time      time.Time
	URL       *url.URL
	Ptr       *int
	PtrPtr    **string
	Slice     []Celsius
	Array     [3]int
	Map       map[string][]time.Duration
	Chan      chan int
	SendChan  chan<- string
	RecvChan  <-chan []byte
	ChanChan  chan (<-chan int)
	Func      func(a int, rest ...string) (n int, err error)
	FuncPlain func(string) bool
	Iface     interface {
		Shape
		Name() string
	}
	Shape   Shape
	Any     any
	Empty   interface{}
	Err     error
	Generic Pair[string, *url.URL]
	Nested  Pair[int, Pair[bool, Celsius]]
	Seq     iter.Seq[int]
	Atomic  *atomic.Pointer[Celsius]
	Alias   Counts
	Twin    Twin[Celsius]
	Text    *texttemplate.Template
	HTML    *htmltemplate.Template
	Anon    struct {
		X int `json:"x"`
		Celsius
	}
}
