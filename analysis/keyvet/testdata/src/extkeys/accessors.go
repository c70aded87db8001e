package extkeys // want package:"keys ext.where=ExtWhereKey:place.Spot ext.carrier=ExtCarrierKey:place.Carrier ext.plan=ExtPlanKey:workflow.Contract ext.level=ExtLevelKey:slog.Level"

import (
	"log/slog"

	"github.com/gostage/gostage/runtime/store"
	"github.com/gostage/gostage/runtime/workflow"

	"keyvettest/place"
)

// The accessors gostage-gen generates for Ext, written out by hand.
var (
	ExtWhereKey   = store.NewKey[place.Spot]("ext.where")
	ExtCarrierKey = store.NewKey[place.Carrier]("ext.carrier").WithDefault(place.PostOffice)
	ExtPlanKey    = store.NewKey[workflow.Contract]("ext.plan")
	ExtLevelKey   = store.NewKey[slog.Level]("ext.level").WithDefault(slog.LevelWarn)
)
