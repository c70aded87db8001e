package directive

import (
	"slices"
	"strings"
)

// Prefix starts every gostage directive comment.
const Prefix = "//gostage:"

// Directive is one parsed //gostage:NAME line.
type Directive struct {
	Name       string
	NameOffset int
	Options    []Option
}

// Names lists the directives gostage-gen knows.
var Names = []string{"action", "keys"}

// Is reports whether the comment text (with its //) is a gostage directive.
func Is(text string) bool { return strings.HasPrefix(text, Prefix) }

// Parse parses the comment text of a directive line, with its leading //.
// Offsets are byte offsets in text. ok is false when text is not a gostage
// directive at all; errs lists syntax errors, such as an option without a
// name.
func Parse(text string) (d Directive, ok bool, errs []Error) {
	if !Is(text) {
		return Directive{}, false, nil
	}
	rest := text[len(Prefix):]
	off := len(Prefix)
	name, _, _ := strings.Cut(rest, " ")
	name, _, _ = strings.Cut(name, "\t")
	d = Directive{Name: name, NameOffset: off}
	if name == "" {
		errs = append(errs, Error{off, "missing directive name after " + Prefix})
	}
	for _, f := range fields(rest[len(name):], off+len(name)) {
		o := parseOption(f.text, f.offset)
		if o.Name == "" {
			errs = append(errs, Error{f.offset, "option " + quoteName(f.text) + " has no name"})
			continue
		}
		d.Options = append(d.Options, o)
	}
	return d, true, errs
}

// CheckName reports a directive name that gostage-gen does not know.
func CheckName(d Directive) []Error {
	if d.Name == "" || slices.Contains(Names, d.Name) {
		return nil
	}
	return []Error{{d.NameOffset, Unknown("directive", Prefix+d.Name, prefixed(Names))}}
}

func prefixed(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = Prefix + n
	}
	return out
}

// Format returns the directive line for d, which Parse reads back as d
// (offsets aside) when d came from Parse without errors.
func Format(d Directive) string {
	var b strings.Builder
	b.WriteString(Prefix + d.Name)
	for _, o := range d.Options {
		b.WriteString(" " + o.String())
	}
	return b.String()
}

type field struct {
	text   string
	offset int
}

// fields splits s at runs of spaces and tabs, keeping each field's offset
// (base is the offset of s itself).
func fields(s string, base int) []field {
	var out []field
	start := -1
	for i := 0; i <= len(s); i++ {
		blank := i == len(s) || s[i] == ' ' || s[i] == '\t'
		switch {
		case blank && start >= 0:
			out = append(out, field{s[start:i], base + start})
			start = -1
		case !blank && start < 0:
			start = i
		}
	}
	return out
}
