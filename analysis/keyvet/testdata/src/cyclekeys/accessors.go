package cyclekeys // want package:"keys cycle.step=CycleStep:int"

import "github.com/gostage/gostage/runtime/store"

// The accessor gostage-gen generates for Cycle, written out by hand.
var CycleStep = store.NewKey[int]("cycle.step")
