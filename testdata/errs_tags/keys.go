package main

import "time"

//gostage:keys prefix=t
type T struct {
	A int     `gostage:"tll=1m"`
	B int     `gostage:ttl=1m`
	C int     `gostage:"ttl=soon"`
	D int     `gostage:"ttl=-1s"`
	E int     `gostage:"default=1.5"`
	F uint8   `gostage:"default=300"`
	G []int   `gostage:"default=1"`
	H bool    `gostage:"default=yes"`
	I int     `gostage:"key="`
	J int     `gostage:"key=a'b"`
	K int     `gostage:"key=t.l"`
	L int     `json:"l"`
	M Missing `gostage:"ttl=1m"`
	N int     `gostage:"-,ttl=1m"`
	O int     `gostage:"tags=a||b"`
	P string  `gostage:"ttl=1m,,default=x"`
	time.Duration
}

//gostage:keys prefix=t
type U struct {
	L int
}

//gostage:keys prefix=v
type V struct {
	Q int `gostage:"tags=a,b,c,ttl=1m"`
	R int `gostage:"ttl=24"`
	S int `json:"s" gostgae:"ttl=1m"`
	T int `Gostage:"default=1"`
	W int `json:"w" storage:"x"`
}

func main() {}
