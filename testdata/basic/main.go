package main

import (
	"errors"
	"fmt"

	"github.com/gostage/gostage/runtime/store"
)

func main() {
	s := store.NewKVStore()
	v := UserOf(s)
	check(v.SetID(42))
	id, err := v.ID()
	check(err)
	status, err := v.Status()
	check(err)
	fmt.Println("id", id, "status", status, "has status", v.HasStatus())
	fmt.Println("name or", v.NameOr("nobody"), "has name", v.HasName())
	check(v.SetRoles([]string{"admin"}))
	md, err := s.GetMetadata("user.roles")
	check(err)
	fmt.Println("roles tags", md.Tags, "description", md.Description)
	fmt.Println("delete id", v.DeleteID(), v.DeleteID())
	_, err = v.ID()
	fmt.Println("id missing:", errors.Is(err, store.ErrNotFound))

	check(v.Save(User{ID: 7, Name: "Ada", Roles: []string{"dev"}, Config: Settings{"dark"}, Status: "active", HTTPServer: "eu"}))
	u, err := v.Load()
	check(err)
	fmt.Printf("%+v\n", u)
	fmt.Println(UserIDKey.Name(), UserConfigKey.Name(), UserHTTPServerKey.Name(), UserRolesKey.TTL())
	for _, k := range Keys {
		fmt.Printf("%s %s %v %v %v %q\n", k.Name, k.Type, k.Tags, k.TTL, k.Default, k.Description)
	}
	_ = User{}.internal
}

func check(err error) {
	if err != nil {
		panic(err)
	}
}
