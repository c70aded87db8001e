package extkeys // want package:"keys ext.where=ExtWhere:place.Spot"

import (
	"github.com/gostage/gostage/runtime/store"

	"keyvettest/place"
)

// The accessor gostage-gen generates for Ext, written out by hand.
var ExtWhere = store.NewKey[place.Spot]("ext.where")
