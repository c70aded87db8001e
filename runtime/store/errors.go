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
	// ErrTypeMismatch reports a stored value that is not of the requested type.
	ErrTypeMismatch = errors.New("type mismatch")
	// ErrCollision reports keys present in both stores of a Merge with
	// the Error strategy.
	ErrCollision = errors.New("merge collision")
	// ErrInvalidKey reports an empty key name.
	ErrInvalidKey = errors.New("invalid key")
)

// keyError is the error of a call about one key. Its text names the key;
// errors.Is matches it against its kind.
type keyError struct {
	key  string
	msg  string
	kind error
}

// Error returns `store: key "name" ` and what is wrong with it.
func (e *keyError) Error() string {
	return "store: key " + strconv.Quote(e.key) + " " + e.msg
}

// Unwrap returns the sentinel the error is a case of, such as ErrNotFound.
func (e *keyError) Unwrap() error { return e.kind }

// notFound reports that key is missing or expired.
func notFound(key string) error {
	return &keyError{key: key, msg: "not found", kind: ErrNotFound}
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
		msg:  "holds " + got + ", not " + reflect.TypeFor[T]().String(),
		kind: ErrTypeMismatch,
	}
}

// invalidKey reports an empty key name.
func invalidKey() error {
	return &keyError{key: "", msg: "is empty", kind: ErrInvalidKey}
}

// badTTL reports a TTL that is not positive, which PutWithTTL and
// PutWithTTLAndMetadata refuse.
func badTTL(key string, ttl time.Duration) error {
	return &keyError{key: key, msg: "ttl " + ttl.String() + " is not positive", kind: ErrInvalidKey}
}
