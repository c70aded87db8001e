package store_test

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/gostage/gostage/runtime/store"
)

// valueGen makes values of the shapes snapshots support from fuzz data.
type valueGen struct{ data []byte }

func (g *valueGen) byte() byte {
	if len(g.data) == 0 {
		return 0
	}
	b := g.data[0]
	g.data = g.data[1:]
	return b
}

func (g *valueGen) uint64() uint64 {
	var b [8]byte
	n := copy(b[:], g.data)
	g.data = g.data[n:]
	return binary.LittleEndian.Uint64(b[:])
}

func (g *valueGen) bytes() []byte {
	n := min(int(g.byte()%12), len(g.data))
	b := g.data[:n:n]
	g.data = g.data[n:]
	return bytes.Clone(b)
}

// value returns a value of a random supported shape, nesting at most depth
// levels.
func (g *valueGen) value(depth int) any {
	kinds := 22
	if depth <= 0 {
		kinds = 12 // scalars only
	}
	switch g.byte() % byte(kinds) {
	case 0:
		return int(g.uint64())
	case 1:
		return int8(g.byte())
	case 2:
		return g.uint64()
	case 3:
		return math.Float64frombits(g.uint64())
	case 4:
		return math.Float32frombits(uint32(g.uint64()))
	case 5:
		return string(g.bytes()) // often not valid UTF-8
	case 6:
		return g.bytes()
	case 7:
		offset := int(int8(g.byte())) * 7 * 60 // within ±15h
		return time.Date(int(g.uint64()%10000), time.Month(g.byte()%12+1), int(g.byte()%28+1),
			int(g.byte()%24), 0, int(g.byte()%60), int(g.uint64()%1e9), time.FixedZone("", offset))
	case 8:
		return time.Duration(g.uint64())
	case 9:
		return Celsius(math.Float64frombits(g.uint64()))
	case 10:
		return Status(g.bytes())
	case 11:
		return complex(math.Float64frombits(g.uint64()), float64(g.byte()))
	case 12:
		return Point{X: int(g.uint64()), Y: -int(g.byte())}
	case 13:
		if g.byte()%2 == 0 {
			return (*Point)(nil)
		}
		return &Point{X: int(g.byte())}
	case 14:
		n := int(g.byte() % 4)
		s := make([]any, n)
		for i := range s {
			s[i] = g.value(depth - 1)
		}
		return s
	case 15:
		m := map[string]any{}
		for range g.byte() % 4 {
			m[string(g.bytes())] = g.value(depth - 1)
		}
		return m
	case 16:
		m := map[int]string{}
		for range g.byte() % 4 {
			m[int(int8(g.byte()))] = string(g.bytes())
		}
		return m
	case 17:
		return Line{SKU: string(g.bytes()), Qty: uint16(g.uint64()), Extra: g.value(depth - 1),
			Attrs: map[Status]int{Status(g.bytes()): int(g.byte())}, Tags: []string{string(g.bytes())}}
	case 18:
		return Pair[int, Status]{First: int(g.uint64()), Second: Status(g.bytes())}
	case 19:
		return [3]uint64{g.uint64(), g.uint64()}
	case 20:
		return map[Point][]byte{{X: int(g.byte())}: g.bytes()}
	}
	return nil
}

// fuzzStore builds a store from data, whose clock is at now: keys with
// values of random shapes, some with TTLs, tags and properties.
func fuzzStore(t *testing.T, data []byte, now int64) *store.KVStore {
	g := &valueGen{data: data}
	s := store.NewKVStore()
	s.SetClock(func() int64 { return now })
	for i := 0; len(g.data) > 0 && i < 20; i++ {
		key := "k" + strconv.Itoa(int(g.byte()))
		v := g.value(3)
		switch g.byte() % 4 {
		case 0:
			mustNot(t, s.PutWithTTL(key, v, time.Duration(g.uint64()%uint64(time.Hour))+1))
		case 1:
			mustNot(t, s.Put(key, v))
			mustNot(t, s.AddTag(key, string(g.bytes())))
			mustNot(t, s.SetProperty(key, "p", g.value(1)))
		default:
			mustNot(t, s.Put(key, v))
		}
	}
	return s
}

// FuzzSnapshotRoundTrip checks that Unmarshal(Marshal(s)) equals s, values,
// types, expiry times and metadata alike, for random stores of supported
// shapes, and that a second Marshal gives the same bytes.
func FuzzSnapshotRoundTrip(f *testing.F) {
	f.Add([]byte{1, 0, 0})
	f.Add([]byte("\x05\x05\x03\xff\xfe\x00\x01\x07ABCDEFGH\x01\x02\x03\x04\x05\x06\x07\x08\x09"))
	f.Add([]byte("\x02\x0e\x03\x0f\x02\x05\x01a\x11\x09\x00\x00\x00\x00\x00\x00\xf8\x7f\x01\x01x"))
	f.Add([]byte("\x03\x11\x03abc\x01\x02\x09\x00\x00\x00\x00\x00\x00\xf0\xff\x01\x04\x13\x09\x08\x07\x06\x05\x04\x03\x02\x01"))
	f.Fuzz(func(t *testing.T, data []byte) {
		now := time.Date(2026, 5, 6, 7, 8, 9, 10, time.UTC).UnixNano()
		s := fuzzStore(t, data, now)
		snap, err := json.Marshal(s)
		if err != nil {
			t.Fatalf("marshal: %v", err)
		}
		back := store.NewKVStore()
		back.SetClock(func() int64 { return now })
		if err := json.Unmarshal(snap, back); err != nil {
			t.Fatalf("unmarshal: %v\n%s", err, snap)
		}
		keys := s.ListKeys()
		if got := back.ListKeys(); !slices.Equal(got, keys) {
			t.Fatalf("keys %q, want %q", got, keys)
		}
		for _, k := range keys {
			want, _ := store.Get[any](s, k)
			got, _ := store.Get[any](back, k)
			if !same(got, want) {
				t.Errorf("%s: got %T %#v, want %T %#v", k, got, got, want, want)
			}
			wantAt, _ := s.ExpiresAt(k)
			if gotAt, _ := back.ExpiresAt(k); gotAt != wantAt {
				t.Errorf("%s: expires at %d, want %d", k, gotAt, wantAt)
			}
			wantMD, _ := s.GetMetadata(k)
			if gotMD, _ := back.GetMetadata(k); !same(gotMD, wantMD) {
				t.Errorf("%s: metadata %+v, want %+v", k, gotMD, wantMD)
			}
		}
		again, err := json.Marshal(back)
		if err != nil || !bytes.Equal(again, snap) {
			t.Fatalf("a second marshal differs (%v):\n%s\nwant:\n%s", err, again, snap)
		}
	})
}

// FuzzApplySnapshot feeds arbitrary bytes to ApplySnapshot: it must never
// panic, and must leave the store unchanged when it fails.
func FuzzApplySnapshot(f *testing.F) {
	for _, seed := range [][]byte{{1, 0, 0}, []byte("\x02\x0e\x03\x0f\x02\x05\x01a\x11\x09")} {
		now := time.Now().UnixNano()
		data, err := json.Marshal(fuzzStore(&testing.T{}, seed, now))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
		f.Add(data[:len(data)/2])
	}
	f.Add([]byte(`{"version":1,"entries":{"k":{"type":"map[int]*[2]any","value":[[1,[null,{"type":"int8","value":-1}]]]}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s := store.NewKVStore()
		mustNot(t, s.Put("mine", 1))
		if err := s.ApplySnapshot(data); err != nil {
			if keys := s.ListKeys(); !slices.Equal(keys, []string{"mine"}) {
				t.Fatalf("a failed apply changed the store: %q", keys)
			}
		}
	})
}
