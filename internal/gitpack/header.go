package gitpack

import (
	"fmt"
	"io"

	"github.com/go-git/go-git/v5/plumbing"
)

// objectHeader is an object's header as the pack stores it
// (gitformat-pack(5), "Pack file entry").
type objectHeader struct {
	typ  int8
	size int64         // inflated size (of the delta itself for a delta)
	rel  int64         // an OFS delta: how far before the object its base starts
	ref  plumbing.Hash // a REF delta: its base's id
	n    int           // the header's length in bytes
}

// parseHeader reads an object's header from r: the type and size, then
// an OFS delta's base distance or a REF delta's base id. Every error wraps
// ErrCorrupt.
func parseHeader(r io.ByteReader) (objectHeader, error) {
	var h objectHeader
	next := func() (byte, error) {
		c, err := r.ReadByte()
		if err != nil {
			return 0, fmt.Errorf("%w: truncated object header", ErrCorrupt)
		}
		h.n++
		return c, nil
	}
	c, err := next()
	if err != nil {
		return h, err
	}
	h.typ, h.size = int8(c>>4)&7, int64(c&15)
	for shift := 4; c&0x80 != 0; shift += 7 {
		if c, err = next(); err != nil {
			return h, err
		}
		if shift > 56 {
			return h, fmt.Errorf("%w: object size overflows", ErrCorrupt)
		}
		h.size |= int64(c&0x7f) << shift
	}
	switch h.typ {
	case typeCommit, typeTree, typeBlob, typeTag:
	case typeOFSDelta:
		if c, err = next(); err != nil {
			return h, err
		}
		h.rel = int64(c & 0x7f)
		for c&0x80 != 0 {
			if c, err = next(); err != nil {
				return h, err
			}
			if h.rel > (1<<55)-1 {
				return h, fmt.Errorf("%w: delta base offset overflows", ErrCorrupt)
			}
			h.rel = (h.rel+1)<<7 | int64(c&0x7f)
		}
		if h.rel <= 0 {
			return h, fmt.Errorf("%w: delta base at distance %d", ErrCorrupt, h.rel)
		}
	case typeREFDelta:
		for k := range h.ref {
			if h.ref[k], err = next(); err != nil {
				return h, err
			}
		}
	default:
		return h, fmt.Errorf("%w: object type %d", ErrCorrupt, h.typ)
	}
	return h, nil
}
