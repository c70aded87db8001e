package store

import "slices"

// radixMin is the length under which sortKeys compares whole strings: for
// short runs a radix pass costs more than it saves.
const radixMin = 32

// sortKeys sorts keys in place, in the order of slices.Sort. Long lists,
// such as the collisions of a large merge, are sorted by a radix sort on
// bytes, most significant first: it reads each byte of a common prefix
// once per key instead of once per comparison, and is several times
// faster than comparing strings.
func sortKeys(keys []string) {
	if len(keys) < radixMin {
		slices.Sort(keys)
		return
	}
	radixSort(keys, make([]string, len(keys)), 0)
}

// radixSort sorts keys, which all share their first depth bytes, using
// buf, of the same length, as scratch space.
func radixSort(keys, buf []string, depth int) {
	var counts [257]int
	lo, hi := 0, 0
	for {
		if len(keys) < radixMin {
			slices.Sort(keys)
			return
		}
		lo, hi = len(counts), 0
		for _, k := range keys {
			b := byteAt(k, depth)
			counts[b]++
			lo, hi = min(lo, b), max(hi, b)
		}
		if lo < hi {
			break
		}
		counts[lo] = 0
		if lo == 0 {
			return // every key ends here: they are equal
		}
		depth++ // one more byte of common prefix: nothing to move
	}
	var next [257]int
	sum := 0
	for b := lo; b <= hi; b++ {
		next[b] = sum
		sum += counts[b]
	}
	for _, k := range keys {
		b := byteAt(k, depth)
		buf[next[b]] = k
		next[b]++
	}
	copy(keys, buf)
	// Bucket 0 holds the keys that end at depth, all equal.
	start := counts[0]
	for b := max(lo, 1); b <= hi; b++ {
		if n := counts[b]; n > 1 {
			radixSort(keys[start:start+n], buf[start:start+n], depth+1)
		}
		start += counts[b]
	}
}

// byteAt returns the byte of k at i plus one, or 0 when k is shorter: a
// key that ends sorts before every key it is a prefix of.
func byteAt(k string, i int) int {
	if i < len(k) {
		return int(k[i]) + 1
	}
	return 0
}
