// Package d does not import the keys: its strings are not checked.
package d

import "github.com/gostage/gostage/runtime/store"

func untouched(s *store.KVStore) {
	_, _ = store.Get[int](s, "user.id")
	_, _ = store.Get[string](s, "user.id")
	_ = s.Delete("user.idd")
}
