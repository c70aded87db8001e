package store

import (
	"reflect"
	"testing"
	"time"
)

type planLeaf struct {
	ID   int
	Name string
	when time.Time
}

type planInner struct {
	Values []int32
	note   *string
}

// planRecord has every kind of reference a plan copies: slices of strings
// and of numbers, pointers to structs with references of their own, maps,
// a one-element array of pointers, unexported fields, and a func, which is
// shared.
type planRecord struct {
	Tags   []string
	Owner  *planLeaf
	Bytes  []byte
	Counts map[string]int
	Labels map[string]string
	Inner  *planInner
	One    [1]*float64
	hidden *[]int
	Fn     func()
}

// fuzzReader hands out the bytes of a fuzz input as the choices that build
// a value; past the end every choice is 0.
type fuzzReader []byte

func (r *fuzzReader) next() int {
	if len(*r) == 0 {
		return 0
	}
	b := (*r)[0]
	*r = (*r)[1:]
	return int(b)
}

// strings returns nil, an empty slice, or a few strings with spare
// capacity.
func (r *fuzzReader) strings() []string {
	switch n := r.next() % 5; n {
	case 0:
		return nil
	default:
		s := make([]string, n-1, n+r.next()%3)
		for i := range s {
			s[i] = string(rune('a' + r.next()%26))
		}
		return s
	}
}

func (r *fuzzReader) record() planRecord {
	var rec planRecord
	rec.Tags = r.strings()
	if r.next()%2 == 1 {
		rec.Owner = &planLeaf{ID: r.next(), Name: "n", when: time.Unix(int64(r.next()), 0)}
	}
	if n := r.next() % 4; n > 0 {
		rec.Bytes = make([]byte, n-1, n+1)
	}
	if r.next()%2 == 1 {
		rec.Counts = map[string]int{}
		for range r.next() % 4 {
			rec.Counts[string(rune('a'+r.next()%26))] = r.next()
		}
	}
	if r.next()%2 == 1 {
		rec.Labels = map[string]string{"k": string(rune('a' + r.next()%26))}
	}
	if r.next()%2 == 1 {
		rec.Inner = &planInner{}
		if n := r.next() % 3; n > 0 {
			rec.Inner.Values = make([]int32, n, n+1)
		}
		if r.next()%2 == 1 {
			s := "note"
			rec.Inner.note = &s
		}
	}
	if r.next()%2 == 1 {
		f := float64(r.next())
		rec.One[0] = &f
	}
	if r.next()%2 == 1 {
		h := make([]int, r.next()%3)
		rec.hidden = &h
	}
	return rec
}

// change changes everything reachable from rec that a deep copy copies.
func change(rec *planRecord) {
	for i := range rec.Tags {
		rec.Tags[i] = "changed"
	}
	if rec.Owner != nil {
		rec.Owner.ID, rec.Owner.Name = -1, "changed"
	}
	for i := range rec.Bytes {
		rec.Bytes[i] = 0xff
	}
	for k := range rec.Counts {
		rec.Counts[k] = -1
	}
	if rec.Labels != nil {
		rec.Labels["k"] = "changed"
	}
	if rec.Inner != nil {
		for i := range rec.Inner.Values {
			rec.Inner.Values[i] = -1
		}
		if rec.Inner.note != nil {
			*rec.Inner.note = "changed"
		}
	}
	if rec.One[0] != nil {
		*rec.One[0] = -1
	}
	if rec.hidden != nil {
		for i := range *rec.hidden {
			(*rec.hidden)[i] = -1
		}
	}
}

// sameCaps reports whether the slices of a and b have the same
// capacities, which reflect.DeepEqual does not compare.
func sameCaps(a, b planRecord) bool {
	ok := cap(a.Tags) == cap(b.Tags) && cap(a.Bytes) == cap(b.Bytes)
	if a.Inner != nil && b.Inner != nil {
		ok = ok && cap(a.Inner.Values) == cap(b.Inner.Values)
	}
	return ok
}

// FuzzPlanCopyMatchesReflectionCopy copies random values of a tree-shaped
// type, held as a value and through a pointer, with the type's plan and
// with the reflection copier, and checks that both copies are equal, keep
// nil and empty apart and the capacities of slices, and share nothing with
// the original.
func FuzzPlanCopyMatchesReflectionCopy(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{3, 1, 2, 1, 7, 9, 3, 1, 2, 4, 1, 5, 1, 2, 1, 1, 2, 1, 1, 1, 4, 1, 2})
	f.Add([]byte{4, 1, 0, 25, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2})
	f.Fuzz(func(t *testing.T, data []byte) {
		r := fuzzReader(data)
		rec := r.record()
		for _, v := range []any{rec, &rec} {
			p := planOf(reflect.TypeOf(v))
			if !p.ok {
				t.Fatalf("%T has no plan", v)
			}
			byPlan, byReflection := deepCopy(v), reflectCopy(v)
			if !reflect.DeepEqual(byPlan, byReflection) || !reflect.DeepEqual(byPlan, v) {
				t.Fatalf("copies differ:\nplan       %#v\nreflection %#v\noriginal   %#v", byPlan, byReflection, v)
			}
			planned, original := deref(byPlan), deref(v)
			if !sameCaps(planned, original) {
				t.Fatalf("the plan's copy changed a capacity: %#v", planned)
			}
			before := reflectCopy(v)
			change(&planned)
			if !reflect.DeepEqual(v, before) {
				t.Fatalf("changing the plan's copy changed the original:\n%#v\nwant %#v", v, before)
			}
		}
	})
}

// deref returns the planRecord v holds or points to.
func deref(v any) planRecord {
	if p, ok := v.(*planRecord); ok {
		return *p
	}
	return v.(planRecord)
}

type planPair struct{ A, B *int }

type planCycle struct{ Next *planCycle }

type planWithAny struct{ V any }

// TestPlanOnlyForTreeShapedTypes: a type in which two references could be
// the same one has no plan, so the reflection copier keeps them shared.
func TestPlanOnlyForTreeShapedTypes(t *testing.T) {
	for _, c := range []struct {
		v    any
		plan bool
	}{
		{planRecord{}, true},
		{&planRecord{}, true},
		{[]string{}, true},
		{map[string]string{}, true},
		{map[string]int{}, true},
		{[1]*int{}, true},
		{planPair{}, false},         // two *int
		{[]*int{}, false},           // elements of one pointer type
		{[2]*int{}, false},          // the same
		{map[string][]int{}, false}, // map values of one slice type
		{planCycle{}, false},        // a recursive type
		{planWithAny{}, false},      // an interface
		{[][]string{}, false},       // inner slices might share
	} {
		if got := planOf(reflect.TypeOf(c.v)).ok; got != c.plan {
			t.Errorf("plan of %T: %v, want %v", c.v, got, c.plan)
		}
	}
}

// TestPlanCopyOfSharedReferencesStaysShared: values of types without a
// plan still keep their shared references shared.
func TestPlanCopyOfSharedReferencesStaysShared(t *testing.T) {
	n := 1
	c := deepCopy(planPair{&n, &n}).(planPair)
	if c.A != c.B || c.A == &n {
		t.Fatalf("copy of a shared pointer: %p %p, original %p", c.A, c.B, &n)
	}
}
