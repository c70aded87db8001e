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

// fieldLink is the doc link to the field that declares k: [Order.Status].
func fieldLink(k *model.Key) string { return "[" + k.Group.Name + "." + k.Field + "]" }

// groupLink is the doc link to the struct type that declares g.
func groupLink(g *model.Group) string { return "[" + g.Name + "]" }

// keyAbout names k in a sentence: `the key "order.status" of [Order.Status]`.
func keyAbout(k *model.Key) string {
	return "the key " + strconv.Quote(k.Name) + " of " + fieldLink(k)
}

// facts says what f tells beyond a key's name and type, as sentences
// that follow another one, each starting with a space; "" when there is
// nothing to say. readsAs says whether the generated name reads a
// missing key as its default.
func facts(f model.KeyFacts, readsAs bool) string {
	var b strings.Builder
	if f.TTL > 0 {
		b.WriteString(" It expires " + durationText(f.TTL) + " after each write.")
	}
	switch len(f.Tags) {
	case 0:
	case 1:
		b.WriteString(" Its tag is " + f.Tags[0] + ".")
	default:
		b.WriteString(" Its tags are " + strings.Join(f.Tags[:len(f.Tags)-1], ", ") + " and " + f.Tags[len(f.Tags)-1] + ".")
	}
	switch {
	case f.Default == "":
	case readsAs:
		b.WriteString(" While the key is missing or expired it reads as its default, " + f.Default + ".")
	default:
		b.WriteString(" Its default is " + f.Default + ".")
	}
	return b.String()
}

// keyNameDoc is nameDoc for a name generated for a key of the package.
func keyNameDoc(sentence string, k *model.Key, readsAs bool) string {
	return nameDoc(sentence, k.Facts(), readsAs)
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

// nameDoc is the doc comment of a name generated for a key: sentence,
// which starts with the name, and the facts of f, wrapped, then the
// field's own doc as a paragraph of its own.
func nameDoc(sentence string, f model.KeyFacts, readsAs bool) string {
	return fmtDoc(wrap(sentence+facts(f, readsAs)), f.Doc)
}
