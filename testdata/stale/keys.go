package main

// User is a user.
//
//gostage:keys
type User struct {
	ID   int
	Name string
}
