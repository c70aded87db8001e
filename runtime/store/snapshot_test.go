package store_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gostage/gostage/runtime/store"
)

// shapesStore returns a store holding every shape under its name.
func shapesStore(t testing.TB) *store.KVStore {
	s := store.NewKVStore()
	for _, sh := range shapes() {
		mustNot(t.(*testing.T), s.Put(sh.name, sh.value))
	}
	return s
}

// roundTrip marshals s, unmarshals the snapshot into a new store and
// returns it with the snapshot.
func roundTrip(t *testing.T, s *store.KVStore) (*store.KVStore, []byte) {
	t.Helper()
	data, err := json.Marshal(s)
	if err != nil {
		t.Fatalf("marshal: %v", err)
	}
	back := store.NewKVStore()
	if err := json.Unmarshal(data, back); err != nil {
		t.Fatalf("unmarshal: %v\nsnapshot: %s", err, data)
	}
	return back, data
}

// checkShapes reports every shape that s does not hold exactly.
func checkShapes(t *testing.T, s *store.KVStore) {
	t.Helper()
	for _, sh := range shapes() {
		got, err := store.Get[any](s, sh.name)
		if err != nil {
			t.Errorf("%s: %v", sh.name, err)
			continue
		}
		if !same(got, sh.value) {
			t.Errorf("%s: got %T %#v, want %T %#v", sh.name, got, got, sh.value, sh.value)
		}
	}
	if n := s.Count(); n != len(shapes()) {
		t.Errorf("the store holds %d keys, want %d", n, len(shapes()))
	}
}

func TestSnapshotRoundTripsEveryShape(t *testing.T) {
	back, data := roundTrip(t, shapesStore(t))
	checkShapes(t, back)
	if t.Failed() {
		t.Logf("snapshot: %s", data)
	}
}

func TestSnapshotIsStable(t *testing.T) {
	a, err := json.Marshal(shapesStore(t))
	mustNot(t, err)
	b, err := json.Marshal(shapesStore(t))
	mustNot(t, err)
	if !bytes.Equal(a, b) {
		t.Fatal("two equal stores gave different snapshots")
	}
	back, _ := roundTrip(t, shapesStore(t))
	c, err := json.Marshal(back)
	mustNot(t, err)
	if !bytes.Equal(a, c) {
		t.Fatalf("a store read from a snapshot gives another snapshot:\n%s\nwant:\n%s", c, a)
	}
}

// TestSnapshotIsPlainJSON reads a snapshot as any JSON tool (jq) does.
func TestSnapshotIsPlainJSON(t *testing.T) {
	s := store.NewKVStore()
	mustNot(t, s.Put("user.id", int64(1<<53+1)))
	mustNot(t, s.Put("user.name", "Ann"))
	data, err := json.Marshal(s)
	mustNot(t, err)
	want := `{"version":1,"entries":{"user.id":{"type":"int64","value":"9007199254740993"},"user.name":{"type":"string","value":"Ann"}}}`
	if string(data) != want {
		t.Fatalf("snapshot:\n%s\nwant:\n%s", data, want)
	}
	var doc struct {
		Version int
		Entries map[string]struct {
			Type  string
			Value json.RawMessage
		}
	}
	mustNot(t, json.Unmarshal(data, &doc))
	if doc.Version != store.SnapshotVersion || doc.Entries["user.name"].Type != "string" || string(doc.Entries["user.id"].Value) != `"9007199254740993"` {
		t.Fatalf("read as plain JSON: %+v", doc)
	}
}

func TestSnapshotDropsMonotonicReading(t *testing.T) {
	now := time.Now()
	s := store.NewKVStore()
	mustNot(t, s.Put("now", now))
	back, _ := roundTrip(t, s)
	got, err := store.Get[time.Time](back, "now")
	mustNot(t, err)
	if !got.Equal(now) || got.String() != now.Round(0).String() {
		t.Fatalf("got %v, want %v", got, now.Round(0))
	}
}

func TestSnapshotKeepsExpiryAndMetadata(t *testing.T) {
	clock := time.Date(2026, 1, 2, 3, 4, 5, 6, time.UTC).UnixNano()
	s := store.NewKVStore()
	s.SetClock(func() int64 { return clock })
	md := store.NewMetadata()
	md.Tags = []string{"pii", "auth"}
	md.Description = "the user's roles"
	md.Properties["owner"] = Status("team-a")
	md.Properties["weight"] = math.NaN()
	md.Properties["ids"] = map[int]bool{1: true}
	mustNot(t, s.PutWithTTLAndMetadata("user.roles", []string{"admin"}, time.Hour, md))
	mustNot(t, s.PutWithTTL("short", 1, 45*time.Minute))
	mustNot(t, s.PutWithMetadata("empty.meta", 2, nil))
	mustNot(t, s.Put("plain", 3))

	data, err := json.Marshal(s)
	mustNot(t, err)
	clock += int64(30 * time.Minute)
	back := store.NewKVStore()
	back.SetClock(func() int64 { return clock })
	mustNot(t, json.Unmarshal(data, back))

	for _, k := range []string{"user.roles", "short", "empty.meta", "plain"} {
		wantAt, _ := s.ExpiresAt(k)
		gotAt, _ := back.ExpiresAt(k)
		if gotAt != wantAt {
			t.Errorf("%s expires at %d, want %d", k, gotAt, wantAt)
		}
		want, err := s.GetMetadata(k)
		mustNot(t, err)
		got, err := back.GetMetadata(k)
		mustNot(t, err)
		if !same(got, want) {
			t.Errorf("%s: metadata %+v, want %+v", k, got, want)
		}
	}
	if got, _ := back.GetMetadata("user.roles"); !same(got.Properties["owner"], Status("team-a")) {
		t.Errorf("property owner is %#v", got.Properties["owner"])
	}

	// An hour after the snapshot, both TTL entries have expired: absent.
	clock += int64(time.Hour)
	later := store.NewKVStore()
	later.SetClock(func() int64 { return clock })
	mustNot(t, json.Unmarshal(data, later))
	if keys := later.ListKeys(); !slices.Equal(keys, []string{"empty.meta", "plain"}) {
		t.Fatalf("keys after expiry: %v", keys)
	}
	if later.Stored() != 2 {
		t.Fatalf("expired entries were stored: %d entries", later.Stored())
	}
}

func TestUnmarshalReplacesContent(t *testing.T) {
	s := store.NewKVStore()
	mustNot(t, s.Put("a", 1))
	data, err := json.Marshal(s)
	mustNot(t, err)
	target := store.NewKVStore()
	mustNot(t, target.PutWithTTL("old", "x", time.Hour))
	mustNot(t, json.Unmarshal(data, target))
	if keys := target.ListKeys(); !slices.Equal(keys, []string{"a"}) {
		t.Fatalf("keys: %v", keys)
	}
}

func TestSnapshotKeysAndApplySnapshot(t *testing.T) {
	clock := time.Now().UnixNano()
	src := store.NewKVStore()
	src.SetClock(func() int64 { return clock })
	mustNot(t, src.Put("kept", Point{1, 2}))
	mustNot(t, src.PutWithTTL("expiring", 1, time.Second))
	mustNot(t, src.AddTag("kept", "t"))
	clock += int64(2 * time.Second)

	data, err := src.SnapshotKeys([]string{"kept", "missing", "expiring", "kept"})
	mustNot(t, err)
	var doc struct{ Removed []string }
	mustNot(t, json.Unmarshal(data, &doc))
	if !slices.Equal(doc.Removed, []string{"expiring", "missing"}) {
		t.Fatalf("removed: %v\n%s", doc.Removed, data)
	}

	// AppendSnapshotKeys writes the same bytes after what the buffer
	// holds, and reuses its room when it has enough.
	buf := make([]byte, 0, 2*len(data)+16)
	buf = append(buf, "kept:"...)
	appended, err := src.AppendSnapshotKeys(buf, []string{"kept", "missing", "expiring", "kept"})
	mustNot(t, err)
	if string(appended) != "kept:"+string(data) {
		t.Fatalf("AppendSnapshotKeys = %s, want kept:%s", appended, data)
	}
	if &appended[0] != &buf[0] {
		t.Fatal("AppendSnapshotKeys allocated a buffer although the one given had room")
	}

	for _, none := range [][]string{nil, {}, {""}} {
		empty, err := src.SnapshotKeys(none)
		mustNot(t, err)
		if string(empty) != `{"version":1,"entries":{}}` {
			t.Fatalf("SnapshotKeys(%q) = %s", none, empty)
		}
	}

	dst := store.NewKVStore()
	mustNot(t, dst.Put("missing", "gone soon"))
	mustNot(t, dst.Put("kept", "replaced"))
	mustNot(t, dst.Put("other", "stays"))
	mustNot(t, dst.ApplySnapshot(data))
	if keys := dst.ListKeys(); !slices.Equal(keys, []string{"kept", "other"}) {
		t.Fatalf("keys: %v", keys)
	}
	if p, err := store.Get[Point](dst, "kept"); err != nil || p != (Point{1, 2}) {
		t.Fatalf("kept: %v %v", p, err)
	}
	if tagged, err := dst.HasTag("kept", "t"); !tagged {
		t.Fatalf("kept lost its tag (%v)", err)
	}

	// A whole snapshot applies too, keeping the keys it does not hold.
	whole, err := json.Marshal(src)
	mustNot(t, err)
	mustNot(t, dst.ApplySnapshot(whole))
	if keys := dst.ListKeys(); !slices.Equal(keys, []string{"kept", "other"}) {
		t.Fatalf("keys: %v", keys)
	}
}

// TestUnmarshalIsAtomic feeds bad snapshots to a filled store, which must
// come out unchanged.
func TestUnmarshalIsAtomic(t *testing.T) {
	good, err := json.Marshal(shapesStore(t))
	mustNot(t, err)
	bad := append(bytes.Clone(good[:len(good)-2]), `,"zzz":{"type":"int","value":"x"}}}`...)
	for _, apply := range []func(*store.KVStore, []byte) error{
		func(s *store.KVStore, d []byte) error { return json.Unmarshal(d, s) },
		(*store.KVStore).ApplySnapshot,
	} {
		s := store.NewKVStore()
		mustNot(t, s.Put("mine", 1))
		if err := apply(s, bad); err == nil || !strings.Contains(err.Error(), `key "zzz"`) {
			t.Fatalf("error %v, want one naming key zzz", err)
		}
		if keys := s.ListKeys(); !slices.Equal(keys, []string{"mine"}) {
			t.Fatalf("a failed unmarshal changed the store: %v", keys)
		}
	}
}

// Types a snapshot cannot hold.
type (
	Cart struct {
		Items []string
		mu    sync.Mutex
	}
	Job struct {
		Name string
		Run  func() error
	}
	Order struct {
		Cart Cart
	}
	unregistered struct{ N int }
	onlyMarshals struct{ N int }
	failing      struct{}
	loop         struct{ Next *loop }
)

func (onlyMarshals) MarshalJSON() ([]byte, error) { return []byte("1"), nil }
func (failing) MarshalText() ([]byte, error)      { return nil, errors.New("no text today") }
func (*failing) UnmarshalText([]byte) error       { return nil }

var (
	CartKey  = store.NewKey[*Cart]("order.cart")
	JobKey   = store.NewKey[Job]("job")
	OrderKey = store.NewKey[Order]("order")
	LoopKey  = store.NewKey[*loop]("loop")
	ChanKey  = store.NewKey[chan int]("chan")
	OnlyKey  = store.NewKey[onlyMarshals]("only")
	FailKey  = store.NewKey[failing]("failing")
)

func TestMarshalRefusesWhatCannotRoundTrip(t *testing.T) {
	cycle := &loop{}
	cycle.Next = cycle
	cases := []struct {
		key   string
		value any
		want  string
	}{
		{"order.cart", &Cart{}, `store: marshal: key "order.cart": field Cart.mu: unexported`},
		{"order", Order{}, `key "order": field Order.Cart: field Cart.mu: unexported`},
		{"job", Job{}, `key "job": field Job.Run: func() error is a func, which a snapshot cannot hold`},
		{"chan", make(chan int), `key "chan": chan int is a chan, which a snapshot cannot hold`},
		{"undeclared", unregistered{}, `key "undeclared": type github.com/gostage/gostage/runtime/store_test.unregistered is not registered: call store.RegisterType[store_test.unregistered]()`},
		{"inside", map[string]any{"x": []any{unregistered{}}}, `key "inside": map value "x": element 0: type github.com/gostage/gostage/runtime/store_test.unregistered is not registered`},
		{"func.inside", []any{func() {}}, `key "func.inside": element 0: func() is a func`},
		{"pairs", map[int]any{7: unregistered{}}, `key "pairs": map value at key 7: type github.com/gostage/gostage/runtime/store_test.unregistered is not registered`},
		{"cart.inside", []any{Cart{}}, `key "cart.inside": element 0: field Cart.mu: unexported`},
		{"only", onlyMarshals{}, `key "only": store_test.onlyMarshals implements json.Marshaler but *store_test.onlyMarshals does not implement json.Unmarshaler`},
		{"failing", failing{}, `key "failing": store_test.failing.MarshalText: no text today`},
		{"loop", cycle, `key "loop": nested deeper than 10000 levels (a pointer cycle?)`},
		{"time", time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), `key "time": time 10000-01-01 00:00:00 +0000 UTC is outside the years 0 to 9999`},
		{"failure", errors.New("card declined"), `(the value is an error, *errors.errorString: store its text, err.Error(), instead)`},
		{"bad\xffkey", 1, `key "bad\xffkey": not valid UTF-8, which a snapshot cannot name`},
	}
	for _, c := range cases {
		s := store.NewKVStore()
		mustNot(t, s.Put("fine", 1))
		mustNot(t, s.Put(c.key, c.value))
		_, err := json.Marshal(s)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v\nwant it to contain %s", c.key, err, c.want)
		}
		if _, err := s.SnapshotKeys([]string{c.key}); err == nil {
			t.Errorf("%s: SnapshotKeys did not fail", c.key)
		}
	}
}

func TestMarshalRefusesUnregisteredProperty(t *testing.T) {
	s := store.NewKVStore()
	mustNot(t, s.Put("k", 1))
	mustNot(t, s.SetProperty("k", "p", unregistered{}))
	_, err := json.Marshal(s)
	if err == nil || !strings.Contains(err.Error(), `key "k": metadata: field Metadata.Properties: map value "p": type github.com/gostage/gostage/runtime/store_test.unregistered is not registered`) {
		t.Fatalf("error %v", err)
	}
}

// TestUnmarshalRejectsBadData checks that bad snapshots fail with an error
// naming the key when the problem is in one entry.
func TestUnmarshalRejectsBadData(t *testing.T) {
	entry := func(e string) string { return `{"version":1,"entries":{"k":` + e + `}}` }
	cases := []struct{ data, want string }{
		{``, `store: unmarshal: offset 0: unexpected end of data`},
		{`[]`, `expected '{'`},
		{`{"version":2,"entries":{}}`, `snapshot version 2 is not supported: this program reads version 1`},
		{`{"entries":{}}`, `no "version": not a store snapshot`},
		{`{"version":1,"entries":{},"extra":1}`, `unknown member "extra"`},
		{`{"version":1,"entries":{}} x`, `expected the end of data`},
		{entry(`{"type":"example.com/nope.T","value":{}}`), `key "k": unknown type example.com/nope.T`},
		{entry(`{"type":"[]example.com/nope.T","value":[]}`), `key "k": unknown type example.com/nope.T`},
		{entry(`{"type":"map[[]int]int","value":[]}`), `key "k": map key type []int is not comparable`},
		{entry(`{"type":"[99999999999]int","value":[]}`), `key "k": array type [99999999999]... is too large`},
		{entry(`{"type":"[9999999]int","value":[]}`), `key "k": array type [9999999]int is too large`},
		{entry(`{"type":"int8","value":300}`), `key "k": 300 does not fit int8`},
		{entry(`{"type":"uint","value":-1}`), `key "k": -1 does not fit uint`},
		{entry(`{"type":"int","value":true}`), `key "k": offset 50: expected a number`},
		{entry(`{"type":"int","value":"x1"}`), `key "k": x1 does not fit int`},
		{entry(`{"type":"[2]int","value":[1]}`), `key "k": an array of 1 elements does not fit [2]int`},
		{entry(`{"type":"github.com/gostage/gostage/runtime/store_test.Point","value":{"Z":1}}`), `key "k": store_test.Point has no field "Z"`},
		{entry(`{"type":"[]any","value":[{"type":"int","value":1.5}]}`), `key "k": element 0: 1.5 does not fit int`},
		{entry(`{"type":"github.com/gostage/gostage/runtime/store_test.Line","value":{"Stringer":{"type":"int","value":1}}}`), `key "k": field Line.Stringer: a value of type int does not fit fmt.Stringer`},
		{entry(`{"type":"int","value":1,"expires":"yesterday"}`), `key "k": malformed time`},
		{entry(`{"type":"int","value":1,"expires":"2026-13-01T00:00:00Z"}`), `key "k": malformed time`},
		{entry(`{"type":"github.com/gostage/gostage/runtime/store_test.onlyMarshals","value":1}`), `key "k": store_test.onlyMarshals implements json.Marshaler but`},
		{entry(`{"type":"int"}`), `key "k": no "value"`},
		{entry(`{"value":1}`), `key "k": a value other than null needs a "type"`},
		{entry(`{"type":"int","value":1,"type":"int"}`), `key "k": "type" given twice`},
		{entry(`{"type":"[]uint8","value":"!!"}`), `key "k": malformed base64`},
		{entry(`{"type":"string","value":{"bytes":1}}`), `key "k": offset 62: expected '"'`},
		{entry(`{"type":"func()","value":null}`), `key "k": unknown type func`},
		{`{"version":1,"entries":{"k":{"type":"int","value":1},"k":{"type":"int","value":2}}}`, `key "k": given twice`},
		{`{"version":1,"entries":{"k":{"type":"int","value":1}},"removed":["k"]}`, `key "k": both held and listed as removed`},
		{`{"version":1,"entries":{"":{"type":"int","value":1}}}`, `store: unmarshal: empty key`},
		{`{"version":1,"entries":{"k":{"type":"string","value":"\u12"}}}`, `key "k": offset 56: malformed \u escape`},
	}
	for _, c := range cases {
		s := store.NewKVStore()
		err := s.ApplySnapshot([]byte(c.data))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s\nerror %v\nwant it to contain %s", c.data, err, c.want)
		}
		if s.Stored() != 0 {
			t.Errorf("%s: the store changed", c.data)
		}
	}
}

// TestUnmarshalOfTruncatedSnapshots cuts a snapshot of every shape at
// every length: each must fail, never panic, and name a key when the cut
// is inside an entry.
func TestUnmarshalOfTruncatedSnapshots(t *testing.T) {
	data, err := json.Marshal(shapesStore(t))
	mustNot(t, err)
	entriesAt := bytes.Index(data, []byte(`"entries":{"`)) + len(`"entries":{"`)
	// The first entry's value starts after its name, quote and colon.
	firstEntry := entriesAt + bytes.IndexByte(data[entriesAt:], '"') + 2
	for n := range len(data) {
		s := store.NewKVStore()
		err := s.ApplySnapshot(data[:n])
		if err == nil {
			t.Fatalf("a snapshot cut at %d of %d bytes was accepted", n, len(data))
		}
		if n > firstEntry && n < len(data)-2 && !strings.Contains(err.Error(), `key "`) {
			t.Fatalf("cut at %d: error %v names no key", n, err)
		}
	}
}

func TestRegistrationNeverPanics(t *testing.T) {
	store.RegisterType[func()]()
	store.RegisterType[chan int]()
	store.RegisterType[Cart]()
	store.RegisterType[Cart]()
	store.RegisterType[any]()
	store.RegisterType[map[string][]*Node]()
	_ = store.NewKey[Job]("job")
	_ = store.NewKey[int]("job") // one name, two types: either reads back
	s := store.NewKVStore()
	mustNot(t, s.Put("job", 5))
	mustNot(t, s.Put("nodes", map[string][]*Node{"a": {{V: 1}}}))
	back, _ := roundTrip(t, s)
	if v, err := store.Get[int](back, "job"); err != nil || v != 5 {
		t.Fatalf("job: %v %v", v, err)
	}
}

// TestComposedTypesNeedNoRegistration stores slices, maps and pointers
// of known types under undeclared keys.
func TestComposedTypesNeedNoRegistration(t *testing.T) {
	s := store.NewKVStore()
	values := map[string]any{
		"a": []*Point{{1, 2}, nil},
		"b": map[Status][]Celsius{"x": {1}},
		"c": [2]map[int]*Status{},
		"d": []map[string][]any{{"k": {Point{}}}},
	}
	for k, v := range values {
		mustNot(t, s.Put(k, v))
	}
	back, _ := roundTrip(t, s)
	for k, v := range values {
		got, err := store.Get[any](back, k)
		if err != nil || !same(got, v) {
			t.Errorf("%s: got %#v (%v), want %#v", k, got, err, v)
		}
	}
}

// TestUnmarshalReadsMembersInAnyOrder reads a snapshot written by another
// tool: entries before the version, keys out of order, values before their
// types.
func TestUnmarshalReadsMembersInAnyOrder(t *testing.T) {
	data := `{"entries":{
		"b":{"value":[{"value":1.5,"type":"float64"}],"type":"[]any"},
		"a":{"meta":{"Tags":["x"]},"value":"s","type":"string"}
	}, "version":1}`
	s := store.NewKVStore()
	mustNot(t, json.Unmarshal([]byte(data), s))
	if keys := s.ListKeys(); !slices.Equal(keys, []string{"a", "b"}) {
		t.Fatalf("keys: %v", keys)
	}
	if b, err := store.Get[[]any](s, "b"); err != nil || !same(b, []any{1.5}) {
		t.Fatalf("b: %#v %v", b, err)
	}
	if tagged, _ := s.HasTag("a", "x"); !tagged {
		t.Fatal("a lost its tag")
	}
}

// TestTypesSharingANameNeedTheirKeys registers two types declared inside
// functions, which share a name: a value of either is refused under an
// undeclared key, and kept under a key declared with its type.
func TestTypesSharingANameNeedTheirKeys(t *testing.T) {
	first := func() any {
		type local struct{ A int }
		store.RegisterType[local]()
		return local{A: 1}
	}()
	second := func() any {
		type local struct{ B string }
		store.RegisterType[local]()
		_ = store.NewKey[local]("local.second")
		return local{B: "b"}
	}()
	s := store.NewKVStore()
	mustNot(t, s.Put("local.first", first))
	_, err := json.Marshal(s)
	if err == nil || !strings.Contains(err.Error(), `key "local.first": two types are named github.com/gostage/gostage/runtime/store_test.local`) {
		t.Fatalf("error %v", err)
	}
	s.Delete("local.first")
	mustNot(t, s.Put("local.second", second))
	back, _ := roundTrip(t, s)
	if got, _ := store.Get[any](back, "local.second"); !same(got, second) {
		t.Fatalf("local.second: %#v", got)
	}
}

// TestSnapshotsDuringWrites marshals and applies snapshots while other
// goroutines write: under -race, this checks that snapshots take the
// store's locks as they must, and each snapshot reads back.
func TestSnapshotsDuringWrites(t *testing.T) {
	s := store.NewKVStore()
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for w := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				k := "w" + strconv.Itoa(w) + "." + strconv.Itoa(i%50)
				_ = s.PutWithTTL(k, Point{X: i}, time.Hour)
				_ = s.SetProperty(k, "n", i)
				s.Delete("w" + strconv.Itoa(w) + "." + strconv.Itoa((i+25)%50))
			}
		}()
	}
	other := store.NewKVStore()
	for range 50 {
		data, err := json.Marshal(s)
		mustNot(t, err)
		mustNot(t, json.Unmarshal(data, other))
		part, err := s.SnapshotKeys([]string{"w0.1", "w1.2"})
		mustNot(t, err)
		mustNot(t, s.ApplySnapshot(part))
	}
	close(stop)
	wg.Wait()
}

// TestApplySnapshotOfAnEntryExpiredSince removes the key: the snapshot
// says the entry ends at a time that has come.
func TestApplySnapshotOfAnEntryExpiredSince(t *testing.T) {
	clock := time.Now().UnixNano()
	src := store.NewKVStore()
	src.SetClock(func() int64 { return clock })
	mustNot(t, src.PutWithTTL("k", 1, time.Second))
	data, err := src.SnapshotKeys([]string{"k"})
	mustNot(t, err)

	dst := store.NewKVStore()
	dst.SetClock(func() int64 { return clock + int64(2*time.Second) })
	mustNot(t, dst.Put("k", "older value"))
	mustNot(t, dst.ApplySnapshot(data))
	if dst.Stored() != 0 {
		t.Fatalf("the expired entry was kept or installed: %d entries", dst.Stored())
	}
}

// jsonTagged has json tags, which a snapshot does not follow: it keeps every
// exported field under its Go name, so that the value comes back whole.
type jsonTagged struct {
	Secret string `json:"-"`
	Name   string `json:"name,omitempty"`
}

func TestSnapshotIgnoresJSONTags(t *testing.T) {
	key := store.NewKey[jsonTagged]("test.jsonTagged")
	s := store.NewKVStore()
	mustNot(t, key.Put(s, jsonTagged{Secret: "s3cret"}))
	back, data := roundTrip(t, s)
	got, err := key.Get(back)
	mustNot(t, err)
	if got != (jsonTagged{Secret: "s3cret"}) {
		t.Fatalf("got %+v from %s", got, data)
	}
	if !bytes.Contains(data, []byte(`"Secret":"s3cret","Name":""`)) {
		t.Fatalf("fields are not written under their Go names: %s", data)
	}
}

// TestSnapshotKeysOfEveryKeyIsTheWholeSnapshot checks that a snapshot of
// all the keys of a store, asked for in any order and with repeats, has
// the bytes of the whole store's: entries of basic values, of values
// encoded by reflection or by their own methods, with TTLs and metadata,
// in any mix.
func TestSnapshotKeysOfEveryKeyIsTheWholeSnapshot(t *testing.T) {
	s := shapesStore(t)
	for i := range 20 {
		k := "mixed." + strconv.Itoa(i)
		switch i % 5 {
		case 0:
			mustNot(t, s.Put(k, i))
		case 1:
			mustNot(t, s.Put(k, "text "+strconv.Itoa(i)))
		case 2:
			mustNot(t, s.PutWithTTL(k, float64(i)/4, time.Hour))
		case 3:
			mustNot(t, s.PutWithMetadata(k, i%2 == 0, &store.Metadata{Tags: []string{"t"}}))
		default:
			mustNot(t, s.Put(k, Point{i, -i}))
		}
	}
	whole, err := s.MarshalJSON()
	mustNot(t, err)
	keys := s.ListKeys()
	asked := append(slices.Clone(keys), keys[:5]...)
	slices.Reverse(asked)
	for _, ask := range [][]string{keys, asked} {
		got, err := s.SnapshotKeys(ask)
		mustNot(t, err)
		if !bytes.Equal(got, whole) {
			t.Fatalf("SnapshotKeys of every key:\n%s\nwant the whole snapshot:\n%s", got, whole)
		}
	}
}

// storeWriter is a value whose MarshalJSON writes to the store it is in,
// the store set in writesTo.
type storeWriter struct{ N int }

var writesTo *store.KVStore

func (w storeWriter) MarshalJSON() ([]byte, error) {
	if err := writesTo.Put("written.by.marshal", w.N); err != nil {
		return nil, err
	}
	return []byte(strconv.Itoa(w.N)), nil
}

func (w *storeWriter) UnmarshalJSON(b []byte) error {
	n, err := strconv.Atoi(string(b))
	w.N = n
	return err
}

// TestSnapshotKeysRunsMarshallersOutsideTheLock checks that a value's own
// marshalling method may use the store being snapshotted: SnapshotKeys
// encodes basic values under the store's lock, but not these.
func TestSnapshotKeysRunsMarshallersOutsideTheLock(t *testing.T) {
	s := store.NewKVStore()
	writesTo = s
	defer func() { writesTo = nil }()
	mustNot(t, s.Put("a.plain", 1))
	mustNot(t, store.NewKey[storeWriter]("b.writer").Put(s, storeWriter{7}))
	mustNot(t, s.Put("c.plain", 3))
	done := make(chan []byte)
	go func() {
		data, err := s.SnapshotKeys([]string{"a.plain", "b.writer", "c.plain"})
		if err != nil {
			t.Error(err)
		}
		done <- data
	}()
	select {
	case data := <-done:
		want := `{"version":1,"entries":{"a.plain":{"type":"int","value":1},` +
			`"b.writer":{"type":"github.com/gostage/gostage/runtime/store_test.storeWriter","value":7},` +
			`"c.plain":{"type":"int","value":3}}}`
		if string(data) != want {
			t.Fatalf("got  %s\nwant %s", data, want)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("SnapshotKeys is stuck: a marshalling method could not write to the store")
	}
	if n, err := store.Get[int](s, "written.by.marshal"); err != nil || n != 7 {
		t.Fatalf("written.by.marshal = %v, %v", n, err)
	}
}
