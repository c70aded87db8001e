// Package wrap hides a store behind an unexported embedded field, whose
// methods other packages can call but whose field they cannot name.
package wrap

import "github.com/gostage/gostage/runtime/store"

// State wraps a store.
type State struct{ inner }

type inner struct{ *store.KVStore }

// New returns a State over s.
func New(s *store.KVStore) State { return State{inner{s}} }
