package store_test

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gostage/gostage/runtime/store"
)

// Environment variables that turn the test binary into a snapshot reader:
// the snapshot's file, and when its "session" entry expires.
const (
	readSnapshotEnv = "GOSTAGE_TEST_READ_SNAPSHOT"
	wantExpiryEnv   = "GOSTAGE_TEST_WANT_EXPIRY"
)

// TestMain lets the test binary read a snapshot in a fresh process, as a
// program started after the one that wrote it does.
func TestMain(m *testing.M) {
	if path := os.Getenv(readSnapshotEnv); path != "" {
		if err := readSnapshotFile(path, os.Getenv(wantExpiryEnv)); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Println("read every shape")
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// readSnapshotFile reads the snapshot at path and checks that it holds
// every shape, and the "session" entry with its expiry and metadata.
func readSnapshotFile(path, wantExpiry string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	s := store.NewKVStore()
	if err := json.Unmarshal(data, s); err != nil {
		return err
	}
	var problems []string
	for _, sh := range shapes() {
		got, err := store.Get[any](s, sh.name)
		if err != nil || !same(got, sh.value) {
			problems = append(problems, fmt.Sprintf("%s: got %#v (%v), want %#v", sh.name, got, err, sh.value))
		}
	}
	at, _ := s.ExpiresAt("session")
	if strconv.FormatInt(at, 10) != wantExpiry {
		problems = append(problems, fmt.Sprintf("session expires at %d, want %s", at, wantExpiry))
	}
	if tagged, _ := s.HasTag("session", "auth"); !tagged {
		problems = append(problems, "session lost its tag")
	}
	if len(problems) > 0 {
		return fmt.Errorf("%d problems:\n%s", len(problems), strings.Join(problems, "\n"))
	}
	return nil
}

// TestSnapshotReadByAnotherProcess writes a snapshot of every shape and
// has a freshly started process read it.
func TestSnapshotReadByAnotherProcess(t *testing.T) {
	s := shapesStore(t)
	mustNot(t, s.PutWithTTL("session", "token", time.Hour))
	mustNot(t, s.AddTag("session", "auth"))
	expiry, _ := s.ExpiresAt("session")
	data, err := json.Marshal(s)
	mustNot(t, err)
	path := filepath.Join(t.TempDir(), "snapshot.json")
	mustNot(t, os.WriteFile(path, data, 0o600))

	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), readSnapshotEnv+"="+path, wantExpiryEnv+"="+strconv.FormatInt(expiry, 10))
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "read every shape") {
		t.Fatalf("the reading process failed: %v\n%s", err, out)
	}
}
