package generator

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
)

// ErrDiagnostics is returned by [Commit] for a run that found problems.
var ErrDiagnostics = errors.New("generation had problems: nothing written")

// Commit writes the generated file of every stale result, removes those
// of packages that declare nothing any more, and returns their paths. It
// writes nothing at all when any result has diagnostics. Each file is
// replaced atomically: written to a temporary file in the same directory,
// then renamed over the old one.
func Commit(results []Result) ([]string, error) {
	if slices.ContainsFunc(results, func(r Result) bool { return len(r.Diagnostics) > 0 }) {
		return nil, ErrDiagnostics
	}
	var written []string
	for _, r := range Stale(results) {
		if r.Remove {
			if err := os.Remove(r.OutputPath); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return written, err
			}
		} else if err := writeAtomic(r.OutputPath, r.Content); err != nil {
			return written, err
		}
		written = append(written, r.OutputPath)
	}
	return written, nil
}

// writeAtomic replaces path by content, so that a reader sees the old file
// or the new one, never a part.
func writeAtomic(path string, content []byte) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(content); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	mode := os.FileMode(0o644)
	if fi, statErr := os.Stat(path); statErr == nil {
		mode = fi.Mode().Perm()
	}
	if err = os.Chmod(tmp.Name(), mode); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
