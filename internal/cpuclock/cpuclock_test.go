package cpuclock

import (
	"testing"
	"time"
)

// spin burns CPU for about n iterations of a loop the compiler cannot
// remove.
func spin(n int) (x uint64) {
	for i := 0; i < n; i++ {
		x = x*6364136223846793005 + 1442695040888963407
	}
	return x
}

var sink uint64

// TestMeasureCountsCPUNotWaiting: sleeping costs no CPU, spinning does,
// and four times the work measures more than twice as much.
func TestMeasureCountsCPUNotWaiting(t *testing.T) {
	slept := Measure(func() { time.Sleep(50 * time.Millisecond) })
	if _, ok := threadCPU(); ok && slept > 20*time.Millisecond {
		t.Errorf("a 50 ms sleep measured %v of CPU", slept)
	}
	one := Fastest(3, func() { sink += spin(2_000_000) })
	four := Fastest(3, func() { sink += spin(8_000_000) })
	if four < 2*one {
		t.Errorf("4x the work measured %v against %v", four, one)
	}
}
