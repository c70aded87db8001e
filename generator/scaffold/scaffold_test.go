package scaffold

import (
	"os"
	"path/filepath"
	"testing"
)

func TestTypeName(t *testing.T) {
	for in, want := range map[string]string{"ActivateUser": "ActivateUser", "activate-user": "ActivateUser", "send_mail": "SendMail", "x": "X"} {
		if got, err := TypeName(in); err != nil || got != want {
			t.Errorf("TypeName(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "9lives", "a b", "-", "héllo wörld"} {
		if got, err := TypeName(bad); err == nil {
			t.Errorf("TypeName(%q) = %q, want an error", bad, got)
		}
	}
}

func TestFileName(t *testing.T) {
	if got := FileName("SendHTTPRequest"); got != "send_http_request.go" {
		t.Errorf("FileName = %q", got)
	}
}

func TestActionRefusesATestFileName(t *testing.T) {
	_, err := Action(t.Context(), ActionOptions{Dir: t.TempDir(), TypeName: "CheckTest"})
	if err == nil || err.Error() != "check_test.go would be a test file: pick another action name" {
		t.Errorf("err = %v", err)
	}
}

func TestActionRefusesAFileNameThatConstrainsTheBuild(t *testing.T) {
	for typeName, want := range map[string]string{
		"SyncWindows":    "sync_windows.go would build only on some systems (its name ends in a GOOS or GOARCH): pick another action name",
		"RenderWasm":     "render_wasm.go would build only on some systems (its name ends in a GOOS or GOARCH): pick another action name",
		"ShipLinuxArm64": "ship_linux_arm64.go would build only on some systems (its name ends in a GOOS or GOARCH): pick another action name",
	} {
		_, err := Action(t.Context(), ActionOptions{Dir: t.TempDir(), TypeName: typeName})
		if err == nil || err.Error() != want {
			t.Errorf("%s: err = %v, want %q", typeName, err, want)
		}
	}
}

// A -dir that does not exist is named, rather than the go command failing
// to start there with a message that the go binary does not exist.
func TestActionInADirectoryThatDoesNotExist(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "notify")
	_, err := Action(t.Context(), ActionOptions{Dir: dir, TypeName: "Notify"})
	want := "no directory " + dir + " to add the action to: an action goes in an existing Go package; create the directory and a .go file with its package clause first"
	if err == nil || err.Error() != want {
		t.Errorf("err = %v, want %q", err, want)
	}
	if _, err := os.Stat(dir); err == nil {
		t.Error("the directory was created")
	}
}
