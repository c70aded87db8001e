//go:build unix

package workflow

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// lockFile opens name, creating it if needed, and locks it for this
// process with flock. The lock goes with the open file: it is released
// when the file is closed or the process dies, however it dies. A second
// open of the same file, in this process too, cannot lock it meanwhile.
func lockFile(name string) (*os.File, error) {
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if !errors.Is(err, syscall.EINTR) {
			break
		}
	}
	if err == nil {
		return f, nil
	}
	f.Close()
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return nil, fmt.Errorf("%s is locked by another worker: %w", name, ErrRunInProgress)
	}
	return nil, fmt.Errorf("workflow: lock %s: %w", name, err)
}
