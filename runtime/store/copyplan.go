package store

import (
	"maps"
	"reflect"
	"sync"
	"unsafe"
)

// A copy plan is the deep copy of one type worked out once: for a value
// whose bits were copied already, it replaces each reference (pointer,
// slice or map) by a reference to a copy, with no reflection on the value
// itself. Only tree-shaped types get a plan: types in which no pointer,
// slice or map type occurs twice and nothing is an interface, so that no
// two references of a value can be the same one. The reflection copier
// keeps those shared (and closes cycles) by remembering every reference it
// copied; a tree-shaped value has nothing to remember, so the plan, which
// remembers nothing, copies it exactly as the reflection copier would.
// Other types go to the reflection copier.

// fixup replaces, in dst, the references of a value of its type with
// references to deep copies of what they point to in src. dst already
// holds src's bits; dst and src may be the same memory, since each
// reference is read before it is replaced.
type fixup func(dst, src unsafe.Pointer)

// copyPlan is the plan of one type.
type copyPlan struct {
	// ok is false for a type that is not tree-shaped.
	ok bool
	// fix is nil for a type without references to copy.
	fix fixup
	// boxed reports whether an interface holds a value of the type behind
	// a pointer, rather than in its data word.
	boxed bool
}

// copyPlans caches the plan of every type asked about.
var copyPlans sync.Map // reflect.Type -> *copyPlan

// planOf returns the plan of t.
func planOf(t reflect.Type) *copyPlan {
	if p, ok := copyPlans.Load(t); ok {
		return p.(*copyPlan)
	}
	fix, ok := buildFixup(t, map[reflect.Type]bool{})
	p := &copyPlan{ok: ok, fix: fix, boxed: boxed(t)}
	copyPlans.Store(t, p)
	return p
}

// boxed reports whether an interface holding a value of t points to it
// (true), or holds it in its data word (a pointer, a map, or a struct or
// array of one of those). The zero value tells: it has a nil data word
// only in the second case.
func boxed(t reflect.Type) bool {
	v := reflect.New(t).Elem().Interface()
	return (*[2]unsafe.Pointer)(unsafe.Pointer(&v))[1] != nil
}

// lastPlan remembers the plan of the last type it copied: a Clone copies
// many values of few types, and for a run of one type this skips the
// shared cache.
type lastPlan struct {
	typ  reflect.Type
	plan *copyPlan
}

// copy returns a deep copy of v, a value that reaches mutable memory.
func (l *lastPlan) copy(v any) any {
	t := reflect.TypeOf(v)
	if t != l.typ {
		l.typ, l.plan = t, planOf(t)
	}
	if l.plan.ok && l.plan.fix != nil {
		return planCopy(v, t, l.plan)
	}
	return reflectCopy(v)
}

// planCopy returns a deep copy of v made by plan p of v's type.
func planCopy(v any, t reflect.Type, p *copyPlan) any {
	n := reflect.New(t)
	n.Elem().Set(reflect.ValueOf(v))
	np := n.UnsafePointer()
	p.fix(np, np)
	if !p.boxed {
		return n.Elem().Interface()
	}
	// n.Elem().Interface() would copy the value once more: an interface
	// is made of v's type word and a pointer to the copy instead.
	var c any
	w := (*[2]unsafe.Pointer)(unsafe.Pointer(&c))
	w[0], w[1] = (*[2]unsafe.Pointer)(unsafe.Pointer(&v))[0], np
	return c
}

// buildFixup returns the fixup of t, nil when values of t hold no
// reference to copy, and false when t is not tree-shaped. met holds the
// reference types met so far in the walk from the planned type.
func buildFixup(t reflect.Type, met map[reflect.Type]bool) (fixup, bool) {
	if !typeNeedsCopy(t) {
		return nil, true
	}
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Map:
		if met[t] {
			return nil, false
		}
		met[t] = true
	}
	switch t.Kind() {
	case reflect.Pointer:
		return pointerFixup(t, met)
	case reflect.Slice:
		return sliceFixup(t)
	case reflect.Map:
		return mapFixup(t)
	case reflect.Array:
		if t.Len() != 1 { // elements of one type might share
			return nil, false
		}
		return buildFixup(t.Elem(), met)
	case reflect.Struct:
		return structFixup(t, met)
	}
	return nil, false // an interface: what it holds is known only at run time
}

// pointerFixup copies the target of a pointer of type t.
func pointerFixup(t reflect.Type, met map[reflect.Type]bool) (fixup, bool) {
	elem := t.Elem()
	inner, ok := buildFixup(elem, met)
	if !ok {
		return nil, false
	}
	return func(dst, src unsafe.Pointer) {
		p := *(*unsafe.Pointer)(src)
		if p == nil {
			return
		}
		n := reflect.New(elem)
		n.Elem().Set(reflect.NewAt(elem, p).Elem())
		np := n.UnsafePointer()
		if inner != nil {
			inner(np, p)
		}
		*(*unsafe.Pointer)(dst) = np
	}, true
}

// sliceFixup copies the backing array of a slice of type t, keeping its
// length and capacity. Its elements must need no copy of their own:
// elements of one type might share.
func sliceFixup(t reflect.Type) (fixup, bool) {
	if typeNeedsCopy(t.Elem()) {
		return nil, false
	}
	if t.Elem().Kind() == reflect.String {
		return func(dst, src unsafe.Pointer) {
			s := *(*[]string)(src)
			if s == nil {
				return
			}
			c := make([]string, len(s), cap(s))
			copy(c, s)
			*(*[]string)(dst) = c
		}, true
	}
	return func(dst, src unsafe.Pointer) {
		s := reflect.NewAt(t, src).Elem()
		if s.IsNil() {
			return
		}
		c := reflect.MakeSlice(t, s.Len(), s.Cap())
		reflect.Copy(c, s)
		reflect.NewAt(t, dst).Elem().Set(c)
	}, true
}

// mapFixup copies a map of type t. Its keys and values must need no copy
// of their own.
func mapFixup(t reflect.Type) (fixup, bool) {
	if typeNeedsCopy(t.Key()) || typeNeedsCopy(t.Elem()) {
		return nil, false
	}
	if t.Key().Kind() == reflect.String && t.Elem().Kind() == reflect.String {
		return func(dst, src unsafe.Pointer) {
			if m := *(*map[string]string)(src); m != nil {
				*(*map[string]string)(dst) = maps.Clone(m)
			}
		}, true
	}
	return func(dst, src unsafe.Pointer) {
		m := reflect.NewAt(t, src).Elem()
		if m.IsNil() {
			return
		}
		c := reflect.MakeMapWithSize(t, m.Len())
		for it := m.MapRange(); it.Next(); {
			c.SetMapIndex(it.Key(), it.Value())
		}
		reflect.NewAt(t, dst).Elem().Set(c)
	}, true
}

// fieldFixup is the fixup of one field, at its offset in the struct.
type fieldFixup struct {
	offset uintptr
	fix    fixup
}

// structFixup runs the fixups of the fields of a struct of type t that
// hold references, unexported fields included.
func structFixup(t reflect.Type, met map[reflect.Type]bool) (fixup, bool) {
	var fields []fieldFixup
	for i := range t.NumField() {
		f := t.Field(i)
		fix, ok := buildFixup(f.Type, met)
		if !ok {
			return nil, false
		}
		if fix != nil {
			fields = append(fields, fieldFixup{f.Offset, fix})
		}
	}
	if len(fields) == 1 && fields[0].offset == 0 {
		return fields[0].fix, true
	}
	return func(dst, src unsafe.Pointer) {
		for _, f := range fields {
			f.fix(unsafe.Add(dst, f.offset), unsafe.Add(src, f.offset))
		}
	}, true
}
