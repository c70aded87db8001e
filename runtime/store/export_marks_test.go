package store

import (
	"fmt"
	"maps"
	"reflect"
)

// CheckBookkeeping returns an error when the marks, counts or tag index
// of s differ from what its entries say, and nil when they agree.
func (s *KVStore) CheckBookkeeping() error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	want := &KVStore{entries: s.entries}
	want.recount()
	switch {
	case !maps.Equal(s.marks.keys, want.marks.keys) && s.marks.len()+want.marks.len() > 0:
		return fmt.Errorf("marks %v, want %v", s.marks.keys, want.marks.keys)
	case s.marks.slots != want.marks.slots:
		return fmt.Errorf("mark slots %v, want %v", s.marks.slots, want.marks.slots)
	case s.withTTL != want.withTTL || s.withMeta != want.withMeta:
		return fmt.Errorf("%d with TTL and %d with metadata, want %d and %d", s.withTTL, s.withMeta, want.withTTL, want.withMeta)
	case s.mutable < want.mutable:
		return fmt.Errorf("%d mutable values counted, fewer than the %d held", s.mutable, want.mutable)
	case len(s.tags) != len(want.tags) || (len(s.tags) > 0 && !reflect.DeepEqual(s.tags, want.tags)):
		return fmt.Errorf("tag index %v, want %v", s.tags, want.tags)
	}
	return nil
}
