//go:build !linux

package cpuclock

import "time"

func threadCPU() (time.Duration, bool) { return 0, false }
