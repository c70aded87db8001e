package graph

import (
	"go/types"
	"strings"
	"testing"

	"github.com/gostage/gostage/generator/model"
)

func TestMermaid(t *testing.T) {
	user := &model.Group{Name: "User"}
	user.Keys = []*model.Key{
		{Group: user, Field: "ID", Name: "user.id", Type: types.Typ[types.Int]},
		{Group: user, Field: "Status", Name: "user.status", Type: types.Typ[types.String]},
		{Group: user, Field: "Unused", Name: "user.unused", Type: types.Typ[types.String]},
	}
	ref := func(pkg, group, field, key string) *model.KeyRef {
		return &model.KeyRef{PkgPath: pkg, Group: group, Field: field, Key: key}
	}
	keys := &model.Package{Path: "example.com/m/userkeys", Name: "userkeys", Groups: []*model.Group{user}}
	app := &model.Package{Path: "example.com/m/app", Name: "app", Actions: []*model.Action{
		{TypeName: "CreateUser", Name: "create-user", Writes: []*model.KeyRef{
			ref("example.com/m/userkeys", "User", "ID", "user.id"),
			ref("example.com/m/userkeys", "User", "Status", "user.status"),
		}},
		{TypeName: "Activate", Name: `activate "now"`,
			Reads:  []*model.KeyRef{ref("example.com/m/userkeys", "User", "Status", "user.status"), ref("example.com/other", "Audit", "Log", "")},
			Writes: []*model.KeyRef{ref("example.com/m/userkeys", "User", "Status", "user.status")}},
	}}
	var b strings.Builder

	// Packages come sorted by path whatever the order given.
	if err := Mermaid(&b, []*model.Package{keys, app}); err != nil {
		t.Fatal(err)
	}

	want := `flowchart LR
    %% actions write the keys they point to and read the keys that point to them
    %% actions are numbered by name: no code adds them to stages
    subgraph p0 ["example.com/m/app"]
        a0(["activate #quot;now#quot;"])
        a1(["create-user"])
    end
    subgraph p1 ["example.com/m/userkeys"]
        k0[("user.status")]
        k2[("user.id")]
        k3[("user.unused")]
    end
    subgraph p2 ["example.com/other"]
        k1[("Audit.Log")]
    end
    k0 --> a0
    k1 --> a0
    a0 --> k0
    a1 --> k2
    a1 --> k0
`
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}

	// A package that adds the actions to a stage gives their run order,
	// and draws nothing itself.
	cmd := &model.Package{Path: "example.com/m/cmd", Name: "main", Added: []model.ActionID{
		{PkgPath: "example.com/m/app", TypeName: "CreateUser"},
		{PkgPath: "example.com/m/other", TypeName: "Elsewhere"},
		{PkgPath: "example.com/m/app", TypeName: "Activate"},
		{PkgPath: "example.com/m/app", TypeName: "CreateUser"},
	}}
	b.Reset()
	if err := Mermaid(&b, []*model.Package{keys, app, cmd}); err != nil {
		t.Fatal(err)
	}
	want = `flowchart LR
    %% actions write the keys they point to and read the keys that point to them
    %% actions are numbered in run order, as the code adds them to stages
    subgraph p0 ["example.com/m/app"]
        a0(["create-user"])
        a1(["activate #quot;now#quot;"])
    end
    subgraph p1 ["example.com/m/userkeys"]
        k0[("user.id")]
        k1[("user.status")]
        k3[("user.unused")]
    end
    subgraph p2 ["example.com/other"]
        k2[("Audit.Log")]
    end
    a0 --> k0
    a0 --> k1
    k1 --> a1
    k2 --> a1
    a1 --> k1
`
	if b.String() != want {
		t.Errorf("run order: got:\n%s\nwant:\n%s", b.String(), want)
	}
}
