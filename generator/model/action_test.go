package model

import (
	"go/token"
	"go/types"
	"strings"
	"testing"
)

func readActions(t *testing.T, src string) ([]*Action, []Diagnostic) {
	t.Helper()
	fset, files, info, pkg := typeCheck(t, "example.com/app", "actions.go", src)
	groups, diags := ReadKeys(fset, files, info, pkg)
	if len(diags) > 0 {
		t.Fatalf("keys: %v", diags)
	}
	return ReadActions(fset, files, info, pkg, groups, nil)
}

func TestReadActions(t *testing.T) {
	actions, diags := readActions(t, `package app

import "github.com/gostage/gostage/runtime/workflow"

//gostage:keys prefix=user
type User struct {
	ID     int
	Status string `+"`gostage:\"key=user.state\"`"+`
}

// SendHTTPRequest calls out.
//
// It says so.
//
//gostage:action reads=User.ID,User.Status writes=User.Status
type SendHTTPRequest struct{}

func (a SendHTTPRequest) Run(ctx *workflow.ActionContext, io SendHTTPRequestIO) error { return nil }

//gostage:action name=noop
type Noop struct{}

func (*Noop) Run(_ *workflow.ActionContext, _ NoopIO) (err error) { return nil }
`)
	if len(diags) > 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	if len(actions) != 2 {
		t.Fatalf("actions = %+v", actions)
	}
	a := actions[0]
	if a.Name != "send-http-request" || a.Doc != "SendHTTPRequest calls out.\n\nIt says so." || a.IOName() != "SendHTTPRequestIO" {
		t.Errorf("action = %+v", a)
	}
	var got []string
	for _, k := range append(a.Reads, a.Writes...) {
		got = append(got, k.Ref+"="+k.Key+":"+k.Type.String()+":"+k.Getter()+"/"+k.Setter())
	}
	if want := "User.ID=user.id:int:UserID/SetUserID User.Status=user.state:string:UserStatus/SetUserStatus User.Status=user.state:string:UserStatus/SetUserStatus"; strings.Join(got, " ") != want {
		t.Errorf("references:\n%s\nwant:\n%s", strings.Join(got, " "), want)
	}
	if actions[1].Name != "noop" || len(actions[1].Reads)+len(actions[1].Writes) != 0 {
		t.Errorf("noop = %+v", actions[1])
	}
}

func TestReadActionsRunSignatures(t *testing.T) {
	_, diags := readActions(t, `package app

import "github.com/gostage/gostage/runtime/workflow"

//gostage:action
type A struct{}

func (a *A) Run(ctx workflow.ActionContext, io AIO) error { return nil }

//gostage:action
type B struct{}

func (b *B) Run(ctx *workflow.ActionContext, io BIO) {}

//gostage:action
type C struct{}

func (c *C) Run(ctx *workflow.ActionContext, io BIO) error { return nil }

//gostage:action
type D struct{}

func (d *D) Run(ctx *workflow.ActionContext, io DIO, more int) error { return nil }
`)
	var got []string
	for _, d := range diags {
		got = append(got, d.String())
	}
	want := []string{
		"actions.go:8:13: Run of action A has the wrong signature: want func (a *A) Run(ctx *workflow.ActionContext, io AIO) error",
		"actions.go:13:13: Run of action B has the wrong signature: want func (a *B) Run(ctx *workflow.ActionContext, io BIO) error",
		"actions.go:18:13: Run of action C has the wrong signature: want func (a *C) Run(ctx *workflow.ActionContext, io CIO) error",
		"actions.go:23:13: Run of action D has the wrong signature: want func (a *D) Run(ctx *workflow.ActionContext, io DIO) error",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A reference to a field of a group of the package that is not a key
// says why, rather than that the field is unknown.
func TestReadActionsFieldThatIsNotAKey(t *testing.T) {
	_, diags := readActions(t, `package app

import "github.com/gostage/gostage/runtime/workflow"

//gostage:keys
type User struct {
	ID    int
	note  string
	Cache []byte `+"`gostage:\"-\"`"+`
}

//gostage:action reads=User.note,User.Cache,User.Nope
type A struct{}

func (a *A) Run(ctx *workflow.ActionContext, io AIO) error { return nil }
`)
	var got []string
	for _, d := range diags {
		got = append(got, d.String())
	}
	want := []string{
		"actions.go:12:29: field note of key group User is not a key: it is unexported (only exported fields are keys): rename it Note and run gostage-gen",
		"actions.go:12:39: field Cache of key group User is not a key: its tag gostage:\"-\" leaves it out of the group: drop the tag and run gostage-gen",
		"actions.go:12:50: unknown field Nope of key group User (expected ID)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestKebabCase(t *testing.T) {
	for in, want := range map[string]string{"ActivateUser": "activate-user", "SendHTTPRequest": "send-http-request", "X": "x"} {
		if got := KebabCase(in); got != want {
			t.Errorf("KebabCase(%q) = %q, want %q", in, got, want)
		}
	}
}

// A group of a package whose declaration cannot be read, as from export
// data without positions, is recognised by its generated code.
func TestKeyFinderFromGeneratedCode(t *testing.T) {
	keys := types.NewPackage("example.com/keys", "keys")
	declare := func(name string, fields ...string) {
		var vars []*types.Var
		for _, f := range fields {
			vars = append(vars, types.NewField(token.NoPos, keys, f, types.Typ[types.Int], false))
		}
		tn := types.NewTypeName(token.NoPos, keys, name, nil)
		types.NewNamed(tn, types.NewStruct(vars, nil), nil)
		keys.Scope().Insert(tn)
	}
	declare("User", "ID", "Age")
	declare("Plain", "X")
	keys.Scope().Insert(types.NewFunc(token.NoPos, keys, "UserOf", types.NewSignatureType(nil, nil, nil, nil, nil, false)))
	keys.Scope().Insert(types.NewVar(token.NoPos, keys, "UserIDKey", types.Typ[types.Int]))
	f := NewKeyFinder(token.NewFileSet(), nil, nil, nil)
	imports := map[string]*types.Package{"k": keys}

	k, err := f.Find("k.User.ID", imports)
	if err != nil || k.PkgPath != "example.com/keys" || k.PkgName != "keys" || k.VarName() != "UserIDKey" || k.Key != "" {
		t.Errorf("Find(k.User.ID) = %+v, %v", k, err)
	}
	for ref, want := range map[string]string{
		"k.User.Age":           "unknown field Age of key group k.User (expected ID)",
		"k.Plain.X":            "k.Plain is not a key group: its declaration has no //gostage:keys (key groups: k.User)",
		"other.User.ID":        "unknown package other (expected a package this file imports: k); import it, or name the key by the import path of its package, importpath.User.ID",
		"User.ID":              "User is a key group of package example.com/keys: write k.User.ID",
		"k.User.ID.X":          `bad key reference "k.User.ID.X": want Group.Field, pkg.Group.Field or importpath.Group.Field`,
		"k.User.ID;k.User.Age": `bad key reference "k.User.ID;k.User.Age": keys are separated by commas, not ";": write k.User.ID,k.User.Age`,
		"k.User.ID|k.User.Age": `bad key reference "k.User.ID|k.User.Age": keys are separated by commas, not "|": write k.User.ID,k.User.Age`,
	} {
		if _, err := f.Find(ref, imports); err == nil || err.Message != want {
			t.Errorf("Find(%s) = %v, want %s", ref, err, want)
		}
	}
}

func TestSplitPathRef(t *testing.T) {
	for ref, want := range map[string][2]string{
		"example.com/m/userkeys.User.ID": {"example.com/m/userkeys", "User.ID"},
		"userkeys.User.ID":               {"", ""},
		"User.ID":                        {"", ""},
	} {
		path, rest, ok := SplitPathRef(ref)
		if path != want[0] || rest != want[1] || ok != (want[0] != "") {
			t.Errorf("SplitPathRef(%q) = %q, %q, %v", ref, path, rest, ok)
		}
	}
}
