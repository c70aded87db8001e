package main

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// diffU returns the hunks that diff -u prints from old to new, without
// the file header.
func diffU(t *testing.T, old, new []byte) string {
	t.Helper()
	bin, err := exec.LookPath("diff")
	if err != nil {
		t.Skip("no diff command to compare with")
	}
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	if err := os.WriteFile(a, old, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(b, new, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-u", a, b).Output()
	if err != nil && len(out) == 0 {
		return "" // equal
	}
	_, hunks, _ := strings.Cut(string(out), "\n@@ ")
	if hunks == "" {
		return ""
	}
	return "@@ " + hunks
}

// TestUnified compares unified with diff -u on hand-picked changes and
// on random edits of a Go file: the hunk headers, the context and the
// lines must be the same.
func TestUnified(t *testing.T) {
	src, err := os.ReadFile("run.go")
	if err != nil {
		t.Fatal(err)
	}
	cases := [][2]string{
		{"", ""},
		{"a\n", "a\n"},
		{"", "a\nb\n"},
		{"a\nb\n", ""},
		{"a\n", "b\n"},
		{"a\nb\nc\n", "a\nc\n"},
		{"a\nc\n", "a\nb\nc\n"},
		{"a", "b"},
		{"a\nb", "a\nb\n"},
		{"1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n", "1\n2\nx\n4\n5\n6\n7\n8\n9\n10\n11\ny\n13\n14\n"},
		{"1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1\nx\n3\n4\n5\n6\n7\n8\ny\n"},
		// A fix that removes one import line and adds another, with
		// changes far apart: the new side's line numbers shift.
		{string(src), strings.Replace(strings.Replace(string(src), "\t\"errors\"\n", "", 1), "return exitOK\n}", "return exitOK\n\t// done\n}", 1)},
	}
	r := rand.New(rand.NewPCG(1, 2))
	lines := splitLines(string(src))
	for range 20 {
		cases = append(cases, [2]string{string(src), mutate(r, lines)})
	}
	for i, c := range cases {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			got := unified(c[0], c[1])
			if want := diffU(t, []byte(c[0]), []byte(c[1])); got != want {
				t.Errorf("unified:\n%s\ndiff -u:\n%s", got, want)
			}
		})
	}
}

// mutate returns lines with a few lines deleted, replaced or inserted
// at random places, as fixes and edits do.
func mutate(r *rand.Rand, lines []string) string {
	out := append([]string(nil), lines...)
	for range 1 + r.IntN(6) {
		i := r.IntN(len(out))
		switch r.IntN(3) {
		case 0:
			out = append(out[:i], out[i+1:]...)
		case 1:
			out[i] = fmt.Sprintf("\t// changed %d\n", r.IntN(1000))
		default:
			out = append(out[:i], append([]string{fmt.Sprintf("\tinserted(%d)\n", r.IntN(1000))}, out[i:]...)...)
		}
	}
	return strings.Join(out, "")
}
