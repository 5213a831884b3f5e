package rules

import (
	"bytes"
	"sort"
)

// Allow markers: a line carrying one of these is never reported. None
// holds a line break.
var allowMarkers = [][]byte{[]byte("keyhound:allow"), []byte("gitleaks:allow")}

// content is what one Find call works out about its data once and then
// looks up per match: the line index and where the allow markers are.
// Per-match checks therefore cost the same on a minified line of
// megabytes as on a short one: a lookup, never a pass over the line.
type content struct {
	data  []byte
	li    *lineIndex
	marks []int // start offsets of allow markers, ascending
	found bool  // marks has been filled
	work  *workCount
}

// workCount counts the work that per-content and per-match checks do.
// Tests use it to show growth is linear; nil outside tests.
type workCount struct {
	markerBytes  int // bytes searched for allow markers
	postCompares int // comparisons by the post-filters (composite rules, precedence)
}

func newContent(data []byte, work *workCount) *content {
	return &content{data: data, work: work}
}

// lines returns the line index, built on first use.
func (c *content) lines() *lineIndex {
	if c.li == nil {
		c.li = newLineIndex(c.data)
	}
	return c.li
}

// allowMarked reports whether an allow marker starts in data[lo:hi].
// Callers pass whole lines (hi at a line break or the end), and markers
// hold no line break, so such a marker also ends inside.
func (c *content) allowMarked(lo, hi int) bool {
	if !c.found {
		c.found = true
		for _, mk := range allowMarkers {
			if c.work != nil {
				c.work.markerBytes += len(c.data)
			}
			for off := 0; ; {
				i := bytes.Index(c.data[off:], mk)
				if i < 0 {
					break
				}
				c.marks = append(c.marks, off+i)
				off += i + 1
			}
		}
		sort.Ints(c.marks)
	}
	i := sort.SearchInts(c.marks, lo)
	return i < len(c.marks) && c.marks[i] < hi
}
