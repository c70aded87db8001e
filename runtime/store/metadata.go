package store

import (
	"reflect"
	"slices"
	"time"
)

// Metadata describes a stored entry. The store hands out copies: changing
// a Metadata returned by [KVStore.GetMetadata] does not change the store.
type Metadata struct {
	// Tags categorise the entry, for [KVStore.FindKeysByTag] and friends.
	Tags []string
	// Properties hold any further facts about the entry.
	Properties map[string]any
	// Description says what the entry holds.
	Description string
	// CreatedAt is when the entry got its metadata: written with it, or
	// first tagged or given a property. A plain Put reads no clock, so an
	// entry that never had metadata reports zero times.
	CreatedAt time.Time
	// UpdatedAt is when the value or the metadata of an entry with
	// metadata last changed.
	UpdatedAt time.Time
}

// NewMetadata returns empty metadata, ready for tags and properties,
// created and updated now. (The store keeps the times of the metadata it
// holds itself: a write ignores those of the metadata it is given.)
func NewMetadata() *Metadata {
	now := time.Now()
	return &Metadata{Tags: []string{}, Properties: make(map[string]any), CreatedAt: now, UpdatedAt: now}
}

// HasTag reports whether m carries tag.
func (m *Metadata) HasTag(tag string) bool {
	return m != nil && slices.Contains(m.Tags, tag)
}

// HasAllTags reports whether m carries every one of tags; with no tags it
// reports true.
func (m *Metadata) HasAllTags(tags []string) bool {
	for _, t := range tags {
		if !m.HasTag(t) {
			return false
		}
	}
	return true
}

// HasAnyTag reports whether m carries at least one of tags; with no tags
// it reports false.
func (m *Metadata) HasAnyTag(tags []string) bool {
	return slices.ContainsFunc(tags, m.HasTag)
}

// AddTag adds tag to m, unless m carries it already, and marks m updated.
// It changes m only: to tag a stored entry, use [KVStore.AddTag] or give
// m to [KVStore.SetMetadata].
func (m *Metadata) AddTag(tag string) {
	if !m.HasTag(tag) {
		m.Tags = append(m.Tags, tag)
		m.UpdatedAt = time.Now()
	}
}

// RemoveTag removes tag from m and reports whether m carried it.
func (m *Metadata) RemoveTag(tag string) bool {
	if !m.HasTag(tag) {
		return false
	}
	m.Tags = slices.DeleteFunc(m.Tags, func(t string) bool { return t == tag })
	m.UpdatedAt = time.Now()
	return true
}

// SetProperty sets m's property key to value and marks m updated. It
// makes the Properties map when m has none, so it works on any Metadata,
// not only one made by [NewMetadata].
func (m *Metadata) SetProperty(key string, value any) {
	if m.Properties == nil {
		m.Properties = make(map[string]any)
	}
	m.Properties[key] = value
	m.UpdatedAt = time.Now()
}

// GetProperty returns m's property key and whether m has it. Unlike
// [KVStore.GetProperty], it returns the value itself, not a copy: m is
// the caller's own.
func (m *Metadata) GetProperty(key string) (any, bool) {
	return m.property(key)
}

// RemoveProperty removes m's property key and reports whether m had it.
func (m *Metadata) RemoveProperty(key string) bool {
	if _, ok := m.property(key); !ok {
		return false
	}
	delete(m.Properties, key)
	m.UpdatedAt = time.Now()
	return true
}

// property returns the property name of m, which may be nil.
func (m *Metadata) property(name string) (any, bool) {
	if m == nil {
		return nil, false
	}
	v, ok := m.Properties[name]
	return v, ok
}

// clone returns a deep copy of m; nil stays nil.
func (m *Metadata) clone() *Metadata {
	if m == nil {
		return nil
	}
	c := *m
	c.Tags = slices.Clone(m.Tags)
	if m.Properties != nil {
		c.Properties = make(map[string]any, len(m.Properties))
		for k, v := range m.Properties {
			c.Properties[k] = deepCopy(v)
		}
	}
	return &c
}

// changeable returns a copy of m for a change made at now, or, when m is
// nil, new metadata created at now: stored metadata is never changed in
// place.
func (m *Metadata) changeable(now time.Time) *Metadata {
	if m == nil {
		return &Metadata{CreatedAt: now}
	}
	return m.clone()
}

// addTag adds tag to m's tags unless m carries it already.
func (m *Metadata) addTag(tag string) {
	if !slices.Contains(m.Tags, tag) {
		m.Tags = append(m.Tags, tag)
	}
}

// GetMetadata returns a copy of the metadata of key. A key without
// metadata has empty metadata, not an error.
//
// Upstream gostage returned the stored metadata itself, so that changing
// it changed the store; here the store is changed only through its own
// calls ([KVStore.AddTag], [KVStore.SetProperty], [KVStore.SetMetadata],
// ...), which take the lock and keep every reader and copy consistent.
func (s *KVStore) GetMetadata(key string) (*Metadata, error) {
	e, ok := s.liveEntry(key)
	if !ok {
		return nil, absentErr(key, e)
	}
	if md := e.meta; md != nil {
		return md.clone(), nil
	}
	return &Metadata{}, nil
}

// updateMeta replaces the metadata of the live entry under key with
// change(copy of its metadata), under the write lock.
func (s *KVStore) updateMeta(key string, change func(md *Metadata)) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.lookup(key)
	if !s.live(e, ok) {
		return absentErr(key, e)
	}
	now := time.Unix(0, s.now())
	md := e.meta.changeable(now)
	change(md)
	md.UpdatedAt = now
	s.replace(key, e, entry{value: e.value, expires: e.expires, meta: md})
	return nil
}

// AddTag adds tag to the metadata of key, unless it is there already.
func (s *KVStore) AddTag(key, tag string) error {
	return s.updateMeta(key, func(md *Metadata) { md.addTag(tag) })
}

// RemoveTag removes tag from the metadata of key. Removing a tag the key
// does not carry is not an error.
func (s *KVStore) RemoveTag(key, tag string) error {
	return s.updateMeta(key, func(md *Metadata) {
		md.Tags = slices.DeleteFunc(md.Tags, func(t string) bool { return t == tag })
	})
}

// HasTag reports whether the live entry of key is tagged tag. A key with
// no live entry is an error wrapping [ErrNotFound] (and [ErrExpired] when
// the store still holds its expired entry), as in upstream gostage, whose
// signature this keeps so that ported code compiles unchanged.
func (s *KVStore) HasTag(key, tag string) (bool, error) {
	e, ok := s.liveEntry(key)
	if !ok {
		return false, absentErr(key, e)
	}
	return e.meta.HasTag(tag), nil
}

// SetProperty sets the property name of key to value.
func (s *KVStore) SetProperty(key, name string, value any) error {
	value = deepCopy(value)
	return s.updateMeta(key, func(md *Metadata) {
		if md.Properties == nil {
			md.Properties = make(map[string]any)
		}
		md.Properties[name] = value
	})
}

// GetProperty returns a copy of the property name of key. The error wraps
// [ErrNotFound] when the key or the property is missing.
func (s *KVStore) GetProperty(key, name string) (any, error) {
	e, ok := s.liveEntry(key)
	if !ok {
		return nil, absentErr(key, e)
	}
	v, ok := e.meta.property(name)
	if !ok {
		return nil, &keyError{key: key, msg: "property '" + name + "' not found", kind: ErrNotFound}
	}
	return deepCopy(v), nil
}

// FindKeysByTag returns the sorted live keys tagged tag. It reads the keys
// the tag index holds for tag, not every entry.
func (s *KVStore) FindKeysByTag(tag string) []string {
	s.mu.RLock()
	tagged := s.tags[tag]
	keys := make([]string, 0, len(tagged))
	if s.withTTL == 0 {
		for k := range tagged {
			keys = append(keys, k)
		}
	} else {
		now := s.now()
		for k := range tagged {
			if s.holds(k, now) {
				keys = append(keys, k)
			}
		}
	}
	s.mu.RUnlock()
	sortKeys(keys)
	return keys
}

// FindKeysByAnyTag returns the sorted live keys tagged with at least one of
// tags.
func (s *KVStore) FindKeysByAnyTag(tags []string) []string {
	return s.keysWhere(func(e entry) bool { return e.meta.HasAnyTag(tags) })
}

// FindKeysByAllTags returns the sorted live keys tagged with every one of
// tags. With no tags it returns every live key.
func (s *KVStore) FindKeysByAllTags(tags []string) []string {
	return s.keysWhere(func(e entry) bool { return e.meta.HasAllTags(tags) })
}

// FindKeysByProperty returns the sorted live keys whose property name
// equals value (compared with reflect.DeepEqual, so values that == cannot
// compare, such as slices, are fine).
func (s *KVStore) FindKeysByProperty(name string, value any) []string {
	return s.keysWhere(func(e entry) bool {
		v, ok := e.meta.property(name)
		return ok && reflect.DeepEqual(v, value)
	})
}
