package cyclekeys

import "keyvettest/cyclehelp"

// Cycle's package imports, through cyclehelp, the package that spells its
// key: that package cannot import this one.
//
//gostage:keys
type Cycle struct {
	Step int
}

var _ = cyclehelp.Name
