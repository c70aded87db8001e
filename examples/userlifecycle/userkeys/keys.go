// Package userkeys declares the store keys of the user lifecycle. The
// typed accessors in gostage_gen.go are generated from the declarations
// below by gostage-gen.
package userkeys

//go:generate go tool gostage-gen

// UserProfile is who a user is. Named after its field, as Go code
// usually names such types: the generated key is UserProfileKey.
type UserProfile struct {
	ID    int
	Name  string
	Email string
}

// UserStatus is where a user is in the lifecycle.
type UserStatus string

// The statuses of a user.
const (
	StatusPending UserStatus = "pending"
	StatusActive  UserStatus = "active"
)

// User is the state of one user's lifecycle.
//
//gostage:keys prefix=user
type User struct {
	// Profile is the user the workflow creates.
	Profile UserProfile
	// Status is where the user is in the lifecycle. A user never
	// activated reads as pending.
	Status UserStatus `gostage:"default=StatusPending"`
}
