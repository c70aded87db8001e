// Package units declares types that keys of another package have
// defaults of.
package units

import stdtime "time"

// Deadline is a duration, under a renamed import of package time.
type Deadline stdtime.Duration

// Grace is declared over Deadline.
type Grace Deadline

// Mode is a named string.
type Mode string
