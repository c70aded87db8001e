package main

// UserConfigKey is declared by hand, as the generated key of User.Config
// would be.
type UserConfigKey struct{ Theme string }

// UserConfig is the common named type of a field: no collision.
type UserConfig struct{ Theme string }

//gostage:keys
type User struct {
	Config UserConfig
	Of     int
	X      int
	XOr    int
	Load   bool
}

// Keys is taken too.
type Keys []string

// A and AB both generate ABCKey.
//
//gostage:keys
type A struct{ BC int }

//gostage:keys
type AB struct{ C int }

func main() {}
