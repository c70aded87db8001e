// Package shipping declares the keys of a shipment, which actions of
// other packages name by import path without importing the package.
package shipping

// Shipment is the state of one shipment.
//
//gostage:keys
type Shipment struct {
	// Carrier is who carries the parcel.
	Carrier string `gostage:"default=post"`
	// Tracking is the carrier's tracking number.
	Tracking string
}
