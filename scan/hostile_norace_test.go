//go:build !race

package scan_test

// raceEnabled scales the heavy hostile cases down under the race detector.
const raceEnabled = false
