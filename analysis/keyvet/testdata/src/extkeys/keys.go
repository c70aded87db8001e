package extkeys

import "keyvettest/place"

// Ext has a key whose type comes from a package that d does not import.
//
//gostage:keys
type Ext struct {
	Where place.Spot
}
