package rules

import (
	"encoding/binary"
	"hash/maphash"
	"sync"
)

// A history holds thousands of versions of the same files, and the few
// lines around a value (a config block, a test fixture) recur unchanged
// in most of them. regexMemo remembers, per rule and window content, where
// the rule's regex matched, so a window seen before costs a hash instead
// of a regex run. Results depend only on the window's bytes: the regex
// runs on the window alone, and every check that looks further (context,
// allowlists, entropy) is applied afresh to each match.
//
// Keys are 64-bit hashes with a per-process random seed, with the window
// length folded in: a collision needs equal lengths and equal hashes under
// a seed no input can know. The memo is bounded: a shard that fills up is
// emptied.
type regexMemo struct {
	seed   maphash.Seed
	shards [memoShards]memoShard
}

const (
	memoShards     = 64
	memoShardLimit = 8 << 10 // entries per shard: 512 Ki in all
	memoMaxWindow  = 64 << 10
)

type memoShard struct {
	mu sync.Mutex
	m  map[uint64][]int32 // nil: no match
}

func newRegexMemo() *regexMemo {
	return &regexMemo{seed: maphash.MakeSeed()}
}

func (mm *regexMemo) key(rule int, w []byte) uint64 {
	var h maphash.Hash
	h.SetSeed(mm.seed)
	var pre [16]byte
	binary.LittleEndian.PutUint64(pre[:8], uint64(rule))
	binary.LittleEndian.PutUint64(pre[8:], uint64(len(w)))
	h.Write(pre[:])
	h.Write(w)
	return h.Sum64()
}

// get returns the memoised matches for key, flattened (each match is
// 2*(groups+1) offsets relative to the window), and whether key is known.
func (mm *regexMemo) get(key uint64) ([]int32, bool) {
	sh := &mm.shards[key%memoShards]
	sh.mu.Lock()
	v, ok := sh.m[key]
	sh.mu.Unlock()
	return v, ok
}

func (mm *regexMemo) put(key uint64, locs [][]int) {
	var flat []int32
	for _, loc := range locs {
		for _, x := range loc {
			flat = append(flat, int32(x))
		}
	}
	sh := &mm.shards[key%memoShards]
	sh.mu.Lock()
	if sh.m == nil || len(sh.m) >= memoShardLimit {
		sh.m = make(map[uint64][]int32)
	}
	sh.m[key] = flat
	sh.mu.Unlock()
}

// findAll runs r's regex on data[lo:hi] through the memo, returning
// match locations as offsets into data.
func (s *Set) findAll(r *rule, data []byte, lo, hi int) [][]int {
	w := data[lo:hi]
	if s.memo == nil || len(w) > memoMaxWindow {
		return shift(r.findAllIn(w), lo)
	}
	k := s.memo.key(r.idx, w)
	if flat, ok := s.memo.get(k); ok {
		if len(flat) == 0 {
			return nil
		}
		n := 2 * (r.regex().NumSubexp() + 1)
		out := make([][]int, 0, len(flat)/n)
		for i := 0; i+n <= len(flat); i += n {
			loc := make([]int, n)
			for j := range loc {
				loc[j] = int(flat[i+j])
			}
			out = append(out, loc)
		}
		return shift(out, lo)
	}
	locs := r.findAllIn(w)
	s.memo.put(k, locs)
	return shift(locs, lo)
}

// shift moves window-relative locations to content offsets.
func shift(locs [][]int, by int) [][]int {
	for _, loc := range locs {
		for i := range loc {
			if loc[i] >= 0 {
				loc[i] += by
			}
		}
	}
	return locs
}
