package main

import (
	"fmt"

	gostore "github.com/gostage/gostage/runtime/store"
)

func main() {
	s := gostore.NewKVStore()
	if err := JobOf(s).Save(Job{Owner: store{"ops"}, Every: 5}); err != nil {
		panic(err)
	}
	j, err := JobOf(s).Load()
	fmt.Println(j.Owner.name, j.Every, err, errors, time(), Keys[1].TTL)
}
