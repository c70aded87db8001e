package orderkeys // want package:"keys order.total=OrderTotalKey:float64"

// Order's accessors are not generated: its keys are reported without fixes.
//
//gostage:keys
type Order struct {
	Total float64
}
