package directive

import (
	"reflect"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	d, ok, errs := Parse("//gostage:keys prefix=user  x")
	if !ok || len(errs) != 0 {
		t.Fatalf("Parse: ok=%v errs=%v", ok, errs)
	}
	want := []Option{
		{Name: "prefix", Value: "user", HasValue: true, Offset: 15, ValueOffset: 22},
		{Name: "x", Offset: 28, ValueOffset: 29},
	}
	if d.Name != "keys" || !reflect.DeepEqual(d.Options, want) {
		t.Errorf("Parse = %+v, want keys %+v", d, want)
	}
	if _, ok, _ := Parse("// gostage:keys"); ok {
		t.Error("a comment with a space after // is not a directive")
	}
}

func TestCheckOptionSuggests(t *testing.T) {
	d, _, _ := Parse("//gostage:keys prefx=a prefix=b prefix=c")
	seen := make(map[string]bool)
	var msgs []string
	for _, o := range d.Options {
		msgs = append(msgs, CheckOption(o.Name, seen, []string{"prefix"}, nil, "keys option"))
	}
	if len(msgs) != 3 || !strings.Contains(msgs[0], "did you mean prefix") || msgs[1] != "" || msgs[2] != "keys option prefix given twice" {
		t.Fatalf("messages = %q", msgs)
	}
	if msg := CheckOption("reads", map[string]bool{"reads": true}, []string{"reads"}, []string{"reads"}, "action option"); msg != "" {
		t.Errorf("a repeatable option given twice: %q", msg)
	}
	if e := CheckName(Directive{Name: "key", NameOffset: 10}); len(e) != 1 || !strings.Contains(e[0].Message, "did you mean //gostage:keys") {
		t.Errorf("CheckName = %+v", e)
	}
}

func TestSuggest(t *testing.T) {
	for _, c := range []struct {
		name  string
		known []string
		want  string
	}{
		{"Stats", []string{"ID", "Status"}, "Status"},
		{"tll", []string{"ttl", "tags"}, "ttl"},
		// Swapped letters are one typo.
		{"nmae", []string{"name", "reads", "writes"}, "name"},
		{"raeds", []string{"name", "reads", "writes"}, "reads"},
		{"ID", []string{"IP", "Name"}, "IP"},
		{"id", []string{"ID"}, "ID"},
		// A one-letter name is one edit from every other one: no hint.
		{"Z", []string{"B", "D"}, ""},
		{"ID", []string{"ID"}, ""},
		// The start of one name, of three letters or more, is that name.
		{"Stat", []string{"ID", "Status"}, "Status"},
		{"stat", []string{"ID", "Status"}, "Status"},
		{"St", []string{"ID", "Status"}, ""},
		{"Stat", []string{"Status", "Statistics"}, ""},
	} {
		if got := Suggest(c.name, c.known); got != c.want {
			t.Errorf("Suggest(%q, %q) = %q, want %q", c.name, c.known, got, c.want)
		}
	}
}

func TestLookup(t *testing.T) {
	tag := `json:"id" gostage:"ttl=1m,tags=a|b"`
	v, off, exact, found, err := Lookup(tag, TagKey)
	if err != nil || !found || !exact || v != "ttl=1m,tags=a|b" || tag[off:off+len(v)] != v {
		t.Fatalf("Lookup = %q %d %v %v %v", v, off, exact, found, err)
	}
	for _, bad := range []string{`gostage:ttl=1m`, `gostage:"ttl`, `gostage :"x"`} {
		if _, _, _, _, err := Lookup(bad, TagKey); err == nil {
			t.Errorf("Lookup(%q): no error", bad)
		}
	}
}

func TestParseTag(t *testing.T) {
	opts, errs := ParseTag("key=a.b,ttl=10m,-")
	if len(opts) != 3 || len(errs) != 1 || errs[0].Offset != 16 {
		t.Fatalf("ParseTag = %+v %+v", opts, errs)
	}
	if _, errs := ParseTag("ttl=1m,,"); len(errs) != 2 {
		t.Errorf("empty options: errs = %+v", errs)
	}
	// A quoted value keeps its commas, and its escaped quotes.
	opts, errs = ParseTag(`default="a, \"b\", c",ttl=1m,key=x"y,z`)
	var got []string
	for _, o := range opts {
		got = append(got, o.Name+"="+o.Value)
	}
	if want := []string{`default="a, \"b\", c"`, "ttl=1m", `key=x"y`, "z="}; len(errs) != 0 || strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("quoted value: %q %+v, want %q", got, errs, want)
	}
}

// tags=a,b,c is one error, at b, that says how to write all three.
func TestParseTagCommasInTags(t *testing.T) {
	opts, errs := ParseTag("tags=a,b,c,ttl=1m,d")
	var got []string
	for _, o := range opts {
		got = append(got, o.String())
	}
	want := Error{7, "tags are separated by |, not commas: write tags=a|b|c"}
	if strings.Join(got, " ") != "tags=a ttl=1m d" || len(errs) != 1 || errs[0] != want {
		t.Errorf("ParseTag = %q %+v, want [tags=a ttl=1m d] and %+v", got, errs, want)
	}
}

func FuzzParseDirective(f *testing.F) {
	for _, s := range []string{"//gostage:keys prefix=user", "//gostage:keys prefix=", "//gostage:", "//gostage:action reads=A.B,C.D writes=A.B", "//gostage:keys =x\t y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if miss := NearMiss(text); miss != "" {
			if d, ok, _ := Parse(miss); !ok || d.Name == "" || CheckName(d) != nil {
				t.Fatalf("NearMiss(%q) = %q, which is no directive", text, miss)
			}
		}
		d, ok, errs := Parse(text)
		if !ok {
			return
		}
		for _, o := range d.Options {
			if text[o.Offset:o.Offset+len(o.Name)] != o.Name || text[o.ValueOffset:o.ValueOffset+len(o.Value)] != o.Value {
				t.Fatalf("offsets of %+v do not point into %q", o, text)
			}
		}
		_ = CheckName(d)
		if len(errs) > 0 || strings.ContainsAny(d.Name, "\r\n") {
			return
		}
		again, ok, errs := Parse(Format(d))
		if !ok || len(errs) > 0 || again.Name != d.Name || !sameOptions(again.Options, d.Options) {
			t.Fatalf("round trip of %q: %+v, want %+v (%v)", text, again, d, errs)
		}
	})
}

func FuzzParseTag(f *testing.F) {
	for _, s := range []string{"ttl=10m,tags=auth|pii", "key=user.cfg", "-", "default=pending", ",=,"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, value string) {
		opts, errs := ParseTag(value)
		for _, o := range opts {
			if value[o.Offset:o.Offset+len(o.Name)] != o.Name || value[o.ValueOffset:o.ValueOffset+len(o.Value)] != o.Value {
				t.Fatalf("offsets of %+v do not point into %q", o, value)
			}
		}
		_, _, _, _, _ = Lookup(value, TagKey)
		if len(errs) > 0 {
			return
		}
		again, errs := ParseTag(FormatTag(opts))
		if len(errs) > 0 || !sameOptions(again, opts) {
			t.Fatalf("round trip of %q: %+v, want %+v", value, again, opts)
		}
	})
}

func sameOptions(a, b []Option) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Name != b[i].Name || a[i].Value != b[i].Value || a[i].HasValue != b[i].HasValue {
			return false
		}
	}
	return true
}

func TestParseListWithSpaces(t *testing.T) {
	text := "//gostage:action reads=Order.Items, Order.Status ,Order.ID writes=Order.Status, name=x"
	d, _, errs := Parse(text)
	if len(errs) != 0 || len(d.Options) != 3 {
		t.Fatalf("Parse = %+v, %v", d.Options, errs)
	}
	if got := d.Options[0].Value; got != "Order.Items, Order.Status ,Order.ID" {
		t.Errorf("reads = %q", got)
	}
	// A field with an = starts an option of its own, even after a comma.
	if got := d.Options[1].Value; got != "Order.Status," || d.Options[2].Name != "name" {
		t.Errorf("writes = %q, then %+v", got, d.Options[2])
	}
}

// An item of a list cut off from it by a space, where a comma was meant,
// is reported as such, not as an unknown option, and read as meant.
func TestParseListCutBySpace(t *testing.T) {
	text := "//gostage:action reads=Order.ID  Order.Items writes=Order.Status"
	d, _, errs := Parse(text)
	want := []Error{{33, "the items of reads= are separated by commas, not spaces: write reads=Order.ID,Order.Items"}}
	if !reflect.DeepEqual(errs, want) {
		t.Errorf("errors = %+v, want %+v", errs, want)
	}
	if len(d.Options) != 2 || d.Options[0].Value != "Order.ID, Order.Items" || d.Options[1].Name != "writes" {
		t.Fatalf("options = %+v", d.Options)
	}
	// The offsets of the value still point into the text.
	o := d.Options[0]
	if got := text[o.ValueOffset : o.ValueOffset+len(o.Value)]; got != "Order.ID  Order.Items" {
		t.Errorf("value %q at %d is %q in the text", o.Value, o.ValueOffset, got)
	}
	// prefix= of //gostage:keys is no list: what follows it is an option.
	d, _, errs = Parse("//gostage:keys prefix=cart order.x")
	if len(errs) != 0 || len(d.Options) != 2 || d.Options[0].Value != "cart" || d.Options[1].Name != "order.x" {
		t.Errorf("keys: options %+v, errors %+v", d.Options, errs)
	}
}

func TestTagHints(t *testing.T) {
	opts, errs := ParseTag("ttl:24h")
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	if msg := CheckOption(opts[0].Name, make(map[string]bool), TagOptions, nil, "tag option"); !strings.HasSuffix(msg, "did you mean ttl=24h") {
		t.Errorf("ttl:24h: %q", msg)
	}
	_, errs = ParseTag("key=a, ttl=24h tags=pay")
	if len(errs) != 1 || errs[0].Offset != 7 || errs[0].Message != "options of a gostage tag are separated by commas, not spaces: write ttl=24h,tags=pay" {
		t.Errorf("ttl=24h tags=pay: %+v", errs)
	}
}

func TestNearMiss(t *testing.T) {
	for text, want := range map[string]string{
		"// gostage:keys":                   "//gostage:keys",
		"//gostage: keys":                   "//gostage:keys",
		"//  gostage :keys prefix=user":     "//gostage:keys prefix=user",
		"// gostage:action reads=User.ID":   "//gostage:action reads=User.ID",
		"// Gostage:Keys":                   "//gostage:keys",
		"//gostage: acton name=x":           "//gostage:action name=x",
		"//gostage:keys":                    "",
		"//gostage:keys prefix=user":        "",
		"//gostage:key":                     "", // an unknown directive, which CheckName reports
		"// gostage: actions run in order":  "",
		"// gostage is a workflow library.": "",
		"// gostage: the store":             "",
	} {
		if got := NearMiss(text); got != want {
			t.Errorf("NearMiss(%q) = %q, want %q", text, got, want)
		}
	}
}

func TestNearMissKey(t *testing.T) {
	for tag, want := range map[string][2]any{
		`json:"s" gostgae:"ttl=1m"`:         {"gostgae", 9},
		`Gostage:"x"`:                       {"Gostage", 0},
		`gostage:"x" gostgae:"y"`:           {"", 0}, // the right key is there too
		`json:"w" storage:"x" db:"gostage"`: {"", 0},
		`gostgae:"x`:                        {"", 0}, // malformed: reported as such
	} {
		key, off := NearMissKey(tag)
		if key != want[0] || off != want[1] {
			t.Errorf("NearMissKey(%s) = %q, %d, want %q, %d", tag, key, off, want[0], want[1])
		}
	}
}
