package model

import "testing"

// ExportAdvice is the one advice gostage-gen and gostage-vet give for an
// unexported key group; a name whose first letter has no upper case
// cannot be exported by upper-casing it.
func TestExportAdvice(t *testing.T) {
	for name, want := range map[string]string{
		"order": "rename type order to Order",
		"état":  "rename type état to État",
		"_log":  "give type _log a name that starts with an upper-case letter",
		"日志":    "give type 日志 a name that starts with an upper-case letter",
	} {
		if got := ExportAdvice(name); got != want {
			t.Errorf("ExportAdvice(%q) = %q, want %q", name, got, want)
		}
	}
}
