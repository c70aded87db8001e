package store

import (
	"errors"
	"fmt"
	"maps"
	"slices"
)

// MergeStrategy says what [KVStore.Merge] does with a key present in both
// stores.
type MergeStrategy int

const (
	// Skip keeps the target's value.
	Skip MergeStrategy = iota
	// Overwrite replaces the target's value with the source's.
	Overwrite
	// Error refuses the whole merge, changing nothing.
	Error
)

// String returns the strategy's name.
func (m MergeStrategy) String() string {
	switch m {
	case Skip:
		return "Skip"
	case Overwrite:
		return "Overwrite"
	case Error:
		return "Error"
	}
	return fmt.Sprintf("MergeStrategy(%d)", int(m))
}

// Clone returns a deep copy of s: no map, slice, pointer target or
// metadata is shared between the two, so changing a value read from one
// never changes the other. Expired entries are left out.
func (s *KVStore) Clone() *KVStore {
	c := NewKVStore()
	c.clock = s.clock
	c.entries = s.snapshot()
	for _, e := range c.entries {
		if e.expires != 0 {
			c.withTTL++
		}
	}
	return c
}

// snapshot returns a deep copy of the live entries of s. The map is copied
// whole under the read lock, the cheapest copy there is; the deep copies of
// the values that need one are made after the lock is released. That is
// safe because stored entries and their metadata are never changed in
// place.
func (s *KVStore) snapshot() map[string]entry {
	s.mu.RLock()
	entries := maps.Clone(s.entries)
	withTTL := s.withTTL
	s.mu.RUnlock()
	now := int64(0)
	if withTTL > 0 {
		now = s.now()
	}
	for k, e := range entries {
		switch {
		case e.expired(now):
			delete(entries, k)
		case e.meta != nil || needsCopy(e.value):
			e.value = deepCopy(e.value)
			e.meta = e.meta.clone()
			entries[k] = e
		}
	}
	return entries
}

// Merge copies every live entry of other into s, with its metadata and
// expiry. Keys live in both are collisions, settled by strategy; Merge
// returns them sorted. With [Error], any collision makes Merge change
// nothing and return an error wrapping [ErrCollision].
//
// Merging a store into itself, or two stores into each other at the same
// time, is safe: other is copied before s is locked.
func (s *KVStore) Merge(other *KVStore, strategy MergeStrategy) ([]string, error) {
	if strategy != Skip && strategy != Overwrite && strategy != Error {
		return nil, fmt.Errorf("store: merge: unknown strategy %v", strategy)
	}
	if other == nil {
		return nil, errors.New("store: merge: nil source store")
	}
	src := other.snapshot()
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	var collisions []string
	for k := range src {
		if old, ok := s.entries[k]; ok && !old.expired(now) {
			collisions = append(collisions, k)
		}
	}
	slices.Sort(collisions)
	if strategy == Error && len(collisions) > 0 {
		return collisions, fmt.Errorf("store: merge: %d keys in both stores, first %q: %w",
			len(collisions), collisions[0], ErrCollision)
	}
	for k, e := range src {
		if _, collides := slices.BinarySearch(collisions, k); collides && strategy == Skip {
			continue
		}
		s.install(k, e)
	}
	return collisions, nil
}

// CopyFrom copies the live entries of other whose keys s does not hold,
// and returns how many it copied. Like [KVStore.Merge], it is safe on
// itself and between two stores copying into each other.
func (s *KVStore) CopyFrom(other *KVStore) (int, error) {
	if other == nil {
		return 0, errors.New("store: copy: nil source store")
	}
	src := other.snapshot()
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	n := 0
	for k, e := range src {
		if old, ok := s.entries[k]; ok && !old.expired(now) {
			continue
		}
		s.install(k, e)
		n++
	}
	return n, nil
}

// install puts e under k, replacing whatever was there. The caller holds
// the write lock.
func (s *KVStore) install(k string, e entry) {
	if old, ok := s.entries[k]; ok {
		s.forget(old)
	}
	if e.expires != 0 {
		s.withTTL++
	}
	s.entries[k] = e
}
