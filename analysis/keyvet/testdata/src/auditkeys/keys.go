package auditkeys // want package:"keys audit.trail=auditTrailKey:\\[\\]string"

import "github.com/gostage/gostage/runtime/store"

// audit is kept to its package: other packages cannot use its accessors.
//
//gostage:keys
type audit struct {
	Trail []string
}

// auditTrailKey stands for the generated accessor.
var auditTrailKey = store.NewKey[[]string]("audit.trail")

// Trail reads the trail through the accessor, as the package may.
func Trail(s *store.KVStore) ([]string, error) { return auditTrailKey.Get(s) }
