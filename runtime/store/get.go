package store

import "reflect"

// Get returns the value stored under key as a T. T may be the stored
// value's concrete type or an interface it implements; a value of another
// type, even a convertible one (an int read as int64), is a mismatch.
//
// The error wraps [ErrNotFound] when key is missing or expired, and
// [ErrTypeMismatch] when the value is not a T.
func Get[T any](s *KVStore, key string) (T, error) {
	v, ok := s.load(key)
	if !ok {
		var zero T
		return zero, notFound(key)
	}
	return as[T](key, v)
}

// GetOrDefault returns the value stored under key as a T, or def when key
// is missing or expired. A value of another type is an error wrapping
// [ErrTypeMismatch], returned with def.
func GetOrDefault[T any](s *KVStore, key string, def T) (T, error) {
	v, ok := s.load(key)
	if !ok {
		return def, nil
	}
	t, err := as[T](key, v)
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

// as asserts that v, stored under key, is a T.
func as[T any](key string, v any) (T, error) {
	if t, ok := v.(T); ok {
		return t, nil
	}
	var zero T
	if v == nil && nillable(reflect.TypeFor[T]()) {
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
