//go:build unix

package store_test

import (
	"syscall"
	"testing"
)

// cpuTime reports, when the benchmark ends, the CPU time the process used
// per operation ("cpu-ns/op"), beside the wall time: on a machine shared
// with other work, wall time also counts the waits for a core, CPU time
// does not. Call it as defer cpuTime(b)() before the loop.
func cpuTime(b *testing.B) func() {
	start := cpuNanos()
	return func() {
		b.ReportMetric(float64(cpuNanos()-start)/float64(b.N), "cpu-ns/op")
	}
}

func cpuNanos() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
