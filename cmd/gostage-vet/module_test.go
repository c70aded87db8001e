package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
)

// tools are gostage-vet and gostage-gen, built once for the tests of
// this package. The commands are built rather than the test binary run
// as them: a test binary built with -race analyzes every dependency many
// times slower.
var tools struct {
	once     sync.Once
	dir      string
	vet, gen string
	err      error
}

// buildTools builds the commands, or fails the test.
func buildTools(tb testing.TB) (vet, gen string) {
	tb.Helper()
	tools.once.Do(func() {
		tools.dir, tools.err = os.MkdirTemp("", "gostage-vet-test")
		if tools.err != nil {
			return
		}
		tools.vet = filepath.Join(tools.dir, "gostage-vet")
		tools.gen = filepath.Join(tools.dir, "gostage-gen")
		for out, pkg := range map[string]string{tools.vet: ".", tools.gen: "../gostage-gen"} {
			cmd := exec.Command("go", "build", "-o", out, pkg)
			if b, err := cmd.CombinedOutput(); err != nil {
				tools.err = errors.New("go build " + pkg + ": " + err.Error() + "\n" + string(b))
				return
			}
		}
	})
	if tools.err != nil {
		tb.Fatal(tools.err)
	}
	return tools.vet, tools.gen
}

// TestMain removes the built commands.
func TestMain(m *testing.M) {
	code := m.Run()
	if tools.dir != "" {
		os.RemoveAll(tools.dir)
	}
	os.Exit(code)
}

// newModule lays out files, keyed by their paths, in a new module named
// vetdemo in a temporary directory, which uses this repository as
// gostage, and runs gostage-gen over it. It returns the directory.
func newModule(tb testing.TB, files map[string]string) string {
	tb.Helper()
	if testing.Short() {
		tb.Skip("runs the go command")
	}
	_, gen := buildTools(tb)
	root, err := filepath.Abs("../..")
	if err != nil {
		tb.Fatal(err)
	}
	dir := tb.TempDir()
	writeFiles(tb, dir, map[string]string{
		"go.mod": "module vetdemo\n\ngo 1.26.0\n\nrequire github.com/gostage/gostage v0.0.0\n\nreplace github.com/gostage/gostage => " + root + "\n",
	})
	writeFiles(tb, dir, files)
	if out, code := runIn(tb, dir, gen, "./..."); code != 0 {
		tb.Fatalf("gostage-gen ./... exited %d:\n%s", code, out)
	}
	return dir
}

// writeFiles writes files, keyed by their paths relative to dir, into dir.
func writeFiles(tb testing.TB, dir string, files map[string]string) {
	tb.Helper()
	for name, src := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}

// runIn runs a command in dir and returns its combined output and exit
// status.
func runIn(tb testing.TB, dir, name string, args ...string) (string, int) {
	tb.Helper()
	stdout, stderr, code := runSplit(tb, dir, name, args...)
	return stdout + stderr, code
}

// runSplit runs a command in dir and returns its output and error output
// apart, and its exit status.
func runSplit(tb testing.TB, dir, name string, args ...string) (stdout, stderr string, code int) {
	tb.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOPROXY=off", "GOFLAGS=")
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		tb.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
	}
	return out.String(), errOut.String(), cmd.ProcessState.ExitCode()
}

// findingLine is a line of a finding: file:line:col: message.
var findingLine = regexp.MustCompile(`(?m)^(\S+\.go):(\d+):(\d+): (.+)$`)

// findings returns the finding lines of out, sorted.
func findings(out string) []string {
	lines := findingLine.FindAllString(out, -1)
	sort.Strings(lines)
	return lines
}
