// Package shipping is an older package of shipment keys, of the same name
// as the newer one: the generated file of an action that uses both
// renames one import, and its doc links name that package by path.
package shipping

// Shipment is the state of one shipment, as the older code kept it.
//
//gostage:keys prefix=legacy_shipment
type Shipment struct {
	// Label is the text printed on the parcel.
	Label string `gostage:"default=none"`
}
