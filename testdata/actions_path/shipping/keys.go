// Package shipping declares the keys of a shipment, which actions of
// other packages name by import path without importing the package.
package shipping

import "example.com/cases/actions_path/shipping/carriers"

// Shipment is the state of one shipment.
//
//gostage:keys
type Shipment struct {
	// Carrier is who carries the parcel.
	Carrier string `gostage:"default=post"`
	// Tracking is the carrier's tracking number.
	Tracking string
	// Service is the carrier's service; its default is a constant of
	// another package, which the docs of the actions that read it link to.
	Service carriers.Service `gostage:"default=carriers.Standard"`
}
