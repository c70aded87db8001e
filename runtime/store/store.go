package store

import (
	"slices"
	"sync"
	"time"
)

// KVStore is a concurrency-safe key-value store whose values keep their
// concrete Go types. The zero value is not usable: create one with
// [NewKVStore].
type KVStore struct {
	mu      sync.RWMutex
	entries map[string]entry
	// withTTL counts the entries that have an expiry time, so that stores
	// without any never read the clock on a write.
	withTTL int
	// nextSweep is when, in Unix nanoseconds, the next write removes the
	// expired entries.
	nextSweep int64
	// clock returns the time in Unix nanoseconds; nil means the wall clock.
	// Tests set it to move time without sleeping.
	clock func() int64
}

// entry is one stored value and what the store knows about it.
type entry struct {
	value   any
	expires int64 // Unix nanoseconds; 0 means never
	created int64 // Unix nanoseconds
	updated int64 // Unix nanoseconds
	// meta holds tags, properties and description, or nil when there are
	// none. It is never changed in place once stored (copy on write), so a
	// pointer to it can be read without the lock.
	meta *Metadata
}

// sweepInterval is the least time between two sweeps of expired entries.
const sweepInterval = time.Second

// NewKVStore returns an empty store.
func NewKVStore() *KVStore {
	return &KVStore{entries: make(map[string]entry)}
}

func (s *KVStore) now() int64 {
	if s.clock != nil {
		return s.clock()
	}
	return time.Now().UnixNano()
}

func (e *entry) expired(now int64) bool {
	return e.expires != 0 && e.expires <= now
}

// live reports whether e is present and not expired. It reads the clock
// only for an entry that has an expiry time.
func (s *KVStore) live(e entry, ok bool) bool {
	return ok && (e.expires == 0 || e.expires > s.now())
}

// load returns the live value stored under key.
func (s *KVStore) load(key string) (any, bool) {
	s.mu.RLock()
	e, ok := s.entries[key]
	s.mu.RUnlock()
	if !s.live(e, ok) {
		return nil, false
	}
	return e.value, true
}

// Put stores value under key, keeping its concrete type. Overwriting a key
// keeps its metadata and clears any expiry time the old value had.
func (s *KVStore) Put(key string, value any) error {
	return s.write(key, value, 0, metaChange{})
}

// PutWithTTL stores value under key for ttl; after that the key is absent.
func (s *KVStore) PutWithTTL(key string, value any, ttl time.Duration) error {
	if ttl <= 0 {
		return &keyError{key: key, msg: "ttl " + ttl.String() + " is not positive", kind: ErrInvalidKey}
	}
	return s.write(key, value, ttl, metaChange{})
}

// PutWithMetadata stores value under key with a copy of md, which replaces
// the key's previous metadata. The store keeps the times itself: md's
// CreatedAt and UpdatedAt are ignored.
func (s *KVStore) PutWithMetadata(key string, value any, md *Metadata) error {
	return s.write(key, value, 0, metaChange{replace: md.storable()})
}

// PutWithTTLAndMetadata combines [KVStore.PutWithTTL] and
// [KVStore.PutWithMetadata].
func (s *KVStore) PutWithTTLAndMetadata(key string, value any, ttl time.Duration, md *Metadata) error {
	if ttl <= 0 {
		return &keyError{key: key, msg: "ttl " + ttl.String() + " is not positive", kind: ErrInvalidKey}
	}
	return s.write(key, value, ttl, metaChange{replace: md.storable()})
}

// metaChange says how a write changes an entry's metadata. The zero value
// keeps the metadata of a live previous entry.
type metaChange struct {
	// replace, when non-nil, is the entry's new metadata.
	replace *Metadata
	// tags are added to the entry's tags, and description given to an entry
	// without one: what a Put through a Key does.
	tags        []string
	description string
}

// apply returns the metadata an entry gets when its live previous
// metadata was old (nil for none). It allocates only when something
// changes.
func (c metaChange) apply(old *Metadata) *Metadata {
	if c.replace != nil {
		return c.replace
	}
	missing := func(t string) bool { return !old.HasTag(t) }
	addDesc := c.description != "" && (old == nil || old.Description == "")
	if !addDesc && !slices.ContainsFunc(c.tags, missing) {
		return old
	}
	md := old.clone()
	if md == nil {
		md = &Metadata{}
	}
	for _, t := range c.tags {
		if !slices.Contains(md.Tags, t) {
			md.Tags = append(md.Tags, t)
		}
	}
	if addDesc {
		md.Description = c.description
	}
	return md
}

// write stores value under key, changing its metadata as change says.
func (s *KVStore) write(key string, value any, ttl time.Duration, change metaChange) error {
	if key == "" {
		return invalidKey()
	}
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sweepIfDue(now)
	e := entry{value: value, created: now, updated: now}
	var oldMeta *Metadata
	if old, ok := s.entries[key]; ok {
		s.forget(old)
		if !old.expired(now) {
			e.created = old.created
			oldMeta = old.meta
		}
	}
	e.meta = change.apply(oldMeta)
	if ttl > 0 {
		e.expires = now + int64(ttl)
		s.withTTL++
	}
	s.entries[key] = e
	return nil
}

// writeKey is the write of a Put through a Key.
func (s *KVStore) writeKey(key string, value any, ttl time.Duration, tags []string, description string) error {
	return s.write(key, value, ttl, metaChange{tags: tags, description: description})
}

// forget updates the TTL count for an entry leaving the map. The caller
// holds the write lock.
func (s *KVStore) forget(e entry) {
	if e.expires != 0 {
		s.withTTL--
	}
}

// sweepIfDue removes expired entries at most once per sweepInterval, so that
// expired entries never pile up in a store that is still written to. The
// caller holds the write lock; entries are judged at the time of the sweep,
// so one put again since it expired is kept.
func (s *KVStore) sweepIfDue(now int64) {
	if s.withTTL == 0 || now < s.nextSweep {
		return
	}
	s.nextSweep = now + int64(sweepInterval)
	for k, e := range s.entries {
		if e.expired(now) {
			delete(s.entries, k)
			s.withTTL--
		}
	}
}

// Delete removes key and reports whether a live entry was removed.
func (s *KVStore) Delete(key string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.entries[key]
	if !ok {
		return false
	}
	delete(s.entries, key)
	s.forget(e)
	return e.expires == 0 || e.expires > s.now()
}

// Has reports whether key holds a live entry.
func (s *KVStore) Has(key string) bool {
	_, ok := s.load(key)
	return ok
}

// ListKeys returns the live keys, sorted.
func (s *KVStore) ListKeys() []string {
	return s.keysWhere(func(entry) bool { return true })
}

// Count returns the number of live keys.
func (s *KVStore) Count() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.withTTL == 0 {
		return len(s.entries)
	}
	now := s.now()
	n := 0
	for _, e := range s.entries {
		if !e.expired(now) {
			n++
		}
	}
	return n
}

// Clear removes every key.
func (s *KVStore) Clear() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.entries)
	s.withTTL = 0
}

// keysWhere returns the sorted live keys whose entry satisfies keep.
func (s *KVStore) keysWhere(keep func(entry) bool) []string {
	s.mu.RLock()
	now := int64(0)
	if s.withTTL > 0 {
		now = s.now()
	}
	keys := make([]string, 0, len(s.entries))
	for k, e := range s.entries {
		if !e.expired(now) && keep(e) {
			keys = append(keys, k)
		}
	}
	s.mu.RUnlock()
	slices.Sort(keys)
	return keys
}
