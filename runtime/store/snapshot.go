package store

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// SnapshotVersion is the version of the snapshot format this package
// writes, and the only one it reads.
const SnapshotVersion = 1

// snapshotError is an error of Marshal or Unmarshal; it names the key when
// the problem is in one entry.
type snapshotError struct {
	op  string // "marshal" or "unmarshal"
	key string // "" when the problem is in no one entry
	err error
}

func (e *snapshotError) Error() string {
	if e.key == "" {
		return "store: " + e.op + ": " + e.err.Error()
	}
	return "store: " + e.op + ": key " + strconv.Quote(e.key) + ": " + e.err.Error()
}

func (e *snapshotError) Unwrap() error { return e.err }

// MarshalJSON returns a snapshot of the live entries of s: each value with
// its type, expiry time and metadata, in the format the package
// documentation describes. A value that could not be read back exactly
// (an unexported field, a func, a chan, a type the reader would not know)
// is an error naming its key and where in the value the culprit is.
func (s *KVStore) MarshalJSON() ([]byte, error) {
	live := s.liveSorted()
	e := startSnapshot(nil, len(live))
	if err := e.addEntries(live); err != nil {
		return nil, err
	}
	return e.endSnapshot(nil)
}

// SnapshotKeys returns a snapshot (same format and version as
// json.Marshal(s)) holding only the named keys: each live one with its
// entry (value, type, expiry, metadata), each absent or expired one listed
// as removed.
func (s *KVStore) SnapshotKeys(keys []string) ([]byte, error) {
	return s.AppendSnapshotKeys(nil, keys)
}

// AppendSnapshotKeys appends the snapshot [KVStore.SnapshotKeys] returns
// to b and returns the extended slice, so that a caller taking snapshots
// one after another (a durable run, after each action) reuses one buffer
// rather than allocating one per snapshot. On an error it returns nil.
func (s *KVStore) AppendSnapshotKeys(b []byte, keys []string) ([]byte, error) {
	wanted := sortedKeys(keys)
	e := startSnapshot(b, len(wanted))
	rest, removed, err := s.encodePlain(&e, wanted)
	if err != nil {
		return nil, err
	}
	if err := e.addEntries(rest); err != nil {
		return nil, err
	}
	return e.endSnapshot(removed)
}

// encodePlain looks up wanted (sorted, distinct) under the read lock. It
// encodes the live entries of plain values (see plainValue) without
// metadata there and then, sparing a copy of each, until the first other
// one: that one and every live entry after it are returned, to be encoded
// in order once the lock is released, since their encoding may run
// marshalling methods of the program, which may use the store. The keys
// absent or expired are returned as removed.
func (s *KVStore) encodePlain(e *encoder, wanted []string) (rest []keyedEntry, removed []string, err error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	now := int64(0)
	if s.withTTL > 0 {
		now = s.now()
	}
	for _, k := range wanted {
		en, ok := s.lookup(k)
		switch {
		case !ok || en.expired(now):
			removed = append(removed, k)
		case rest == nil && en.meta == nil && plainValue(en.value):
			if err := e.addEntry(k, en); err != nil {
				return nil, nil, err
			}
		default:
			rest = append(rest, keyedEntry{k, en})
		}
	}
	return rest, removed, nil
}

// sortedKeys returns keys sorted, without duplicates or the empty name,
// which no entry has: there is nothing to hold or remove. Keys already so,
// as [ChangeTracker.Take] gives them, are returned as they are rather than
// copied and sorted again.
func sortedKeys(keys []string) []string {
	if isStrictlySorted(keys) && (len(keys) == 0 || keys[0] != "") {
		return keys
	}
	wanted := make([]string, 0, len(keys))
	for _, k := range keys {
		if k != "" {
			wanted = append(wanted, k)
		}
	}
	sortKeys(wanted)
	return slices.Compact(wanted)
}

// isStrictlySorted reports whether keys are sorted and distinct.
func isStrictlySorted(keys []string) bool {
	for i := 1; i < len(keys); i++ {
		if keys[i-1] >= keys[i] {
			return false
		}
	}
	return true
}

// keyedEntry is an entry with its key.
type keyedEntry struct {
	key string
	entry
}

// liveSorted returns the live entries of s, sorted by key. Entries are
// never changed in place, so they are encoded after the lock is released.
func (s *KVStore) liveSorted() []keyedEntry {
	s.mu.RLock()
	defer s.mu.RUnlock()
	now := int64(0)
	if s.withTTL > 0 {
		now = s.now()
	}
	keys := s.keysInOrder()
	live := make([]keyedEntry, 0, len(keys))
	for _, k := range keys {
		if e, _ := s.lookup(k); !e.expired(now) {
			live = append(live, keyedEntry{k, e})
		}
	}
	return live
}

// byKey orders entries by key.
func byKey(a, b keyedEntry) int { return strings.Compare(a.key, b.key) }

// addEntries appends entries, sorted by key and following those already
// added, to the snapshot.
func (e *encoder) addEntries(entries []keyedEntry) error {
	for _, en := range entries {
		if err := e.addEntry(en.key, en.entry); err != nil {
			return err
		}
	}
	return nil
}

// startSnapshot returns an encoder appending to b the start of a
// snapshot of about n entries, to be added in key order with addEntry.
func startSnapshot(b []byte, n int) encoder {
	e := encoder{buf: slices.Grow(b, 64+48*n)}
	e.buf = append(e.buf, `{"version":`...)
	e.buf = strconv.AppendInt(e.buf, SnapshotVersion, 10)
	e.buf = append(e.buf, `,"entries":{`...)
	return e
}

// addEntry appends the entry of key to the snapshot; its error names key.
func (e *encoder) addEntry(key string, en entry) error {
	if e.buf[len(e.buf)-1] != '{' { // not the first entry
		e.buf = append(e.buf, ',')
	}
	if err := e.entry(key, en); err != nil {
		return &snapshotError{op: "marshal", key: key, err: errorValueHint(en.value, err)}
	}
	return nil
}

// errorValueHint adds to err, the reason value cannot be snapshotted, what
// to do when value is an error: errors are mostly structs of unexported
// fields, and what a later reader wants of one is its text.
func errorValueHint(value any, err error) error {
	if _, ok := value.(error); !ok {
		return err
	}
	return fmt.Errorf("%w (the value is an error, %T: store its text, err.Error(), instead)", err, value)
}

// endSnapshot appends the removed keys (sorted) and the end of the
// snapshot, and returns it.
func (e *encoder) endSnapshot(removed []string) ([]byte, error) {
	e.buf = append(e.buf, '}')
	if len(removed) > 0 {
		e.buf = append(e.buf, `,"removed":[`...)
		for i, k := range removed {
			if !utf8.ValidString(k) {
				return nil, &snapshotError{op: "marshal", key: k, err: errKeyNotUTF8}
			}
			if i > 0 {
				e.buf = append(e.buf, ',')
			}
			e.buf = appendString(e.buf, k)
		}
		e.buf = append(e.buf, ']')
	}
	e.buf = append(e.buf, '}')
	return e.buf, nil
}

// errKeyNotUTF8 reports a key that a JSON object cannot name.
var errKeyNotUTF8 = errors.New("not valid UTF-8, which a snapshot cannot name")

// entry appends "key":{"type":...,"value":...,"expires":...,"meta":...}.
func (e *encoder) entry(key string, en entry) error {
	if !utf8.ValidString(key) {
		return errKeyNotUTF8
	}
	// Appended to a local slice, stored once: each store to e.buf costs
	// a write barrier while the garbage collector runs.
	b := appendValidString(e.buf, key)
	b = append(b, ":{"...)
	b, plain := appendPlain(b, en.value)
	e.buf = b
	if !plain {
		if err := e.typedValue(en.value, key); err != nil {
			return err
		}
	}
	if at := en.expires; at != 0 {
		e.buf = append(e.buf, `,"expires":`...)
		if err := e.timeValue(time.Unix(0, at).UTC()); err != nil {
			return err
		}
	}
	if md := en.meta; md != nil {
		e.buf = append(e.buf, `,"meta":`...)
		if err := e.value(reflect.ValueOf(md).Elem()); err != nil {
			return within("metadata", err)
		}
	}
	e.buf = append(e.buf, '}')
	return nil
}

// UnmarshalJSON replaces the content of s with the snapshot in data, made
// by MarshalJSON (json.Marshal) or [KVStore.SnapshotKeys]. It is atomic:
// on any error, which names the key at fault, s is unchanged. Entries
// that expired since the snapshot was made are left out.
func (s *KVStore) UnmarshalJSON(data []byte) error {
	return s.apply(data, true)
}

// ApplySnapshot applies a snapshot made by json.Marshal or SnapshotKeys
// to s: its entries replace s's entries of the same keys, the keys it
// lists as removed are deleted, and every other entry of s is kept.
// Atomic: on error s is unchanged.
func (s *KVStore) ApplySnapshot(data []byte) error {
	return s.apply(data, false)
}

// apply decodes data whole, then installs it under the write lock,
// clearing s first when replace is set.
func (s *KVStore) apply(data []byte, replace bool) (err error) {
	defer func() {
		// Decoding is written not to panic; should a marshalling method of
		// a user's type panic on bad data, s is still unchanged.
		if r := recover(); r != nil {
			err = &snapshotError{op: "unmarshal", err: fmt.Errorf("panic while decoding: %v", r)}
		}
	}()
	snap, err := decodeSnapshot(data)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if replace {
		s.empty()
		s.changes.noteClear()
	}
	now := s.now()
	for _, k := range snap.removed {
		s.remove(k)
	}
	for _, en := range snap.entries {
		if en.expired(now) {
			s.remove(en.key)
		} else {
			s.install(en.key, en.entry)
		}
	}
	s.sweepIfDue(now)
	return nil
}

// remove deletes key, whatever its state, as Delete does. The caller holds
// the write lock.
func (s *KVStore) remove(key string) {
	if old, had := s.lookup(key); had {
		s.deleteEntry(key, old)
		s.changes.note(key)
	}
}

// decoded is a snapshot read whole, before it is applied.
type decoded struct {
	entries []keyedEntry // sorted by key
	removed []string
}

// decodeSnapshot reads a whole snapshot.
func decodeSnapshot(data []byte) (*decoded, error) {
	d := decoder{data: data}
	var (
		snap       decoded
		version    = -1
		rawEntries []byte // the entries, when they came before the version
		hasEntries bool
	)
	fail := func(key string, err error) error {
		return &snapshotError{op: "unmarshal", key: key, err: err}
	}
	var failed error // an error already naming its key
	err := d.object(func(name []byte) error {
		switch string(name) {
		case "version":
			n, err := d.number()
			if err != nil {
				return err
			}
			if version, err = strconv.Atoi(n); err != nil || version != SnapshotVersion {
				return fmt.Errorf("snapshot version %s is not supported: this program reads version %d", n, SnapshotVersion)
			}
		case "entries":
			if hasEntries {
				return errors.New(`"entries" given twice`)
			}
			hasEntries = true
			if version < 0 {
				var err error
				rawEntries, err = d.skip()
				return err
			}
			failed = d.entries(&snap)
			return failed
		case "removed":
			return d.array(func(int) error {
				k, err := d.str()
				snap.removed = append(snap.removed, k)
				return err
			})
		default:
			return fmt.Errorf("unknown member %q: not a store snapshot", name)
		}
		return nil
	})
	if err == nil {
		d.ws()
		if d.pos < len(d.data) {
			err = d.syntaxError("expected the end of data")
		}
	}
	switch {
	case err != nil && err == failed:
		return nil, err
	case err != nil:
		return nil, fail("", err)
	case version < 0:
		return nil, fail("", errors.New(`no "version": not a store snapshot`))
	case rawEntries != nil:
		sub := decoder{data: rawEntries}
		if err := sub.entries(&snap); err != nil {
			return nil, err
		}
	}
	return &snap, snap.check()
}

// check reports a key a snapshot both holds and lists as removed.
func (snap *decoded) check() error {
	for _, k := range snap.removed {
		if _, ok := slices.BinarySearchFunc(snap.entries, k, func(e keyedEntry, k string) int { return strings.Compare(e.key, k) }); ok {
			return &snapshotError{op: "unmarshal", key: k, err: errors.New("both held and listed as removed")}
		}
		if k == "" {
			return &snapshotError{op: "unmarshal", err: errors.New("empty key listed as removed")}
		}
	}
	return nil
}

// entries reads the "entries" object into snap; its error names the key.
func (d *decoder) entries(snap *decoded) error {
	key := ""
	err := d.object(func(name []byte) error {
		key = string(name)
		if key == "" {
			return errors.New("empty key")
		}
		en, err := d.entry(key)
		if err != nil {
			return err
		}
		snap.entries = append(snap.entries, keyedEntry{key, en})
		return nil
	})
	if err != nil {
		return &snapshotError{op: "unmarshal", key: key, err: err}
	}
	if !slices.IsSortedFunc(snap.entries, byKey) {
		slices.SortFunc(snap.entries, byKey) // not as Marshal writes, but readable
	}
	for i := 1; i < len(snap.entries); i++ {
		if k := snap.entries[i].key; k == snap.entries[i-1].key {
			return &snapshotError{op: "unmarshal", key: k, err: errors.New("given twice")}
		}
	}
	return nil
}

// entry reads one entry of key.
func (d *decoder) entry(key string) (entry, error) {
	var (
		expires int64
		meta    *Metadata
	)
	val, err := d.typed(key, func(name []byte) error {
		switch string(name) {
		case "expires":
			var at time.Time
			if err := d.timeValue(&at); err != nil {
				return err
			}
			if expires = at.UnixNano(); expires == 0 {
				expires = 1 // 0 means never; the Unix epoch has long passed
			}
		case "meta":
			meta = &Metadata{}
			if err := d.value(reflect.ValueOf(meta).Elem()); err != nil {
				return within("metadata", err)
			}
		default:
			return fmt.Errorf("unknown member %q", name)
		}
		return nil
	})
	if err != nil {
		return entry{}, err
	}
	return entry{value: val, expires: expires, meta: meta}, nil
}
