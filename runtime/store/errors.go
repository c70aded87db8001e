package store

import (
	"errors"
	"reflect"
	"strconv"
	"time"
)

// Errors that store calls wrap; match them with errors.Is.
var (
	// ErrNotFound reports a key that is missing or expired.
	ErrNotFound = errors.New("key not found")
	// ErrExpired reports a key whose entry the store still holds but whose
	// time to live has passed. It is a case of ErrNotFound: errors.Is
	// matches an error wrapping ErrExpired against both, so code that only
	// asks whether a key is there need not know about expiry. Once the
	// store has swept the entry, the key is plainly not found.
	ErrExpired error = &subError{text: "key expired", of: ErrNotFound}
	// ErrTypeMismatch reports a stored value that is not of the requested type.
	ErrTypeMismatch = errors.New("type mismatch")
	// ErrCollision reports keys present in both stores of a Merge with
	// the Error strategy.
	ErrCollision = errors.New("merge collision")
	// ErrInvalidKey reports an empty key name, or a negative time to live
	// for a key.
	ErrInvalidKey = errors.New("invalid key")
)

// subError is a sentinel error that is a case of a broader one.
type subError struct {
	text string
	of   error
}

// Error returns the sentinel's text.
func (e *subError) Error() string { return e.text }

// Unwrap returns the broader sentinel.
func (e *subError) Unwrap() error { return e.of }

// keyError is the error of a call about one key. Its text names the key
// and starts with the words of its kind ("not found", "expired", "type
// mismatch"), so that code which matched on those words still does;
// errors.Is matches it against its kind.
type keyError struct {
	key  string
	msg  string
	kind error
}

// Error returns `store: key "name": ` and what is wrong with it.
func (e *keyError) Error() string {
	return "store: key " + strconv.Quote(e.key) + ": " + e.msg
}

// Unwrap returns the sentinel the error is a case of, such as ErrNotFound.
func (e *keyError) Unwrap() error { return e.kind }

// notFound reports that key is missing.
func notFound(key string) error {
	return &keyError{key: key, msg: "not found", kind: ErrNotFound}
}

// expired reports that the entry of key has outlived its time to live.
func expired(key string) error {
	return &keyError{key: key, msg: "expired", kind: ErrExpired}
}

// absentErr reports that key has no live entry, given e, the entry the
// store held under it when it found none live (the zero entry when it
// held none): expired when it held one with a TTL, which then had passed,
// not found otherwise.
func absentErr(key string, e entry) error {
	switch {
	case key == "":
		return invalidKey() // no write takes it, so no read can find it
	case e.expires != 0:
		return expired(key)
	}
	return notFound(key)
}

// absent reports that key has no live entry in s, after a read found
// none: it looks again, on the error path only, to tell an expired entry
// the store still holds from a missing one.
func (s *KVStore) absent(key string) error {
	s.mu.RLock()
	e, _ := s.lookup(key)
	s.mu.RUnlock()
	if !e.expired(s.now()) {
		e = entry{} // missing, or put again since the read: not found, as the read saw it
	}
	return absentErr(key, e)
}

// mismatch reports that key holds stored, which is not a T. It runs only on
// the error path, so the reflection it does costs a successful read nothing.
func mismatch[T any](key string, stored any) error {
	got := "nil"
	if stored != nil {
		got = reflect.TypeOf(stored).String()
	}
	return &keyError{
		key:  key,
		msg:  "type mismatch: holds " + got + ", not " + reflect.TypeFor[T]().String(),
		kind: ErrTypeMismatch,
	}
}

// invalidKey reports an empty key name.
func invalidKey() error {
	return &keyError{key: "", msg: "invalid key: key cannot be empty", kind: ErrInvalidKey}
}

// badTTL reports a negative TTL, which PutWithTTL and
// PutWithTTLAndMetadata refuse.
func badTTL(key string, ttl time.Duration) error {
	return &keyError{key: key, msg: "invalid ttl " + ttl.String() + ": negative", kind: ErrInvalidKey}
}
