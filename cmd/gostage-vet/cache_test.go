package main

import (
	"strings"
	"testing"
)

// TestFindingsFollowTheModule checks that a second run sees a change to
// the module that is no dependency of the package checked, although go
// vet caches findings under a hash of the package and its dependencies:
// a key declared since, and an import that now makes a fix a cycle.
func TestFindingsFollowTheModule(t *testing.T) {
	dir := newModule(t, map[string]string{
		"keys/keys.go": `package keys

//gostage:keys
type Shop struct {
	Count int
}
`,
		"legacy/legacy.go": `package legacy

import "github.com/gostage/gostage/runtime/store"

// Touch spells the shop's keys.
func Touch(s *store.KVStore) {
	_ = s.Put("shop.count", 1)
	_ = s.Put("shop.coupon", "x")
}
`,
	})
	vet, gen := buildTools(t)
	for _, driver := range [][]string{{vet}, {"go", "vet", "-vettool=" + vet}} {
		what := strings.Join(driver, " ")
		run := func() []string {
			out, _ := runIn(t, dir, driver[0], append(driver[1:], "./legacy")...)
			return findings(out)
		}
		writeFiles(t, dir, map[string]string{"keys/keys.go": "package keys\n\n//gostage:keys\ntype Shop struct {\n\tCount int\n}\n"})
		runIn(t, dir, gen, "./...")
		matchAll(t, what+", first run", run(), []string{
			`legacy/legacy.go:7:12: "shop.count" has a typed accessor: keys.ShopCountKey`,
		})

		writeFiles(t, dir, map[string]string{"keys/keys.go": "package keys\n\n//gostage:keys\ntype Shop struct {\n\tCount int\n\tCoupon string\n}\n"})
		if out, code := runIn(t, dir, gen, "./..."); code != 0 {
			t.Fatalf("gostage-gen: %s", out)
		}
		matchAll(t, what+", after a key was added", run(), []string{
			`legacy/legacy.go:7:12: "shop.count" has a typed accessor: keys.ShopCountKey`,
			`legacy/legacy.go:8:12: "shop.coupon" has a typed accessor: keys.ShopCouponKey`,
		})

		writeFiles(t, dir, map[string]string{"keys/use.go": "package keys\n\nimport \"vetdemo/legacy\"\n\nvar _ = legacy.Touch\n"})
		cycle := `; no fix: importing vetdemo/keys would make an import cycle \(vetdemo/keys -> vetdemo/legacy\)`
		matchAll(t, what+", after the keys imported legacy", run(), []string{
			`legacy/legacy.go:7:12: "shop.count" has a typed accessor: keys.ShopCountKey` + cycle,
			`legacy/legacy.go:8:12: "shop.coupon" has a typed accessor: keys.ShopCouponKey` + cycle,
		})
		writeFiles(t, dir, map[string]string{"keys/use.go": "package keys\n"})
	}
}
