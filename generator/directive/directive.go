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
	for _, f := range joinLists(fields(rest[len(name):], off+len(name)), text) {
		o := parseOption(f.text, f.offset)
		if n := len(d.Options); n > 0 && !o.HasValue && d.Options[n-1].HasValue && d.Options[n-1].Value == "" {
			// reads= Order.Items: the space cut the value off its option.
			prev := d.Options[n-1].Name + "="
			errs = append(errs, Error{f.offset, "a space after " + prev + " cuts its value off: write " + prev + f.text})
			// Read on as meant, so that nothing else about it is reported.
			d.Options[n-1].Value, d.Options[n-1].ValueOffset = f.text, f.offset
			continue
		}
		if n := len(d.Options); n > 0 && d.Name == "action" && spacedList(d.Options[n-1], o) {
			// reads=Order.ID Order.Items: a space where a comma was meant.
			prev := &d.Options[n-1]
			errs = append(errs, Error{f.offset, "the items of " + prev.Name + "= are separated by commas, not spaces: write " + prev.Name + "=" + prev.Value + "," + f.text})
			// Read on as meant, with the comma in place of the first
			// blank, so that the offsets of the value still hold.
			end := prev.ValueOffset + len(prev.Value)
			prev.Value += "," + text[end+1:f.offset] + f.text
			continue
		}
		if o.Name == "" {
			errs = append(errs, Error{f.offset, "option " + quoteName(f.text) + " has no name"})
			continue
		}
		d.Options = append(d.Options, o)
	}
	return d, true, errs
}

// spacedList reports whether o, an option without a value, is rather the
// next item of the list that prev, an option of //gostage:action, holds,
// cut off from it by a space: it is dotted like a key reference
// (Order.Items) and prev has a value. (The one option of //gostage:keys,
// prefix=, holds no list.)
func spacedList(prev, o Option) bool {
	return !o.HasValue && strings.Contains(o.Name, ".") && prev.HasValue && prev.Value != ""
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

// joinLists joins to a field the fields that continue its comma list
// after a space, as in reads=Order.Items, Order.Status: a field that ends
// with a comma, or a next one that starts with one, goes on with the next
// field, unless that one has an = and so is an option of its own. text is
// the parsed text that the fields' offsets point into.
func joinLists(fs []field, text string) []field {
	var out []field
	for _, f := range fs {
		if n := len(out); n > 0 {
			last := &out[n-1]
			if (strings.HasSuffix(last.text, ",") || strings.HasPrefix(f.text, ",")) && !strings.Contains(f.text, "=") {
				last.text = text[last.offset : f.offset+len(f.text)]
				continue
			}
		}
		out = append(out, f)
	}
	return out
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

// NearMiss returns the directive line that text, a comment which is not
// a well-formed directive, was most likely meant to be, or "" when it
// looks like no directive. "// gostage:keys prefix=user" and
// "//gostage: keys prefix=user" give "//gostage:keys prefix=user". A
// well-formed directive line of an unknown name, such as //gostage:key,
// is not a near miss: [CheckName] reports it.
//
// Prose is told apart from a directive by what follows the name: nothing,
// or options with an =, as in a directive; "// gostage: actions run in
// order" is a sentence.
func NearMiss(text string) string {
	body, ok := strings.CutPrefix(text, "//")
	if !ok {
		return ""
	}
	t := strings.TrimLeft(body, " \t")
	if len(t) < len("gostage:") || !strings.EqualFold(t[:len("gostage")], "gostage") {
		return ""
	}
	after := strings.TrimLeft(t[len("gostage"):], " \t")
	rest, ok := strings.CutPrefix(after, ":")
	if !ok {
		return ""
	}
	rest = strings.TrimLeft(rest, " \t")
	word, opts, _ := strings.Cut(rest, " ")
	name := word
	if !slices.Contains(Names, name) {
		name = Suggest(word, Names)
	}
	if name == "" {
		return ""
	}
	line := Prefix + name
	if opts = strings.TrimSpace(opts); opts != "" {
		if !strings.Contains(opts, "=") {
			return ""
		}
		line += " " + opts
	}
	if line == strings.TrimRight(text, " \t") || Is(text) && word == text[len(Prefix):len(Prefix)+len(word)] {
		return "" // well formed: a directive, known or not
	}
	return line
}
