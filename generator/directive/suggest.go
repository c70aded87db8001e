package directive

import "strings"

// Suggest returns the candidate closest to name, or "" when none is close
// enough to be a likely typo: within a third of the name's length in edit
// distance, ignoring case, and never as far as replacing the whole name
// (every one-letter name is one edit from every other).
func Suggest(name string, candidates []string) string {
	best, bestDist := "", -1
	for _, c := range candidates {
		d := distance(strings.ToLower(name), strings.ToLower(c))
		if bestDist < 0 || d < bestDist {
			best, bestDist = c, d
		}
	}
	limit := min(max(1, len(name)/3), len(name)-1)
	if bestDist < 0 || best == name {
		return ""
	}
	if bestDist > limit {
		return completion(name, candidates)
	}
	return best
}

// completion returns the one candidate that name, of three letters or
// more, is the start of (Stat for Status), or "".
func completion(name string, candidates []string) string {
	if len(name) < 3 {
		return ""
	}
	found := ""
	for _, c := range candidates {
		if len(c) > len(name) && strings.EqualFold(c[:len(name)], name) {
			if found != "" {
				return ""
			}
			found = c
		}
	}
	return found
}

// DidYouMean returns ", did you mean X", X being the candidate that
// [Suggest] finds for name, to end a message about an unknown name; ""
// when none is close.
func DidYouMean(name string, candidates []string) string {
	if s := Suggest(name, candidates); s != "" {
		return ", did you mean " + s
	}
	return ""
}

// distance is the edit distance between a and b, in bytes, counting the
// swap of two adjacent bytes as one edit, as it is one typo (optimal
// string alignment).
func distance(a, b string) int {
	// Three rows: a swap looks two rows back.
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
