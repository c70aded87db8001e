package d

import "github.com/gostage/gostage/runtime/store"

// The type of ext.where is of a package d does not know: the call is not
// judged, and the fix only spells the key through the accessor.
func where(s *store.KVStore) error {
	return s.Put("ext.where", "here") // want `"ext.where" has a typed accessor: extkeys.ExtWhereKey`
}
