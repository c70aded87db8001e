package main

// UserConfig is declared by hand, as the generated key of User.Config
// would be.
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

func main() {}
