package extkeys

import (
	"log/slog"

	"github.com/gostage/gostage/runtime/workflow"

	"keyvettest/place"
)

// Ext has keys whose types come from packages that d does not import:
// place, of the module, and workflow and slog, of other modules.
//
//gostage:keys
type Ext struct {
	Where   place.Spot
	Carrier place.Carrier `gostage:"default=place.PostOffice"`
	Plan    workflow.Contract
	Level   slog.Level `gostage:"default=slog.LevelWarn"`
}
