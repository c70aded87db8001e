package store

import (
	"reflect"
	"sync"
	"time"
	"unsafe"
)

// deepCopy returns a copy of v that shares no mutable memory with it: maps,
// slices and pointer targets are copied, recursively, keeping the shape of
// shared and cyclic pointers. Values that cannot be changed through the
// store (numbers, strings, structs of those) are returned as they are.
// Channels, functions and unsafe pointers cannot be copied and are shared;
// so are the values [immutable] names, which point to data of the runtime.
//
// Values of a tree-shaped type are copied by the type's plan (copyplan.go),
// the others by reflection.
func deepCopy(v any) any {
	if !needsCopy(v) {
		return v
	}
	t := reflect.TypeOf(v)
	if p := planOf(t); p.ok && p.fix != nil {
		return planCopy(v, t, p)
	}
	return reflectCopy(v)
}

// reflectCopy returns a deep copy of v made by reflection, which keeps
// shared references shared and closes cycles.
func reflectCopy(v any) any {
	src := reflect.ValueOf(v)
	c := copier{seen: make(map[seenKey]reflect.Value)}
	dst := reflect.New(src.Type()).Elem()
	c.copy(dst, src)
	return dst.Interface()
}

// needsCopy reports whether v can reach memory that a holder of v could
// change. The common pointer-free types are answered without reflection.
func needsCopy(v any) bool {
	switch v.(type) {
	case nil, bool, string, int, int8, int16, int32, int64,
		uint, uint8, uint16, uint32, uint64, uintptr,
		float32, float64, complex64, complex128, time.Duration, time.Time:
		return false
	}
	return typeNeedsCopy(reflect.TypeOf(v))
}

// mutability tells whether values reach mutable memory, remembering the
// last two types it was asked about: stores tend to hold many values of
// few types, and for runs of one or two types the answer is a comparison
// or two. A nil value has a nil type, which the zero mutability answers
// (false).
type mutability struct {
	typ   [2]reflect.Type
	needs [2]bool
}

// of reports whether v reaches memory a holder of v could change.
func (m *mutability) of(v any) bool {
	t := reflect.TypeOf(v)
	switch t {
	case m.typ[0]:
	case m.typ[1]:
		m.typ[0], m.typ[1] = m.typ[1], m.typ[0]
		m.needs[0], m.needs[1] = m.needs[1], m.needs[0]
	default:
		m.typ[1], m.needs[1] = m.typ[0], m.needs[0]
		m.typ[0], m.needs[0] = t, typeNeedsCopy(t)
	}
	return m.needs[0]
}

// mutableTypes caches typeNeedsCopy per reflect.Type.
var mutableTypes sync.Map

var (
	timeType     = reflect.TypeFor[time.Time]()
	locationType = reflect.TypeFor[*time.Location]()
	// rtypeType is the type of what a reflect.Type holds, *reflect.rtype.
	rtypeType = reflect.TypeOf(reflect.TypeFor[int]())
)

// immutable reports whether a copy keeps values of t whole although they
// hold pointers, because what they point to never changes and is known by
// its address: a time.Time or *time.Location (time.UTC and time.Local are
// compared by address), and a type descriptor, in a reflect.Type or a
// reflect.Value (a *reflect.rtype or *internal/abi.Type). A descriptor
// lives in the program's read-only data; a copy of one on the heap crashes
// the program on its first method call.
func immutable(t reflect.Type) bool {
	switch t {
	case timeType, locationType, rtypeType:
		return true
	}
	return t.Kind() == reflect.Pointer && t.Elem().PkgPath() == "internal/abi"
}

// typeNeedsCopy reports whether values of t can reach memory a holder of
// them could change. Answers are kept in mutableTypes, so that a type is
// walked once rather than on every copy.
func typeNeedsCopy(t reflect.Type) bool {
	if t == nil {
		return false // the type of a nil interface value
	}
	if r, ok := mutableTypes.Load(t); ok {
		return r.(bool)
	}
	r := reachesMutable(t, map[reflect.Type]bool{})
	mutableTypes.Store(t, r)
	return r
}

// reachesMutable walks t; visiting guards against recursive types.
func reachesMutable(t reflect.Type, visiting map[reflect.Type]bool) bool {
	if immutable(t) || visiting[t] {
		return false
	}
	visiting[t] = true
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface:
		return true
	case reflect.Array:
		return t.Len() > 0 && reachesMutable(t.Elem(), visiting)
	case reflect.Struct:
		for i := range t.NumField() {
			if reachesMutable(t.Field(i).Type, visiting) {
				return true
			}
		}
	}
	return false
}

// seenKey names a pointer, map or slice met during a copy, so that the
// copier copies it once however often the value graph refers to it.
type seenKey struct {
	ptr unsafe.Pointer
	typ reflect.Type
	len int // slices of one array with different lengths are different values
}

// copier copies one value graph; seen maps each pointer, map or slice
// already copied to its copy.
type copier struct {
	seen map[seenKey]reflect.Value
}

// copy sets dst, a settable value of src's type, to a deep copy of src.
func (c *copier) copy(dst, src reflect.Value) {
	t := src.Type()
	if !typeNeedsCopy(t) {
		dst.Set(src)
		return
	}
	switch src.Kind() {
	case reflect.Pointer:
		c.copyPointer(dst, src)
	case reflect.Interface:
		if src.IsNil() {
			return
		}
		elem := src.Elem()
		cp := reflect.New(elem.Type()).Elem()
		c.copy(cp, elem)
		dst.Set(cp)
	case reflect.Slice:
		c.copySlice(dst, src)
	case reflect.Map:
		c.copyMap(dst, src)
	case reflect.Array:
		for i := range src.Len() {
			c.copy(dst.Index(i), src.Index(i))
		}
	case reflect.Struct:
		if !src.CanAddr() {
			// Unexported fields can be read only through an address.
			tmp := reflect.New(t).Elem()
			tmp.Set(src)
			src = tmp
		}
		for i := range src.NumField() {
			c.copy(settable(dst.Field(i)), settable(src.Field(i)))
		}
	default:
		dst.Set(src)
	}
}

// copyPointer sets dst to a copy of src, a pointer, and of what it points to.
func (c *copier) copyPointer(dst, src reflect.Value) {
	if src.IsNil() {
		return
	}
	p, fill := c.copyOf(src, newPointer)
	if fill {
		c.copy(p.Elem(), src.Elem())
	}
	dst.Set(p)
}

// copySlice sets dst to a copy of src, a slice, and of its elements.
func (c *copier) copySlice(dst, src reflect.Value) {
	if src.IsNil() {
		return
	}
	s, fill := c.copyOf(src, newSlice)
	if fill {
		for i := range src.Len() {
			c.copy(s.Index(i), src.Index(i))
		}
	}
	dst.Set(s)
}

// copyMap sets dst to a copy of src, a map, and of its keys and values.
func (c *copier) copyMap(dst, src reflect.Value) {
	if src.IsNil() {
		return
	}
	m, fill := c.copyOf(src, newMap)
	if fill {
		kt, vt := src.Type().Key(), src.Type().Elem()
		for it := src.MapRange(); it.Next(); {
			key := reflect.New(kt).Elem()
			c.copy(key, it.Key())
			val := reflect.New(vt).Elem()
			c.copy(val, it.Value())
			m.SetMapIndex(key, val)
		}
	}
	dst.Set(m)
}

// copyOf returns the copy of src, a non-nil pointer, slice or map, and
// whether the caller must still fill it. The first time src is met, the
// copy is made by empty and remembered before it is filled; after
// that the same copy is returned, so that what src shares stays shared in
// the copy and a cycle closes on the copy being made.
func (c *copier) copyOf(src reflect.Value, empty func(src reflect.Value) reflect.Value) (cp reflect.Value, fill bool) {
	k := seenKey{ptr: src.UnsafePointer(), typ: src.Type()}
	if src.Kind() == reflect.Slice {
		k.len = src.Len()
	}
	if done, ok := c.seen[k]; ok {
		return done, false
	}
	cp = empty(src)
	c.seen[k] = cp
	return cp, true
}

// newPointer, newSlice and newMap make the empty copy of a pointer, slice
// or map for copyOf: a new zero target, and a slice or map of the same
// length and capacity.
func newPointer(src reflect.Value) reflect.Value { return reflect.New(src.Type().Elem()) }

func newSlice(src reflect.Value) reflect.Value {
	return reflect.MakeSlice(src.Type(), src.Len(), src.Cap())
}

func newMap(src reflect.Value) reflect.Value { return reflect.MakeMapWithSize(src.Type(), src.Len()) }

// settable returns v, a field of an addressable struct, in a form that can
// be read and set even when the field is unexported: a deep copy must copy
// those too.
func settable(v reflect.Value) reflect.Value {
	if v.CanSet() {
		return v
	}
	return reflect.NewAt(v.Type(), unsafe.Pointer(v.UnsafeAddr())).Elem()
}
