//go:build !unix

package store_test

import "testing"

// cpuTime reports nothing where the process's CPU time is not read.
func cpuTime(*testing.B) func() { return func() {} }
