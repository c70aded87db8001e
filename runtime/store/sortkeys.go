package store

import "sync"

// radixMin is the length under which sortKeys sorts by insertion: for
// short runs a radix pass costs more than it saves.
const radixMin = 12

// sortKeys sorts keys in place, in the order of slices.Sort. Long lists,
// such as the collisions of a large merge, are sorted by a radix sort on
// bytes, most significant first: it reads each byte of a common prefix
// once per key instead of once per comparison, and is several times
// faster than comparing strings.
func sortKeys(keys []string) {
	if len(keys) < radixMin {
		insertionSort(keys, 0)
		return
	}
	sc := scratchPool.Get().(*scratch)
	if cap(sc.keys) < len(keys) {
		sc.keys, sc.digits = make([]string, len(keys)), make([]uint16, len(keys))
	}
	radixSort(keys, sc.keys[:len(keys)], sc.digits[:len(keys)], 0)
	clear(sc.keys[:len(keys)]) // keep no key alive
	scratchPool.Put(sc)
}

// scratch is the scratch space of a radix sort: room for the keys and for
// the byte of each key a pass sorts by.
type scratch struct {
	keys   []string
	digits []uint16
}

// scratchPool holds scratch space, so that sorting the keys of a large
// merge or listing allocates nothing more than the result: an allocation
// as large as the keys themselves would make the garbage collector run
// about twice as often.
var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// radixSort sorts keys, which all share their first depth bytes, using
// buf and digits, of the same length, as scratch space. A pass reads the
// byte at depth of each key once, into digits: the bytes of the keys are
// scattered in memory, and reading them is most of the work.
func radixSort(keys, buf []string, digits []uint16, depth int) {
	// pos[b] counts the keys whose byte at depth is b-1 (0: ended), then
	// becomes where the next of them goes, then where they end.
	var pos [257]uint32
	lo, hi := 0, 0
	for {
		if len(keys) < radixMin {
			insertionSort(keys, depth)
			return
		}
		lo, hi = len(pos), 0
		for i, k := range keys {
			b := byteAt(k, depth)
			digits[i] = uint16(b)
			pos[b]++
			lo, hi = min(lo, b), max(hi, b)
		}
		if lo < hi {
			break
		}
		pos[lo] = 0
		if lo == 0 {
			return // every key ends here: they are equal
		}
		depth++ // one more byte of common prefix: nothing to move
	}
	sum := uint32(0)
	for b := lo; b <= hi; b++ {
		pos[b], sum = sum, sum+pos[b]
	}
	for i, k := range keys {
		b := digits[i]
		buf[pos[b]] = k
		pos[b]++
	}
	copy(keys, buf)
	// The keys that end at depth (bucket 0) are equal; the others are
	// sorted by what follows.
	start := uint32(0)
	for b := lo; b <= hi; b++ {
		if end := pos[b]; b > 0 && end-start > 1 {
			radixSort(keys[start:end], buf[start:end], digits[start:end], depth+1)
		}
		start = pos[b]
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

// insertionSort sorts keys, which all share their first depth bytes,
// comparing only what follows: a short run left by the radix passes is
// sorted faster this way than by a sort that compares whole strings.
func insertionSort(keys []string, depth int) {
	for i := 1; i < len(keys); i++ {
		k := keys[i]
		j := i
		for ; j > 0 && k[depth:] < keys[j-1][depth:]; j-- {
			keys[j] = keys[j-1]
		}
		keys[j] = k
	}
}
