// Package userkeys declares the keys of a user, for actions of other
// packages.
package userkeys

// Profile is who the user is.
type Profile struct{ Name, Email string }

// Status is where a user is in the lifecycle.
type Status string

// Active is the status of an activated user.
const Active Status = "active"

// User is the state of one user.
//
//gostage:keys prefix=user
type User struct {
	// Profile is the user's profile.
	Profile Profile
	// Status is where the user is.
	Status Status `gostage:"key=user.state,default=pending"`
	// Cache is not a key.
	Cache []byte `gostage:"-"`
}
