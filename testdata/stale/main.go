package main

import (
	"fmt"

	"github.com/gostage/gostage/runtime/store"
)

// main refers to names that the broken generated file next to it does not
// declare: generation must go on regardless.
func main() {
	s := store.NewKVStore()
	u := UserOf(s)
	if err := u.SetName("Ada"); err != nil {
		panic(err)
	}
	fmt.Println(u.NameOr(""), UserNameKey.Name())
}
