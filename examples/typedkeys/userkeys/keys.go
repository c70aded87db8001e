// Package userkeys declares the store keys of a user's lifecycle. The
// typed accessors in gostage_gen.go are generated from the declarations
// below by gostage-gen.
package userkeys

import "time"

//go:generate go tool gostage-gen

// Config is a user's settings.
type Config struct {
	Theme    string
	Language string
}

// Status is where a user is in the lifecycle.
type Status string

// User is the state of one user's lifecycle.
//
//gostage:keys prefix=user
type User struct {
	// ID is the user's numeric id.
	ID int
	// Name is the user's display name.
	Name string
	// Roles are the roles the user was granted.
	Roles []string `gostage:"ttl=10m,tags=auth|pii"`
	// Config holds the user's settings.
	Config Config `gostage:"key=user.cfg"`
	// Status is where the user is in the lifecycle.
	Status Status `gostage:"default=pending"`
	// Cache is scratch space, not stored.
	Cache []byte `gostage:"-"`
}

// Session is what the workflow knows of the current login.
//
//gostage:keys
type Session struct {
	// Token authenticates the session.
	Token string `gostage:"tags=secret"`
	// Timeout ends an idle session.
	Timeout time.Duration `gostage:"default=15m"`
	// StartedAt is when the session began.
	StartedAt time.Time
}
