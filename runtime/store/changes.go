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
// with those keys alone. Recording costs about one append per write; a
// store without a tracker pays one nil check. Create one with
// [KVStore.TrackChanges].
type ChangeTracker struct {
	s   *KVStore
	set *changeSet
}

// changeSet is the keys changed since the tracker last took them. It is
// read and written under the store's write lock.
type changeSet struct {
	// keys are the keys in the order they changed, repeats included: a
	// write appends its key, which costs less than hashing it into a set.
	// Repeats are dropped when the keys are taken, and when the list
	// reaches compactAt, so that a key written over and over does not
	// make it grow without end.
	keys      []string
	compactAt int
	cleared   bool
}

// minCompact is the least length at which a change set drops repeats.
const minCompact = 1024

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
	s.changes = &changeSet{compactAt: minCompact}
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
	keys := make([]string, len(c.keys))
	copy(keys, c.keys)
	sortKeys(keys)
	changes := Changes{Keys: slices.Compact(keys), Cleared: c.cleared}
	c.reset()
	return changes
}

// reset forgets the keys noted, keeping the room they took for the next
// ones.
func (c *changeSet) reset() {
	clear(c.keys) // no hold on the key strings
	c.keys = c.keys[:0]
	c.compactAt = minCompact
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
		c.keys = append(c.keys, key)
		if len(c.keys) >= c.compactAt {
			c.compact()
		}
	}
}

// compact sorts the keys and drops their repeats. The next compaction is
// at twice as many keys as are left, so that the list never holds more
// than twice the keys that changed (or minCompact), and sorting costs
// each write O(log n) on average.
func (c *changeSet) compact() {
	sortKeys(c.keys)
	c.keys = slices.Compact(c.keys) // zeroes the tail: no hold on the keys
	c.compactAt = max(2*len(c.keys), minCompact)
}

// noteClear records that the store was emptied. Keys noted before are
// dropped: after a Clear, the whole store is what changed.
func (c *changeSet) noteClear() {
	if c != nil {
		c.reset()
		c.cleared = true
	}
}
