package main

import (
	"fmt"

	"github.com/gostage/gostage/runtime/store"
)

func main() {
	s := store.NewKVStore()
	order, err := OrderOf(s).Load()
	if err != nil {
		panic(err)
	}
	fmt.Printf("%+v\n", order)
	for _, k := range Keys {
		fmt.Printf("%s %s %T %v\n", k.Name, k.Type, k.Default, k.Default)
	}
}
