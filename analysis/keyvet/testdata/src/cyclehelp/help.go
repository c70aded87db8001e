// Package cyclehelp stands between cyclekeys and cycleuse.
package cyclehelp

import "keyvettest/cycleuse"

// Name is used by cyclekeys.
var Name = cycleuse.Name
