package model

import (
	"go/token"
	"strings"
	"unicode"
	"unicode/utf8"
)

// SnakeCase returns name in snake_case, keeping initialisms together:
// "ID" is "id", "HTTPServer" is "http_server", "UserID" is "user_id".
func SnakeCase(name string) string {
	rs := []rune(name)
	var b strings.Builder
	for i, r := range rs {
		if i > 0 && unicode.IsUpper(r) && wordStart(rs, i) {
			b.WriteByte('_')
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// ExportedName returns name with its first letter in upper case: the
// name to export a type or field by, when the letter has an upper case.
func ExportedName(name string) string {
	r, size := utf8.DecodeRuneInString(name)
	return string(unicode.ToUpper(r)) + name[size:]
}

// ExportAdvice says how to export type name, an unexported key group:
// "rename type order to Order", or, for a name whose first letter has no
// upper case (_order), to give it one that starts with an upper-case
// letter.
func ExportAdvice(name string) string {
	if exported := ExportedName(name); token.IsExported(exported) {
		return "rename type " + name + " to " + exported
	}
	return "give type " + name + " a name that starts with an upper-case letter"
}

// keyName returns the name of the key of a field in a group with the
// given prefix, unless its tag says key=: "user.id" for field ID and
// prefix user, "id" for no prefix.
func keyName(prefix, field string) string {
	if prefix == "" {
		return SnakeCase(field)
	}
	return prefix + "." + SnakeCase(field)
}

// wordStart reports whether the upper-case rune at i starts a new word:
// after a lower-case letter or digit, or as the last capital of an
// initialism followed by a lower-case letter ("HTTPServer": the S).
func wordStart(rs []rune, i int) bool {
	prev := rs[i-1]
	if unicode.IsLower(prev) || unicode.IsDigit(prev) {
		return true
	}
	if !unicode.IsUpper(prev) || i+1 >= len(rs) || !unicode.IsLower(rs[i+1]) {
		return false
	}
	// A plural initialism ("URLs") stays one word.
	plural := rs[i+1] == 's' && (i+2 == len(rs) || unicode.IsUpper(rs[i+2]))
	return !plural
}

// checkKeyName returns why name is not a valid key name, or "".
func checkKeyName(name string) string {
	if name == "" {
		return "key name is empty"
	}
	for _, r := range name {
		switch {
		case unicode.IsSpace(r):
			return "key name " + quote(name) + " contains a space"
		case r == '"' || r == '\'' || r == '`':
			return "key name " + quote(name) + " contains a quote"
		case !unicode.IsPrint(r):
			return "key name " + quote(name) + " contains a control character"
		}
	}
	return ""
}
