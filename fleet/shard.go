package fleet

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Shard is one part of a plan: Index of Count, 1-based (as Jest's and
// Playwright's --shard 1/3).
type Shard struct {
	Index, Count int
}

// String is "I/N".
func (s Shard) String() string { return fmt.Sprintf("%d/%d", s.Index, s.Count) }

// MaxShards bounds N.
const MaxShards = 4096

// ParseShard reads "I/N" with 1 <= I <= N.
func ParseShard(s string) (Shard, error) {
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || n > MaxShards || i < 1 || i > n {
		return Shard{}, fmt.Errorf("shard %q: want I/N with 1 <= I <= N <= %d (1-based, as in 2/4)", s, MaxShards)
	}
	return Shard{Index: i, Count: n}, nil
}

// Assign returns the units of shard s, in plan order. The assignment
// depends only on the set of units, not on their order in the plan: units
// are taken largest first (SizeKB; ties and unknown sizes by a hash of
// their ID) and each goes to the shard with the least size so far (then
// the fewest units, then the lowest index). With no sizes known, shard
// sizes differ by at most one unit; with sizes, the largest shard exceeds
// the ideal by at most the largest repository.
func Assign(units []Unit, s Shard) []Unit {
	type item struct {
		i    int
		hash uint64
	}
	items := make([]item, len(units))
	for i, u := range units {
		h := sha256.Sum256([]byte(u.ID))
		items[i] = item{i: i, hash: binary.BigEndian.Uint64(h[:8])}
	}
	sort.Slice(items, func(a, b int) bool {
		ua, ub := units[items[a].i], units[items[b].i]
		if ua.SizeKB != ub.SizeKB {
			return ua.SizeKB > ub.SizeKB
		}
		if items[a].hash != items[b].hash {
			return items[a].hash < items[b].hash
		}
		return ua.ID < ub.ID
	})
	load := make([]int64, s.Count)
	count := make([]int, s.Count)
	mine := make([]bool, len(units))
	for _, it := range items {
		best := 0
		for k := 1; k < s.Count; k++ {
			if load[k] < load[best] || (load[k] == load[best] && count[k] < count[best]) {
				best = k
			}
		}
		load[best] += units[it.i].SizeKB
		count[best]++
		if best == s.Index-1 {
			mine[it.i] = true
		}
	}
	var out []Unit
	for i, u := range units {
		if mine[i] {
			out = append(out, u)
		}
	}
	return out
}
