package a

import "github.com/gostage/gostage/runtime/store"

// This file does not import userkeys; the package does, so its keys count
// here too, and the fixes add the import.
func count(s *store.KVStore) (int, error) {
	if s.Has("user.id") { // want `"user.id" has a typed accessor: userkeys.UserIDKey`
		return store.Get[int](s, "user.id") // want `"user.id" has a typed accessor: userkeys.UserIDKey`
	}
	return 0, nil
}
