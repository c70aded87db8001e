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
	c.entries, c.withTTL, c.special = s.snapshot()
	return c
}

// snapshot returns a deep copy of the live entries of s, with how many of
// them have a TTL and how many are special. The map is copied whole under
// the read lock, the cheapest copy there is, and a store without TTLs or
// special entries needs nothing more. Otherwise the copies of special
// entries are made after the lock is released: safe, because stored
// entries and their metadata are never changed in place.
func (s *KVStore) snapshot() (entries map[string]entry, withTTL, special int) {
	s.mu.RLock()
	entries = maps.Clone(s.entries)
	withTTL, special = s.withTTL, s.special
	s.mu.RUnlock()
	if withTTL == 0 && special == 0 {
		return entries, 0, 0
	}
	now := s.now()
	withTTL, special = 0, 0
	var mutable mutability
	for k, e := range entries {
		if e.expired(now) {
			delete(entries, k)
			continue
		}
		if md := e.metadata(); md != nil || mutable.of(e.value) {
			entries[k] = newEntry(deepCopy(e.value), e.expiry(), md.clone())
			special++
		}
		if e.expiry() != 0 {
			withTTL++
		}
	}
	return entries, withTTL, special
}

// Merge copies every live entry of other into s, with its metadata and
// expiry. Keys live in both are collisions, settled by strategy; Merge
// returns them sorted. With [Error], any collision makes Merge change
// nothing and return an error wrapping [ErrCollision]. With [Overwrite], a
// colliding entry takes other's value, expiry and metadata whole: the
// result is other's entry, as if s had never held the key (upstream
// gostage instead merged the two entries' tags and properties).
//
// Two stores may merge into each other at the same time: other is copied
// before s is locked, so no call holds two locks. Merging a store into
// itself changes nothing: every live key collides with itself, and
// overwriting an entry with itself leaves it as it was.
func (s *KVStore) Merge(other *KVStore, strategy MergeStrategy) ([]string, error) {
	if strategy != Skip && strategy != Overwrite && strategy != Error {
		return nil, fmt.Errorf("store: merge: unknown strategy %v", strategy)
	}
	if other == nil {
		return nil, errors.New("store: merge: nil source store")
	}
	if other == s {
		// Copying s first, as below, and writing the copy back would undo
		// the writes other goroutines made in between.
		keys := s.ListKeys()
		return keys, collisionError(keys, strategy)
	}
	src, _, _ := other.snapshot()
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
	if err := collisionError(collisions, strategy); err != nil {
		return collisions, err
	}
	for k, e := range src {
		if _, collides := slices.BinarySearch(collisions, k); collides && strategy == Skip {
			continue
		}
		s.install(k, e)
	}
	s.sweepIfDue(now)
	return collisions, nil
}

// collisionError returns the error the Error strategy makes of the sorted
// collisions of a merge, and nil for the other strategies or none.
func collisionError(collisions []string, strategy MergeStrategy) error {
	if strategy != Error || len(collisions) == 0 {
		return nil
	}
	return fmt.Errorf("store: merge: %d keys in both stores, first %q: %w",
		len(collisions), collisions[0], ErrCollision)
}

// CopyFrom copies the live entries of other whose keys s does not hold,
// and returns how many it copied. Like [KVStore.Merge], it is safe between
// two stores copying into each other; copying a store into itself copies
// nothing.
func (s *KVStore) CopyFrom(other *KVStore) (int, error) {
	if other == nil {
		return 0, errNilSource
	}
	if other == s {
		return 0, nil
	}
	src, _, _ := other.snapshot()
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
	s.sweepIfDue(now)
	return n, nil
}

// install puts e under k, replacing whatever was there. The caller holds
// the write lock.
func (s *KVStore) install(k string, e entry) {
	old, had := s.entries[k]
	s.replace(k, old, had, e)
}
