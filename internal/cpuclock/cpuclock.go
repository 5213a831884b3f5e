// Package cpuclock measures how much CPU a function takes on its own
// thread, for tests that compare the cost of one input with another
// (linear, not quadratic) on a shared machine: wall-clock time counts the
// time a busy machine keeps the thread waiting, which grows with the
// length of the run and turns a linear cost into an apparently quadratic
// one; the thread's CPU time does not.
package cpuclock

import (
	"runtime"
	"time"
)

// Measure runs fn once on a locked OS thread and returns the CPU time
// that thread spent in it. Where the platform has no per-thread CPU
// clock it returns the wall-clock time.
func Measure(fn func()) time.Duration {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	start, ok := threadCPU()
	if !ok {
		begin := time.Now()
		fn()
		return time.Since(begin)
	}
	fn()
	end, _ := threadCPU()
	return end - start
}

// Fastest runs fn n times (at least once) and returns the smallest
// Measure: the run least disturbed by the rest of the machine.
func Fastest(n int, fn func()) time.Duration {
	best := Measure(fn)
	for i := 1; i < n; i++ {
		if d := Measure(fn); d < best {
			best = d
		}
	}
	if best <= 0 {
		return time.Nanosecond
	}
	return best
}
