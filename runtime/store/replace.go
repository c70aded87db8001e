package store

// ReplaceWith replaces the content of s with a deep copy of the live
// entries of src: values, expiry times and metadata, as
// json.Unmarshal(json.Marshal(src)) into s would leave it, without the
// encoding and decoding. It is atomic: a reader of s sees its old content
// or its new one, never a mix, and a [ChangeTracker] of s sees a
// [KVStore.Clear]. Replacing s with itself changes nothing; a nil src is
// an error, and s is left as it was.
func (s *KVStore) ReplaceWith(src *KVStore) error {
	if src == nil {
		return errNilSource
	}
	if src == s {
		return nil
	}
	c := src.snapshot()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.plain, s.marks, s.tags = c.plain, c.marks, c.tags
	s.withTTL, s.withMeta, s.mutable = c.withTTL, c.withMeta, c.mutable
	s.keyGen++ // another set of keys: the order s knew is no longer its own
	s.changes.noteClear()
	return nil
}
