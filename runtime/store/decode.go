package store

import (
	"encoding"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"
)

// decoder reads JSON from data, at pos, into values of known types.
type decoder struct {
	data  []byte
	pos   int
	depth int
	// types caches the types of names resolved without a key's
	// declaration.
	types map[string]reflect.Type
}

// typeName reads the name of a type and returns the type, for a value
// under key ("" inside an interface).
func (d *decoder) typeName(key string) (reflect.Type, error) {
	name, err := d.strBytes()
	if err != nil {
		return nil, err
	}
	if t, ok := known.declaredAs(name, key); ok {
		// A declared type may still be one no snapshot holds.
		return t, infoOf(t).check
	}
	if t, ok := d.types[string(name)]; ok {
		return t, nil
	}
	t, err := known.lookup(string(name), "")
	if err == nil {
		err = infoOf(t).check
	}
	if err != nil {
		return nil, err
	}
	if d.types == nil {
		d.types = map[string]reflect.Type{}
	}
	d.types[string(name)] = t
	return t, nil
}

// syntaxError reports malformed JSON at the decoder's position.
func (d *decoder) syntaxError(what string) error {
	if d.pos >= len(d.data) {
		return fmt.Errorf("offset %d: unexpected end of data, %s", d.pos, what)
	}
	return fmt.Errorf("offset %d: %s, found %q", d.pos, what, d.data[d.pos])
}

// ws skips white space.
func (d *decoder) ws() {
	for d.pos < len(d.data) {
		switch d.data[d.pos] {
		case ' ', '\t', '\n', '\r':
			d.pos++
		default:
			return
		}
	}
}

// peek returns the next byte after white space, 0 at the end.
func (d *decoder) peek() byte {
	d.ws()
	if d.pos >= len(d.data) {
		return 0
	}
	return d.data[d.pos]
}

// expect consumes byte c after white space.
func (d *decoder) expect(c byte) error {
	if d.peek() != c {
		return d.syntaxError("expected " + strconv.QuoteRune(rune(c)))
	}
	d.pos++
	return nil
}

// literal consumes lit (null, true, false) if it comes next.
func (d *decoder) literal(lit string) bool {
	d.ws()
	if len(d.data)-d.pos >= len(lit) && string(d.data[d.pos:d.pos+len(lit)]) == lit {
		d.pos += len(lit)
		return true
	}
	return false
}

// str reads a JSON string.
func (d *decoder) str() (string, error) {
	b, err := d.strBytes()
	return string(b), err
}

// strBytes reads a JSON string and returns its content, which aliases the
// data when the string has no escapes: the caller must not keep it.
func (d *decoder) strBytes() ([]byte, error) {
	if err := d.expect('"'); err != nil {
		return nil, err
	}
	start := d.pos
	for d.pos < len(d.data) {
		switch c := d.data[d.pos]; {
		case c == '"':
			d.pos++
			return d.data[start : d.pos-1], nil
		case c == '\\':
			return d.escapedStr(start)
		case c < 0x20:
			return nil, d.syntaxError("control character in string")
		}
		d.pos++
	}
	return nil, d.syntaxError("unterminated string")
}

// escapedStr reads the rest of a string holding escapes; start is where
// its content began.
func (d *decoder) escapedStr(start int) ([]byte, error) {
	b := append([]byte(nil), d.data[start:d.pos]...)
	for d.pos < len(d.data) {
		c := d.data[d.pos]
		switch {
		case c == '"':
			d.pos++
			return b, nil
		case c < 0x20:
			return nil, d.syntaxError("control character in string")
		case c != '\\':
			b = append(b, c)
			d.pos++
			continue
		}
		d.pos++
		if d.pos >= len(d.data) {
			break
		}
		e := d.data[d.pos]
		d.pos++
		switch e {
		case '"', '\\', '/':
			b = append(b, e)
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			r, ok := d.hex4()
			if !ok {
				return nil, d.syntaxError("malformed \\u escape")
			}
			if utf16.IsSurrogate(r) {
				save := d.pos
				if d.literal(`\u`) {
					if r2, ok := d.hex4(); ok {
						if pair := utf16.DecodeRune(r, r2); pair != utf8.RuneError {
							b = utf8.AppendRune(b, pair)
							continue
						}
					}
				}
				d.pos = save
				r = utf8.RuneError
			}
			b = utf8.AppendRune(b, r)
		default:
			d.pos--
			return nil, d.syntaxError("malformed escape")
		}
	}
	return nil, d.syntaxError("unterminated string")
}

// hex4 reads the four hex digits of a \u escape.
func (d *decoder) hex4() (rune, bool) {
	if len(d.data)-d.pos < 4 {
		return 0, false
	}
	n, err := strconv.ParseUint(string(d.data[d.pos:d.pos+4]), 16, 32)
	if err != nil {
		return 0, false
	}
	d.pos += 4
	return rune(n), true
}

// number reads the text of a JSON number.
func (d *decoder) number() (string, error) {
	d.ws()
	start := d.pos
	for d.pos < len(d.data) {
		c := d.data[d.pos]
		if (c < '0' || c > '9') && c != '-' && c != '+' && c != '.' && c != 'e' && c != 'E' {
			break
		}
		d.pos++
	}
	if start == d.pos {
		return "", d.syntaxError("expected a number")
	}
	return string(d.data[start:d.pos]), nil
}

// integer reads the text of an integer: a JSON number, or a string of
// digits, as integers beyond ±2^53 are written.
func (d *decoder) integer() (string, error) {
	if d.peek() == '"' {
		return d.str()
	}
	return d.number()
}

// object reads an object, calling member for each name with the decoder
// at its value, which member must read. The name aliases the data: member
// must copy it to keep it.
func (d *decoder) object(member func(name []byte) error) error {
	if err := d.expect('{'); err != nil {
		return err
	}
	if d.peek() == '}' {
		d.pos++
		return nil
	}
	for {
		name, err := d.strBytes()
		if err != nil {
			return err
		}
		if err := d.expect(':'); err != nil {
			return err
		}
		if err := member(name); err != nil {
			return err
		}
		switch d.peek() {
		case ',':
			d.pos++
		case '}':
			d.pos++
			return nil
		default:
			return d.syntaxError("expected ',' or '}'")
		}
	}
}

// array reads an array, calling elem for each element with the decoder
// at it, which elem must read.
func (d *decoder) array(elem func(i int) error) error {
	if err := d.expect('['); err != nil {
		return err
	}
	if d.peek() == ']' {
		d.pos++
		return nil
	}
	for i := 0; ; i++ {
		if err := elem(i); err != nil {
			return err
		}
		switch d.peek() {
		case ',':
			d.pos++
		case ']':
			d.pos++
			return nil
		default:
			return d.syntaxError("expected ',' or ']'")
		}
	}
}

// skip reads any value and returns its text.
func (d *decoder) skip() ([]byte, error) {
	d.depth++
	defer func() { d.depth-- }()
	if d.depth > maxDepth {
		return nil, d.syntaxError("nested deeper than " + strconv.Itoa(maxDepth) + " levels")
	}
	c := d.peek()
	start := d.pos
	var err error
	switch {
	case c == '{':
		err = d.object(func([]byte) error { _, err := d.skip(); return err })
	case c == '[':
		err = d.array(func(int) error { _, err := d.skip(); return err })
	case c == '"':
		_, err = d.strBytes()
	case c == '-' || (c >= '0' && c <= '9'):
		_, err = d.number()
	case d.literal("null"), d.literal("true"), d.literal("false"):
	default:
		err = d.syntaxError("expected a value")
	}
	return d.data[start:d.pos], err
}

// misfit reports a JSON value that a value of type t cannot hold.
func misfit(what string, t reflect.Type) error {
	return &pathError{msg: what + " does not fit " + shortName(t)}
}

// typed reads a {"type": ..., "value": ...} object, as an interface value
// or a top-level entry under key ("" inside an interface) holds, and
// returns the value, nil for null. Members other than type and value go
// to other, which may be nil. A value given before its type is read once
// the type is.
func (d *decoder) typed(key string, other func(name []byte) error) (any, error) {
	var (
		t        reflect.Type
		hasType  bool
		val      any
		raw      []byte // the value, when it came before the type
		hasValue bool
	)
	err := d.object(func(name []byte) error {
		switch string(name) {
		case "type":
			if hasType {
				return errors.New(`"type" given twice`)
			}
			var err error
			if t, err = d.typeName(key); err != nil {
				return err
			}
			hasType = true
		case "value":
			if hasValue {
				return errors.New(`"value" given twice`)
			}
			hasValue = true
			if !hasType {
				var err error
				raw, err = d.skip()
				return err
			}
			var err error
			val, err = d.top(t)
			return err
		default:
			if other == nil {
				return fmt.Errorf("unknown member %q", name)
			}
			return other(name)
		}
		return nil
	})
	switch {
	case err != nil:
		return nil, err
	case !hasValue:
		return nil, errors.New(`no "value"`)
	case !hasType:
		if string(raw) != "null" {
			return nil, errors.New(`a value other than null needs a "type"`)
		}
		return nil, nil
	case raw != nil:
		sub := decoder{data: raw, depth: d.depth}
		return sub.top(t)
	}
	return val, nil
}

var (
	intType    = reflect.TypeFor[int]()
	stringType = reflect.TypeFor[string]()
)

// top reads a value of type t, skipping reflection for the commonest
// builtin types.
func (d *decoder) top(t reflect.Type) (any, error) {
	switch {
	case t == intType && d.peek() != '"':
		n, err := d.number()
		if err != nil {
			return nil, err
		}
		i, err := strconv.ParseInt(n, 10, 0)
		if err != nil {
			return nil, misfit(n, t)
		}
		return int(i), nil
	case t == stringType && d.peek() == '"':
		return d.str()
	}
	v := reflect.New(t).Elem()
	if err := d.value(v); err != nil {
		return nil, err
	}
	return v.Interface(), nil
}

// value reads into v, a settable value whose type checkType accepted.
func (d *decoder) value(v reflect.Value) error {
	d.depth++
	defer func() { d.depth-- }()
	if d.depth > maxDepth {
		return d.syntaxError("nested deeper than " + strconv.Itoa(maxDepth) + " levels")
	}
	t := v.Type()
	info := infoOf(t)
	if info.codec != byShape {
		return d.unmarshalled(v, info.codec)
	}
	switch t.Kind() {
	case reflect.Bool:
		switch {
		case d.literal("true"):
			v.SetBool(true)
		case d.literal("false"):
			v.SetBool(false)
		default:
			return misfit("this value", t)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, err := d.integer()
		if err != nil {
			return err
		}
		i, err := strconv.ParseInt(n, 10, t.Bits())
		if err != nil {
			return misfit(n, t)
		}
		v.SetInt(i)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		n, err := d.integer()
		if err != nil {
			return err
		}
		u, err := strconv.ParseUint(n, 10, t.Bits())
		if err != nil {
			return misfit(n, t)
		}
		v.SetUint(u)
	case reflect.Float32, reflect.Float64:
		f, err := d.float(t, t.Bits())
		if err != nil {
			return err
		}
		v.SetFloat(f)
	case reflect.Complex64, reflect.Complex128:
		var parts [2]float64
		err := d.array(func(i int) error {
			if i > 1 {
				return misfit("an array of more than 2 numbers", t)
			}
			var err error
			parts[i], err = d.float(t, t.Bits()/2)
			return err
		})
		if err != nil {
			return err
		}
		v.SetComplex(complex(parts[0], parts[1]))
	case reflect.String:
		s, err := d.stringValue(t)
		if err != nil {
			return err
		}
		v.SetString(s)
	case reflect.Pointer:
		if d.literal("null") {
			v.SetZero()
			return nil
		}
		p := reflect.New(t.Elem())
		if err := d.value(p.Elem()); err != nil {
			return err
		}
		v.Set(p)
	case reflect.Interface:
		return d.iface(v)
	case reflect.Slice:
		return d.slice(v, info)
	case reflect.Array:
		return d.arrayValue(v)
	case reflect.Map:
		return d.mapValue(v)
	case reflect.Struct:
		return d.structValue(v, info)
	default:
		return misfit("a value", t)
	}
	return nil
}

// float reads a number, or "NaN", "+Inf" or "-Inf", of the given bit size.
func (d *decoder) float(t reflect.Type, bits int) (float64, error) {
	if d.peek() == '"' {
		s, err := d.str()
		if err != nil {
			return 0, err
		}
		switch s {
		case "NaN":
			return math.NaN(), nil
		case "+Inf":
			return math.Inf(1), nil
		case "-Inf":
			return math.Inf(-1), nil
		}
		return 0, misfit(strconv.Quote(s), t)
	}
	n, err := d.number()
	if err != nil {
		return 0, err
	}
	f, err := strconv.ParseFloat(n, bits)
	if err != nil {
		return 0, misfit(n, t)
	}
	return f, nil
}

// stringValue reads a string: a JSON string, or {"bytes": base64} for one
// that is not valid UTF-8.
func (d *decoder) stringValue(t reflect.Type) (string, error) {
	if d.peek() != '{' {
		return d.str()
	}
	var s string
	seen := false
	err := d.object(func(name []byte) error {
		if string(name) != "bytes" || seen {
			return misfit("an object with member "+strconv.Quote(string(name)), t)
		}
		seen = true
		b, err := d.base64()
		s = string(b)
		return err
	})
	if err == nil && !seen {
		err = misfit("an object without \"bytes\"", t)
	}
	return s, err
}

// base64 reads a base64 JSON string.
func (d *decoder) base64() ([]byte, error) {
	s, err := d.strBytes()
	if err != nil {
		return nil, err
	}
	b, err := base64.StdEncoding.AppendDecode(nil, s)
	if err != nil {
		return nil, &pathError{msg: "malformed base64: " + err.Error()}
	}
	return b, nil
}

// iface reads an interface value: null or {"type": ..., "value": ...}.
func (d *decoder) iface(v reflect.Value) error {
	if d.literal("null") {
		v.SetZero()
		return nil
	}
	val, err := d.typed("", nil)
	if err != nil {
		return err
	}
	if val == nil {
		v.SetZero()
		return nil
	}
	rv := reflect.ValueOf(val)
	if !rv.Type().AssignableTo(v.Type()) {
		return misfit("a value of type "+shortName(rv.Type()), v.Type())
	}
	v.Set(rv)
	return nil
}

// slice reads null, a base64 string for bytes, or an array.
func (d *decoder) slice(v reflect.Value, info *typeInfo) error {
	t := v.Type()
	if d.literal("null") {
		v.SetZero()
		return nil
	}
	if info.bytes {
		b, err := d.base64()
		if err != nil {
			return err
		}
		v.Set(reflect.MakeSlice(t, len(b), len(b)))
		reflect.Copy(v, reflect.ValueOf(b))
		return nil
	}
	v.Set(reflect.MakeSlice(t, 0, 0))
	return d.array(func(i int) error {
		v.Grow(1)
		v.SetLen(i + 1)
		if err := d.value(v.Index(i)); err != nil {
			return within("element "+strconv.Itoa(i), err)
		}
		return nil
	})
}

// arrayValue reads an array of exactly v's length.
func (d *decoder) arrayValue(v reflect.Value) error {
	n := 0
	err := d.array(func(i int) error {
		if i >= v.Len() {
			return misfit("an array of more than "+strconv.Itoa(v.Len())+" elements", v.Type())
		}
		n++
		if err := d.value(v.Index(i)); err != nil {
			return within("element "+strconv.Itoa(i), err)
		}
		return nil
	})
	if err == nil && n != v.Len() {
		err = misfit("an array of "+strconv.Itoa(n)+" elements", v.Type())
	}
	return err
}

// mapValue reads null, an object (string keys) or an array of [key, value]
// pairs.
func (d *decoder) mapValue(v reflect.Value) error {
	t := v.Type()
	if d.literal("null") {
		v.SetZero()
		return nil
	}
	v.Set(reflect.MakeMap(t))
	put := func(k reflect.Value) error {
		if v.MapIndex(k).IsValid() {
			return misfit("a key given twice", t)
		}
		val := reflect.New(t.Elem()).Elem()
		if err := d.value(val); err != nil {
			return err
		}
		v.SetMapIndex(k, val)
		return nil
	}
	if d.peek() == '{' {
		if t.Key().Kind() != reflect.String {
			return misfit("an object", t)
		}
		return d.object(func(name []byte) error {
			k := reflect.New(t.Key()).Elem()
			k.SetString(string(name))
			if err := put(k); err != nil {
				return within("map value "+strconv.Quote(string(name)), err)
			}
			return nil
		})
	}
	return d.array(func(int) error {
		if err := d.expect('['); err != nil {
			return err
		}
		k := reflect.New(t.Key()).Elem()
		if err := d.value(k); err != nil {
			return within("map key", err)
		}
		if err := d.expect(','); err != nil {
			return err
		}
		if err := put(k); err != nil {
			return within("map value", err)
		}
		return d.expect(']')
	})
}

// structValue reads an object of v's fields. A field the object does not
// name keeps its zero value; a name that is not a field is an error.
func (d *decoder) structValue(v reflect.Value, info *typeInfo) error {
	return d.object(func(name []byte) error {
		i, ok := info.byName[string(name)]
		if !ok {
			return &pathError{msg: shortName(v.Type()) + " has no field " + strconv.Quote(string(name))}
		}
		f := &info.fields[i]
		if err := d.value(v.Field(f.index)); err != nil {
			return within(f.step, err)
		}
		return nil
	})
}

// unmarshalled reads a value of a type that encodes itself, as codec c.
func (d *decoder) unmarshalled(v reflect.Value, c codec) error {
	t := v.Type()
	m := v.Addr().Interface()
	var err error
	switch c {
	case byJSON:
		if tp, ok := m.(*time.Time); ok {
			return d.timeValue(tp)
		}
		var raw []byte
		if raw, err = d.skip(); err == nil {
			err = m.(json.Unmarshaler).UnmarshalJSON(raw)
		}
	case byText:
		var s string
		if s, err = d.stringValue(t); err == nil {
			err = m.(encoding.TextUnmarshaler).UnmarshalText([]byte(s))
		}
	case byBinary:
		var b []byte
		if b, err = d.base64(); err == nil {
			err = m.(encoding.BinaryUnmarshaler).UnmarshalBinary(b)
		}
	}
	if err != nil {
		return &pathError{msg: shortName(t) + ": " + err.Error()}
	}
	return nil
}

// timeValue reads a time written by timeValue of the encoder.
func (d *decoder) timeValue(t *time.Time) error {
	s, err := d.str()
	if err != nil {
		return err
	}
	if !strings.Contains(s, ":") { // base64, of a zone offset with seconds
		bin, err := base64.StdEncoding.DecodeString(s)
		if err == nil {
			err = t.UnmarshalBinary(bin)
		}
		if err != nil {
			return &pathError{msg: "malformed time: " + err.Error()}
		}
		return nil
	}
	at, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return &pathError{msg: "malformed time: " + err.Error()}
	}
	*t = at
	return nil
}
