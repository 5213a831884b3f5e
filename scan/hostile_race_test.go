//go:build race

package scan_test

// raceEnabled scales the heavy hostile cases down under the race detector,
// which makes go-git's zlib and pack code 10-30x slower.
const raceEnabled = true
