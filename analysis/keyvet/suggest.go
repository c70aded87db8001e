package keyvet

// oneEdit reports whether a and b differ by exactly one edit: one byte
// inserted, deleted or replaced, or two adjacent bytes swapped. A swap
// counts as one edit because "user.di" for "user.id" is as likely a slip
// of the fingers as "user.idd". Key names are compared as bytes: they are
// written by hand in ASCII nearly always, and a multi-byte slip is at
// worst not suggested.
func oneEdit(a, b string) bool {
	if a == b {
		return false
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	switch len(b) - len(a) {
	case 0:
		i := 0
		for a[i] == b[i] {
			i++
		}
		if a[i+1:] == b[i+1:] {
			return true // replaced
		}
		return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:] // swapped
	case 1:
		i := 0
		for i < len(a) && a[i] == b[i] {
			i++
		}
		return a[i:] == b[i+1:] // inserted
	}
	return false
}
