package emit

import (
	"bytes"
	"slices"
	"strings"
)

// A prototype is the formatted code of one declaration, rendered by
// jennifer and gofmt for placeholder names and cut at the placeholders.
// Filling the holes with the names of a real key gives the formatted code
// of that key's declaration: gofmt lays out an identifier, a string
// literal, a number or a single-line type the same whatever its text, as
// long as no alignment depends on it (the only alignment, of the fields of
// a catalog entry, depends on which fields it has, part of the key's
// shape).
type prototype []piece

// A piece is text followed by a hole; the last piece of a prototype has
// none.
type piece struct {
	text string
	hole hole
}

// A hole is a place for one of the values of the group, or of the first
// or second key of the prototype: values[idx] of groupValues or
// keyValues.
type hole struct {
	of  holeOf
	idx int
}

type holeOf int

const (
	noHole holeOf = iota
	groupHole
	keyHoleA // the only key, or the first of two
	keyHoleB // the second of two
)

// placeholderMark starts every placeholder name. A word of a rendered
// prototype that contains it but is not a known placeholder means that
// the code derives a name in a way the fast path does not know of.
const placeholderMark = "GOSTAGE_"

// compile cuts text at the placeholders, which are whole words (runs of
// ASCII letters, digits and underscores), within string literals or not.
//
// variant, unless "", is the same code rendered with other TTL counts
// (see protoTTLCounts): every word where the two differ must be a count,
// and is a hole for it.
func compile(text, variant string, placeholders map[string]hole) (prototype, bool) {
	tokens := splitWords(text)
	var alt []string
	if variant != "" {
		if alt = splitWords(variant); len(alt) != len(tokens) {
			return nil, false
		}
	}
	var p prototype
	var pending strings.Builder // the text since the last hole
	for i, tok := range tokens {
		h, isHole := placeholders[tok]
		switch {
		case alt != nil && alt[i] != tok:
			if h, isHole = ttlCountHoles[[2]string{tok, alt[i]}]; !isHole {
				return nil, false
			}
		case !isHole && strings.Contains(tok, placeholderMark):
			return nil, false
		}
		if isHole {
			p = append(p, piece{pending.String(), h})
			pending.Reset()
		} else {
			pending.WriteString(tok)
		}
	}
	return append(p, piece{text: pending.String()}), true
}

// splitWords cuts s into runs of word bytes (ASCII letters, digits and
// underscores) and runs of other bytes.
func splitWords(s string) []string {
	var out []string
	for i := 0; i < len(s); {
		j := i + 1
		for j < len(s) && isWordByte(s[j]) == isWordByte(s[i]) {
			j++
		}
		out = append(out, s[i:j])
		i = j
	}
	return out
}

func isWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_'
}

// fill writes p with its holes filled from the values of the group and
// of keys a and b.
func (p prototype) fill(buf *bytes.Buffer, group, a, b []string) {
	for _, pc := range p {
		buf.WriteString(pc.text)
		switch pc.hole.of {
		case groupHole:
			buf.WriteString(group[pc.hole.idx])
		case keyHoleA:
			buf.WriteString(a[pc.hole.idx])
		case keyHoleB:
			buf.WriteString(b[pc.hole.idx])
		}
	}
}

// uses reports whether p has a hole of the kind of.
func (p prototype) uses(of holeOf) bool {
	return slices.ContainsFunc(p, func(pc piece) bool { return pc.hole.of == of })
}

// A listPrototype is a declaration that repeats lines for each key, such
// as Load or the catalog: head, then each for every key but the last
// (with whatever separates it from the next), then last for the last key
// (with the rest of the declaration). It is compiled from the declaration
// rendered for two keys, A and B: head is what comes before the first
// line that names A, each runs from there to the first line that names
// B, and last is the rest.
type listPrototype struct {
	head, each, last prototype
}

// compileList compiles the text of a declaration rendered for the two
// keys whose placeholders are keyHoleA and keyHoleB, and its variant (see
// compile). ok is false when the text does not split as listPrototype
// describes.
func compileList(text, variant string, placeholders map[string]hole) (listPrototype, bool) {
	lines := strings.SplitAfter(text, "\n")
	// Without a variant, alt is all "": no line has a variant.
	alt := make([]string, len(lines))
	if variant != "" {
		if alt = strings.SplitAfter(variant, "\n"); len(alt) != len(lines) {
			return listPrototype{}, false
		}
	}
	firstA, firstB := -1, -1
	for i, line := range lines {
		if variant != "" && (line == "") != (alt[i] == "") {
			return listPrototype{}, false
		}
		p, ok := compile(line, alt[i], placeholders)
		if !ok {
			return listPrototype{}, false
		}
		if firstA < 0 && p.uses(keyHoleA) {
			firstA = i
		}
		if firstB < 0 && p.uses(keyHoleB) {
			firstB = i
		}
	}
	if firstA < 0 || firstB <= firstA {
		return listPrototype{}, false
	}
	part := func(from, to int) prototype {
		p, _ := compile(strings.Join(lines[from:to], ""), strings.Join(alt[from:to], ""), placeholders)
		return p
	}
	l := listPrototype{head: part(0, firstA), each: part(firstA, firstB), last: part(firstB, len(lines))}
	if l.head.uses(keyHoleA) || l.head.uses(keyHoleB) || l.each.uses(keyHoleB) || l.last.uses(keyHoleA) {
		return listPrototype{}, false
	}
	return l, true
}
