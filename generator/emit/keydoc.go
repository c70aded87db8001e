package emit

import (
	"strconv"
	"strings"
	"time"

	"github.com/gostage/gostage/generator/model"
)

// The doc comment of every generated name links back to what it was
// generated from, with a doc link ([Order.Status], [ChargePayment]), so
// that hover and go-to-definition lead to the declaration rather than to
// the generated file, and states what the declaration says of the key
// that its code does not show: its TTL, tags and default.

// groupLink is the doc link to the struct type that declares g.
func groupLink(g *model.Group) string { return "[" + g.Name + "]" }

// writeFacts writes what f tells beyond a key's name and type, as
// sentences that follow another one; nothing when there is nothing to
// say. readsAs says whether the generated name reads a missing key as its
// default.
func (w *docWriter) writeFacts(f model.KeyFacts, readsAs bool) {
	if f.TTL > 0 {
		w.write(" It expires ", durationText(f.TTL), " after each write.")
	}
	switch len(f.Tags) {
	case 0:
	case 1:
		w.write(" Its tag is ", f.Tags[0], ".")
	default:
		w.write(" Its tags are ")
		for i, t := range f.Tags {
			switch {
			case i == len(f.Tags)-1:
				w.write(" and ")
			case i > 0:
				w.write(", ")
			}
			w.write(t)
		}
		w.write(".")
	}
	switch {
	case f.Default == "":
	case readsAs:
		w.write(" While the key is missing or expired it reads as its default, ", f.Default, ".")
	default:
		w.write(" Its default is ", f.Default, ".")
	}
}

// durationText writes d as a tag would: 10m, 1h30m, 1.5s.
func durationText(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// keyNameDoc is nameDoc for a name generated for key k of the package,
// whose sentence names k between before and after: `the key
// "order.status" of [Order.Status]`.
func keyNameDoc(k *model.Key, readsAs bool, before, after string) string {
	return nameDoc(k.Facts(), readsAs, before, "the key ", strconv.Quote(k.Name), " of [", k.Group.Name, ".", k.Field, "]", after)
}

// nameDoc is the doc comment of a name generated for a key: the
// sentence, given in pieces, which starts with the name, and the facts
// of f, wrapped, then the field's own doc as a paragraph of its own.
//
// It is written at once, wrapping as it goes, as the fast path writes a
// few of them for every key.
func nameDoc(f model.KeyFacts, readsAs bool, sentence ...string) string {
	w := docWriter{buf: make([]byte, 0, 256+len(f.Doc))}
	w.write(sentence...)
	w.writeFacts(f, readsAs)
	w.end()
	if f.Doc != "" {
		w.buf = append(w.buf, "\n\n"...)
		w.buf = append(w.buf, f.Doc...)
	}
	return string(w.buf)
}

// A docWriter writes a paragraph, given in pieces, wrapped as wrap would
// wrap the whole: at most 76 bytes a line, broken at spaces, and runs of
// white space made one.
type docWriter struct {
	buf       []byte
	lineStart int  // where the current line starts in buf
	space     int  // the last space of the current line in buf, or -1
	pending   bool // whether white space came since the last word
}

// write adds the pieces to the paragraph, as if they were one string.
func (w *docWriter) write(pieces ...string) {
	for _, s := range pieces {
		for i := range len(s) {
			c := s[i]
			switch {
			case isSpace(c):
				w.endWord()
				w.pending = len(w.buf) > 0
			case w.pending:
				w.space, w.pending = len(w.buf), false
				w.buf = append(w.buf, ' ', c)
			default:
				w.buf = append(w.buf, c)
			}
		}
	}
}

// endWord breaks the line before the word that ends buf when the word
// makes the line too long and the line has a space to break at.
func (w *docWriter) endWord() {
	if !w.pending && len(w.buf)-w.lineStart > 76 && w.space > w.lineStart {
		w.buf[w.space] = '\n'
		w.lineStart, w.space = w.space+1, -1
	}
}

// end ends the paragraph.
func (w *docWriter) end() { w.endWord() }

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}
