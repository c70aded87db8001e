package b

import (
	"github.com/gostage/gostage/runtime/store"

	uk "keyvettest/userkeys"
)

// The fix names the accessor as the file imports its package.
func rename(s *store.KVStore) error {
	_ = uk.UserIDKey
	return s.Put("user.name", "ada") // want `"user.name" has a typed accessor: uk.UserNameKey`
}
