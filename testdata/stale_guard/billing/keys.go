// Package billing declares keys that an action of another package uses.
package billing

// Invoice is the state of one invoice. guard_test.go changes its fields
// and regenerates this package alone.
//
//gostage:keys
type Invoice struct {
	Amount int64
}
