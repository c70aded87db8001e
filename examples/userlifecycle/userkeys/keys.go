// Package userkeys declares the store keys of the user lifecycle. The
// typed accessors in gostage_gen.go are generated from the declarations
// below by gostage-gen.
package userkeys

//go:generate go tool gostage-gen

// Profile is who a user is.
type Profile struct {
	ID    int
	Name  string
	Email string
}

// User is the state of one user's lifecycle.
//
//gostage:keys prefix=user
type User struct {
	// Profile is the user the workflow creates.
	Profile Profile
	// Status is where the user is in the lifecycle. A user never
	// activated reads as pending.
	Status string `gostage:"default=pending"`
}
