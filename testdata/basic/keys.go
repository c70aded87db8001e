package main

//go:generate gostage-gen

// Settings is a user's settings.
type Settings struct{ Theme string }

// User is the state of one user's lifecycle.
//
//gostage:keys prefix=user
type User struct {
	// ID is the user's numeric id.
	ID     int
	Name   string
	Roles  []string `gostage:"ttl=10m,tags=auth|pii"`
	Config Settings `gostage:"key=user.cfg"`
	Status string   `gostage:"default=pending"`
	Cache  []byte   `gostage:"-"`

	HTTPServer string // HTTPServer is the server the user signed up on.
	internal   int
}
