package emit

import (
	"bytes"
	"go/constant"
	"go/format"
	"go/token"
	"go/types"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/dave/jennifer/jen"

	"github.com/gostage/gostage/generator/model"
)

func named(path, pkg, name string) types.Type {
	p := types.NewPackage(path, pkg)
	return types.NewNamed(types.NewTypeName(token.NoPos, p, name, nil), types.NewStruct(nil, nil), nil)
}

func testPackage() *model.Package {
	g := &model.Group{Name: "Page", Prefix: "page", Doc: "Page is a page."}
	add := func(field string, t types.Type, doc string) *model.Key {
		k := &model.Key{Group: g, Field: field, Name: "page." + strings.ToLower(field), Type: t, TypeDoc: types.TypeString(t, nil), Doc: doc}
		g.Keys = append(g.Keys, k)
		return k
	}
	add("Text", types.NewPointer(named("text/template", "template", "Template")), "Text is a template.\n\nIt has two paragraphs.")
	add("HTML", types.NewPointer(named("html/template", "template", "Template")), "")
	wait := add("Wait", named("time", "time", "Duration"), "")
	wait.TTL = 90 * time.Second
	wait.Tags = []string{"a", "b"}
	wait.Default = &model.Default{Literal: "2h", Value: constant.MakeInt64(int64(2 * time.Hour)), Duration: true}
	return &model.Package{Path: "example.com/pages", Name: "pages", Groups: []*model.Group{g}, Declared: map[string]bool{"Page": true}}
}

func TestFileIsDeterministicAndFormatted(t *testing.T) {
	a, err := File(testPackage())
	if err != nil {
		t.Fatal(err)
	}
	b, _ := File(testPackage())
	if !bytes.Equal(a, b) {
		t.Error("two runs differ")
	}
	if f, err := format.Source(a); err != nil || !bytes.Equal(f, a) {
		t.Errorf("not gofmt-clean (%v):\n%s", err, a)
	}
	for _, want := range []string{
		model.Header + "\n",
		"\t\"html/template\"\n",
		"\ttemplate1 \"text/template\"\n",
		"const _ = store.GenVersion1",
		"var PageTextKey = store.NewKey[*template1.Template](\"page.text\", store.WithDescription(\"Text is a template.\\n\\nIt has two paragraphs.\"))",
		"// Text is a template.\n//\n// It has two paragraphs.\nvar PageText",
		"store.WithTTL(90*time.Second), store.WithTags(\"a\", \"b\")).WithDefault(2 * time.Hour)",
		"func (v PageView) HTMLOr(def *template.Template) *template.Template {",
	} {
		if !bytes.Contains(a, []byte(want)) {
			t.Errorf("output lacks %q:\n%s", want, a)
		}
	}
}

func TestDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		time.Hour: "time.Hour", 90 * time.Second: "90 * time.Second", 1500: "1500 * time.Nanosecond",
		-5 * time.Second: "-5 * time.Second", 0: "0", 2 * time.Millisecond: "2 * time.Millisecond",
	} {
		if got := jen.Add(duration(d)).GoString(); got != want {
			t.Errorf("duration(%v) = %s, want %s", d, got, want)
		}
	}
}

// FuzzWrap checks that a docWriter, given a text in pieces, wraps it as
// the plain greedy algorithm wraps the whole.
func FuzzWrap(f *testing.F) {
	f.Add("OrderStatusKey is the key \"order.status\" of [Order.Status], of type OrderStatus. It expires 10m after each write.", 17)
	f.Add("  a  b\tc\n"+strings.Repeat("x", 80)+" y z", 3)
	f.Fuzz(func(t *testing.T, text string, cut int) {
		cut = max(0, min(len(text), cut))
		w := docWriter{}
		w.write(text[:cut], text[cut:])
		w.end()
		if got, want := string(w.buf), greedyWrap(text); got != want {
			t.Fatalf("wrap(%q) =\n%q\nwant\n%q", text, got, want)
		}
	})
}

// greedyWrap is the reference: words are added to a line while it stays
// within 76 bytes.
func greedyWrap(text string) string {
	var b strings.Builder
	n := 0
	for i, w := range strings.FieldsFunc(text, func(r rune) bool { return r < utf8.RuneSelf && isSpace(byte(r)) }) {
		switch {
		case i == 0:
		case n+1+len(w) > 76:
			b.WriteByte('\n')
			n = 0
		default:
			b.WriteByte(' ')
			n++
		}
		b.WriteString(w)
		n += len(w)
	}
	return b.String()
}
