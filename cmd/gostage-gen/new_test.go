package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const appSrc = `package app

import uk "example.com/m/userkeys"

// Default is the user an empty run starts with.
var Default = uk.User{ID: 1}
`

func TestNewActionCompilesAfterGeneration(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	dir := module(t, map[string]string{"userkeys/keys.go": keysSrc, "app/app.go": appSrc, "other/other.go": "package other\n"})

	// A renamed import of another file, and a package by its import path:
	// the directive names both by import path, which needs no import.
	code, out, errs := run("new", "action", "activate-user", "-reads", "uk.User.ID", "-writes", "example.com/m/userkeys.User.Name", "-dir", "app")
	if code != exitOK || out != "app/activate_user.go\n" || errs != "" {
		t.Fatalf("new action: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	src := read(t, filepath.Join(dir, "app", "activate_user.go"))
	if want := "//gostage:action reads=example.com/m/userkeys.User.ID writes=example.com/m/userkeys.User.Name\ntype ActivateUser struct{}"; !strings.Contains(src, want) {
		t.Errorf("scaffold lacks %q:\n%s", want, src)
	}
	if strings.Contains(src, `"example.com/m/userkeys"`) {
		t.Errorf("scaffold imports the keys package, which it does not use:\n%s", src)
	}

	// Flags before NAME, same-package references (one by import path,
	// which must not make the package import itself) and the default -dir.
	t.Chdir(filepath.Join(dir, "userkeys"))
	if code, out, errs := run("new", "action", "-reads", "User.ID", "-writes", "example.com/m/userkeys.User.Name", "Rename"); code != exitOK || out != "rename.go\n" {
		t.Fatalf("new action in the keys package: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if src := read(t, "rename.go"); !strings.Contains(src, "//gostage:action reads=User.ID writes=User.Name\n") || strings.Contains(src, "example.com/m/userkeys") {
		t.Errorf("scaffold in the keys package:\n%s", src)
	}
	t.Chdir(dir)

	if code, _, errs := run("./..."); code != exitOK {
		t.Fatalf("generate: exit %d\n%s", code, errs)
	}
	cmd := exec.Command("go", "vet", "./...")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go vet after generation: %v\n%s", err, b)
	}
	gen := read(t, filepath.Join(dir, "app", "gostage_gen.go"))
	if !strings.Contains(gen, "func (io ActivateUserIO) UserID() (int, error)") || !strings.Contains(gen, "func (io ActivateUserIO) SetUserName(v string) error") {
		t.Errorf("generated IO:\n%s", gen)
	}

	// Never overwritten, even with other references.
	code, out, errs = run("new", "action", "ActivateUser", "-dir", "app")
	if code != exitInput || out != "" || errs != "gostage-gen new action: app/activate_user.go already exists: not overwritten\n" {
		t.Errorf("second new action: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if read(t, filepath.Join(dir, "app", "activate_user.go")) != src {
		t.Error("the scaffold changed")
	}
}

func TestNewActionRefusesBadReferences(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	dir := module(t, map[string]string{"userkeys/keys.go": keysSrc, "app/app.go": appSrc})

	code, out, errs := run("new", "action", "Check", "-reads", "uk.User.Nme,User.ID,keys.User.ID", "-writes", "uk.Usr.ID", "-dir", "app")

	want := `gostage-gen new action: -reads uk.User.Nme: unknown field Nme of key group uk.User (expected ID, Name), did you mean Name
gostage-gen new action: -reads User.ID: User is a key group of package example.com/m/userkeys: write uk.User.ID
gostage-gen new action: -reads keys.User.ID: unknown package keys (expected a package this file imports: uk); import it, or name the key by the import path of its package, importpath.User.ID
gostage-gen new action: -writes uk.Usr.ID: unknown key group uk.Usr (expected uk.User), did you mean uk.User
`
	if code != exitInput || out != "" || errs != want {
		t.Errorf("exit %d, stdout %q, stderr:\n%s\nwant:\n%s", code, out, errs, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "app", "check.go")); err == nil {
		t.Error("a scaffold was written despite bad references")
	}
	if code, _, errs := run("new", "action", "Default", "-dir", "app"); code != exitInput || !strings.Contains(errs, "Default is already declared at app.go:6:5") {
		t.Errorf("taken name: exit %d, stderr %q", code, errs)
	}
}

func TestNewActionRefusesGeneratedNames(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	// Not keys.go, which the scaffold of Keys would be.
	dir := module(t, map[string]string{"userkeys/user.go": keysSrc})

	for name, want := range map[string]string{
		"UserNameKey": "gostage-gen new action: UserNameKey is generated for key User.Name\n",
		"UserView":    "gostage-gen new action: UserView is generated for group User\n",
		"Keys":        "gostage-gen new action: Keys is generated for the key catalog\n",
	} {
		code, out, errs := run("new", "action", name, "-dir", "userkeys")
		if code != exitInput || out != "" || errs != want {
			t.Errorf("new action %s: exit %d, stdout %q, stderr %q, want %q", name, code, out, errs, want)
		}
		if _, err := os.Stat(filepath.Join(dir, "userkeys", scaffoldFile(name))); err == nil {
			t.Errorf("new action %s wrote its scaffold", name)
		}
	}
}

func scaffoldFile(typeName string) string {
	return map[string]string{"UserNameKey": "user_name_key.go", "UserView": "user_view.go", "Keys": "keys.go"}[typeName]
}

func TestNewUsage(t *testing.T) {
	for _, args := range [][]string{{"new"}, {"new", "thing"}, {"new", "action"}, {"new", "action", "a", "b"}, {"new", "action", "9lives"}} {
		if code, _, errs := run(args...); code != exitUsage || errs == "" {
			t.Errorf("%v: exit %d, stderr %q", args, code, errs)
		}
	}
	if code, out, _ := run("new", "action", "-h"); code != exitOK || !strings.Contains(out, "usage: gostage-gen new action NAME") {
		t.Errorf("-h: exit %d, stdout %q", code, out)
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
