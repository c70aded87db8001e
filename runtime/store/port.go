package store

import (
	"errors"
	"strconv"
)

// This file holds the calls that code written for upstream gostage
// (github.com/davidroman0O/gostage, package store) uses beyond the
// state-management guide, with upstream's signatures, so that such code
// compiles against this package with its import path changed. Where a
// behaviour differs from upstream's, the doc comment says how and why.

// errNilSource is the error of a copy from a nil store; its words are
// upstream's, for code that matched on them.
var errNilSource = errors.New("store: copy: source store cannot be nil")

// ExportAll returns every live key with a copy of its value: changing a
// map, slice or pointer target in the result changes nothing in s.
// Upstream returned nil for an empty store; this returns an empty map, which
// a caller may write to.
func (s *KVStore) ExportAll() map[string]any {
	entries := s.snapshot()
	out := make(map[string]any, entries.size())
	for k, e := range entries.all() {
		out[k] = e.value
	}
	return out
}

// CloneFrom returns a deep copy of src, as [KVStore.Clone] does, and an
// empty store when src is nil.
func CloneFrom(src *KVStore) *KVStore {
	if src == nil {
		return NewKVStore()
	}
	return src.Clone()
}

// CopyFromWithOverwrite copies every live entry of src into s, with its
// metadata and expiry, replacing what s holds under the same keys. It
// returns how many keys were new to s (copied) and how many it replaced
// (overwritten). A replaced entry takes src's metadata whole, as with a
// [KVStore.Merge] with [Overwrite]. Copying a store into itself changes
// nothing and counts every live key as overwritten. Like
// [KVStore.CopyFrom], it is safe between two stores copying into each
// other.
func (s *KVStore) CopyFromWithOverwrite(src *KVStore) (copied, overwritten int, err error) {
	if src == nil {
		return 0, 0, errNilSource
	}
	if src == s {
		return 0, s.Count(), nil
	}
	entries := src.snapshot()
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	for k, e := range entries.all() {
		if s.holds(k, now) {
			overwritten++
		} else {
			copied++
		}
		s.install(k, e)
	}
	s.sweepIfDue(now)
	return copied, overwritten, nil
}

// FindKeyCollisions returns the sorted keys live in both s and other, the
// keys a [KVStore.Merge] of the two would have to settle. A nil other has
// none.
func (s *KVStore) FindKeyCollisions(other *KVStore) []string {
	if other == nil {
		return nil
	}
	keys := other.ListKeys() // before s is locked, so no call holds two locks
	if other == s {
		return keys
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	now := s.now()
	both := keys[:0]
	for _, k := range keys {
		if s.holds(k, now) {
			both = append(both, k)
		}
	}
	return both
}

// SetMetadata replaces the metadata of key with a copy of md: later
// changes to md do not reach the store. As with
// [KVStore.PutWithMetadata], the store keeps the times itself: the entry
// keeps its creation time and is marked updated now. The error wraps
// [ErrNotFound] when key has no live entry (and [ErrExpired] too when its
// entry has expired).
func (s *KVStore) SetMetadata(key string, md *Metadata) error {
	if md == nil {
		return errors.New("store: key " + strconv.Quote(key) + ": metadata cannot be nil")
	}
	replacement := md.clone()
	return s.updateMeta(key, func(m *Metadata) {
		created := m.CreatedAt
		*m = *replacement
		m.CreatedAt = created
	})
}
