package durabletest

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
)

// CheckOneRuns checks the end of a race between workers started on one run
// with [Options.Hold]: exactly one of them holds the run and, once
// released, runs it to the end; every other one is told the run is in
// progress and runs nothing.
func CheckOneRuns(t *testing.T, workers []*Worker) {
	t.Helper()
	first := make(chan string, len(workers))
	for _, w := range workers {
		go func() { first <- w.Await() }()
	}
	got := make([]string, len(workers))
	for i := range got {
		got[i] = <-first
	}
	want := slices.Repeat([]string{InProgress}, len(workers))
	want[0] = "hold"
	assert.ElementsMatch(t, want, got, "exactly one worker runs the run")
	for _, w := range workers {
		held := slices.Contains(w.Output(), "hold")
		if held {
			w.Release()
		}
		o := w.Finish()
		if held {
			assert.Equal(t, Done, o.Result)
			assert.Len(t, o.Ran, 6)
		} else {
			assert.Equal(t, InProgress, o.Result)
			assert.Empty(t, o.Ran, "a worker that lost the race runs nothing")
		}
	}
}
