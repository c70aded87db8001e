package store

import (
	"iter"
	"slices"
)

// mark says what an entry has beyond its value: an expiry time, metadata,
// or both. The store keeps the entries that have a mark whole, in a map of
// their own (markSet), and the others as bare values (KVStore.plain),
// most entries in most stores: their map holds half the bytes, so writing,
// merging and cloning them costs what it costs with a map of values; a
// write of a key without a mark knows without a lookup that the key held
// a plain value or nothing, whose expiry, metadata and tags it need not
// undo; and a sweep for expired entries reads only the marked ones.
type mark uint8

const (
	markTTL  mark = 1 << iota // the entry has an expiry time
	markMeta                  // the entry has metadata
)

// markOf returns the mark of e.
func markOf(e entry) mark {
	var m mark
	if e.expires != 0 {
		m |= markTTL
	}
	if e.meta != nil {
		m |= markMeta
	}
	return m
}

// markSet holds the entries that have a mark.
type markSet struct {
	entries map[string]entry
	// slots counts the marked keys by a cheap digest of each key, its
	// length and last byte (slotOf): a key whose slot is empty has no
	// mark, which is known without hashing the key. A read or write of a
	// plain entry in a store that holds a few entries with a TTL pays an
	// array read, not a map lookup.
	slots [64]int32
}

// slotOf returns the slot of key in markSet.slots.
func slotOf(key string) int {
	if key == "" {
		return 0
	}
	return (len(key)*7 + int(key[len(key)-1])) & 63
}

// get returns the entry of key when it has a mark.
func (m *markSet) get(key string) (entry, bool) {
	if len(m.entries) == 0 || m.slots[slotOf(key)] == 0 {
		return entry{}, false
	}
	e, ok := m.entries[key]
	return e, ok
}

// put stores e, an entry with a mark, under key.
func (m *markSet) put(key string, e entry) {
	if m.entries == nil {
		m.entries = make(map[string]entry)
	}
	n := len(m.entries)
	m.entries[key] = e
	if len(m.entries) > n {
		m.slots[slotOf(key)]++
	}
}

// drop removes key.
func (m *markSet) drop(key string) {
	n := len(m.entries)
	delete(m.entries, key)
	if len(m.entries) < n {
		m.slots[slotOf(key)]--
	}
}

// len returns how many keys have a mark.
func (m *markSet) len() int { return len(m.entries) }

// count returns how many of m's kinds are in k, 0 or 1.
func (m mark) count(k mark) int {
	if m&k != 0 {
		return 1
	}
	return 0
}

// lookup returns the entry under key, live or expired. The caller holds
// a lock.
func (s *KVStore) lookup(key string) (entry, bool) {
	if e, ok := s.marks.get(key); ok {
		return e, true
	}
	v, ok := s.plain[key]
	return entry{value: v}, ok
}

// size returns how many entries s holds, live or expired. The caller
// holds a lock.
func (s *KVStore) size() int { return len(s.plain) + s.marks.len() }

// all yields every entry of s, live or expired. The caller holds a lock;
// the loop may delete the entry it is given.
func (s *KVStore) all() iter.Seq2[string, entry] {
	return func(yield func(string, entry) bool) {
		for k, v := range s.plain {
			if !yield(k, entry{value: v}) {
				return
			}
		}
		for k, e := range s.marks.entries {
			if !yield(k, e) {
				return
			}
		}
	}
}

// entryOf returns the entry under key and its mark, for a write: the zero
// entry and no mark for a key that holds a plain value or nothing, which
// a write need not look up, having no expiry, metadata or tags to undo.
func (s *KVStore) entryOf(key string) (old entry, was mark) {
	if e, ok := s.marks.get(key); ok {
		return e, markOf(e)
	}
	return entry{}, 0
}

// set stores e under key in place of the entry of mark was, whose metadata
// was oldMeta, keeps the marks, counts and tag index right, and tells a
// change tracker. It reports whether key is new to the store. Every write
// of an entry goes through it. The caller holds the write lock.
func (s *KVStore) set(key string, was mark, oldMeta *Metadata, e entry) (inserted bool) {
	is := markOf(e)
	switch {
	case is == 0 && was == 0:
		n := len(s.plain)
		s.plain[key] = e.value
		inserted = len(s.plain) > n
	case is == 0:
		s.marks.drop(key)
		s.plain[key] = e.value
	case was == 0:
		// A key without a mark may hold a plain value, which goes.
		n := len(s.plain)
		delete(s.plain, key)
		inserted = len(s.plain) == n
		s.marks.put(key, e)
	default:
		s.marks.put(key, e)
	}
	if is != was {
		s.recountMarks(was, is)
	}
	if oldMeta != e.meta {
		s.tags.update(key, oldMeta, e.meta)
	}
	if s.mutability.of(e.value) {
		s.mutable++
	}
	s.changes.note(key)
	if inserted {
		s.keyGen++
	}
	return inserted
}

// recountMarks counts an entry that went from mark was to another, is.
func (s *KVStore) recountMarks(was, is mark) {
	s.withTTL += is.count(markTTL) - was.count(markTTL)
	s.withMeta += is.count(markMeta) - was.count(markMeta)
}

// replace puts e under key in place of old, which is what the key held
// (the zero entry, which has no mark, when it held nothing). The caller
// holds the write lock.
func (s *KVStore) replace(key string, old entry, e entry) {
	s.set(key, markOf(old), old.meta, e)
}

// deleteEntry deletes key, which holds old, keeping the marks, counts and
// tag index right. The caller holds the write lock.
func (s *KVStore) deleteEntry(key string, old entry) {
	s.keyGen++
	was := markOf(old)
	if was == 0 {
		delete(s.plain, key)
		return
	}
	s.marks.drop(key)
	s.recountMarks(was, 0)
	if old.meta != nil {
		s.tags.update(key, old.meta, nil)
	}
}

// empty removes every entry, with the marks, counts and tag index. The
// caller holds the write lock.
func (s *KVStore) empty() {
	s.plain = make(map[string]any)
	s.marks = markSet{}
	s.tags = nil
	s.withTTL, s.withMeta, s.mutable = 0, 0, 0
	s.keyGen++
}

// tagIndex holds, for each tag, the keys whose entry carries it, expired
// entries included until they are removed: a search by tag reads the keys
// of one tag instead of every entry. It is kept by set and deleteEntry,
// through which every change of an entry's metadata goes.
type tagIndex map[string]map[string]struct{}

// update moves key from the tags of was to those of is; either may be nil.
func (x *tagIndex) update(key string, was, is *Metadata) {
	var old, now []string
	if was != nil {
		old = was.Tags
	}
	if is != nil {
		now = is.Tags
	}
	for _, t := range old {
		if !slices.Contains(now, t) {
			x.drop(t, key)
		}
	}
	for _, t := range now {
		if !slices.Contains(old, t) {
			x.add(t, key)
		}
	}
}

func (x *tagIndex) add(tag, key string) {
	if *x == nil {
		*x = tagIndex{}
	}
	keys := (*x)[tag]
	if keys == nil {
		keys = map[string]struct{}{}
		(*x)[tag] = keys
	}
	keys[key] = struct{}{}
}

func (x *tagIndex) drop(tag, key string) {
	keys := (*x)[tag]
	delete(keys, key)
	if len(keys) == 0 {
		delete(*x, tag)
	}
}
