// Command typedkeys shows a workflow store read and written through the
// accessors gostage-gen generated for package userkeys: no key string and
// no type argument at any call site.
package main

import (
	"fmt"
	"log"

	"github.com/gostage/gostage/examples/typedkeys/userkeys"
	"github.com/gostage/gostage/runtime/store"
)

func main() {
	s := store.NewKVStore()
	user := userkeys.UserOf(s)

	must(user.SetID(42))
	must(user.SetName("Ada"))
	must(user.SetRoles([]string{"admin", "dev"}))

	id, err := user.ID()
	must(err)
	status, err := user.Status() // not set: reads as its declared default
	must(err)
	fmt.Printf("user %d status %s (set: %v)\n", id, status, user.HasStatus())

	// The store.Key variables work on their own, too.
	must(userkeys.UserStatusKey.Put(s, "active"))
	fmt.Println("status now:", user.StatusOr("unknown"))

	u, err := user.Load()
	fmt.Printf("loaded %s with roles %v (missing keys: %v)\n", u.Name, u.Roles, err != nil)

	md, err := s.GetMetadata(userkeys.UserRolesKey.Name())
	must(err)
	fmt.Println("roles tags:", md.Tags)

	timeout, err := userkeys.SessionOf(s).Timeout()
	must(err)
	fmt.Println("session timeout:", timeout)

	for _, k := range userkeys.Keys {
		fmt.Printf("%-20s %-15s %s\n", k.Name, k.Type, k.Description)
	}
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
