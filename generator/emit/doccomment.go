package emit

import (
	"bytes"
	doccomment "go/doc/comment"
	"strings"
	"unicode"
	"unicode/utf8"
)

// writeDoc writes the doc comment text as gofmt leaves it when comment
// wrote it before a top-level declaration, without the final newline; ok
// is false, and nothing is written, for a text that the fast path leaves
// to gofmt (see docSafe).
//
// gofmt reformats a doc comment with go/doc/comment (go/printer's
// formatDocComment): it takes the text of the // lines, each without its
// first space, parses it and prints it back as // lines, an empty line as
// "//" and a code line (tab-indented) without a space after "//". Then it
// writes each line with its trailing white space trimmed. The lines
// comment writes ("// "+line, or "//") read back as text exactly, and
// none of them is a directive such as //go:generate, which gofmt would
// move: a directive has no space after the "//".
func writeDoc(buf *bytes.Buffer, text string) bool {
	if !docSafe(text) {
		return false
	}
	if plainDoc(text) {
		writePlainDoc(buf, text)
		return true
	}
	return writeParsedDoc(buf, text)
}

// writePlainDoc writes a text that go/doc/comment prints back unchanged
// (see plainDoc), as comment does.
func writePlainDoc(buf *bytes.Buffer, text string) {
	for i, line := range strings.Split(text, "\n") {
		if i > 0 {
			buf.WriteByte('\n')
		}
		if line == "" {
			buf.WriteString("//")
		} else {
			buf.WriteString("// ")
			buf.WriteString(line)
		}
	}
}

// writeParsedDoc writes text as gofmt reformats it.
func writeParsedDoc(buf *bytes.Buffer, text string) bool {
	var p doccomment.Parser
	var pr doccomment.Printer
	out := pr.Comment(p.Parse(text + "\n"))
	if len(out) == 0 {
		// gofmt would drop the comment; the slow path handles it.
		return false
	}
	for len(out) > 0 {
		var line []byte
		line, out, _ = bytes.Cut(out, []byte("\n"))
		trimmed := bytes.TrimRightFunc(line, unicode.IsSpace)
		switch {
		case len(trimmed) == 0:
			buf.WriteString("//")
		case line[0] == '\t':
			buf.WriteString("//")
		default:
			buf.WriteString("// ")
		}
		buf.Write(trimmed)
		if len(out) > 0 {
			buf.WriteByte('\n')
		}
	}
	return true
}

// docSafe reports whether gofmt reads text back from the comment lines
// exactly as it was written: valid UTF-8 without a byte order mark or
// control characters other than tab and newline. The Go scanner drops
// carriage returns from comments and rejects NUL, invalid UTF-8 and byte
// order marks, so such a text stays with the slow path, which does what
// gofmt does with it.
func docSafe(text string) bool {
	if text == "" || strings.TrimSpace(text) == "" {
		return false
	}
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			if c < ' ' && c != '\t' && c != '\n' || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if r == utf8.RuneError || r == '\uFEFF' {
			return false
		}
		i += size
	}
	return true
}

// plainDoc reports whether go/doc/comment parses text as paragraphs of
// plain text only and prints it back unchanged, so that writeDoc can skip
// both. It holds for a text of unindented lines without tabs or trailing
// space, with single blank lines between paragraphs, when no line could
// start a heading ("# ...", or an old-style heading: a line alone
// between blank lines that ends in a letter or digit) or a link
// definition ("[...]: URL"), and without the “ and ” that the parser
// turns into curly quotes. Brackets and URLs elsewhere, doc links
// ([Order.Status]) at the start of a line included, print back as they
// were written.
func plainDoc(text string) bool {
	if strings.Contains(text, "``") || strings.Contains(text, "''") || strings.Contains(text, "\t") {
		return false
	}
	lines := strings.Split(text, "\n")
	for i, line := range lines {
		if line == "" {
			if i == 0 || i == len(lines)-1 || lines[i-1] == "" {
				return false
			}
			continue
		}
		last, _ := utf8.DecodeLastRuneInString(line)
		switch {
		case line[0] == ' ' || line[0] == '#',
			line[0] == '[' && strings.Contains(line, "]:"),
			unicode.IsSpace(last),
			i > 0 && lines[i-1] == "" && i+1 < len(lines) && lines[i+1] == "" && (unicode.IsLetter(last) || unicode.IsDigit(last)):
			return false
		}
	}
	return true
}
