package workflow

// Contract lists the store keys an action reads and writes.
type Contract struct {
	Reads  []string
	Writes []string
}

// Contracted is implemented by actions that declare a contract.
type Contracted interface {
	Contract() Contract
}
