package workflow

// Contract lists the store keys an action reads and writes.
type Contract struct {
	// Reads are the keys the action reads; each must be written by an
	// earlier action or be in the store before the run.
	Reads []string
	// Writes are the keys the action puts, for the actions after it.
	Writes []string
	// Defaults are the keys among Reads that have a declared default: they
	// read as it while missing, so they need no earlier write.
	Defaults []string
}

// Contracted is implemented by actions that declare a contract: every
// action gostage-gen generates, and any hand-written action given a
// Contract method. An action without one may read and write any key; see
// [Validate].
type Contracted interface {
	Contract() Contract
}
