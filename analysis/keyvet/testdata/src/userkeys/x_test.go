package userkeys_test

import (
	"testing"

	"github.com/gostage/gostage/runtime/store"

	"keyvettest/userkeys"
)

// An external test package sees the keys of the package it tests through
// its import of it, here of the test variant of the package.
func TestExternal(t *testing.T) {
	s := store.NewKVStore()
	if err := s.Put("user.name", "ada"); err != nil { // want `"user.name" has a typed accessor: userkeys.UserNameKey`
		t.Fatal(err)
	}
	if !userkeys.UserNameKey.Has(s) {
		t.Fatal("user.name is missing")
	}
}
