package extkeys // want package:"keys ext.where=ExtWhereKey:place.Spot"

import (
	"github.com/gostage/gostage/runtime/store"

	"keyvettest/place"
)

// The accessor gostage-gen generates for Ext, written out by hand.
var ExtWhereKey = store.NewKey[place.Spot]("ext.where")
