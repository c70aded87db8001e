package keyvet

import "testing"

// TestWithoutDefault checks the tags that the keys of packages read
// apart are given: the default= option gone, every other kept.
func TestWithoutDefault(t *testing.T) {
	for lit, want := range map[string]string{
		"`gostage:\"default=slog.LevelWarn\"`":                       "``",
		"`json:\"a b\" gostage:\"default=1\"`":                       "`json:\"a b\"`",
		"`json:\"c\" gostage:\"ttl=1m,default=ship.Post,tags=a|b\"`": "`json:\"c\" gostage:\"ttl=1m,tags=a|b\"`",
		"`gostage:\"default=\\\"new, unpaid\\\",key=o.note\"`":       "`gostage:\"key=o.note\"`",
		"\"gostage:\\\"default=`x`\\\" json:\\\"`\\\"\"":             "\"json:\\\"`\\\"\"",
	} {
		got, ok := withoutDefault(lit)
		if !ok || got != want {
			t.Errorf("withoutDefault(%s) = %s, %v; want %s", lit, got, ok, want)
		}
	}
	for _, lit := range []string{"`gostage:\"ttl=1m\"`", "`json:\"x\"`", "`gostage:\"default=a b=c\"`"} {
		if got, ok := withoutDefault(lit); ok {
			t.Errorf("withoutDefault(%s) = %s, want it left alone", lit, got)
		}
	}
}
