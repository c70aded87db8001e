package store

// Noted returns how many keys, repeats included, t's change set holds
// until the next Take.
func (t *ChangeTracker) Noted() int {
	t.s.mu.RLock()
	defer t.s.mu.RUnlock()
	return len(t.set.keys)
}
