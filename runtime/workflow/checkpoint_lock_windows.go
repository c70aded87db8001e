//go:build windows

package workflow

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// errSharingViolation is Windows' ERROR_SHARING_VIOLATION, which package
// syscall does not name: the file is open elsewhere without sharing.
const errSharingViolation syscall.Errno = 32

// lockFile opens name, creating it if needed, without sharing it: no
// other open succeeds until this one is closed, which Windows does when
// the process dies, however it dies.
func lockFile(name string) (*os.File, error) {
	p, err := syscall.UTF16PtrFromString(name)
	if err != nil {
		return nil, err
	}
	h, err := syscall.CreateFile(p, syscall.GENERIC_READ|syscall.GENERIC_WRITE, 0, nil,
		syscall.OPEN_ALWAYS, syscall.FILE_ATTRIBUTE_NORMAL, 0)
	if errors.Is(err, errSharingViolation) {
		return nil, fmt.Errorf("%s is locked by another worker: %w", name, ErrRunInProgress)
	}
	if err != nil {
		return nil, fmt.Errorf("workflow: lock %s: %w", name, err)
	}
	return os.NewFile(uintptr(h), name), nil
}
