package keyvet

import "testing"

func TestOneEdit(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"user.id", "user.id", false},
		{"user.idd", "user.id", true},  // inserted
		{"user.i", "user.id", true},    // deleted
		{"user.ix", "user.id", true},   // replaced
		{"user.di", "user.id", true},   // swapped
		{"usre.id", "user.id", true},   // swapped inside
		{"xuser.id", "user.id", true},  // inserted first
		{"user.dii", "user.id", false}, // two edits
		{"order.id", "user.id", false},
		{"", "a", true},
		{"", "ab", false},
		{"ab", "ba", true},
		{"abc", "cba", false},
	} {
		if got := oneEdit(tc.a, tc.b); got != tc.want {
			t.Errorf("oneEdit(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
		if got := oneEdit(tc.b, tc.a); got != tc.want {
			t.Errorf("oneEdit(%q, %q) = %v, want %v", tc.b, tc.a, got, tc.want)
		}
	}
}

func FuzzOneEdit(f *testing.F) {
	f.Add("user.id", "user.di")
	f.Fuzz(func(t *testing.T, a, b string) {
		if oneEdit(a, b) != oneEdit(b, a) {
			t.Errorf("oneEdit is not symmetric on %q, %q", a, b)
		}
		if oneEdit(a, a) {
			t.Errorf("oneEdit(%q, %q) is true", a, a)
		}
	})
}
