package main

import "example.com/cases/defaults/units"

// Remote has defaults of named types of another package.
//
//gostage:keys
type Remote struct {
	Deadline units.Deadline `gostage:"default=45s"`
	Grace    units.Grace    `gostage:"default=1500ms"`
	Mode     units.Mode     `gostage:"default=fast"`
}
