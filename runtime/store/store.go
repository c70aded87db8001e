package store

import (
	"math"
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
	// special counts the entries a copy cannot simply share: those with
	// metadata or a value that reaches mutable memory. A store without any
	// is cloned by copying its map.
	special int
	// mutability answers for the values written, under the write lock.
	mutability mutability
	// nextSweep is when, in Unix nanoseconds, the next write removes the
	// expired entries.
	nextSweep int64
	// clock returns the time in Unix nanoseconds; nil means the wall clock.
	// Tests set it to move time without sleeping.
	clock func() int64
	// changes records the keys written while a ChangeTracker runs; nil
	// otherwise (changes.go).
	changes *changeSet
}

// entry is one stored value and what the store knows about it. It is kept
// to two words plus a pointer, nil for most entries, because its size is
// the cost of every map operation and of every Clone.
type entry struct {
	value any
	x     *extra
}

// extra is what only some entries have. It is never changed in place once
// stored (copy on write), so it can be read without the lock.
type extra struct {
	expires int64 // Unix nanoseconds; 0 means never
	// meta holds tags, properties, description and times, or nil.
	meta *Metadata
}

// newEntry returns the entry of value with an expiry time (0 for none) and
// metadata (nil for none).
func newEntry(value any, expires int64, meta *Metadata) entry {
	if expires == 0 && meta == nil {
		return entry{value: value}
	}
	return entry{value: value, x: &extra{expires: expires, meta: meta}}
}

// expiry returns when e expires, in Unix nanoseconds; 0 means never.
func (e *entry) expiry() int64 {
	if e.x == nil {
		return 0
	}
	return e.x.expires
}

// metadata returns e's metadata, nil when it has none.
func (e *entry) metadata() *Metadata {
	if e.x == nil {
		return nil
	}
	return e.x.meta
}

// sweepInterval is the least time between two sweeps of expired entries.
const sweepInterval = time.Second

// NewKVStore returns an empty store.
func NewKVStore() *KVStore {
	return &KVStore{entries: make(map[string]entry)}
}

// epoch anchors the clock of every store: the time is epoch's wall time
// plus the monotonic time elapsed since. A step of the wall clock (a
// correction by NTP, a virtual machine resumed) then neither expires
// entries early nor keeps them late, as time.Now().UnixNano(), which drops
// the monotonic reading, would.
var (
	epoch      = time.Now()
	epochNanos = epoch.UnixNano()
)

// now returns the time in Unix nanoseconds.
func (s *KVStore) now() int64 {
	if s.clock != nil {
		return s.clock()
	}
	return epochNanos + int64(time.Since(epoch))
}

// expired reports whether e has an expiry time and it has come at now.
func (e *entry) expired(now int64) bool {
	at := e.expiry()
	return at != 0 && at <= now
}

// live reports whether e is present and not expired. It reads the clock
// only for an entry that has an expiry time.
func (s *KVStore) live(e entry, ok bool) bool {
	return ok && (e.x == nil || e.x.expires == 0 || e.x.expires > s.now())
}

// liveEntry returns the entry stored under key, and false when there is
// none or it has expired.
func (s *KVStore) liveEntry(key string) (entry, bool) {
	s.mu.RLock()
	e, ok := s.entries[key]
	s.mu.RUnlock()
	return e, s.live(e, ok)
}

// load returns the live value stored under key. It is the read path of
// every Get: it reads the clock only for an entry with a TTL.
func (s *KVStore) load(key string) (any, bool) {
	s.mu.RLock()
	e, ok := s.entries[key]
	s.mu.RUnlock()
	if e.x != nil && e.x.expires != 0 && s.reached(e.x.expires) {
		return nil, false
	}
	return e.value, ok
}

// reached reports whether the time at has come. It is kept out of line so
// that load stays small.
//
//go:noinline
func (s *KVStore) reached(at int64) bool { return at <= s.now() }

// Put stores value under key, keeping its concrete type. Overwriting a key
// keeps its metadata and clears any expiry time the old value had.
func (s *KVStore) Put(key string, value any) error {
	if key == "" {
		return invalidKey()
	}
	// The common case, a key without metadata in a store without TTLs,
	// needs no clock and no metadata: a lookup and an assignment.
	s.mu.Lock()
	if old, had := s.entries[key]; s.withTTL == 0 && old.x == nil {
		s.replace(key, old, had, entry{value: value})
		s.mu.Unlock()
		return nil
	}
	s.mu.Unlock()
	return s.write(key, value, 0, metaChange{})
}

// PutWithTTL stores value under key for ttl; after that the key is absent.
// A ttl of 0 means no expiry, as with [KVStore.Put]; a negative ttl is an
// error wrapping [ErrInvalidKey].
func (s *KVStore) PutWithTTL(key string, value any, ttl time.Duration) error {
	if ttl < 0 {
		return badTTL(key, ttl)
	}
	return s.write(key, value, ttl, metaChange{})
}

// PutWithMetadata stores value under key with a deep copy of md, which
// replaces the key's previous metadata; a nil md keeps it, as [KVStore.Put]
// does. The store keeps the times itself: md's CreatedAt and UpdatedAt
// are ignored.
func (s *KVStore) PutWithMetadata(key string, value any, md *Metadata) error {
	return s.write(key, value, 0, metaChange{replace: md.clone()})
}

// PutWithTTLAndMetadata combines [KVStore.PutWithTTL] and
// [KVStore.PutWithMetadata]; a ttl of 0 means no expiry.
func (s *KVStore) PutWithTTLAndMetadata(key string, value any, ttl time.Duration, md *Metadata) error {
	if ttl < 0 {
		return badTTL(key, ttl)
	}
	return s.write(key, value, ttl, metaChange{replace: md.clone()})
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

// keepsOld reports whether c leaves the previous metadata as it is.
func (c metaChange) keepsOld() bool {
	return c.replace == nil && len(c.tags) == 0 && c.description == ""
}

// apply returns the metadata an entry gets, at time now, when its live
// previous metadata was old (nil for none). It allocates only when
// something changes.
func (c metaChange) apply(old *Metadata, now time.Time) *Metadata {
	var md *Metadata
	switch {
	case c.replace != nil:
		md = c.replace
		md.CreatedAt = now
		if old != nil {
			md.CreatedAt = old.CreatedAt
		}
	case old == nil && c.keepsOld():
		return nil
	default:
		md = old.changeable(now)
		for _, t := range c.tags {
			md.addTag(t)
		}
		if md.Description == "" {
			md.Description = c.description
		}
	}
	md.UpdatedAt = now
	return md
}

// write stores value under key, changing its metadata as change says.
//
// A plain write (no TTL, no metadata, over a key without metadata, in a
// store without TTLs) reads no clock: that keeps writes close to the cost
// of a map assignment, and it is why such entries carry no times.
func (s *KVStore) write(key string, value any, ttl time.Duration, change metaChange) error {
	if key == "" {
		return invalidKey()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	old, had := s.entries[key]
	if ttl == 0 && s.withTTL == 0 && change.keepsOld() && old.x == nil {
		s.replace(key, old, had, entry{value: value})
		return nil
	}
	now := s.now()
	var oldMeta *Metadata
	if had && !old.expired(now) {
		oldMeta = old.metadata()
	}
	s.replace(key, old, had, newEntry(value, expiryAt(now, ttl), change.apply(oldMeta, time.Unix(0, now))))
	s.sweepIfDue(now)
	return nil
}

// expiryAt returns when an entry written at now with ttl expires: 0
// (never) for no ttl, and the farthest time there is when now+ttl would
// overflow, since a TTL of centuries means never in practice.
func expiryAt(now int64, ttl time.Duration) int64 {
	if ttl <= 0 {
		return 0
	}
	at := now + int64(ttl)
	if at < now { // wrapped around
		return math.MaxInt64
	}
	return at
}

// replace puts e under key in place of old (when had), keeping the counts
// right. The caller holds the write lock.
func (s *KVStore) replace(key string, old entry, had bool, e entry) {
	if had {
		s.count(old, -1)
	}
	s.entries[key] = e
	s.count(e, 1)
	s.changes.note(key)
}

// count adds delta to the counts e belongs to.
func (s *KVStore) count(e entry, delta int) {
	if e.expiry() != 0 {
		s.withTTL += delta
	}
	if e.metadata() != nil || s.mutability.of(e.value) {
		s.special += delta
	}
}

// sweepIfDue removes expired entries at most once per sweepInterval, so that
// expired entries never pile up in a store that is still written to: every
// call that adds entries calls it, except the plain Put of a store without
// TTLs, which has nothing to sweep. The caller holds the write lock;
// entries are judged at the time of the sweep, so one put again since it
// expired is kept.
func (s *KVStore) sweepIfDue(now int64) {
	if s.withTTL == 0 || now < s.nextSweep {
		return
	}
	s.nextSweep = now + int64(sweepInterval)
	for k, e := range s.entries {
		if e.expired(now) {
			delete(s.entries, k)
			s.count(e, -1)
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
	s.count(e, -1)
	s.changes.note(key)
	return !e.expired(s.now())
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
	s.withTTL, s.special = 0, 0
	s.changes.noteClear()
}

// keysWhere returns the sorted live keys whose entry satisfies keep.
func (s *KVStore) keysWhere(keep func(entry) bool) []string {
	s.mu.RLock()
	// Without TTLs the clock is not read: at time 0 no entry has expired.
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
