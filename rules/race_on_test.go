//go:build race

package rules

// raceEnabled scales the heavy single-goroutine equivalence tests down
// under the race detector, which finds nothing in them and makes regexp
// runs some ten times slower.
const raceEnabled = true
