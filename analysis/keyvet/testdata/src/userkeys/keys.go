package userkeys // want package:"keys user.id=UserIDKey:int user.name=UserNameKey:string user.roles=UserRolesKey:\\[\\]string user.cfg=UserConfigKey:userkeys.Settings user.status=UserStatusKey:string user.owner=UserOwnerKey:fmt.Stringer"

import "fmt"

// User is the state of one user's lifecycle.
//
//gostage:keys prefix=user
type User struct {
	// ID is the user's numeric id.
	ID     int
	Name   string
	Roles  []string     `gostage:"ttl=10m,tags=auth|pii"`
	Config Settings     `gostage:"key=user.cfg"`
	Status string       `gostage:"default=pending"`
	Owner  fmt.Stringer // an interface: values of any type implementing it
	Cache  []byte       `gostage:"-"`
}

// Settings is a user's preferences.
type Settings struct{ Theme string }
