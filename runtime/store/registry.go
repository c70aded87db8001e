package store

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"
)

// RegisterType makes T known to snapshots: a value of type T, or of a
// type T holds (its fields, elements, keys), can then be written under a
// key declared with no [NewKey], or inside an interface (an `any` field, a
// map[string]any), and read back as a T. Types of keys declared with
// [NewKey], builtin types, and pointers, slices, arrays and maps of known
// types need no registration. Registering a type twice is fine, and
// registration never panics.
func RegisterType[T any]() {
	known.add(reflect.TypeFor[T]())
}

// registerKey records that the key name holds values of type t, as
// [NewKey] declares it, and makes t and the types it holds known.
func registerKey(name string, t reflect.Type) {
	known.mu.Lock()
	defer known.mu.Unlock()
	for _, kt := range known.byKey[name] {
		if kt.t == t {
			return
		}
	}
	known.byKey[name] = append(known.byKey[name], keyType{typeName(t), t})
	known.walk(t)
}

// registry knows the types a snapshot may name, by the name typeName
// gives them. It is what makes a snapshot's type names mean the same Go
// types in the program that writes it and the one that reads it.
type registry struct {
	mu sync.RWMutex
	// byName holds every known type by its name.
	byName map[string]reflect.Type
	// shared holds the names that two known types have (types declared
	// inside functions may share one): they resolve only through a key's
	// declaration.
	shared map[string]bool
	// byKey holds the types each key was declared with by NewKey.
	byKey map[string][]keyType
	// walked holds the types already walked, so a registration repeated on
	// every NewKey costs a map lookup.
	walked map[reflect.Type]bool
}

// keyType is a type a key was declared with, and its name.
type keyType struct {
	name string
	t    reflect.Type
}

// known is the registry of the program: the types snapshots may name.
var known = newRegistry()

// newRegistry returns a registry knowing the predeclared types, `any`,
// time.Time and time.Duration.
func newRegistry() *registry {
	r := &registry{
		byName: map[string]reflect.Type{},
		shared: map[string]bool{},
		byKey:  map[string][]keyType{},
		walked: map[reflect.Type]bool{},
	}
	for _, v := range []any{
		false, "", int(0), int8(0), int16(0), int32(0), int64(0),
		uint(0), uint8(0), uint16(0), uint32(0), uint64(0), uintptr(0),
		float32(0), float64(0), complex64(0), complex128(0),
		time.Time{}, time.Duration(0),
	} {
		r.walk(reflect.TypeOf(v))
	}
	r.walk(reflect.TypeFor[any]())
	r.walk(reflect.TypeFor[error]())
	return r
}

// add makes t and the types it holds known.
func (r *registry) add(t reflect.Type) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.walk(t)
}

// walk records t, and the types it is made of, under their names. The
// caller holds the write lock.
func (r *registry) walk(t reflect.Type) {
	if r.walked[t] {
		return
	}
	r.walked[t] = true
	switch t.Kind() {
	case reflect.Func, reflect.Chan, reflect.UnsafePointer:
		return // never in a snapshot: Marshal reports them
	}
	name := typeName(t)
	if old, ok := r.byName[name]; ok && old != t {
		r.shared[name] = true
	} else {
		r.byName[name] = t
	}
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array:
		r.walk(t.Elem())
	case reflect.Map:
		r.walk(t.Key())
		r.walk(t.Elem())
	case reflect.Struct:
		for i := range t.NumField() {
			// Unexported fields are never in a snapshot: Marshal reports them.
			if f := t.Field(i); f.IsExported() {
				r.walk(f.Type)
			}
		}
	}
}

// typeNames caches typeName per reflect.Type.
var typeNames sync.Map

// typeName returns the name a snapshot gives t: the predeclared name of a
// predeclared type, the import path and name of a named type
// (`example.com/shop.Cart`), the Go syntax of pointers, slices, arrays and
// maps over those names (`map[int]*example.com/shop.Cart`), and `any` for
// the empty interface.
func typeName(t reflect.Type) string {
	if n, ok := typeNames.Load(t); ok {
		return n.(string)
	}
	n := buildTypeName(t)
	typeNames.Store(t, n)
	return n
}

// buildTypeName computes typeName(t).
func buildTypeName(t reflect.Type) string {
	if t.Name() != "" {
		if t.PkgPath() == "" {
			return t.Name()
		}
		return t.PkgPath() + "." + t.Name()
	}
	switch t.Kind() {
	case reflect.Pointer:
		return "*" + typeName(t.Elem())
	case reflect.Slice:
		return "[]" + typeName(t.Elem())
	case reflect.Array:
		return "[" + strconv.Itoa(t.Len()) + "]" + typeName(t.Elem())
	case reflect.Map:
		return "map[" + typeName(t.Key()) + "]" + typeName(t.Elem())
	case reflect.Interface:
		if t.NumMethod() == 0 {
			return "any"
		}
	case reflect.Struct:
		var b strings.Builder
		b.WriteString("struct {")
		for i := range t.NumField() {
			f := t.Field(i)
			if i > 0 {
				b.WriteByte(';')
			}
			b.WriteString(" " + f.Name + " " + typeName(f.Type))
			if f.Tag != "" {
				b.WriteString(" " + strconv.Quote(string(f.Tag)))
			}
		}
		b.WriteString(" }")
		return b.String()
	}
	return t.String()
}

// shortName returns t as Go code of its own package writes it, for
// messages: `shop.Cart`, `[]shop.Cart`, `map[string]any`.
func shortName(t reflect.Type) string {
	return strings.ReplaceAll(t.String(), "interface {}", "any")
}

// unqualifyMain drops the main. qualifier from a type name of shortName:
// only code in package main can name a type of package main, and it
// writes T, not main.T.
func unqualifyMain(name string) string {
	var b strings.Builder
	for i := 0; i < len(name); i++ {
		if strings.HasPrefix(name[i:], "main.") && (i == 0 || !inQualifier(name[i-1])) {
			i += len("main.") - 1
			continue
		}
		b.WriteByte(name[i])
	}
	return b.String()
}

// inQualifier reports whether c can precede main in a qualifier other
// than main's own (xmain., example.com/main.): a letter, a digit, an
// underscore, a dot, a slash or a byte of a multi-byte letter.
func inQualifier(c byte) bool {
	return c == '_' || c == '.' || c == '/' || c >= 0x80 ||
		'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// errUnknownType is the cause of a type name the registry cannot resolve.
var errUnknownType = errors.New("unknown type")

// lookup returns the type named name for a value under key: a type key
// was declared with, then a known type, then a pointer, slice, array or
// map of known types. key is "" for a value inside an interface.
func (r *registry) lookup(name, key string) (reflect.Type, error) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	for _, kt := range r.byKey[key] {
		if kt.name == name {
			return kt.t, nil
		}
	}
	t, rest, err := r.parse(name)
	if err != nil {
		return nil, err
	}
	if rest != "" {
		return nil, fmt.Errorf("malformed type name %q", name)
	}
	return t, nil
}

// declaredAs returns the type key was declared with whose name is name.
func (r *registry) declaredAs(name []byte, key string) (reflect.Type, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	for _, kt := range r.byKey[key] {
		if kt.name == string(name) {
			return kt.t, true
		}
	}
	return nil, false
}

// maxArrayBytes bounds the arrays a snapshot may name, so that a corrupt
// type name cannot make the reader allocate without end.
const maxArrayBytes = 1 << 24

// parse reads the type name at the start of s and returns its type and
// what follows it. The caller holds the read lock.
func (r *registry) parse(s string) (reflect.Type, string, error) {
	if t, ok := r.named(s); ok { // a whole known name: the common case
		return t, "", r.unshared(s)
	}
	switch {
	case strings.HasPrefix(s, "*"):
		elem, rest, err := r.parse(s[1:])
		if err != nil {
			return nil, "", err
		}
		return reflect.PointerTo(elem), rest, nil
	case strings.HasPrefix(s, "[]"):
		elem, rest, err := r.parse(s[2:])
		if err != nil {
			return nil, "", err
		}
		return reflect.SliceOf(elem), rest, nil
	case strings.HasPrefix(s, "map["):
		key, rest, err := r.parse(s[4:])
		if err != nil {
			return nil, "", err
		}
		if !strings.HasPrefix(rest, "]") {
			return nil, "", fmt.Errorf("malformed map type in %q", s)
		}
		if !key.Comparable() {
			return nil, "", fmt.Errorf("map key type %s is not comparable", shortName(key))
		}
		elem, rest, err := r.parse(rest[1:])
		if err != nil {
			return nil, "", err
		}
		return reflect.MapOf(key, elem), rest, nil
	case strings.HasPrefix(s, "["):
		end := strings.IndexByte(s, ']')
		n, err := strconv.Atoi(s[1:max(end, 1)])
		if end < 0 || err != nil || n < 0 {
			return nil, "", fmt.Errorf("malformed array type in %q", s)
		}
		if n > maxArrayBytes {
			return nil, "", fmt.Errorf("array type %s is too large", s[:end+1]+"...")
		}
		elem, rest, err := r.parse(s[end+1:])
		if err != nil {
			return nil, "", err
		}
		if elem.Size() > 0 && uintptr(n) > maxArrayBytes/elem.Size() {
			return nil, "", fmt.Errorf("array type [%d]%s is too large", n, shortName(elem))
		}
		return reflect.ArrayOf(n, elem), rest, nil
	}
	name, rest := splitName(s)
	if name == "" {
		return nil, "", fmt.Errorf("malformed type name %q", s)
	}
	t, ok := r.named(name)
	if !ok {
		return nil, "", fmt.Errorf("%w %s: this program declares no key of it and does not register it (store.RegisterType)", errUnknownType, name)
	}
	return t, rest, r.unshared(name)
}

// named returns the known type called name.
func (r *registry) named(name string) (reflect.Type, bool) {
	t, ok := r.byName[name]
	return t, ok
}

// unshared reports an error when two known types are called name.
func (r *registry) unshared(name string) error {
	if r.shared[name] {
		return fmt.Errorf("two types are named %s (types declared inside functions?): declare the key with store.NewKey or give the types distinct names", name)
	}
	return nil
}

// splitName splits s after the named type it starts with, which may be a
// generic instantiation (`example.com/p.Pair[int,string]`): it ends at the
// first `]` outside brackets, or at the end of s.
func splitName(s string) (name, rest string) {
	depth := 0
	for i := range len(s) {
		switch s[i] {
		case '[':
			depth++
		case ']':
			if depth == 0 {
				return s[:i], s[i:]
			}
			depth--
		}
	}
	return s, ""
}

// declared reports whether key was declared with type t by NewKey, and
// otherwise returns an error if it was declared with another type of t's
// name, which a reader would take t's values for.
func (r *registry) declared(t reflect.Type, key string) (bool, error) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	for _, kt := range r.byKey[key] {
		if kt.t == t {
			return true, nil
		}
		if kt.name == typeName(t) {
			return false, fmt.Errorf("type %s is not the type of that name key %q was declared with: give the types distinct names", shortName(t), key)
		}
	}
	return false, nil
}

// resolves reports, for Marshal, whether a reader resolves the name of t,
// when no key declares it, to t itself; if not, the error says how to
// make it so.
func (r *registry) resolves(t reflect.Type) error {
	got, err := r.lookup(typeName(t), "")
	switch {
	case errors.Is(err, errUnknownType):
		code := unqualifyMain(shortName(t))
		return fmt.Errorf("type %s is not registered: call store.RegisterType[%s]() in the programs that write and read the snapshot, or declare the key with store.NewKey[%s]",
			typeName(t), code, code)
	case err != nil:
		return err
	case got != t:
		return fmt.Errorf("type name %s names another type too (types declared inside functions?): give the types distinct names", typeName(t))
	}
	return nil
}
