// Package shipping declares constants that keys of another package take
// as defaults.
package shipping

import "time"

// Carrier is who ships an order.
type Carrier string

// PostOffice is the carrier unless one is chosen.
const PostOffice Carrier = "post-office"

// Window is how long a shipment may take.
const Window = 72 * time.Hour

// MaxParcels is an untyped constant.
const MaxParcels = 12
