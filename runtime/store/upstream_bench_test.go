package store_test

// upstream is a minimal reimplementation, written for these benchmarks, of
// the algorithms of upstream gostage's store (github.com/davidroman0O/gostage,
// store/store.go) for the calls compared here: Merge and FindKeysByTag. It
// keeps upstream's entry layout (the value's type, its encoding, a pointer
// to the expiry time and one to the metadata) and its steps, so that the
// ratios say how our store compares with it; it is not a port of the rest.
// Upstream holds values as JSON; the benchmarks only move entries, so the
// encoding is made once, when the store is filled.

import (
	"encoding/json"
	"reflect"
	"slices"
	"sync"
	"time"
)

type upstreamMeta struct {
	Tags       []string
	Properties map[string]any
	UpdatedAt  time.Time
}

type upstreamEntry struct {
	typ       reflect.Type
	blob      []byte
	expiresAt *time.Time
	meta      *upstreamMeta
}

type upstream struct {
	mu   sync.RWMutex
	data map[string]upstreamEntry
}

func newUpstream() *upstream { return &upstream{data: map[string]upstreamEntry{}} }

// put stores value with optional tags, encoded as upstream stores it.
func (s *upstream) put(key string, value any, tags ...string) {
	blob, _ := json.Marshal(value)
	e := upstreamEntry{typ: reflect.TypeOf(value), blob: blob}
	if tags != nil {
		e.meta = &upstreamMeta{Tags: tags, Properties: map[string]any{}}
	}
	s.mu.Lock()
	s.data[key] = e
	s.mu.Unlock()
}

// merge follows upstream's Merge: only the target is locked (upstream reads
// the source without its lock), every source entry is checked for expiry,
// looked up in the target, and written; collisions are listed in map
// order, and an Overwrite of two entries with metadata unites their tags.
func (s *upstream) merge(other *upstream, overwrite bool) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	collisions := []string{}
	for key, oe := range other.data {
		if oe.expiresAt != nil && time.Now().After(*oe.expiresAt) {
			continue
		}
		_, exists := s.data[key]
		if exists {
			collisions = append(collisions, key)
			if !overwrite {
				continue
			}
			if cur, ok := s.data[key]; ok && cur.meta != nil && oe.meta != nil {
				for _, t := range oe.meta.Tags {
					if !slices.Contains(cur.meta.Tags, t) {
						cur.meta.Tags = append(cur.meta.Tags, t)
					}
				}
				for k, v := range oe.meta.Properties {
					cur.meta.Properties[k] = v
				}
				cur.meta.UpdatedAt = time.Now()
				oe.meta = cur.meta
			}
		}
		s.data[key] = oe
	}
	return collisions
}

// findKeysByTag follows upstream's FindKeysByTag: a scan under the read
// lock that skips expired entries; the keys come in map order, unsorted.
func (s *upstream) findKeysByTag(tag string) []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var keys []string
	for k, e := range s.data {
		if e.expiresAt != nil && time.Now().After(*e.expiresAt) {
			continue
		}
		if e.meta != nil && slices.Contains(e.meta.Tags, tag) {
			keys = append(keys, k)
		}
	}
	return keys
}
