package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
)

// printDiffs writes the change of each fixed file as a unified diff, as
// `diff -u` prints it, with paths relative to dir under a/ and b/ so that
// `git apply` takes it.
func printDiffs(w io.Writer, dir string, files []fixedFile) error {
	for _, f := range files {
		name := filepath.ToSlash(shortPath(dir, f.name))
		if _, err := fmt.Fprintf(w, "--- a/%s\n+++ b/%s\n", name, name); err != nil {
			return err
		}
		if _, err := io.WriteString(w, unified(string(f.old), string(f.new))); err != nil {
			return err
		}
	}
	return nil
}

// context is the number of unchanged lines shown around a change.
const context = 3

// opKind says what a line of a diff does.
type opKind byte

const (
	opSame   opKind = ' '
	opDelete opKind = '-'
	opInsert opKind = '+'
)

// op is one line of a diff, with the number of lines of each side before
// it.
type op struct {
	kind   opKind
	line   string
	before [2]int
}

// unified returns the hunks of the unified diff from old to new, with
// their @@ headers, without the file header; "" when they are equal.
func unified(old, new string) string {
	ops := diffLines(splitLines(old), splitLines(new))
	var b strings.Builder
	for start := 0; start < len(ops); {
		first := nextChange(ops, start)
		if first == len(ops) {
			break
		}
		from := max(first-context, start)
		end := hunkEnd(ops, first)
		writeHunk(&b, ops[from:end])
		start = end
	}
	return b.String()
}

// nextChange returns the index of the first op from i that is not an
// unchanged line, or len(ops).
func nextChange(ops []op, i int) int {
	for i < len(ops) && ops[i].kind == opSame {
		i++
	}
	return i
}

// hunkEnd returns the end of the hunk whose first change is at i: it
// takes the changes that fewer than 2*context unchanged lines separate,
// and context lines after the last.
func hunkEnd(ops []op, i int) int {
	for {
		for i < len(ops) && ops[i].kind != opSame {
			i++
		}
		next := nextChange(ops, i)
		if next == len(ops) || next-i > 2*context {
			return min(i+context, len(ops))
		}
		i = next
	}
}

// writeHunk writes one hunk: its header, then its lines.
func writeHunk(b *strings.Builder, ops []op) {
	var n [2]int
	for _, o := range ops {
		switch o.kind {
		case opSame:
			n[0]++
			n[1]++
		case opDelete:
			n[0]++
		case opInsert:
			n[1]++
		}
	}
	fmt.Fprintf(b, "@@ -%s +%s @@\n", hunkRange(ops[0].before[0], n[0]), hunkRange(ops[0].before[1], n[1]))
	for _, o := range ops {
		b.WriteByte(byte(o.kind))
		b.WriteString(o.line)
		if !strings.HasSuffix(o.line, "\n") {
			b.WriteString("\n\\ No newline at end of file\n")
		}
	}
}

// hunkRange is the range of one side in a hunk header: the first line
// and the count, the count left out when it is 1; an empty range names
// the line before it.
func hunkRange(before, n int) string {
	switch n {
	case 0:
		return fmt.Sprintf("%d,0", before)
	case 1:
		return fmt.Sprintf("%d", before+1)
	}
	return fmt.Sprintf("%d,%d", before+1, n)
}

// splitLines splits s after each newline; the last line lacks one when s
// does not end with one.
func splitLines(s string) []string {
	var lines []string
	for s != "" {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			lines = append(lines, s)
			break
		}
		lines = append(lines, s[:i+1])
		s = s[i+1:]
	}
	return lines
}

// diffLines returns a shortest edit script from a to b, by Myers'
// algorithm: for each number of edits d, the furthest point reached on
// each diagonal k = x - y, then a walk back through those points.
func diffLines(a, b []string) []op {
	n, m := len(a), len(b)
	offset := n + m + 1
	v := make([]int, 2*offset+1)
	// trace[d] holds v for diagonals -d-1..d+1 before round d.
	var trace [][]int
	for d := 0; d <= n+m; d++ {
		trace = append(trace, append([]int(nil), v[offset-d-1:offset+d+2]...))
		for k := -d; k <= d; k += 2 {
			x := v[offset+k-1] + 1 // a deletion, from diagonal k-1
			if k == -d || k != d && v[offset+k-1] < v[offset+k+1] {
				x = v[offset+k+1] // an insertion, from diagonal k+1
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x++
				y++
			}
			v[offset+k] = x
			if x >= n && y >= m {
				return walkBack(a, b, trace)
			}
		}
	}
	return nil // not reached: d = n+m always ends
}

// walkBack turns the trace of diffLines into the edit script.
func walkBack(a, b []string, trace [][]int) []op {
	x, y := len(a), len(b)
	var ops []op
	for d := len(trace) - 1; d >= 0; d-- {
		v := func(k int) int { return trace[d][k+d+1] }
		k := x - y
		prevK := k - 1
		if k == -d || k != d && v(k-1) < v(k+1) {
			prevK = k + 1
		}
		prevX := v(prevK)
		prevY := prevX - prevK
		for x > prevX && y > prevY {
			x--
			y--
			ops = append(ops, op{kind: opSame, line: a[x], before: [2]int{x, y}})
		}
		if d == 0 {
			break
		}
		if x == prevX {
			y--
			ops = append(ops, op{kind: opInsert, line: b[y], before: [2]int{x, y}})
		} else {
			x--
			ops = append(ops, op{kind: opDelete, line: a[x], before: [2]int{x, y}})
		}
	}
	for i, j := 0, len(ops)-1; i < j; i, j = i+1, j-1 {
		ops[i], ops[j] = ops[j], ops[i]
	}
	return ops
}
