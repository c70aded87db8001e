package extkeys // want package:"keys ext.where=ExtWhereKey:place.Spot ext.carrier=ExtCarrierKey:place.Carrier ext.plan=ExtPlanKey:workflow.Contract"

import (
	"github.com/gostage/gostage/runtime/store"
	"github.com/gostage/gostage/runtime/workflow"

	"keyvettest/place"
)

// The accessors gostage-gen generates for Ext, written out by hand.
var (
	ExtWhereKey   = store.NewKey[place.Spot]("ext.where")
	ExtCarrierKey = store.NewKey[place.Carrier]("ext.carrier").WithDefault(place.PostOffice)
	ExtPlanKey    = store.NewKey[workflow.Contract]("ext.plan")
)
