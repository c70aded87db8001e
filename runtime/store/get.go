package store

import "reflect"

// Get returns the value stored under key as a T. T may be the stored
// value's concrete type or an interface it implements; a value of another
// type, even a convertible one (an int read as int64), is a mismatch.
//
// The error wraps [ErrNotFound] when key is missing or expired (and also
// [ErrExpired] when the store still holds the expired entry), and
// [ErrTypeMismatch] when the value is not a T.
func Get[T any](s *KVStore, key string) (T, error) {
	v, found := s.load(key)
	if t, ok := v.(T); ok {
		return t, nil
	}
	return miss[T](s, key, v, found)
}

// GetOrDefault returns the value stored under key as a T, or def when key
// is missing or expired. A value of another type is an error wrapping
// [ErrTypeMismatch], returned with def.
func GetOrDefault[T any](s *KVStore, key string, def T) (T, error) {
	v, found := s.load(key)
	if t, ok := v.(T); ok {
		return t, nil
	}
	if !found {
		return def, nil
	}
	t, err := miss[T](s, key, v, found)
	if err != nil {
		return def, err
	}
	return t, nil
}

// KeysByType returns the sorted live keys whose values are T.
func KeysByType[T any](s *KVStore) []string {
	return s.keysWhere(func(e entry) bool {
		_, ok := e.value.(T)
		return ok
	})
}

// miss is the read of a key of s whose value is not a T: missing, a
// stored nil, or a mismatch. Kept apart from the callers' fast path, which
// is a lookup and one type assertion, so that path stays small.
func miss[T any](s *KVStore, key string, v any, found bool) (T, error) {
	var zero T
	switch {
	case !found:
		return zero, s.absent(key)
	case v == nil && nillable(reflect.TypeFor[T]()):
		// A stored nil reads as the nil of any type that has one.
		return zero, nil
	}
	return zero, mismatch[T](key, v)
}

// nillable reports whether nil is a value of t.
func nillable(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Pointer, reflect.Map, reflect.Slice, reflect.Chan,
		reflect.Func, reflect.Interface, reflect.UnsafePointer:
		return true
	}
	return false
}
