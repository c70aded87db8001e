package main

import (
	"fmt"

	"github.com/gostage/gostage/runtime/store"
)

func main() {
	s := store.NewKVStore()
	v := SettingsOf(s)
	all, err := v.Load()
	if err != nil {
		panic(err)
	}
	fmt.Printf("%+v\n", all)
	fmt.Println(show(v.Timeout()))
	name, _ := JobOf(s).Name()
	fmt.Println(name, JobOf(s).HasName())
	remote, err := RemoteOf(s).Load()
	fmt.Printf("%+v %v\n", remote, err)
	for _, k := range Keys {
		fmt.Printf("%s %s %T %v\n", k.Name, k.Type, k.Default, k.Default)
	}
}

func show(t Timeout, err error) string {
	return fmt.Sprint(int64(t), err)
}
