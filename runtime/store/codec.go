package store

import (
	"encoding"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"sync"
)

// codec is how a snapshot encodes the values of a type that encodes
// itself: a type implementing json, text or binary marshalling is written
// the way it says, in that order of preference.
type codec uint8

const (
	byShape  codec = iota // by its kind: fields, elements, number, string
	byJSON                // json.Marshaler, read back by json.Unmarshaler
	byText                // encoding.TextMarshaler / TextUnmarshaler
	byBinary              // encoding.BinaryMarshaler / BinaryUnmarshaler, base64
)

var (
	jsonMarshalerType     = reflect.TypeFor[json.Marshaler]()
	jsonUnmarshalerType   = reflect.TypeFor[json.Unmarshaler]()
	textMarshalerType     = reflect.TypeFor[encoding.TextMarshaler]()
	textUnmarshalerType   = reflect.TypeFor[encoding.TextUnmarshaler]()
	binaryMarshalerType   = reflect.TypeFor[encoding.BinaryMarshaler]()
	binaryUnmarshalerType = reflect.TypeFor[encoding.BinaryUnmarshaler]()
)

// codecOf returns how values of t are encoded. Pointers and interfaces
// are always encoded by shape (null, or what they hold), so that a nil
// never reaches a marshalling method.
func codecOf(t reflect.Type) codec {
	if t.Kind() == reflect.Pointer || t.Kind() == reflect.Interface {
		return byShape
	}
	p := reflect.PointerTo(t)
	switch {
	case p.Implements(jsonMarshalerType):
		return byJSON
	case p.Implements(textMarshalerType):
		return byText
	case p.Implements(binaryMarshalerType):
		return byBinary
	}
	return byShape
}

// unmarshaler returns the interface *T must implement to read back what
// codec c wrote.
func (c codec) unmarshaler() (reflect.Type, string) {
	switch c {
	case byJSON:
		return jsonUnmarshalerType, "json."
	case byText:
		return textUnmarshalerType, "encoding.Text"
	}
	return binaryUnmarshalerType, "encoding.Binary"
}

// pathError is a problem found at a path inside a value, such as
// `field Cart.mu: unexported`.
type pathError struct {
	path []string // outermost step first
	msg  string
}

func (e *pathError) Error() string {
	if len(e.path) == 0 {
		return e.msg
	}
	return strings.Join(e.path, ": ") + ": " + e.msg
}

// within returns err with step put in front of its path.
func within(step string, err error) error {
	if err == errTooDeep {
		return err
	}
	if pe, ok := err.(*pathError); ok {
		return &pathError{path: append([]string{step}, pe.path...), msg: pe.msg}
	}
	return fmt.Errorf("%s: %w", step, err)
}

// checkedTypes caches checkType per reflect.Type: a *pathError, or nil.
var checkedTypes sync.Map

// checkType returns an error when a value of t cannot round-trip through a
// snapshot whatever it holds: t has an unexported field, a func or a chan,
// or encodes itself one way and cannot read itself back. Values held in
// interfaces are checked when met, by their own types.
func checkType(t reflect.Type) error {
	if r, ok := checkedTypes.Load(t); ok {
		err, _ := r.(error)
		return err
	}
	err := walkType(t, map[reflect.Type]bool{})
	if err == nil {
		checkedTypes.Store(t, true)
	} else {
		checkedTypes.Store(t, err)
	}
	return err
}

// walkType is checkType's walk; visiting guards against recursive types.
func walkType(t reflect.Type, visiting map[reflect.Type]bool) error {
	if visiting[t] {
		return nil
	}
	visiting[t] = true
	if c := codecOf(t); c != byShape {
		if u, name := c.unmarshaler(); !reflect.PointerTo(t).Implements(u) {
			return &pathError{msg: fmt.Sprintf("%s implements %sMarshaler but *%s does not implement %sUnmarshaler, so it cannot be read back",
				shortName(t), name, shortName(t), name)}
		}
		return nil
	}
	switch t.Kind() {
	case reflect.Func, reflect.Chan, reflect.UnsafePointer:
		return &pathError{msg: fmt.Sprintf("%s is a %s, which a snapshot cannot hold", shortName(t), kindWord(t.Kind()))}
	case reflect.Pointer, reflect.Slice, reflect.Array:
		return walkType(t.Elem(), visiting)
	case reflect.Map:
		if err := walkType(t.Key(), visiting); err != nil {
			return within("key of "+shortName(t), err)
		}
		return walkType(t.Elem(), visiting)
	case reflect.Struct:
		for i := range t.NumField() {
			f := t.Field(i)
			if f.Name == "_" {
				continue // padding: nothing to keep
			}
			step := "field " + structName(t) + "." + f.Name
			if !f.IsExported() {
				return &pathError{path: []string{step}, msg: "unexported"}
			}
			if err := walkType(f.Type, visiting); err != nil {
				return within(step, err)
			}
		}
	}
	return nil
}

// kindWord names a kind a snapshot cannot hold.
func kindWord(k reflect.Kind) string {
	switch k {
	case reflect.Func:
		return "func"
	case reflect.Chan:
		return "chan"
	}
	return "unsafe pointer"
}

// structName returns the name of struct type t for paths: `Cart`, or
// `struct` for a struct type without a name.
func structName(t reflect.Type) string {
	if t.Name() != "" {
		return t.Name()
	}
	return "struct"
}

// typeInfo is what encoding and decoding need to know of a type, worked
// out once per type.
type typeInfo struct {
	codec codec
	// check is checkType's answer.
	check error
	// nameJSON is the type's name as a JSON string.
	nameJSON []byte
	// bytes is set for a slice written as base64.
	bytes bool
	// fields are a struct's fields but blank ones, in declaration order.
	fields []fieldInfo
	// byName indexes fields by name.
	byName map[string]int
}

// fieldInfo is a struct field as encoding and decoding see it.
type fieldInfo struct {
	index  int
	name   string
	member []byte // the JSON of the name and a colon
	step   string // the path step to the field: "field T.Name"
}

// typeInfos caches infoOf per reflect.Type.
var typeInfos sync.Map

// infoOf returns what encoding and decoding need to know of t.
func infoOf(t reflect.Type) *typeInfo {
	if info, ok := typeInfos.Load(t); ok {
		return info.(*typeInfo)
	}
	info := &typeInfo{codec: codecOf(t), check: checkType(t), nameJSON: appendString(nil, typeName(t))}
	switch t.Kind() {
	case reflect.Slice:
		info.bytes = t.Elem().Kind() == reflect.Uint8 && codecOf(t.Elem()) == byShape
	case reflect.Struct:
		info.byName = map[string]int{}
		for i := range t.NumField() {
			f := t.Field(i)
			if f.Name == "_" {
				continue
			}
			if f.IsExported() {
				info.byName[f.Name] = len(info.fields)
			}
			info.fields = append(info.fields, fieldInfo{
				index:  i,
				name:   f.Name,
				member: append(appendString(nil, f.Name), ':'),
				step:   "field " + structName(t) + "." + f.Name,
			})
		}
	}
	actual, _ := typeInfos.LoadOrStore(t, info)
	return actual.(*typeInfo)
}
