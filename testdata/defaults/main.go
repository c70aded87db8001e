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
	// Save of a literal that sets some fields: the others read as their
	// defaults, not as zero values, and are not stored.
	job := JobOf(s)
	_ = job.SetName("weekly")
	if err := job.Save(Job{}); err != nil {
		panic(err)
	}
	name, _ = job.Name()
	fmt.Println("after Save(Job{}):", name, job.HasName())
	if err := v.Save(Settings{Level: "debug", Verbose: false, Retries: 5}); err != nil {
		panic(err)
	}
	all, err = v.Load()
	fmt.Printf("after Save: %+v %v %v %v\n", all, err, v.HasRetries(), v.HasWait())
	for _, k := range Keys {
		fmt.Printf("%s %s %T %v\n", k.Name, k.Type, k.Default, k.Default)
	}
}

func show(t Timeout, err error) string {
	return fmt.Sprint(int64(t), err)
}
