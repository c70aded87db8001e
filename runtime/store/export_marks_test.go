package store

import (
	"fmt"
	"reflect"
)

// CheckBookkeeping returns an error when the marks, counts or tag index
// of s differ from what its entries say, and nil when they agree.
func (s *KVStore) CheckBookkeeping() error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var slots [64]int32
	var withTTL, withMeta, mutable int
	var tags tagIndex
	for k, e := range s.marks.entries {
		if _, ok := s.plain[k]; ok {
			return fmt.Errorf("key %q is both plain and marked", k)
		}
		is := markOf(e)
		if is == 0 {
			return fmt.Errorf("key %q is kept as marked without a mark", k)
		}
		slots[slotOf(k)]++
		withTTL += is.count(markTTL)
		withMeta += is.count(markMeta)
		tags.update(k, nil, e.meta)
	}
	for _, e := range s.all() {
		if s.mutability.of(e.value) {
			mutable++
		}
	}
	switch {
	case s.marks.slots != slots:
		return fmt.Errorf("mark slots %v, want %v", s.marks.slots, slots)
	case s.withTTL != withTTL || s.withMeta != withMeta:
		return fmt.Errorf("%d with TTL and %d with metadata, want %d and %d", s.withTTL, s.withMeta, withTTL, withMeta)
	case s.mutable < mutable:
		return fmt.Errorf("%d mutable values counted, fewer than the %d held", s.mutable, mutable)
	case len(s.tags) != len(tags) || (len(s.tags) > 0 && !reflect.DeepEqual(s.tags, tags)):
		return fmt.Errorf("tag index %v, want %v", s.tags, tags)
	}
	return nil
}
