package e

import (
	"testing"

	"github.com/gostage/gostage/runtime/store"
)

// Test files are checked like any other.
func TestDot(t *testing.T) {
	s := store.NewKVStore()
	_ = s.Put("user.id", 1) // want `"user.id" has a typed accessor: userkeys.UserIDKey`
	if _, err := dot(s); err != nil {
		t.Fatal(err)
	}
}
