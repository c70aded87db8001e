//go:build !unix && !windows

package workflow

import (
	"errors"
	"os"
	"runtime"
)

// lockFile fails: this system has no file lock that its death releases.
func lockFile(string) (*os.File, error) {
	return nil, errors.New("workflow: the file checkpointer needs file locks, which " + runtime.GOOS + " lacks")
}
