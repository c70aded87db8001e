package d

import "github.com/gostage/gostage/runtime/store"

// The types of the ext keys are of packages d does not import. Those of
// the module are read from its files, so the calls are judged against
// them, constants named by a default included.
func where(s *store.KVStore) error {
	_, _ = store.Get[string](s, "ext.carrier") // want `ext.carrier holds place.Carrier, not string`
	_ = s.Delete("ext.carrier")                // want `"ext.carrier" has a typed accessor: extkeys.ExtCarrierKey`
	return s.Put("ext.where", "here")          // want `ext.where holds place.Spot, not string`
}

// The types of ext.plan and ext.level are of packages outside the module
// that d does not know: the calls are not judged, and the fix only spells
// the key through the accessor. That ext.level's default names a constant
// of such a package does not hide the key.
func plan(s *store.KVStore) error {
	_ = s.Put("ext.level", 1)       // want `"ext.level" has a typed accessor: extkeys.ExtLevelKey`
	return s.Put("ext.plan", "all") // want `"ext.plan" has a typed accessor: extkeys.ExtPlanKey`
}
