// Package place declares a type that a key of extkeys has, and that the
// legacy package d does not know.
package place

// Spot is somewhere.
type Spot struct{ X, Y int }
