package keyvet

import "testing"

// TestAssumedName checks the package name assumed from an import path,
// which decides whether an added import is named.
func TestAssumedName(t *testing.T) {
	for path, want := range map[string]string{
		"example.com/app/userkeys":                 "userkeys",
		"gopkg.in/yaml.v3":                         "yaml",
		"github.com/redis/go-redis/v9":             "redis",
		"example.com/app/v2":                       "app",
		"example.com/app/order-keys":               "order",
		"v2":                                       "v2",
		"github.com/gostage/gostage/runtime/store": "store",
	} {
		if got := AssumedName(path); got != want {
			t.Errorf("AssumedName(%q) = %q, want %q", path, got, want)
		}
	}
	if got := importName("orderkeys", "example.com/app/order-keys"); got != "orderkeys " {
		t.Errorf("importName of a package named otherwise than its path = %q, want it named", got)
	}
	if got := importName("userkeys", "example.com/app/userkeys"); got != "" {
		t.Errorf("importName of a package named as its path = %q, want no name", got)
	}
}
