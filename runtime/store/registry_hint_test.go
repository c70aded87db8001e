package store

import "testing"

// TestUnqualifyMain checks how the hint to register a type spells it: as
// code in package main, the only code that can name a type of package
// main, writes it.
func TestUnqualifyMain(t *testing.T) {
	for name, want := range map[string]string{
		"main.T":                                "T",
		"[]main.T":                              "[]T",
		"map[main.K]*main.V":                    "map[K]*V",
		"main.Pair[main.T,time.Duration]":       "Pair[T,time.Duration]",
		"main.Pair[[]main.T,map[string]main.T]": "Pair[[]T,map[string]T]",
		"shop.Cart":                             "shop.Cart",
		"domain.T":                              "domain.T",
		"xmain.T":                               "xmain.T",
		"shop.Pair[shop.Cart,main_test.T]":      "shop.Pair[shop.Cart,main_test.T]",
	} {
		if got := unqualifyMain(name); got != want {
			t.Errorf("unqualifyMain(%q) = %q, want %q", name, got, want)
		}
	}
}
