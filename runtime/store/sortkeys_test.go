package store

import (
	"slices"
	"strconv"
	"strings"
	"testing"
)

// FuzzSortKeysSortsAsSlicesSort sorts lists of keys built from the fuzz
// input, long enough for the radix sort, with shared prefixes, prefixes of
// one another and empty keys, and compares with slices.Sort.
func FuzzSortKeysSortsAsSlicesSort(f *testing.F) {
	f.Add([]byte("k0,k1,k10,k,workflow.user.id,workflow.user,,\xff\x00,a"), uint8(7))
	f.Add([]byte("b,a,b,a,ab,ba,aa,,a"), uint8(40))
	f.Fuzz(func(t *testing.T, data []byte, times uint8) {
		words := strings.Split(string(data), ",")
		var keys []string
		for i := range int(times)%50 + 1 {
			for j, w := range words {
				keys = append(keys, w+strconv.Itoa((i*31+j)%97), w)
			}
		}
		want := slices.Clone(keys)
		slices.Sort(want)
		sortKeys(keys)
		if !slices.Equal(keys, want) {
			t.Fatalf("sortKeys = %q\nwant %q", keys, want)
		}
	})
}

func TestSortKeysSortsManyKeys(t *testing.T) {
	var keys []string
	for i := range 5000 {
		keys = append(keys, "k"+strconv.Itoa(i*7919%5000), "workflow.stage."+strconv.Itoa(i))
	}
	want := slices.Clone(keys)
	slices.Sort(want)
	sortKeys(keys)
	if !slices.Equal(keys, want) {
		t.Fatal("sortKeys sorts 10,000 keys otherwise than slices.Sort")
	}
}

// BenchmarkSortKeys sorts the 10,000 keys of a large merge, beside
// slices.Sort.
func BenchmarkSortKeys(b *testing.B) {
	keys := make([]string, 10000)
	for i := range keys {
		keys[i] = "k" + strconv.Itoa(i*7919%10000)
	}
	work := make([]string, len(keys))
	b.Run("slices.Sort", func(b *testing.B) {
		for b.Loop() {
			copy(work, keys)
			slices.Sort(work)
		}
	})
	b.Run("sortKeys", func(b *testing.B) {
		for b.Loop() {
			copy(work, keys)
			sortKeys(work)
		}
	})
}
