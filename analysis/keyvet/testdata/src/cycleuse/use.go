// Package cycleuse spells a key of cyclekeys, which imports it through
// cyclehelp: importing cyclekeys here would make a cycle, so the finding
// has no fix and says why.
package cycleuse

import "github.com/gostage/gostage/runtime/store"

// Name is used by cyclehelp.
const Name = "cycleuse"

func step(s *store.KVStore) error {
	return s.Put("cycle.step", 1) // want `"cycle.step" has a typed accessor: cyclekeys.CycleStepKey; no fix: importing keyvettest/cyclekeys would make an import cycle \(keyvettest/cyclekeys -> keyvettest/cyclehelp -> keyvettest/cycleuse\)`
}
