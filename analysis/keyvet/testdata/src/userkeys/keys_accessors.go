package userkeys

import (
	"fmt"
	"time"

	"github.com/gostage/gostage/runtime/store"
)

// The accessors gostage-gen generates for User, written out by hand so
// that the fixed code of the tests compiles against them.
var (
	UserID     = store.NewKey[int]("user.id", store.WithDescription("ID is the user's numeric id."))
	UserName   = store.NewKey[string]("user.name")
	UserRoles  = store.NewKey[[]string]("user.roles", store.WithTTL(10*time.Minute), store.WithTags("auth", "pii"))
	UserConfig = store.NewKey[Settings]("user.cfg")
	UserStatus = store.NewKey[string]("user.status").WithDefault("pending")
	UserOwner  = store.NewKey[fmt.Stringer]("user.owner")
)
