package store

import (
	"bytes"
	"encoding"
	"encoding/base64"
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// maxDepth bounds how deep a value nests in a snapshot, both ways: a
// pointer cycle cannot be written, and a reader is not made to recurse
// without end by crafted data.
const maxDepth = 10000

// errTooDeep reports a value nested deeper than maxDepth. It is returned
// as it is from every level, rather than with a path of thousands of steps.
var errTooDeep = errors.New("nested deeper than " + strconv.Itoa(maxDepth) + " levels (a pointer cycle?)")

// encoder appends the JSON of values to buf.
type encoder struct {
	buf   []byte
	depth int
	// resolved caches, per dynamic type met inside an interface, whether a
	// reader can resolve and decode it (nil) or why not.
	resolved map[reflect.Type]error
}

// plainValue reports whether v is nil or of one of the predeclared types
// that appendPlain writes: no method of the program's runs to encode it.
func plainValue(v any) bool {
	switch v.(type) {
	case nil, int, int64, string, bool, float64:
		return true
	}
	return false
}

// appendPlain appends the "type" and "value" members of v, when plainValue
// holds for it, and reports whether it did. These commonest types skip
// typedValue's checks and reflection: a reader always resolves their
// names, and no key can be declared with another type of the same name.
func appendPlain(b []byte, v any) ([]byte, bool) {
	switch x := v.(type) {
	case nil:
		b = append(b, `"value":null`...)
	case int:
		b = append(b, `"type":"int","value":`...)
		b = appendInt(b, int64(x))
	case int64:
		b = append(b, `"type":"int64","value":`...)
		b = appendInt(b, x)
	case string:
		b = append(b, `"type":"string","value":`...)
		b = appendString(b, x)
	case bool:
		b = append(b, `"type":"bool","value":`...)
		b = strconv.AppendBool(b, x)
	case float64:
		b = append(b, `"type":"float64","value":`...)
		b = appendFloat(b, x, 64)
	default:
		return b, false
	}
	return b, true
}

// typedValue appends the "type" and "value" members of a top-level value,
// not nil, stored under key.
func (e *encoder) typedValue(v any, key string) error {
	t := reflect.TypeOf(v)
	info := infoOf(t)
	if err := e.knows(t, info, key); err != nil {
		return err
	}
	e.buf = append(e.buf, `"type":`...)
	e.buf = append(e.buf, info.nameJSON...)
	e.buf = append(e.buf, `,"value":`...)
	return e.value(reflect.ValueOf(v))
}

// knows returns nil when a reader resolves t's name, under key ("" inside
// an interface), to t and can decode its values; otherwise the error says
// why not.
func (e *encoder) knows(t reflect.Type, info *typeInfo, key string) error {
	if key != "" {
		if ok, err := known.declared(t, key); ok || err != nil {
			if err == nil {
				err = info.check
			}
			return err
		}
	}
	if err, ok := e.resolved[t]; ok {
		return err
	}
	err := info.check
	if err == nil {
		err = known.resolves(t)
	}
	if e.resolved == nil {
		e.resolved = map[reflect.Type]error{}
	}
	e.resolved[t] = err
	return err
}

// value appends the JSON of v, whose type checkType accepted.
func (e *encoder) value(v reflect.Value) error {
	info := infoOf(v.Type())
	if info.codec != byShape {
		return e.marshalled(v, info.codec)
	}
	switch v.Kind() {
	case reflect.Bool:
		e.buf = strconv.AppendBool(e.buf, v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		e.buf = appendInt(e.buf, v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		e.buf = appendUint(e.buf, v.Uint())
	case reflect.Float32:
		e.buf = appendFloat(e.buf, v.Float(), 32)
	case reflect.Float64:
		e.buf = appendFloat(e.buf, v.Float(), 64)
	case reflect.Complex64, reflect.Complex128:
		bits := 64
		if v.Kind() == reflect.Complex64 {
			bits = 32
		}
		c := v.Complex()
		e.buf = append(e.buf, '[')
		e.buf = appendFloat(e.buf, real(c), bits)
		e.buf = append(e.buf, ',')
		e.buf = appendFloat(e.buf, imag(c), bits)
		e.buf = append(e.buf, ']')
	case reflect.String:
		e.buf = appendString(e.buf, v.String())
	case reflect.Pointer:
		if v.IsNil() {
			e.buf = append(e.buf, "null"...)
			return nil
		}
		return e.nested(v.Elem())
	case reflect.Interface:
		return e.iface(v)
	case reflect.Slice:
		if v.IsNil() {
			e.buf = append(e.buf, "null"...)
			return nil
		}
		if info.bytes {
			e.buf = appendBase64(e.buf, v.Bytes())
			return nil
		}
		return e.elements(v)
	case reflect.Array:
		return e.elements(v)
	case reflect.Map:
		return e.mapValue(v)
	case reflect.Struct:
		return e.structValue(v, info)
	}
	return nil
}

// nested appends v one level deeper, failing past maxDepth.
func (e *encoder) nested(v reflect.Value) error {
	if e.depth >= maxDepth {
		return errTooDeep
	}
	e.depth++
	err := e.value(v)
	e.depth--
	return err
}

// iface appends an interface value: null, or its dynamic type and value.
func (e *encoder) iface(v reflect.Value) error {
	if v.IsNil() {
		e.buf = append(e.buf, "null"...)
		return nil
	}
	elem := v.Elem()
	t := elem.Type()
	info := infoOf(t)
	if err := e.knows(t, info, ""); err != nil {
		return err // its message names t
	}
	e.buf = append(e.buf, `{"type":`...)
	e.buf = append(e.buf, info.nameJSON...)
	e.buf = append(e.buf, `,"value":`...)
	if err := e.nested(elem); err != nil {
		return err
	}
	e.buf = append(e.buf, '}')
	return nil
}

// elements appends the elements of a slice or array.
func (e *encoder) elements(v reflect.Value) error {
	e.buf = append(e.buf, '[')
	for i := range v.Len() {
		if i > 0 {
			e.buf = append(e.buf, ',')
		}
		if err := e.nested(v.Index(i)); err != nil {
			return within("element "+strconv.Itoa(i), err)
		}
	}
	e.buf = append(e.buf, ']')
	return nil
}

// mapValue appends a map: an object sorted by key when its keys are
// strings written as such, otherwise an array of [key, value] pairs sorted
// by the JSON of the key. Either way equal maps give equal bytes.
func (e *encoder) mapValue(v reflect.Value) error {
	if v.IsNil() {
		e.buf = append(e.buf, "null"...)
		return nil
	}
	if asObject(v) {
		keys := make([]reflect.Value, 0, v.Len())
		for it := v.MapRange(); it.Next(); {
			keys = append(keys, it.Key())
		}
		slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(a.String(), b.String()) })
		e.buf = append(e.buf, '{')
		for i, k := range keys {
			if i > 0 {
				e.buf = append(e.buf, ',')
			}
			e.buf = appendString(e.buf, k.String())
			e.buf = append(e.buf, ':')
			if err := e.nested(v.MapIndex(k)); err != nil {
				return within("map value "+strconv.Quote(k.String()), err)
			}
		}
		e.buf = append(e.buf, '}')
		return nil
	}
	type pair struct {
		key []byte
		val reflect.Value
	}
	pairs := make([]pair, 0, v.Len())
	for it := v.MapRange(); it.Next(); {
		ke := encoder{depth: e.depth, resolved: e.resolved}
		if err := ke.nested(it.Key()); err != nil {
			return within("map key", err)
		}
		e.resolved = ke.resolved
		pairs = append(pairs, pair{ke.buf, it.Value()})
	}
	slices.SortFunc(pairs, func(a, b pair) int { return bytes.Compare(a.key, b.key) })
	e.buf = append(e.buf, '[')
	for i, p := range pairs {
		if i > 0 {
			e.buf = append(e.buf, ',')
		}
		e.buf = append(e.buf, '[')
		e.buf = append(e.buf, p.key...)
		e.buf = append(e.buf, ',')
		if err := e.nested(p.val); err != nil {
			return within("map value at key "+string(p.key), err)
		}
		e.buf = append(e.buf, ']')
	}
	e.buf = append(e.buf, ']')
	return nil
}

// asObject reports whether map v is written as a JSON object: its keys
// are strings that do not encode themselves, and all valid UTF-8.
func asObject(v reflect.Value) bool {
	kt := v.Type().Key()
	if kt.Kind() != reflect.String || codecOf(kt) != byShape {
		return false
	}
	for it := v.MapRange(); it.Next(); {
		if !utf8.ValidString(it.Key().String()) {
			return false
		}
	}
	return true
}

// structValue appends a struct as an object of its fields, in declaration
// order.
func (e *encoder) structValue(v reflect.Value, info *typeInfo) error {
	e.buf = append(e.buf, '{')
	for i, f := range info.fields {
		if i > 0 {
			e.buf = append(e.buf, ',')
		}
		e.buf = append(e.buf, f.member...)
		if err := e.nested(v.Field(f.index)); err != nil {
			return within(f.step, err)
		}
	}
	e.buf = append(e.buf, '}')
	return nil
}

// marshalled appends a value of a type that encodes itself, as codec c.
func (e *encoder) marshalled(v reflect.Value, c codec) error {
	if !v.CanAddr() {
		// Methods with pointer receivers need an address.
		p := reflect.New(v.Type())
		p.Elem().Set(v)
		v = p.Elem()
	}
	m := v.Addr().Interface()
	switch c {
	case byJSON:
		if t, ok := m.(*time.Time); ok {
			return e.timeValue(*t)
		}
		raw, err := m.(json.Marshaler).MarshalJSON()
		if err != nil {
			return &pathError{msg: shortName(v.Type()) + ".MarshalJSON: " + err.Error()}
		}
		// Compacted, so that equal values give equal bytes.
		var out bytes.Buffer
		if err := json.Compact(&out, raw); err != nil {
			return &pathError{msg: shortName(v.Type()) + ".MarshalJSON returned invalid JSON: " + err.Error()}
		}
		e.buf = append(e.buf, out.Bytes()...)
	case byText:
		text, err := m.(encoding.TextMarshaler).MarshalText()
		if err != nil {
			return &pathError{msg: shortName(v.Type()) + ".MarshalText: " + err.Error()}
		}
		e.buf = appendString(e.buf, string(text))
	case byBinary:
		bin, err := m.(encoding.BinaryMarshaler).MarshalBinary()
		if err != nil {
			return &pathError{msg: shortName(v.Type()) + ".MarshalBinary: " + err.Error()}
		}
		e.buf = appendBase64(e.buf, bin)
	}
	return nil
}

// timeValue appends t as RFC 3339 with nanoseconds and its zone offset, as
// time.Time's MarshalJSON does, without its allocations.
func (e *encoder) timeValue(t time.Time) error {
	if y := t.Year(); y < 0 || y > 9999 {
		return &pathError{msg: "time " + t.String() + " is outside the years 0 to 9999 that RFC 3339 can write"}
	}
	if _, offset := t.Zone(); offset%60 != 0 {
		// RFC 3339 writes whole minutes; a local mean time of old has
		// seconds too. time.Time's binary form keeps them.
		bin, err := t.MarshalBinary()
		if err != nil {
			return &pathError{msg: "time " + t.String() + ": " + err.Error()}
		}
		e.buf = appendBase64(e.buf, bin)
		return nil
	}
	e.buf = append(e.buf, '"')
	e.buf = t.AppendFormat(e.buf, time.RFC3339Nano)
	e.buf = append(e.buf, '"')
	return nil
}

// maxExact is the largest integer that tools reading JSON numbers as
// float64 (jq before 1.7, JavaScript) still read exactly.
const maxExact = 1 << 53

// appendInt appends i as a JSON number, or as a string of its digits
// beyond ±2^53, so that every JSON tool reads it exactly.
func appendInt(b []byte, i int64) []byte {
	if i > maxExact || i < -maxExact {
		b = append(b, '"')
		b = strconv.AppendInt(b, i, 10)
		return append(b, '"')
	}
	return strconv.AppendInt(b, i, 10)
}

// appendUint appends u as appendInt does.
func appendUint(b []byte, u uint64) []byte {
	if u > maxExact {
		b = append(b, '"')
		b = strconv.AppendUint(b, u, 10)
		return append(b, '"')
	}
	return strconv.AppendUint(b, u, 10)
}

// appendFloat appends f, of the given bit size, exactly: the shortest
// decimal that reads back as f, or "NaN", "+Inf" or "-Inf" as a string,
// which JSON numbers cannot say.
func appendFloat(b []byte, f float64, bits int) []byte {
	switch {
	case math.IsNaN(f):
		return append(b, `"NaN"`...)
	case math.IsInf(f, 1):
		return append(b, `"+Inf"`...)
	case math.IsInf(f, -1):
		return append(b, `"-Inf"`...)
	}
	return strconv.AppendFloat(b, f, 'g', -1, bits)
}

// appendBase64 appends data as a base64 JSON string.
func appendBase64(b []byte, data []byte) []byte {
	b = append(b, '"')
	b = base64.StdEncoding.AppendEncode(b, data)
	return append(b, '"')
}

// hexDigits spell the \u00XX escapes of control characters.
const hexDigits = "0123456789abcdef"

// appendString appends s as a JSON string. A string that is not valid
// UTF-8, which a JSON string cannot hold, is written as {"bytes": base64}.
func appendString(b []byte, s string) []byte {
	if !utf8.ValidString(s) {
		b = append(b, `{"bytes":`...)
		b = appendBase64(b, []byte(s))
		return append(b, '}')
	}
	return appendValidString(b, s)
}

// appendValidString appends s, valid UTF-8, as a JSON string.
func appendValidString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, '\\', 'n')
		case '\r':
			b = append(b, '\\', 'r')
		case '\t':
			b = append(b, '\\', 't')
		default:
			b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
		}
		start = i + 1
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
