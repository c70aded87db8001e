package store

import "slices"

// mark says what an entry has beyond its value: an expiry time, metadata,
// or both. The store keeps the marks of its entries in a map of its own,
// which holds only the keys that have one: a write of a key without a mark
// knows without a lookup that the key held a plain value or nothing, whose
// expiry, metadata and tags it need not undo. Only the writes of marked
// keys look up the entry they replace.
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

// markSet holds the marks of the keys that have one.
type markSet struct {
	keys map[string]mark
	// slots counts the marked keys by a cheap digest of each key, its
	// length and last byte (slotOf): a key whose slot is empty has no
	// mark, which is known without hashing the key. A plain write into a
	// store that holds a few entries with a TTL pays an array read, not a
	// map lookup.
	slots [64]int32
}

// slotOf returns the slot of key in markSet.slots.
func slotOf(key string) int {
	if key == "" {
		return 0
	}
	return (len(key)*7 + int(key[len(key)-1])) & 63
}

// get returns the mark of key and whether it has one.
func (m *markSet) get(key string) (mark, bool) {
	if len(m.keys) == 0 || m.slots[slotOf(key)] == 0 {
		return 0, false
	}
	is, ok := m.keys[key]
	return is, ok
}

// put records that key has mark is, not 0.
func (m *markSet) put(key string, is mark) {
	if m.keys == nil {
		m.keys = make(map[string]mark)
	}
	n := len(m.keys)
	m.keys[key] = is
	if len(m.keys) > n {
		m.slots[slotOf(key)]++
	}
}

// drop records that key has no mark.
func (m *markSet) drop(key string) {
	n := len(m.keys)
	delete(m.keys, key)
	if len(m.keys) < n {
		m.slots[slotOf(key)]--
	}
}

// len returns how many keys have a mark.
func (m *markSet) len() int { return len(m.keys) }

// count returns how many of m's kinds are in k, 0 or 1.
func (m mark) count(k mark) int {
	if m&k != 0 {
		return 1
	}
	return 0
}

// entryOf returns the entry under key and its mark, for a write. It looks
// the entry up only when the key has metadata, the one thing a write may
// keep of the old entry; otherwise old is the zero entry, which a write
// needs no more of than its mark.
func (s *KVStore) entryOf(key string) (old entry, was mark) {
	was, _ = s.marks.get(key)
	if was&markMeta != 0 {
		old = s.entries[key]
	}
	return old, was
}

// set stores e under key in place of the entry of mark was, whose metadata
// was oldMeta, keeps the marks, counts and tag index right, and tells a
// change tracker. It reports whether key is new to the map. Every write of
// an entry goes through it. The caller holds the write lock.
func (s *KVStore) set(key string, was mark, oldMeta *Metadata, e entry) (inserted bool) {
	n := len(s.entries)
	s.entries[key] = e
	if is := markOf(e); is != was {
		s.remark(key, was, is)
	}
	if oldMeta != e.meta {
		s.tags.update(key, oldMeta, e.meta)
	}
	if s.mutability.of(e.value) {
		s.mutable++
	}
	s.changes.note(key)
	if len(s.entries) == n {
		return false
	}
	s.keyGen++
	return true
}

// remark records that the entry under key went from mark was to another,
// is.
func (s *KVStore) remark(key string, was, is mark) {
	if is == 0 {
		s.marks.drop(key)
	} else {
		s.marks.put(key, is)
	}
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
	delete(s.entries, key)
	s.keyGen++
	if was := markOf(old); was != 0 {
		s.remark(key, was, 0)
	}
	if old.meta != nil {
		s.tags.update(key, old.meta, nil)
	}
}

// recount rebuilds the marks, counts and tag index from the entries, and
// counts the values that reach mutable memory exactly. The caller holds
// the write lock, or is the only one to know s.
func (s *KVStore) recount() {
	s.marks = markSet{}
	s.tags = nil
	s.withTTL, s.withMeta, s.mutable = 0, 0, 0
	for k, e := range s.entries {
		if is := markOf(e); is != 0 {
			s.remark(k, 0, is)
		}
		if e.meta != nil {
			s.tags.update(k, nil, e.meta)
		}
		if s.mutability.of(e.value) {
			s.mutable++
		}
	}
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
