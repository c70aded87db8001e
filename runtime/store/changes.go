package store

import (
	"errors"
	"slices"
)

// Changes is what changed in a store over a stretch of time, as a
// [ChangeTracker] saw it.
type Changes struct {
	// Keys are the keys that were put, deleted, or had their TTL or
	// metadata changed, sorted. A key that changed several times is listed
	// once; one that was put and deleted again is listed too.
	Keys []string
	// Cleared reports that [KVStore.Clear] emptied the store: every key it
	// held before changed, not only those in Keys.
	Cleared bool
}

// Empty reports whether nothing changed.
func (c Changes) Empty() bool { return len(c.Keys) == 0 && !c.Cleared }

// ChangeTracker records which keys of one store change, so that a copy
// kept elsewhere (a checkpoint of a durable run) can be brought up to date
// with those keys alone. Recording costs one map insertion per write; a
// store without a tracker pays one nil check. Create one with
// [KVStore.TrackChanges].
type ChangeTracker struct {
	s   *KVStore
	set *changeSet
}

// changeSet is the keys changed since the tracker last took them. It is
// read and written under the store's write lock.
type changeSet struct {
	keys map[string]struct{}
	// order holds the keys of keys in the order they first changed, so
	// that Take copies a slice instead of walking the map.
	order   []string
	cleared bool
}

// errTracked is returned when a store already has a tracker.
var errTracked = errors.New("store: changes of this store are already tracked")

// TrackChanges starts recording which keys of s change, until
// [ChangeTracker.Stop]. A store has at most one tracker at a time: a
// second call before Stop returns an error, since two trackers taking
// changes from each other would each miss some.
func (s *KVStore) TrackChanges() (*ChangeTracker, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.changes != nil {
		return nil, errTracked
	}
	s.changes = &changeSet{keys: make(map[string]struct{})}
	return &ChangeTracker{s: s, set: s.changes}, nil
}

// Take returns what changed since the tracker started or since the last
// Take, and starts afresh.
func (t *ChangeTracker) Take() Changes {
	t.s.mu.Lock()
	defer t.s.mu.Unlock()
	c := t.set
	if t.s.changes != c {
		return Changes{} // stopped
	}
	keys := make([]string, len(c.order))
	copy(keys, c.order)
	slices.Sort(keys)
	changes := Changes{Keys: keys, Cleared: c.cleared}
	c.reset()
	return changes
}

// reset forgets the keys noted, keeping the room they took for the next
// ones.
func (c *changeSet) reset() {
	clear(c.keys)
	clear(c.order) // no hold on the key strings
	c.order = c.order[:0]
	c.cleared = false
}

// Stop ends the recording; the store may be tracked again afterwards.
// Stopping twice is harmless, and never stops a tracker started since.
func (t *ChangeTracker) Stop() {
	t.s.mu.Lock()
	defer t.s.mu.Unlock()
	if t.s.changes == t.set {
		t.s.changes = nil
	}
}

// note records that key changed. It is the hook of every write path, one
// line there; the caller holds the write lock.
func (c *changeSet) note(key string) {
	if c != nil {
		n := len(c.keys)
		c.keys[key] = struct{}{}
		if len(c.keys) > n { // first change of key: one hash, not two
			c.order = append(c.order, key)
		}
	}
}

// noteClear records that the store was emptied. Keys noted before are
// dropped: after a Clear, the whole store is what changed.
func (c *changeSet) noteClear() {
	if c != nil {
		c.reset()
		c.cleared = true
	}
}
