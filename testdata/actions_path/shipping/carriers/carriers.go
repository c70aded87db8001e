// Package carriers names the services of carriers, whose constants the
// keys of package shipping take as defaults.
package carriers

// Service is a carrier's service.
type Service string

// Standard is the service a shipment gets unless it asks for another.
const Standard Service = "standard"
