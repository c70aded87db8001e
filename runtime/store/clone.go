package store

import (
	"errors"
	"fmt"
	"maps"
	"unsafe"
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
	s.copyInto(c)
	return c
}

// snapshot returns a store, known to no one else, holding a deep copy of
// the live entries of s: its caller reads them (all, size) without its
// lock, or takes its maps.
func (s *KVStore) snapshot() *KVStore {
	c := &KVStore{}
	s.copyInto(c)
	return c
}

// copyInto fills c, a new store that no one else knows yet, with a deep
// copy of the live entries of s. The plain values are copied whole under
// the read lock, the cheapest copy there is, and a store whose values do
// not reach mutable memory needs nothing more for them. The copies of the
// other values and of the marked entries are made after the lock is
// released: safe, because stored values, entries and their metadata are
// never changed in place.
func (s *KVStore) copyInto(c *KVStore) {
	s.mu.RLock()
	c.plain = maps.Clone(s.plain)
	marked := maps.Clone(s.marks.entries)
	mutable := s.mutable > 0
	order := s.knownOrder()
	s.mu.RUnlock()
	var copier lastPlan
	if mutable {
		for k, v := range c.plain {
			if c.mutability.of(v) {
				c.mutable++
				c.plain[k] = copier.copy(v)
			}
		}
	}
	if len(marked) > 0 {
		now := s.now()
		for k, e := range marked {
			if e.expired(now) {
				continue
			}
			if c.mutability.of(e.value) {
				e.value = copier.copy(e.value)
			}
			e.meta = e.meta.clone()
			c.set(k, 0, nil, e) // keeps marks, counts and tag index
		}
	}
	// c holds the keys of s, unless expired ones were left out: then it
	// shares the order s knows of them.
	if order != nil && c.size() == len(order) {
		c.remember(c.keyGen, order)
	}
}

// Merge copies every live entry of other into s, with its metadata and
// expiry. Keys live in both are collisions, settled by strategy; Merge
// returns them sorted. With [Error], any collision makes Merge change
// nothing and return an error wrapping [ErrCollision]. With [Overwrite], a
// colliding entry takes other's value, expiry and metadata whole: the
// result is other's entry, as if s had never held the key (upstream
// gostage instead merged the two entries' tags and properties).
//
// Two stores may merge into each other at the same time: the two locks
// are taken in the order of the stores' addresses, the same in every call,
// so no two merges wait for each other. Merging a store into itself
// changes nothing: every live key collides with itself, and overwriting an
// entry with itself leaves it as it was.
func (s *KVStore) Merge(other *KVStore, strategy MergeStrategy) ([]string, error) {
	if strategy != Skip && strategy != Overwrite && strategy != Error {
		return nil, fmt.Errorf("store: merge: unknown strategy %v", strategy)
	}
	if other == nil {
		return nil, errors.New("store: merge: nil source store")
	}
	if other == s {
		// Locking s twice would deadlock, and there is nothing to copy.
		keys := s.ListKeys()
		return keys, collisionError(keys, strategy)
	}
	unlock := lockPair(s, other)
	order := orderBefore(s, other)
	now, srcNow := s.now(), other.now()
	var collisions []string
	switch strategy {
	case Overwrite:
		collisions = s.overwrite(other, now, srcNow)
	case Skip:
		for k, e := range other.all() {
			if e.expired(srcNow) {
				continue
			}
			if s.holds(k, now) {
				collisions = append(collisions, k)
				continue
			}
			s.install(k, s.own(e))
		}
	case Error:
		for k, e := range other.all() {
			if !e.expired(srcNow) && s.holds(k, now) {
				collisions = append(collisions, k)
			}
		}
		if len(collisions) > 0 {
			break // change nothing
		}
		for k, e := range other.all() {
			if !e.expired(srcNow) {
				s.install(k, s.own(e))
			}
		}
	}
	s.sweepIfDue(now)
	genAfter := s.keyGen
	unlock()
	order.sort(s, collisions, genAfter)
	return collisions, collisionError(collisions, strategy)
}

// lockPair takes the write lock of s and the read lock of other, in the
// order of their addresses, and returns what releases both.
func lockPair(s, other *KVStore) (unlock func()) {
	if uintptr(unsafe.Pointer(s)) < uintptr(unsafe.Pointer(other)) {
		s.mu.Lock()
		other.mu.RLock()
	} else {
		other.mu.RLock()
		s.mu.Lock()
	}
	return func() {
		other.mu.RUnlock()
		s.mu.Unlock()
	}
}

// own returns e as s may keep it: with a deep copy of its value and
// metadata when the source could change them.
func (s *KVStore) own(e entry) entry {
	if e.meta != nil || s.mutability.of(e.value) {
		return entry{value: deepCopy(e.value), expires: e.expires, meta: e.meta.clone()}
	}
	return e
}

// overwrite stores in s every entry of other live at srcNow, and returns
// the keys that were live in s at now. A plain value of other, which need
// not be copied, replacing a plain value of s or nothing, is one map
// assignment, as in a copy loop: that the key was there at all is told by
// the map not growing. The caller holds the write lock of s and a lock of
// other.
func (s *KVStore) overwrite(other *KVStore, now, srcNow int64) (collisions []string) {
	collisions = make([]string, 0, min(other.size(), s.size()))
	copyValues := other.mutable > 0
	grown := false
	for k, v := range other.plain {
		if _, marked := s.marks.get(k); marked || copyValues {
			collisions = s.overwriteEntry(k, entry{value: v}, now, collisions)
			continue
		}
		n := len(s.plain)
		s.plain[k] = v
		if len(s.plain) == n {
			collisions = append(collisions, k)
		} else {
			grown = true
		}
		s.changes.note(k)
	}
	if grown {
		s.keyGen++
	}
	for k, e := range other.marks.entries {
		if !e.expired(srcNow) {
			collisions = s.overwriteEntry(k, e, now, collisions)
		}
	}
	return collisions
}

// overwriteEntry stores a copy of e under key, and adds key to collisions
// when it held a live entry at now. The caller holds the write lock.
func (s *KVStore) overwriteEntry(key string, e entry, now int64, collisions []string) []string {
	old, was := s.entryOf(key)
	if !s.set(key, was, old.meta, s.own(e)) && !old.expired(now) {
		collisions = append(collisions, key)
	}
	return collisions
}

// holds reports whether s holds a live entry under key at now. The caller
// holds the lock.
func (s *KVStore) holds(key string, now int64) bool {
	e, ok := s.lookup(key)
	return ok && !e.expired(now)
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
	entries := other.snapshot()
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	n := 0
	for k, e := range entries.all() {
		if s.holds(k, now) {
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
	old, _ := s.lookup(k)
	s.replace(k, old, e)
}
