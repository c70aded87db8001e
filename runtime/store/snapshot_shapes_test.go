package store_test

import (
	"fmt"
	"math"
	"math/big"
	"net/netip"
	"reflect"
	"strconv"
	"time"

	"github.com/gostage/gostage/runtime/store"
)

// Types of the shapes table. Some are declared through keys, some are
// registered, and the rest are reached from those, as user code does.

type Celsius float64

func (c Celsius) String() string { return strconv.FormatFloat(float64(c), 'g', -1, 64) + "°C" }

type Status string

type Point struct{ X, Y int }

type Pair[A, B any] struct {
	First  A
	Second B
}

// Node is a recursive type.
type Node struct {
	V    int
	Next *Node
}

// Line is an order line with every kind of field.
type Line struct {
	SKU      string
	Qty      uint16
	Price    float64
	Tags     []string
	Attrs    map[Status]int
	Grid     [2][3]int8
	Ptr      *int
	NilPtr   *Point
	Extra    any
	Stringer fmt.Stringer
	Embedded
}

// Embedded is embedded in Line.
type Embedded struct{ Note string }

// Version encodes itself as text.
type Version struct{ major, minor int }

func (v Version) MarshalText() ([]byte, error) {
	return []byte(fmt.Sprintf("v%d.%d", v.major, v.minor)), nil
}

func (v *Version) UnmarshalText(b []byte) error {
	_, err := fmt.Sscanf(string(b), "v%d.%d", &v.major, &v.minor)
	return err
}

// Blob encodes itself as binary only.
type Blob struct{ data string }

func (b Blob) MarshalBinary() ([]byte, error) { return []byte(b.data), nil }

func (b *Blob) UnmarshalBinary(p []byte) error { b.data = string(p); return nil }

// Money encodes itself as JSON.
type Money struct{ cents int64 }

func (m Money) MarshalJSON() ([]byte, error) {
	return []byte(`{ "cents" : ` + strconv.FormatInt(m.cents, 10) + ` }`), nil
}

func (m *Money) UnmarshalJSON(b []byte) error {
	_, err := fmt.Sscanf(string(b), `{"cents":%d}`, &m.cents)
	return err
}

// CodeError is an error held in a key declared as error.
type CodeError struct{ Code int }

func (e CodeError) Error() string { return "code " + strconv.Itoa(e.Code) }

// Declared keys register their types, as generated code does.
var (
	LineKey  = store.NewKey[Line]("order.line")
	NodeKey  = store.NewKey[*Node]("list.head")
	PairKey  = store.NewKey[Pair[int, Status]]("pair")
	AnyKey   = store.NewKey[any]("anything")
	ErrorKey = store.NewKey[error]("last.error")
)

func init() {
	// Types met only inside interfaces or under undeclared keys.
	store.RegisterType[Celsius]()
	store.RegisterType[Status]()
	store.RegisterType[Point]()
	store.RegisterType[Version]()
	store.RegisterType[Blob]()
	store.RegisterType[Money]()
	store.RegisterType[*big.Int]()
	store.RegisterType[netip.Addr]()
	store.RegisterType[map[Point]string]()
	store.RegisterType[CodeError]()
	store.RegisterType[Celsius]() // twice is fine
}

// shape is one value of the round-trip table, stored under its name.
type shape struct {
	name  string
	value any
}

// shapes returns the table of every shape a snapshot must round-trip. It
// is deterministic, so that another process can build it again and compare.
func shapes() []shape {
	seven := 7
	ptrPtr := &seven
	east := time.FixedZone("", 5*3600+30*60)
	west := time.FixedZone("EST", -5*3600)
	huge, _ := new(big.Int).SetString("123456789012345678901234567890", 10)
	list := &Node{V: 1, Next: &Node{V: 2}}
	return []shape{
		{"int.min", math.MinInt}, {"int.max", math.MaxInt},
		{"int8.min", int8(math.MinInt8)}, {"int8.max", int8(math.MaxInt8)},
		{"int16.min", int16(math.MinInt16)}, {"int16.max", int16(math.MaxInt16)},
		{"int32.min", int32(math.MinInt32)}, {"int32.max", int32(math.MaxInt32)},
		{"int64.min", int64(math.MinInt64)}, {"int64.max", int64(math.MaxInt64)},
		{"int64.2^53+1", int64(1<<53 + 1)},
		{"uint.max", uint(math.MaxUint)}, {"uint8.max", uint8(math.MaxUint8)},
		{"uint16.max", uint16(math.MaxUint16)}, {"uint32.max", uint32(math.MaxUint32)},
		{"uint64.max", uint64(math.MaxUint64)}, {"uintptr", uintptr(0xdeadbeef)},
		{"float64.nan", math.NaN()}, {"float64.+inf", math.Inf(1)}, {"float64.-inf", math.Inf(-1)},
		{"float64.-0", math.Copysign(0, -1)}, {"float64.max", math.MaxFloat64},
		{"float64.tiny", math.SmallestNonzeroFloat64}, {"float64.third", 1.0 / 3},
		{"float32.nan", float32(math.NaN())}, {"float32.-inf", float32(math.Inf(-1))},
		{"float32.-0", float32(math.Copysign(0, -1))}, {"float32.max", float32(math.MaxFloat32)},
		{"float32.third", float32(1.0 / 3)},
		{"complex128", complex(math.Inf(1), -0.5)}, {"complex64", complex64(complex(1.5, math.NaN()))},
		{"bool", true},
		{"string.empty", ""}, {"string.unicode", "héllo, 世界 \u2028"},
		{"string.escapes", "\x00\x1f\"\\\n\t/<>&"}, {"string.invalid-utf8", "ok\xff\xfe\xc0"},
		{"bytes", []byte{0, 1, 254, 255}}, {"bytes.empty", []byte{}}, {"bytes.nil", []byte(nil)},
		{"time.utc", time.Date(2024, 2, 29, 23, 59, 59, 123456789, time.UTC)},
		{"time.+05:30", time.Date(1999, 12, 31, 1, 2, 3, 4, east)},
		{"time.-05:00", time.Date(2030, 6, 1, 12, 0, 0, 0, west)},
		{"time.zero", time.Time{}},
		{"time.lmt", time.Date(1890, 3, 4, 5, 6, 7, 8, time.FixedZone("LMT", 561))}, // +00:09:21
		{"times", []time.Time{time.Date(1, 1, 1, 0, 0, 0, 1, time.UTC), time.Date(9999, 12, 31, 23, 59, 59, 999999999, east)}},
		{"duration.max", time.Duration(math.MaxInt64)}, {"duration.min", time.Duration(math.MinInt64)},
		{"named.float", Celsius(-273.15)}, {"named.string", Status("pending")},
		{"struct", Point{X: -1, Y: math.MaxInt}},
		{"struct.full", Line{
			SKU: "sku-\xff", Qty: 65535, Price: math.Inf(-1), Tags: []string{"a", ""},
			Attrs: map[Status]int{"b": 2, "a": 1}, Grid: [2][3]int8{{1, 2, 3}, {-128, 127, 0}},
			Ptr: &seven, Extra: []any{uint8(1), nil, Celsius(3), map[string]any{"deep": []Point{{1, 2}}}},
			Stringer: Celsius(21.5), Embedded: Embedded{Note: "n"},
		}},
		{"struct.zero", Line{}},
		{"order.line", Line{SKU: "declared", Extra: Status("s")}},
		{"pointer", &seven}, {"pointer.pointer", &ptrPtr}, {"pointer.nil", (*Point)(nil)},
		{"pointer.struct", &Point{X: 3}},
		{"slice.nil", []int(nil)}, {"slice.empty", []string{}},
		{"slice.any", []any{1, int64(2), "3", 4.5, nil, []byte("x"), &seven}},
		{"array", [3]uint64{0, 1 << 63, math.MaxUint64}},
		{"map.int-keys", map[int]string{-1: "a", 3: "c", 2: "b"}},
		{"map.struct-keys", map[Point]string{{1, 2}: "a", {0, 0}: "o"}},
		{"map.bool-keys", map[bool][]int{true: {1}, false: nil}},
		{"map.float-keys", map[float64]int{math.Inf(-1): 1, -0.5: 2}},
		{"map.invalid-utf8-keys", map[string]int{"\xff": 1, "ok": 2}},
		{"map.named-keys", map[Status]Celsius{"hot": 40}},
		{"map.nil", map[string]int(nil)},
		{"map.any", map[string]any{"i": 1, "s": "x", "f": Celsius(1), "m": map[int]any{1: nil}}},
		{"generic", Pair[int, Status]{First: 1, Second: "two"}},
		{"pair", Pair[int, Status]{First: 3}},
		{"list.head", list},
		{"anything", any(Point{X: 9})},
		{"last.error", CodeError{Code: 404}},
		{"marshal.text", Version{major: 1, minor: 22}},
		{"marshal.binary", Blob{data: "\x00raw\xff"}},
		{"marshal.json", Money{cents: -1 << 62}},
		{"marshal.json.ptr", &Money{cents: 5}},
		{"big.int", huge},
		{"netip", netip.MustParseAddr("2001:db8::1")},
		{"nil", nil},
	}
}

// same reports whether a and b are the same value of the same type, for a
// round trip: NaNs are equal to NaNs of the same bits' kind, -0 differs
// from 0, times are equal when they are the same instant at the same zone
// offset, and pointers are followed.
func same(a, b any) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return sameValue(reflect.ValueOf(a), reflect.ValueOf(b), 0)
}

var timeType = reflect.TypeFor[time.Time]()

func sameValue(a, b reflect.Value, depth int) bool {
	if a.Type() != b.Type() || depth > 100 {
		return false
	}
	if a.Type() == timeType && a.CanInterface() {
		ta, tb := a.Interface().(time.Time), b.Interface().(time.Time)
		_, oa := ta.Zone()
		_, ob := tb.Zone()
		return ta.Equal(tb) && oa == ob
	}
	switch a.Kind() {
	case reflect.Float32, reflect.Float64:
		fa, fb := a.Float(), b.Float()
		return math.Float64bits(fa) == math.Float64bits(fb) || (math.IsNaN(fa) && math.IsNaN(fb))
	case reflect.Complex64, reflect.Complex128:
		ca, cb := a.Complex(), b.Complex()
		return sameValue(reflect.ValueOf(real(ca)), reflect.ValueOf(real(cb)), depth) &&
			sameValue(reflect.ValueOf(imag(ca)), reflect.ValueOf(imag(cb)), depth)
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() && b.IsNil()
		}
		return sameValue(a.Elem(), b.Elem(), depth+1)
	case reflect.Slice:
		if a.IsNil() != b.IsNil() {
			return false
		}
		fallthrough
	case reflect.Array:
		if a.Len() != b.Len() {
			return false
		}
		for i := range a.Len() {
			if !sameValue(a.Index(i), b.Index(i), depth+1) {
				return false
			}
		}
		return true
	case reflect.Map:
		if a.IsNil() != b.IsNil() || a.Len() != b.Len() {
			return false
		}
		for it := a.MapRange(); it.Next(); {
			bv := b.MapIndex(it.Key())
			if !bv.IsValid() || !sameValue(it.Value(), bv, depth+1) {
				return false
			}
		}
		return true
	case reflect.Struct:
		for i := range a.NumField() {
			if !sameValue(a.Field(i), b.Field(i), depth+1) {
				return false
			}
		}
		return true
	case reflect.Bool:
		return a.Bool() == b.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return a.Int() == b.Int()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return a.Uint() == b.Uint()
	case reflect.String:
		return a.String() == b.String()
	}
	return false
}
