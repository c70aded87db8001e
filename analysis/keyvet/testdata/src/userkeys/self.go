package userkeys

import "github.com/gostage/gostage/runtime/store"

// In the package that declares the keys, the accessor needs no qualifier.
func lookup(s *store.KVStore) (int, error) {
	return store.Get[int](s, "user.id") // want `"user.id" has a typed accessor: UserIDKey`
}

func hidden(s *store.KVStore) bool {
	UserIDKey := "shadows the accessor"
	_ = UserIDKey
	return s.Delete("user.id") // want `"user.id" has a typed accessor: UserIDKey`
}

func wrongType(s *store.KVStore) error {
	return s.Put("user.id", "42") // want `user.id holds int, not string`
}
