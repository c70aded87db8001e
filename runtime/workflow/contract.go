package workflow

import (
	"fmt"
	"reflect"
)

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
	// Types gives, by key name, the Go type the action reads or writes
	// each key of Reads and Writes as; entries for other keys are not
	// looked at. Generated contracts fill it with [KeyTypes]. A contract
	// without Types says nothing of types, and [Validate] checks only the
	// order of its reads.
	Types map[string]reflect.Type
}

// Contracted is implemented by actions that declare a contract: every
// action gostage-gen generates, and any hand-written action given a
// Contract method. An action without one may read and write any key; see
// [Validate].
type Contracted interface {
	Contract() Contract
}

// TypedKey is a key that knows the Go type of its values, as every
// store.Key does.
type TypedKey interface {
	// Name returns the key's name, the string it is stored under.
	Name() string
	// Type returns the Go type of the key's values.
	Type() reflect.Type
}

// KeyTypes returns the Types of a [Contract] that reads or writes keys:
// each key's name mapped to its type. Generated contracts call it with
// the store.Key variables of their keys:
//
//	Types: workflow.KeyTypes(userkeys.UserIDKey, userkeys.UserStatusKey),
//
// A name given twice must come with one type both times: KeyTypes panics
// on one name with two types, a mistake of the contract's declaration
// that no type in the map could express.
func KeyTypes(keys ...TypedKey) map[string]reflect.Type {
	types := make(map[string]reflect.Type, len(keys))
	for _, k := range keys {
		name, t := k.Name(), k.Type()
		if prev, ok := types[name]; ok && prev != t {
			panic(fmt.Sprintf("workflow: KeyTypes: key %q given as both %s and %s", name, prev, t))
		}
		types[name] = t
	}
	return types
}
