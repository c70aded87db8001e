// Package auditing reads a key of an unexported group of another package:
// the finding says to export the group, and has no fix.
package auditing

import (
	"github.com/gostage/gostage/runtime/store"

	"keyvettest/auditkeys"
)

var _ = auditkeys.Trail

// Trail reads the audit trail by its string.
func Trail(s *store.KVStore) []string {
	t, _ := store.Get[[]string](s, "audit.trail") // want `"audit.trail" is a key of auditkeys.audit, an unexported key group, whose accessor auditkeys.auditTrailKey other packages cannot use: rename type audit to Audit and run gostage-gen to use it here`
	return t
}
