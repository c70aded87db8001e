package store

// ExpiresAt returns when the entry under key expires, in Unix nanoseconds
// (0 for never), and whether s holds the key, expired or not.
func (s *KVStore) ExpiresAt(key string) (int64, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	e, ok := s.lookup(key)
	return e.expires, ok
}
