// Package d is legacy code: it does not import the keys, which are
// declared elsewhere in the module. Its strings are checked all the same,
// and the fixes add the import.
package d

import "github.com/gostage/gostage/runtime/store"

func legacy(s *store.KVStore) error {
	id, err := store.Get[int](s, "user.id") // want `"user.id" has a typed accessor: userkeys.UserIDKey`
	if err != nil {
		return err
	}
	_, _ = store.Get[string](s, "user.id")                // want `user.id holds int, not string`
	_ = s.Delete("user.idd")                              // want `"user.idd" is not a declared key: did you mean "user.id"\?`
	_ = s.Put("order.total", 1.5)                         // want `"order.total" is declared by orderkeys.Order.Total, but its accessor orderkeys.OrderTotalKey is not generated yet: run gostage-gen`
	_ = s.Put("user.cfg", "dark")                         // want `user.cfg holds userkeys.Settings, not string`
	return s.Put("user.name", "ada"+string(rune('0'+id))) // want `"user.name" has a typed accessor: userkeys.UserNameKey`
}
