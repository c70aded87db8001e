package directive

import (
	"slices"
	"strconv"
	"strings"
)

// TagKey is the struct tag key whose value gostage-gen reads.
const TagKey = "gostage"

// TagOptions are the known tag options; "-" stands alone.
var TagOptions = []string{"default", "key", "tags", "ttl", "-"}

// Omits reports whether opts, the options of a gostage tag, hold "-",
// which leaves the field out of its key group.
func Omits(opts []Option) bool {
	return slices.ContainsFunc(opts, func(o Option) bool { return o.Name == "-" })
}

// Lookup finds key in a struct tag (the tag literal's content, unquoted)
// the way reflect.StructTag does, but reports a malformed tag instead of
// ignoring it. offset is the byte offset in tag of the value's first byte
// as written in the quoted form; exact is false when the value contained
// escapes, so offsets into the value are only approximate.
func Lookup(tag, key string) (value string, offset int, exact, found bool, err *Error) {
	pairs, err := scanTag(tag)
	if err != nil {
		return "", 0, false, false, err
	}
	for _, p := range pairs {
		if p.key == key {
			return p.value, p.valueStart + 1, p.value == p.quoted[1:len(p.quoted)-1], true, nil
		}
	}
	return "", 0, false, false, nil
}

// NearMissKey returns the key of a struct tag, and its byte offset in
// tag, that was meant to be TagKey but is misspelt (gostgae:"ttl=1h",
// Gostage:"..."), which would leave the field's options silently unread;
// "" when the tag has TagKey itself, has no such key, or is malformed.
func NearMissKey(tag string) (key string, offset int) {
	pairs, err := scanTag(tag)
	if err != nil {
		return "", 0
	}
	for _, p := range pairs {
		if p.key == TagKey {
			return "", 0
		}
	}
	for _, p := range pairs {
		if Suggest(p.key, []string{TagKey}) == TagKey {
			return p.key, p.start
		}
	}
	return "", 0
}

// tagPair is one key:"value" pair of a struct tag, with the byte offsets
// of its key and of its quoted value.
type tagPair struct {
	key               string
	start, valueStart int
	value, quoted     string
}

// scanTag splits a struct tag into its key:"value" pairs the way
// reflect.StructTag reads them, and reports a malformed tag.
func scanTag(tag string) ([]tagPair, *Error) {
	var pairs []tagPair
	i := 0
	for i < len(tag) {
		for i < len(tag) && tag[i] == ' ' {
			i++
		}
		if i == len(tag) {
			break
		}
		start := i
		for i < len(tag) && tag[i] > ' ' && tag[i] != ':' && tag[i] != '"' && tag[i] != 0x7f {
			i++
		}
		if i == start || i+1 >= len(tag) || tag[i] != ':' || tag[i+1] != '"' {
			return nil, &Error{start, "malformed struct tag: want key:\"value\" pairs separated by spaces"}
		}
		name := tag[start:i]
		i++ // the colon
		qstart := i
		i++ // the opening quote
		for i < len(tag) && tag[i] != '"' {
			if tag[i] == '\\' {
				i++
			}
			i++
		}
		if i >= len(tag) {
			return nil, &Error{qstart, "malformed struct tag: unterminated value of " + name}
		}
		i++ // the closing quote
		quoted := tag[qstart:i]
		v, uerr := strconv.Unquote(quoted)
		if uerr != nil {
			return nil, &Error{qstart, "malformed struct tag: bad quoted value of " + name}
		}
		pairs = append(pairs, tagPair{key: name, start: start, valueStart: qstart, value: v, quoted: quoted})
	}
	return pairs, nil
}

// ParseTag parses the value of a gostage struct tag: options separated by
// commas, each perhaps after spaces. A value in double quotes, a Go
// string literal, may hold commas (default="a, b"). Offsets are byte
// offsets in value.
func ParseTag(value string) ([]Option, []Error) {
	var opts []Option
	var errs []Error
	off := 0
	tags := ""    // the tags= value so far, when the option before was tags=
	tagsErr := -1 // the error about the commas in that value, once found
	for _, part := range splitOptions(value) {
		// Spaces after a comma are allowed, as in a directive's lists.
		trimmed := strings.TrimLeft(part, " ")
		o := parseOption(trimmed, off+len(part)-len(trimmed))
		switch {
		case strings.TrimSpace(part) == "":
			errs = append(errs, Error{off, "empty option in gostage tag"})
		case o.Name == "":
			errs = append(errs, Error{off, "option " + quoteName(part) + " has no name"})
		case spaced(o.Value) && !strings.HasPrefix(o.Value, `"`):
			// A quoted value holds what it likes; one without its closing
			// quote is a bad default, said where defaults are read.
			errs = append(errs, Error{o.Offset, "options of a gostage tag are separated by commas, not spaces: write " + strings.Join(strings.Fields(strings.TrimSpace(part)), ",")})
		case tags != "" && !o.HasValue && o.Name != "-":
			// tags=a,b,c: the commas ended the option, and b and c look
			// like options. One error, at b, says how to write them all.
			tags += "|" + o.Name
			if tagsErr < 0 {
				tagsErr = len(errs)
				errs = append(errs, Error{Offset: o.Offset})
			}
			errs[tagsErr].Message = "tags are separated by |, not commas: write tags=" + tags
			off += len(part) + 1
			continue
		default:
			opts = append(opts, o)
		}
		tags, tagsErr = "", -1
		if o.Name == "tags" && o.HasValue {
			tags = o.Value
		}
		off += len(part) + 1
	}
	if len(opts) > 1 {
		for _, o := range opts {
			if o.Name == "-" {
				errs = append(errs, Error{o.Offset, `option "-" must stand alone`})
			}
		}
	}
	return opts, errs
}

// splitOptions splits a tag value at the commas that are not inside a
// double-quoted option value.
func splitOptions(value string) []string {
	var parts []string
	start, inQuote := 0, false
	for i := 0; i < len(value); i++ {
		switch c := value[i]; {
		case inQuote && c == '\\':
			i++ // the escaped byte, a quote or a backslash, ends nothing
		case c == '"' && (inQuote || i > 0 && value[i-1] == '='):
			inQuote = !inQuote
		case c == ',' && !inQuote:
			parts = append(parts, value[start:i])
			start = i + 1
		}
	}
	return append(parts, value[start:])
}

// FormatTag returns the tag value for opts, which ParseTag reads back as
// opts (offsets aside) when they came from ParseTag without errors.
func FormatTag(opts []Option) string {
	parts := make([]string, len(opts))
	for i, o := range opts {
		parts[i] = o.String()
	}
	return strings.Join(parts, ",")
}

// spaced reports whether an option's value goes on, after a space, with
// what looks like another option (ttl=24h tags=pay).
func spaced(value string) bool {
	_, rest, ok := strings.Cut(value, " ")
	return ok && strings.Contains(rest, "=")
}
