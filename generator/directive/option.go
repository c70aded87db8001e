package directive

import (
	"slices"
	"strings"
)

// Option is one option of a directive or a tag, with the byte offsets of
// its name and value in the text it was parsed from.
type Option struct {
	Name     string
	Value    string
	HasValue bool // the option was written NAME=VALUE, even with an empty VALUE
	Offset   int  // offset of Name
	// ValueOffset is the offset of Value, or of the end of Name when the
	// option has no value.
	ValueOffset int
}

// String returns the option as it is written.
func (o Option) String() string {
	if o.HasValue {
		return o.Name + "=" + o.Value
	}
	return o.Name
}

// Error is a syntax error at a byte offset of the parsed text.
type Error struct {
	Offset  int
	Message string
}

// Error returns the message.
func (e Error) Error() string { return e.Message }

// parseOption splits one option, found at offset off of the parsed text.
func parseOption(s string, off int) Option {
	name, value, hasValue := strings.Cut(s, "=")
	o := Option{Name: name, Value: value, HasValue: hasValue, Offset: off, ValueOffset: off + len(name)}
	if hasValue {
		o.ValueOffset++
	}
	return o
}

// CheckOption returns what is wrong with the next option of a list, named
// name, or "": a name not in known, with the closest known one, or a name
// in seen, the names of the options before it, unless its values add up
// (repeatable). It adds name to seen. what names the kind of option in
// messages ("action option").
func CheckOption(name string, seen map[string]bool, known, repeatable []string, what string) string {
	if !slices.Contains(known, name) {
		return Unknown(what, name, known)
	}
	twice := seen[name] && !slices.Contains(repeatable, name)
	seen[name] = true
	if twice {
		return what + " " + name + " given twice"
	}
	return ""
}

// Unknown is the message for an unknown name: what was expected, and the
// near miss when there is one.
func Unknown(what, name string, known []string) string {
	hint := DidYouMean(name, known)
	// ttl:24h is ttl=24h written the way of a struct tag's key.
	if before, after, ok := strings.Cut(name, ":"); ok && slices.Contains(known, before) {
		hint = ", did you mean " + before + "=" + after
	}
	return "unknown " + what + " " + quoteName(name) + " (expected " + strings.Join(known, ", ") + ")" + hint
}

func quoteName(name string) string {
	if name == "" {
		return `""`
	}
	return name
}
