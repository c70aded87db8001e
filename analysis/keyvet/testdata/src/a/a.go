package a

import (
	"fmt"
	"time"

	"github.com/gostage/gostage/runtime/store"
	"github.com/gostage/gostage/runtime/workflow"

	"keyvettest/consts"
	"keyvettest/orderkeys"
	"keyvettest/userkeys"
	"keyvettest/wrap"
)

var _ = userkeys.UserIDKey
var _ orderkeys.Order

const idKey = "user.id"

const nameKey string = "user.name"

func reads(s *store.KVStore) {
	id, err := store.Get[int](s, "user.id") // want `"user.id" has a typed accessor: userkeys.UserIDKey`
	fmt.Println(id, err)
	name, err := store.GetOrDefault(s, "user.name", "anonymous") // want `"user.name" has a typed accessor: userkeys.UserNameKey`
	fmt.Println(name, err)
	cfg, err := store.GetOrDefault[userkeys.Settings](s, "user.cfg", userkeys.Settings{}) // want `"user.cfg" has a typed accessor: userkeys.UserConfigKey`
	fmt.Println(cfg, err)
	// The key has a default, which Key.Get would return for a missing key.
	status, err := store.Get[string](s, "user.status") // want `"user.status" has a typed accessor: userkeys.UserStatusKey`
	fmt.Println(status, err)
	// An interface type argument reads any value: not a mismatch, but not
	// the accessor's type either.
	anything, err := store.Get[any](s, idKey) // want `"user.id" has a typed accessor: userkeys.UserIDKey`
	fmt.Println(anything, err)
}

func writes(s *store.KVStore, roles []string, owner fmt.Stringer, v any, md *store.Metadata) {
	_ = s.Put("user.id", 42)                   // want `"user.id" has a typed accessor: userkeys.UserIDKey`
	err := s.Put(nameKey, "ada")               // want `"user.name" has a typed accessor: userkeys.UserNameKey`
	_ = s.Put("user.cfg", userkeys.Settings{}) // want `"user.cfg" has a typed accessor: userkeys.UserConfigKey`
	_ = s.Put("user.owner", owner)             // want `"user.owner" has a typed accessor: userkeys.UserOwnerKey`
	_ = s.Put("user.owner", time.Second)       // want `"user.owner" has a typed accessor: userkeys.UserOwnerKey`
	fmt.Println(err)
	// The key declares a TTL, which Key.Put would apply.
	_ = s.Put("user.roles", roles) // want `"user.roles" has a typed accessor: userkeys.UserRolesKey`
	// The declared TTL: Key.Put does the same.
	_ = s.PutWithTTL("user.roles", roles, 10*time.Minute) // want `"user.roles" has a typed accessor: userkeys.UserRolesKey`
	// Another TTL, metadata, a value of unknown type, nil for a slice
	// (Key.Put would store a typed nil): no method does the same.
	_ = s.PutWithTTL("user.roles", roles, 5*time.Minute)       // want `"user.roles" has a typed accessor: userkeys.UserRolesKey`
	_ = s.PutWithMetadata("user.id", 7, md)                    // want `"user.id" has a typed accessor: userkeys.UserIDKey`
	_ = s.PutWithTTLAndMetadata("user.id", 7, time.Minute, md) // want `"user.id" has a typed accessor: userkeys.UserIDKey`
	_ = s.PutWithTTL("user.roles", nil, 10*time.Minute)        // want `"user.roles" has a typed accessor: userkeys.UserRolesKey`
	_ = s.Put("user.id", v)                                    // want `"user.id" has a typed accessor: userkeys.UserIDKey`
	_ = s.Put("user.owner", nil)                               // want `"user.owner" has a typed accessor: userkeys.UserOwnerKey`
	if s.Has(nameKey) && s.Delete(consts.StatusKey) {          // want `"user.name" has a typed accessor: userkeys.UserNameKey` `"user.status" has a typed accessor: userkeys.UserStatusKey`
		fmt.Println("deleted")
	}
}

func mismatches(s *store.KVStore) {
	_, _ = store.Get[string](s, "user.id")             // want `user.id holds int, not string`
	_, _ = store.GetOrDefault(s, "user.id", 1.5)       // want `user.id holds int, not float64`
	_, _ = store.Get[int64](s, idKey)                  // want `user.id holds int, not int64`
	_ = s.Put("user.id", "42")                         // want `user.id holds int, not string`
	_ = s.PutWithTTL("user.roles", "admin", time.Hour) // want `user.roles holds \[\]string, not string`
	_ = s.Put("user.owner", 5)                         // want `user.owner holds fmt.Stringer, not int`
	_ = s.Put("user.cfg", nil)                         // want `user.cfg holds userkeys.Settings, not nil`
	_ = s.Put("user.cfg", &userkeys.Settings{})        // want `user.cfg holds userkeys.Settings, not \*userkeys.Settings`
	_, _ = store.Get[float64](s, "order.total")        // want `"order.total" is declared by orderkeys.Order.Total, but its accessor orderkeys.OrderTotalKey is not generated yet: run gostage-gen`
	_ = s.Put("order.total", 3)                        // want `order.total holds float64, not int`
}

func typos(s *store.KVStore) {
	_, _ = store.Get[int](s, "user.idd") // want `"user.idd" is not a declared key: did you mean "user.id"\?`
	_ = s.Delete("user.nmae")            // want `"user.nmae" is not a declared key: did you mean "user.name"\?`
	_ = s.Has("order.totals")            // want `"order.totals" is not a declared key: did you mean "order.total"\?`
	_ = s.Has("User.ID")                 // want `"User.ID" is not a declared key: did you mean "user.id"\?`
	_ = s.Has("user.di")                 // want `"user.di" is not a declared key: did you mean "user.id"\?`
}

func undeclared(s *store.KVStore, key string) {
	_ = s.Put("session.token", "abc")
	_, _ = store.Get[int](s, "user.identity")
	_ = s.Put(key, 1)
	_ = s.Put("user."+key, 1)
	_ = s.Put("user.id"+"", 1) // want `"user.id" has a typed accessor: userkeys.UserIDKey`
	_ = s.Count()
}

func notGenerated(s *store.KVStore) {
	_ = s.Put("order.total", 9.5) // want `"order.total" is declared by orderkeys.Order.Total, but its accessor orderkeys.OrderTotalKey is not generated yet: run gostage-gen`
}

// holder reaches the store through an embedded field.
type holder struct{ *store.KVStore }

// local keeps a store by value.
type local struct{ kv store.KVStore }

func receivers(ctx *workflow.ActionContext, wf *workflow.Workflow, h holder, l *local, s *store.KVStore) {
	_ = ctx.Store().Put("user.id", 1)             // want `"user.id" has a typed accessor: userkeys.UserIDKey`
	_, _ = store.Get[int](ctx.Store(), "user.id") // want `"user.id" has a typed accessor: userkeys.UserIDKey`
	_ = wf.Store.Delete("user.id")                // want `"user.id" has a typed accessor: userkeys.UserIDKey`
	_ = h.Put("user.id", 2)                       // want `"user.id" has a typed accessor: userkeys.UserIDKey`
	_ = l.kv.Put("user.id", 3)                    // want `"user.id" has a typed accessor: userkeys.UserIDKey`
	_ = (*store.KVStore).Delete(s, "user.id")     // want `"user.id" has a typed accessor: userkeys.UserIDKey`
}

// The store is promoted through a field this package cannot name: the
// call stays, and only the key is spelled through the accessor.
func unexportedPath(w wrap.State) {
	_ = w.Put("user.id", 4) // want `"user.id" has a typed accessor: userkeys.UserIDKey`
}

func shadowed(s *store.KVStore) {
	userkeys := "a local that hides the package"
	_ = userkeys
	_ = s.Delete("user.id") // want `"user.id" has a typed accessor: userkeys.UserIDKey`
}

// In generic code the type argument is not known: no mismatch, and the
// key is spelled through the accessor.
func generic[T any](s *store.KVStore) (T, error) {
	return store.Get[T](s, "user.id") // want `"user.id" has a typed accessor: userkeys.UserIDKey`
}

// A fix leaves the arguments it keeps as written: a call inside them has
// its own fix, and their comments stay.
func nested(s *store.KVStore) {
	_ = s.Put("user.name", fmt.Sprint(s.Has("user.id")))                       // want `"user.name" has a typed accessor: userkeys.UserNameKey` `"user.id" has a typed accessor: userkeys.UserIDKey`
	_, _ = store.GetOrDefault(s, "user.name", fmt.Sprint(s.Delete("user.id"))) // want `"user.name" has a typed accessor: userkeys.UserNameKey` `"user.id" has a typed accessor: userkeys.UserIDKey`
	_ = s.PutWithTTL("user.roles",                                             // want `"user.roles" has a typed accessor: userkeys.UserRolesKey`
		[]string{"admin"}, // the roles
		10*time.Minute,
	)
}
