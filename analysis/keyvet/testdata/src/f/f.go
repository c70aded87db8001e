// Package f imports the keys only to have them checked; the first fix
// turns the blank import into one the accessors can be used through.
package f

import (
	"github.com/gostage/gostage/runtime/store"

	_ "keyvettest/userkeys"
)

func optIn(s *store.KVStore) error {
	return s.Put("user.name", "ada") // want `"user.name" has a typed accessor: userkeys.UserNameKey`
}
