package store

import (
	"maps"
	"slices"
)

// keyOrder is the set of a store's keys, sorted, as it was when the
// store's keyGen was gen. Its keys are never changed once made: stores
// share them (a clone shares its original's) and callers get copies.
//
// Sorting is most of the cost of a listing, of a snapshot of the whole
// store or of a merge's collisions, and between two of them the set of
// keys often stays the same (values change, keys do not), so a store
// keeps the order it last worked out.
type keyOrder struct {
	gen  uint64
	keys []string
}

// knownOrder returns the keys of s sorted when s knows their order for its
// current set of keys, and nil otherwise. The caller holds a lock of s.
func (s *KVStore) knownOrder() []string {
	if o := s.order.Load(); o != nil && o.gen == s.keyGen {
		return o.keys
	}
	return nil
}

// remember records keys as the sorted keys of s when its keyGen was gen;
// keys becomes the store's and must not be changed. It needs no lock: an
// order recorded for an older gen than the store's is never used.
func (s *KVStore) remember(gen uint64, keys []string) {
	s.order.Store(&keyOrder{gen, keys})
}

// ListKeys returns the live keys, sorted.
func (s *KVStore) ListKeys() []string {
	s.mu.RLock()
	if order := s.knownOrder(); order != nil {
		keys := s.liveIn(order)
		s.mu.RUnlock()
		return keys
	}
	if s.withTTL > 0 {
		// Some keys may have expired: list the live ones, and keep no
		// order, which would be of the live keys rather than of all.
		s.mu.RUnlock()
		return s.keysWhere(func(entry) bool { return true })
	}
	keys := s.keys()
	gen := s.keyGen
	s.mu.RUnlock()
	sortKeys(keys)
	s.remember(gen, slices.Clone(keys))
	return keys
}

// keys returns the keys of s, live or expired, unsorted. The caller holds
// a lock of s.
func (s *KVStore) keys() []string {
	keys := slices.AppendSeq(make([]string, 0, s.size()), maps.Keys(s.plain))
	return slices.AppendSeq(keys, maps.Keys(s.marks.entries))
}

// keysInOrder returns the keys of s, live or expired, sorted: the order s
// knows, or one sorted now (bare strings sort faster than entries with
// them) and remembered. It must not be changed. The caller holds a lock
// of s.
func (s *KVStore) keysInOrder() []string {
	if order := s.knownOrder(); order != nil {
		return order
	}
	keys := s.keys()
	sortKeys(keys)
	s.remember(s.keyGen, keys)
	return keys
}

// liveIn returns a copy of order, the sorted keys of s, without those
// whose entry has expired. The caller holds a lock of s.
func (s *KVStore) liveIn(order []string) []string {
	if s.withTTL == 0 {
		return slices.Clone(order)
	}
	now := s.now()
	keys := make([]string, 0, len(order))
	for _, k := range order {
		if e, _ := s.marks.get(k); !e.expired(now) {
			keys = append(keys, k)
		}
	}
	return keys
}

// collisionOrder is what a merge knows, under both locks and before it
// changes anything, of the order of the keys it may find in both stores:
// every collision is a key of the target and a key of the source.
type collisionOrder struct {
	target, source       []string // their keys in order, when known
	targetLen, sourceLen int      // how many keys their maps held
	gen                  uint64   // the target's keyGen
}

// orderBefore returns what a merge of other into s knows of the order of
// the collisions it will find. The caller holds both locks.
func orderBefore(s, other *KVStore) collisionOrder {
	return collisionOrder{
		target: s.knownOrder(), source: other.knownOrder(),
		targetLen: s.size(), sourceLen: other.size(),
		gen: s.keyGen,
	}
}

// sort sorts the collisions of a merge of other into s. When they are all
// the keys one store held and that store knew their order, they are a
// copy of it; otherwise they are sorted, and when they are all the keys
// of s, which the merge left unchanged (its keyGen is still b.gen, read
// again as genAfter under the lock), s remembers their order.
func (b collisionOrder) sort(s *KVStore, collisions []string, genAfter uint64) {
	switch n := len(collisions); {
	case n == b.targetLen && b.target != nil:
		copy(collisions, b.target)
	case n == b.sourceLen && b.source != nil:
		copy(collisions, b.source)
	default:
		sortKeys(collisions)
		if n == b.targetLen && genAfter == b.gen && n > 0 {
			s.remember(genAfter, slices.Clone(collisions))
		}
	}
}
