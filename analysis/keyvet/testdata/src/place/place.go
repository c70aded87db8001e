// Package place declares types that keys of extkeys have, and that the
// legacy package d does not import.
package place

// Spot is somewhere.
type Spot struct{ X, Y int }

// Carrier is who carries a parcel.
type Carrier string

// PostOffice is the carrier of a parcel unless said otherwise.
const PostOffice Carrier = "post"
