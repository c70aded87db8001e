package cyclekeys // want package:"keys cycle.step=CycleStepKey:int"

import "github.com/gostage/gostage/runtime/store"

// The accessor gostage-gen generates for Cycle, written out by hand.
var CycleStepKey = store.NewKey[int]("cycle.step")
