package userkeys

import (
	"fmt"
	"time"

	"github.com/gostage/gostage/runtime/store"
)

// The accessors gostage-gen generates for User, written out by hand so
// that the fixed code of the tests compiles against them.
var (
	UserIDKey     = store.NewKey[int]("user.id", store.WithDescription("ID is the user's numeric id."))
	UserNameKey   = store.NewKey[string]("user.name")
	UserRolesKey  = store.NewKey[[]string]("user.roles", store.WithTTL(10*time.Minute), store.WithTags("auth", "pii"))
	UserConfigKey = store.NewKey[Settings]("user.cfg")
	UserStatusKey = store.NewKey[string]("user.status").WithDefault("pending")
	UserOwnerKey  = store.NewKey[fmt.Stringer]("user.owner")
)
