package model

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"testing"
	"time"
)

func read(t *testing.T, src string) ([]*Group, []Diagnostic) {
	t.Helper()
	fset, files, info, pkg := typeCheck(t, "example.com/userkeys", "keys.go", src)
	return ReadKeys(fset, files, info, pkg)
}

// typeCheck parses src as the file name of package path and type-checks
// it, tolerating type errors as the generator does, with imports from
// source, so that the packages of this module can be imported too.
func typeCheck(t *testing.T, path, name, src string) (*token.FileSet, []*ast.File, *types.Info, *types.Package) {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}, Defs: map[*ast.Ident]types.Object{}, Uses: map[*ast.Ident]types.Object{}}
	conf := types.Config{Importer: importer.ForCompiler(fset, "source", nil), Error: func(error) {}}
	pkg, _ := conf.Check(path, fset, []*ast.File{f}, info)
	return fset, []*ast.File{f}, info, pkg
}

func TestReadKeys(t *testing.T) {
	groups, diags := read(t, `package userkeys

import "time"

type Timeout time.Duration

// User is the state of one user.
//
//gostage:keys prefix=user
type User struct {
	// ID is the user's numeric id.
	ID      int
	Roles   []string `+"`gostage:\"ttl=10m,tags=auth|pii\"`"+`
	Config  map[string]any `+"`gostage:\"key=user.cfg\"`"+`
	Status  string `+"`gostage:\"default=pending\"`"+`
	Wait    Timeout `+"`gostage:\"default=1m30s\"`"+`
	Cache   []byte `+"`gostage:\"-\"`"+`
	private int
	HTTPServer string
}
`)
	if len(diags) > 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	if len(groups) != 1 || groups[0].Doc != "User is the state of one user." {
		t.Fatalf("groups = %+v", groups)
	}
	var names []string
	for _, k := range groups[0].Keys {
		names = append(names, k.Name)
	}
	if got := strings.Join(names, " "); got != "user.id user.roles user.cfg user.status user.wait user.http_server" {
		t.Errorf("key names = %s", got)
	}
	k := groups[0].Keys
	if k[0].VarName() != "UserIDKey" || k[0].Doc != "ID is the user's numeric id." {
		t.Errorf("key 0 = %+v", k[0])
	}
	if k[1].TTL != 10*time.Minute || strings.Join(k[1].Tags, "|") != "auth|pii" {
		t.Errorf("key 1 = %+v", k[1])
	}
	if d := k[4].Default; d == nil || !d.Duration || d.Value.String() != "90000000000" {
		t.Errorf("duration default = %+v", d)
	}
}

func TestReadKeysDiagnostics(t *testing.T) {
	_, diags := read(t, `package userkeys

//gostage:keys prefx=u
type A struct {
	X int `+"`gostage:\"ttl=soon\"`"+`
	Y int `+"`gostage:\"default=1.5\"`"+`
	Z []int `+"`gostage:\"default=1,tll=1m\"`"+`
	W Missing
	Of int
	V  int
}

//gostage:keys
type B int

//gostage:key
type C struct{ X int }

type D struct {
	//gostage:keys
	X int `+"`gostage:\"key=a.x\"`"+`
}

//gostage:keys prefix=a
type E struct{ V int }

func AOf() {}
`)
	want := []string{
		"keys.go:3:16: unknown keys option prefx (expected prefix), did you mean prefix",
		"keys.go:4:6: generated name AOf for group A collides with the declaration at keys.go:27:6: rename that declaration",
		`keys.go:5:22: bad ttl "soon" of key a.x: want a duration such as 30s or 10m`,
		`keys.go:6:26: default "1.5" does not fit key a.y of type int: not an integer`,
		"keys.go:7:20: default on key a.z of type []int: defaults need a bool, string, numeric or time.Duration type",
		"keys.go:7:30: unknown tag option tll (expected default, key, tags, ttl, -), did you mean ttl",
		"keys.go:8:4: cannot resolve type Missing of key A.W",
		"keys.go:13:1: //gostage:keys on B, which is not a struct type",
		"keys.go:16:11: unknown directive //gostage:key (expected //gostage:action, //gostage:keys), did you mean //gostage:keys",
		"keys.go:20:2: //gostage:keys must be in the doc comment of a struct type declaration",
		`keys.go:25:16: duplicate key name "a.v": A.V and E.V`,
	}
	var got []string
	for _, d := range diags {
		got = append(got, d.String())
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestParseNumber(t *testing.T) {
	for lit, ok := range map[string]bool{"5": true, "-5": true, "+0x1F": true, "1_000": true, "1e3": true, "08": false, "--5": false, "5i": true, "x": false, "": false, "1+2": false} {
		if got := parseNumber(lit).Kind() != 0; got != ok {
			t.Errorf("parseNumber(%q) ok = %v, want %v", lit, got, ok)
		}
	}
}

func TestParseDefault(t *testing.T) {
	for _, c := range []struct {
		lit  string
		kind types.BasicKind
		ok   bool
	}{
		{"5i", types.Float64, false}, {"5i", types.Complex128, true}, {"1.5", types.Float32, true},
		{"1e39", types.Float32, false}, {"-1", types.Uint, false}, {"127", types.Int8, true}, {"128", types.Int8, false},
	} {
		_, why := parseDefault(c.lit, types.Typ[c.kind])
		if (why == "") != c.ok {
			t.Errorf("parseDefault(%q, %v): %q, want ok = %v", c.lit, types.Typ[c.kind], why, c.ok)
		}
	}
}

func TestSnakeCase(t *testing.T) {
	for in, want := range map[string]string{"ID": "id", "HTTPServer": "http_server", "UserID": "user_id", "Name": "name", "V2Name": "v2_name", "URLs": "urls"} {
		if got := SnakeCase(in); got != want {
			t.Errorf("SnakeCase(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestConstDefaults reads defaults that name constants, of the package
// and of an import without a name, with an info that has no Implicits,
// as some callers (gostage-vet) give.
func TestConstDefaults(t *testing.T) {
	groups, diags := read(t, `package userkeys

import "time"

type Status string

const Active Status = "active"

const Three = 3

const Comma = ','

//gostage:keys
type User struct {
	Wait   time.Duration `+"`gostage:\"default=time.Minute\"`"+`
	Status Status `+"`gostage:\"default=Active\"`"+`
	Tries  int8 `+"`gostage:\"default=Three\"`"+`
	Note   string `+"`gostage:\"default=\\\"Active\\\"\"`"+`
	Sep    int32 `+"`gostage:\"default=Comma\"`"+`
}
`)
	if len(diags) > 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	var got []string
	for _, k := range groups[0].Keys {
		d := k.Default
		s := k.Field + "=" + d.Value.ExactString() + " " + k.Facts().Default
		if c := d.Const; c != nil {
			s += " " + c.PkgPath + "." + c.Name
		}
		if d.Untyped != nil {
			s += " untyped " + d.Untyped.String()
		}
		got = append(got, s)
	}
	want := []string{
		"Wait=60000000000 [time.Minute] time.Minute",
		`Status="active" [Active] example.com/userkeys.Active`,
		"Tries=3 [Three] example.com/userkeys.Three untyped int",
		`Note="Active" "Active" untyped string`,
		"Sep=44 [Comma] example.com/userkeys.Comma untyped rune",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("defaults:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestUnresolvedTypeHint(t *testing.T) {
	src := `package p

import "time"

type Money int64

//gostage:keys
type Order struct {
	Total Mony
	Wait  time.Durtion
	Items []strng
	Other Nothing
}
`
	_, diags := read(t, src)
	want := []string{
		"cannot resolve type Mony of key Order.Total, did you mean Money",
		"cannot resolve type time.Durtion of key Order.Wait, did you mean time.Duration",
		"cannot resolve type []strng of key Order.Items, did you mean string",
		"cannot resolve type Nothing of key Order.Other",
	}
	if len(diags) != len(want) {
		t.Fatalf("diags = %v", diags)
	}
	for i, d := range diags {
		if d.Message != want[i] {
			t.Errorf("diag %d = %q, want %q", i, d.Message, want[i])
		}
	}
}
