package store

import (
	"math"
	"sync"
	"sync/atomic"
	"time"
)

// KVStore is a concurrency-safe key-value store whose values keep their
// concrete Go types. The zero value is not usable: create one with
// [NewKVStore].
type KVStore struct {
	mu sync.RWMutex
	// plain holds the values of the entries without an expiry time or
	// metadata, most entries: reading, writing or copying one is one
	// operation on a map of bare values. marks holds the other entries
	// whole (see mark); a key is in one of the two or in neither. tags
	// indexes the keys by the tags of their metadata.
	plain map[string]any
	marks markSet
	tags  tagIndex
	// withTTL and withMeta count the entries that have an expiry time and
	// metadata, so that stores without TTLs never read the clock on a
	// write, and searches of metadata in stores without any are free.
	withTTL, withMeta int
	// mutable is at least the number of entries whose value reaches
	// mutable memory: a write of such a value adds one, and an overwrite,
	// which does not look at the value it replaces, takes none away; a
	// sweep counts again. A store with none is cloned by copying its
	// maps.
	mutable int
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
	// keyGen counts the changes to the set of keys (an insert,
	// a delete, a clear), and order holds that set sorted as it was at
	// some keyGen: while the two agree, a listing or a merge that needs
	// the keys in order copies them instead of sorting (keyorder.go).
	keyGen uint64
	order  atomic.Pointer[keyOrder]
}

// entry is one stored value and what the store knows about it. The expiry
// time is held in the entry itself, so that a write with a TTL allocates
// nothing; metadata, which few entries have, is behind a pointer. Only
// the entries with either are kept whole (in markSet); the others are
// kept as their bare value.
type entry struct {
	value   any
	expires int64 // Unix nanoseconds; 0 means never
	// meta holds tags, properties, description and times, or nil. It is
	// never changed in place once stored (copy on write), so it can be
	// read without the lock.
	meta *Metadata
}

// sweepInterval is the least time between two sweeps of expired entries.
const sweepInterval = time.Second

// NewKVStore returns an empty store.
func NewKVStore() *KVStore {
	return &KVStore{plain: make(map[string]any)}
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
	at := e.expires
	return at != 0 && at <= now
}

// live reports whether e is present and not expired. It reads the clock
// only for an entry that has an expiry time.
func (s *KVStore) live(e entry, ok bool) bool {
	return ok && (e.expires == 0 || e.expires > s.now())
}

// liveEntry returns the entry stored under key, and false when there is
// none or it has expired.
func (s *KVStore) liveEntry(key string) (entry, bool) {
	s.mu.RLock()
	e, ok := s.lookup(key)
	s.mu.RUnlock()
	return e, s.live(e, ok)
}

// load returns the live value stored under key. It is the read path of
// every Get: it reads the clock only for an entry with a TTL.
func (s *KVStore) load(key string) (any, bool) {
	s.mu.RLock()
	if e, ok := s.marks.get(key); ok {
		s.mu.RUnlock()
		if e.expires != 0 && s.reached(e.expires) {
			return nil, false
		}
		return e.value, true
	}
	v, ok := s.plain[key]
	s.mu.RUnlock()
	return v, ok
}

// reached reports whether the time at has come. It is kept out of line so
// that load stays small.
//
//go:noinline
func (s *KVStore) reached(at int64) bool { return at <= s.now() }

// Put stores value under key, keeping its concrete type. Overwriting a key
// keeps its metadata and clears any expiry time the old value had.
func (s *KVStore) Put(key string, value any) error {
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
// A write that leaves the entry without metadata (no metadata before, none
// given) keeps nothing of the old entry, expired or not: it is a map
// assignment, with no lookup of the old entry (its mark says all a write
// needs of it), and it reads the clock only for a TTL or for the sweep
// that an insert into a store with TTLs may be due. That keeps writes
// close to the cost of a map assignment, and it is why such entries carry
// no times.
func (s *KVStore) write(key string, value any, ttl time.Duration, change metaChange) error {
	if key == "" {
		return invalidKey()
	}
	s.mu.Lock()
	old, was := s.entryOf(key)
	if was&markMeta != 0 || !change.keepsOld() {
		defer s.mu.Unlock() // copying metadata runs reflection
		s.writeMeta(key, old, was, value, ttl, change)
		return nil
	}
	e := entry{value: value}
	if ttl > 0 {
		now := s.now()
		e.expires = expiryAt(now, ttl)
		s.set(key, was, nil, e)
		s.sweepIfDue(now)
	} else if s.set(key, was, nil, e) && s.withTTL > 0 {
		s.sweepIfDue(s.now())
	}
	s.mu.Unlock()
	return nil
}

// writeMeta is the write of an entry that has metadata before or after:
// it reads the clock, keeps the metadata of a live old entry as change
// says, and sets the times. old is the entry of mark was under key, the
// zero entry for a key without metadata. The caller holds the write lock.
func (s *KVStore) writeMeta(key string, old entry, was mark, value any, ttl time.Duration, change metaChange) {
	now := s.now()
	var oldMeta *Metadata
	if !old.expired(now) {
		oldMeta = old.meta
	}
	s.set(key, was, old.meta, entry{value: value, expires: expiryAt(now, ttl), meta: change.apply(oldMeta, time.Unix(0, now))})
	s.sweepIfDue(now)
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

// sweepIfDue removes expired entries at most once per sweepInterval, so that
// expired entries never pile up in a store that is still written to: every
// call that adds keys or entries with a TTL calls it, except the plain Put
// of a store without TTLs, which has nothing to sweep. An overwrite
// without TTL does not: it adds no entry that can expire and does not grow
// the store, and it stays free of the clock. The caller holds the write lock;
// entries are judged at the time of the sweep, so one put again since it
// expired is kept.
func (s *KVStore) sweepIfDue(now int64) {
	if s.withTTL == 0 || now < s.nextSweep {
		return
	}
	s.nextSweep = now + int64(sweepInterval)
	// Only marked entries expire. The count of mutable values is made
	// exact again, unless it is 0: then no value is mutable, and the plain
	// ones, most of the store, need not be read.
	counting := s.mutable > 0
	s.mutable = 0
	if counting {
		for _, v := range s.plain {
			if s.mutability.of(v) {
				s.mutable++
			}
		}
	}
	for k, e := range s.marks.entries {
		if e.expired(now) {
			s.deleteEntry(k, e)
		} else if counting && s.mutability.of(e.value) {
			s.mutable++
		}
	}
}

// Delete removes key and reports whether a live entry was removed.
func (s *KVStore) Delete(key string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.lookup(key)
	if !ok {
		return false
	}
	s.deleteEntry(key, e)
	s.changes.note(key)
	return !e.expired(s.now())
}

// Has reports whether key holds a live entry.
func (s *KVStore) Has(key string) bool {
	_, ok := s.load(key)
	return ok
}

// Count returns the number of live keys.
func (s *KVStore) Count() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	n := s.size()
	if s.withTTL == 0 {
		return n
	}
	now := s.now()
	for _, e := range s.marks.entries {
		if e.expired(now) {
			n--
		}
	}
	return n
}

// Clear removes every key.
func (s *KVStore) Clear() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.empty()
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
	keys := make([]string, 0, s.size())
	for k, e := range s.all() {
		if !e.expired(now) && keep(e) {
			keys = append(keys, k)
		}
	}
	s.mu.RUnlock()
	sortKeys(keys)
	return keys
}
