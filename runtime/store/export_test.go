package store

// SetClock makes s read time from clock (Unix nanoseconds), so tests can
// move time without sleeping.
func (s *KVStore) SetClock(clock func() int64) { s.clock = clock }

// Stored returns how many entries s holds in memory, expired ones included.
func (s *KVStore) Stored() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.size()
}

// SweepInterval is the least time between two sweeps of expired entries.
const SweepInterval = sweepInterval
