package e

import (
	"github.com/gostage/gostage/runtime/store"

	. "keyvettest/userkeys"
)

// A dot import names the accessor unqualified.
func dot(s *store.KVStore) (int, error) {
	_ = UserNameKey
	return store.Get[int](s, "user.id") // want `"user.id" has a typed accessor: UserIDKey`
}
