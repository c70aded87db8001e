package templates

import (
	"go/parser"
	"go/token"
	"strings"
	"testing"
)

func TestRenderAction(t *testing.T) {
	src, err := RenderAction(Action{
		Package:  "app",
		TypeName: "ActivateUser",
		Name:     "activate-user",
		Reads:    []string{"example.com/m/userkeys.User.Profile", "Audit.Log"},
		Writes:   []string{"example.com/m/userkeys.User.Status"},
		Getters:  []string{"io.UserProfile()", "io.AuditLog()"},
		Setters:  []string{"io.SetUserStatus(v)"},
	})
	if err != nil {
		t.Fatal(err)
	}
	f, err := parser.ParseFile(token.NewFileSet(), "activate_user.go", src, parser.ParseComments)
	if err != nil {
		t.Fatalf("scaffold does not parse: %v\n%s", err, src)
	}
	for _, want := range []string{
		"//gostage:action reads=example.com/m/userkeys.User.Profile,Audit.Log writes=example.com/m/userkeys.User.Status\ntype ActivateUser struct{}",
		"//\tio.SetUserStatus(v)\nfunc (a *ActivateUser) Run(ctx *workflow.ActionContext, io ActivateUserIO) error {",
		`errors.New("activate-user: not implemented")`,
	} {
		if !strings.Contains(string(src), want) {
			t.Errorf("scaffold lacks %q:\n%s", want, src)
		}
	}
	if f.Name.Name != "app" {
		t.Errorf("package %s", f.Name.Name)
	}
}

func TestRenderActionWithoutKeys(t *testing.T) {
	src, err := RenderAction(Action{Package: "main", TypeName: "Noop", Name: "noop"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(src), "//gostage:action\ntype Noop struct{}") || strings.Contains(string(src), "var _") {
		t.Errorf("scaffold:\n%s", src)
	}
}
