package workflow

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// FileCheckpointer keeps the checkpoints of durable runs in a directory,
// with the standard library alone. Create one with [NewFileCheckpointer].
//
// Each run has a directory of its own, named after the run's ID (bytes
// other than a-z, 0-9, - and _ are escaped as %XX, so the name means the
// same on every file system), holding:
//
//	lock                    locked by the worker that runs the run
//	00000000000000000000.json   the first checkpoint, with the whole store
//	00000000000000000001.json   what the first action changed, and so on
//
// A checkpoint is written to a temporary file, synced, and renamed into
// place, so a crash leaves a whole checkpoint or none. The worker of a run
// holds an OS lock on its lock file (flock on Unix, a file opened without
// sharing on Windows), which the OS releases when the process dies, so
// the next worker needs no time-out to take over. Finished runs stay until
// their directory is removed.
type FileCheckpointer struct {
	dir string
}

// NewFileCheckpointer returns a checkpointer that keeps its runs under
// dir, creating the directory if needed.
func NewFileCheckpointer(dir string) (*FileCheckpointer, error) {
	if dir == "" {
		return nil, errors.New("workflow: NewFileCheckpointer: empty directory name")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("workflow: NewFileCheckpointer: %w", err)
	}
	return &FileCheckpointer{dir: dir}, nil
}

// checkpointExt ends the name of every checkpoint file; a file being
// written has tmpExt after it.
const (
	checkpointExt = ".json"
	tmpExt        = ".tmp"
)

// Claim locks the run's directory and reads its checkpoints. It fails
// with an error wrapping [ErrRunInProgress] while another worker, in this
// process or another, holds the lock.
func (c *FileCheckpointer) Claim(ctx context.Context, runID string) (RunClaim, []Checkpoint, error) {
	if runID == "" {
		return nil, nil, errors.New("workflow: file checkpointer: empty run id")
	}
	dir := filepath.Join(c.dir, escapeRunID(runID))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, nil, err
	}
	lock, err := lockFile(filepath.Join(dir, "lock"))
	if err != nil {
		return nil, nil, err
	}
	cps, err := readCheckpoints(dir)
	if err != nil {
		lock.Close()
		return nil, nil, err
	}
	return &fileClaim{dir: dir, lock: lock, next: len(cps)}, cps, nil
}

// readCheckpoints reads the checkpoint files of a run's directory in
// order, and removes what a crash left behind: the temporary file of an
// interrupted write, and checkpoints after a missing one, which a crash
// of the machine may leave since directories are not synced (each
// checkpoint builds on the one before, so they cannot be used). The
// caller holds the run's lock.
func readCheckpoints(dir string) ([]Checkpoint, error) {
	entries, err := os.ReadDir(dir) // sorted by name, so by Seq
	if err != nil {
		return nil, err
	}
	var cps []Checkpoint
	gap := false
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, tmpExt) && !strings.HasSuffix(name, checkpointExt) {
			continue
		}
		gap = gap || name != checkpointName(len(cps))
		if strings.HasSuffix(name, tmpExt) || gap {
			if err := os.Remove(filepath.Join(dir, name)); err != nil {
				return nil, err
			}
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return nil, err
		}
		var cp Checkpoint
		if err := json.Unmarshal(data, &cp); err != nil {
			return nil, fmt.Errorf("workflow: checkpoint %s: %w", filepath.Join(dir, name), err)
		}
		cps = append(cps, cp)
	}
	return cps, nil
}

// checkpointName returns the file name of checkpoint seq: zero-padded, so
// that names sort as numbers do.
func checkpointName(seq int) string {
	return fmt.Sprintf("%020d%s", seq, checkpointExt)
}

// maxRunDirName is the longest directory name escapeRunID returns, well
// under the 255 bytes most file systems allow for a name.
const maxRunDirName = 129

// escapeRunID returns the directory name of the run runID: the ID, with
// every byte but a-z, 0-9, - and _ escaped as %XX. Upper case is escaped
// too, so that two runs never share a directory on a file system that
// ignores case, and so are dots, so that no name is "." or "..". A name
// longer than maxRunDirName is cut to its first 64 bytes (never inside
// an escape), then "~" and the SHA-256 of the whole ID in hex: "~" is
// escaped everywhere else, so such a name is never another ID's.
func escapeRunID(runID string) string {
	name := escapeBytes(runID)
	if len(name) <= maxRunDirName {
		return name
	}
	cut := 64
	if i := strings.LastIndexByte(name[:cut], '%'); i > cut-3 {
		cut = i
	}
	sum := sha256.Sum256([]byte(runID))
	return name[:cut] + "~" + hex.EncodeToString(sum[:])
}

// escapeBytes escapes every byte of id but a-z, 0-9, - and _ as %XX.
func escapeBytes(id string) string {
	var b strings.Builder
	for i := range len(id) {
		c := id[i]
		if 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_' {
			b.WriteByte(c)
			continue
		}
		const upperHex = "0123456789ABCDEF"
		b.WriteByte('%')
		b.WriteByte(upperHex[c>>4])
		b.WriteByte(upperHex[c&15])
	}
	return b.String()
}

// fileClaim is a worker's hold on a run of a [FileCheckpointer].
type fileClaim struct {
	dir string
	mu  sync.Mutex
	// lock is the open lock file, nil once released.
	lock *os.File
	// next is the Seq of the next checkpoint.
	next int
}

// Save writes cp to a temporary file, syncs it and renames it into
// place: a crash of the process leaves the whole checkpoint or none, and
// a crash of the machine cannot leave a renamed file without its content.
// The directory is not synced, which would double the cost of a
// checkpoint: a crash of the machine may lose the last checkpoints, whose
// actions then run again, as interrupted ones do.
func (c *fileClaim) Save(ctx context.Context, cp Checkpoint) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.lock == nil {
		return fmt.Errorf("workflow: checkpoint %d of %s: the claim was released", cp.Seq, c.dir)
	}
	if cp.Seq != c.next {
		return fmt.Errorf("workflow: checkpoint %d of %s: the next one is %d", cp.Seq, c.dir, c.next)
	}
	data, err := cp.MarshalJSON()
	if err != nil {
		return err
	}
	name := filepath.Join(c.dir, checkpointName(cp.Seq))
	if err := writeSynced(name+tmpExt, data); err != nil {
		return err
	}
	if err := os.Rename(name+tmpExt, name); err != nil {
		return err
	}
	c.next++
	return nil
}

// writeSynced writes data to the new file name and syncs it to disk.
func writeSynced(name string, data []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// Release unlocks the run. Releasing twice is harmless.
func (c *fileClaim) Release(context.Context) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.lock == nil {
		return nil
	}
	err := c.lock.Close() // closing the file drops its lock
	c.lock = nil
	return err
}
