package store_test

import (
	"bytes"
	"encoding/gob"
	"encoding/json"
	"strconv"
	"testing"

	"github.com/gostage/gostage/runtime/store"
)

// snapshotBenchData returns a store and the equivalent map[string]any
// holding 10,000 entries under declared keys: ints, strings and small
// structs, a third each.
func snapshotBenchData() (*store.KVStore, map[string]any) {
	s := store.NewKVStore()
	m := make(map[string]any, 10000)
	for i := range 10000 {
		name := "bench." + strconv.Itoa(i)
		switch i % 3 {
		case 0:
			_ = store.NewKey[int](name).Put(s, i*7919)
			m[name] = i * 7919
		case 1:
			v := "value number " + strconv.Itoa(i)
			_ = store.NewKey[string](name).Put(s, v)
			m[name] = v
		default:
			v := profile{ID: i, Name: "Ann " + strconv.Itoa(i), Email: "ann@example.com"}
			_ = store.NewKey[profile](name).Put(s, v)
			m[name] = v
		}
	}
	return s, m
}

// BenchmarkSnapshot measures a Marshal and an Unmarshal of 10,000 entries:
// the store's snapshot, which keeps every type, next to encoding/json on
// the equivalent map[string]any (whose ints and structs come back as
// float64 and map[string]any) and encoding/gob on the same map.
func BenchmarkSnapshot(b *testing.B) {
	s, m := snapshotBenchData()
	b.Run("store", func(b *testing.B) {
		for b.Loop() {
			data, err := json.Marshal(s)
			if err != nil {
				b.Fatal(err)
			}
			if err := json.Unmarshal(data, store.NewKVStore()); err != nil {
				b.Fatal(err)
			}
		}
	})
	// The same work without encoding/json's wrapping, which validates the
	// snapshot once on the way out and twice on the way in.
	b.Run("store-direct", func(b *testing.B) {
		for b.Loop() {
			data, err := s.MarshalJSON()
			if err != nil {
				b.Fatal(err)
			}
			if err := store.NewKVStore().UnmarshalJSON(data); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding-json-map", func(b *testing.B) {
		for b.Loop() {
			data, err := json.Marshal(m)
			if err != nil {
				b.Fatal(err)
			}
			var back map[string]any
			if err := json.Unmarshal(data, &back); err != nil {
				b.Fatal(err)
			}
		}
	})
	gob.Register(profile{})
	b.Run("encoding-gob-map", func(b *testing.B) {
		for b.Loop() {
			var buf bytes.Buffer
			if err := gob.NewEncoder(&buf).Encode(m); err != nil {
				b.Fatal(err)
			}
			var back map[string]any
			if err := gob.NewDecoder(&buf).Decode(&back); err != nil {
				b.Fatal(err)
			}
		}
	})
}
