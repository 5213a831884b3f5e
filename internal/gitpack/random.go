package gitpack

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"fmt"
	"github.com/klauspost/compress/zlib"
	"io"

	"github.com/go-git/go-git/v5/plumbing"
)

// Pack reads single objects of one pack by id, for a caller that needs a
// few objects of a large pack (a pre-commit hook reading HEAD's commit and
// a few trees): it reads the index's fan-out table once and then only the
// slices of the index and the pack a lookup touches, never the whole
// index (go-git decodes the whole index and builds a map from every
// offset to its id on the first delta it resolves). The delta bases it
// inflates are kept in a small cache (trees along one path share them).
// A Pack is not safe for concurrent use.
type Pack struct {
	idx      io.ReaderAt
	pack     io.ReaderAt
	packSize int64
	n        uint32
	fanout   [256]uint32
	max      int64
	inflater
	bases *baseCache  // by offset
	names [256][]byte // the index's ids by first byte, read on first use
}

// OpenPack prepares random access to a pack (pack of packSize bytes) by
// its version 2 index idx. Objects larger than maxInMemory (0: 1 GiB) are
// refused with ErrTooLarge; up to cacheBytes (0: 16 MiB) of inflated
// objects are kept for later lookups and as delta bases.
func OpenPack(idx io.ReaderAt, pack io.ReaderAt, packSize, maxInMemory, cacheBytes int64) (*Pack, error) {
	var hdr [8 + 256*4]byte
	if _, err := idx.ReadAt(hdr[:], 0); err != nil {
		return nil, fmt.Errorf("%w: index header: %v", ErrCorrupt, err)
	}
	if !bytes.Equal(hdr[:4], []byte{0xff, 't', 'O', 'c'}) || binary.BigEndian.Uint32(hdr[4:]) != 2 {
		return nil, fmt.Errorf("%w: not a version 2 pack index", ErrCorrupt)
	}
	if cacheBytes <= 0 {
		cacheBytes = 16 << 20
	}
	p := &Pack{idx: idx, pack: pack, packSize: packSize, max: maxInMemory, bases: newBaseCache(cacheBytes)}
	if p.max <= 0 {
		p.max = 1 << 30
	}
	prev := uint32(0)
	for i := range p.fanout {
		p.fanout[i] = binary.BigEndian.Uint32(hdr[8+4*i:])
		if p.fanout[i] < prev {
			return nil, fmt.Errorf("%w: index fan-out not sorted", ErrCorrupt)
		}
		prev = p.fanout[i]
	}
	p.n = p.fanout[255]
	return p, nil
}

// find returns the pack offset of the object h.
func (p *Pack) find(h plumbing.Hash) (int64, bool, error) {
	lo := uint32(0)
	if h[0] > 0 {
		lo = p.fanout[h[0]-1]
	}
	hi := p.fanout[h[0]]
	if hi <= lo {
		return 0, false, nil
	}
	names := p.names[h[0]]
	if names == nil {
		names = make([]byte, int(hi-lo)*20)
		if _, err := p.idx.ReadAt(names, 8+256*4+int64(lo)*20); err != nil {
			return 0, false, fmt.Errorf("%w: index names: %v", ErrCorrupt, err)
		}
		p.names[h[0]] = names
	}
	a, b := 0, int(hi-lo)
	for a < b {
		m := (a + b) / 2
		switch c := bytes.Compare(names[m*20:m*20+20], h[:]); {
		case c == 0:
			return p.offset(lo + uint32(m))
		case c < 0:
			a = m + 1
		default:
			b = m
		}
	}
	return 0, false, nil
}

// offset reads the pack offset of the index's i-th object.
func (p *Pack) offset(i uint32) (int64, bool, error) {
	base := 8 + 256*4 + int64(p.n)*24 // names (20) and CRCs (4)
	var b [8]byte
	if _, err := p.idx.ReadAt(b[:4], base+int64(i)*4); err != nil {
		return 0, false, fmt.Errorf("%w: index offsets: %v", ErrCorrupt, err)
	}
	off := int64(binary.BigEndian.Uint32(b[:4]))
	if off&(1<<31) != 0 {
		if _, err := p.idx.ReadAt(b[:], base+int64(p.n)*4+(off&^(1<<31))*8); err != nil {
			return 0, false, fmt.Errorf("%w: index large offsets: %v", ErrCorrupt, err)
		}
		off = int64(binary.BigEndian.Uint64(b[:]))
	}
	if off < 12 || off >= p.packSize-20 {
		return 0, false, fmt.Errorf("%w: object offset %d outside the pack", ErrCorrupt, off)
	}
	return off, true, nil
}

// Object returns the type and content of object h (shared with the
// Pack's cache: read-only), and false when the pack does not hold it.
func (p *Pack) Object(h plumbing.Hash) (plumbing.ObjectType, []byte, bool, error) {
	off, ok, err := p.find(h)
	if err != nil || !ok {
		return plumbing.InvalidObject, nil, ok, err
	}
	t, data, err := p.objectAt(off, 0)
	if err != nil {
		return plumbing.InvalidObject, nil, true, fmt.Errorf("object %s: %w", h, err)
	}
	return t, data, true, nil
}

// objectAt returns the type and content of the object at offset off,
// from the cache of bases when it is there.
func (p *Pack) objectAt(off int64, depth int) (plumbing.ObjectType, []byte, error) {
	if c, ok := p.bases.get(int(off)); ok {
		return plumbing.ObjectType(c[0]), c[1:], nil
	}
	if depth > maxChain {
		return plumbing.InvalidObject, nil, fmt.Errorf("%w: delta chain longer than %d (or a cycle)", ErrCorrupt, maxChain)
	}
	br := bufio.NewReaderSize(io.NewSectionReader(p.pack, off, p.packSize-20-off), 4096)
	oh, err := parseHeader(br)
	if err != nil {
		return plumbing.InvalidObject, nil, err
	}
	typ, size := oh.typ, oh.size
	if size > p.max {
		return plumbing.InvalidObject, nil, fmt.Errorf("%w: %d bytes, the limit is %d", ErrTooLarge, size, p.max)
	}
	var baseOff int64 = -1
	switch typ {
	case typeOFSDelta:
		if baseOff = off - oh.rel; baseOff < 12 {
			return plumbing.InvalidObject, nil, fmt.Errorf("%w: delta base offset %d", ErrCorrupt, baseOff)
		}
	case typeREFDelta:
		o, ok, err := p.find(oh.ref)
		if err != nil {
			return plumbing.InvalidObject, nil, err
		}
		if !ok {
			return plumbing.InvalidObject, nil, fmt.Errorf("%w: delta base %s is not in the pack", ErrCorrupt, oh.ref)
		}
		baseOff = o
	}
	// The type's byte before the content: one slice for the cache.
	data, err := p.inflate(br, size, 1)
	if err != nil {
		return plumbing.InvalidObject, nil, err
	}
	if baseOff >= 0 {
		bt, base, err := p.objectAt(baseOff, depth+1)
		if err != nil {
			return plumbing.InvalidObject, nil, err
		}
		out, err := applyDelta(base, data[1:], p.max)
		if err != nil {
			return plumbing.InvalidObject, nil, err
		}
		data = append(append(make([]byte, 0, 1+len(out)), byte(bt)), out...)
	} else {
		data[0] = byte(typ)
	}
	p.bases.put(int(off), data)
	return plumbing.ObjectType(data[0]), data[1:], nil
}

// inflater inflates zlib streams with one reused reader.
type inflater struct{ zr io.ReadCloser }

// inflate inflates a zlib stream that must hold exactly size bytes into
// a new slice, after pad bytes left for the caller.
func (f *inflater) inflate(src io.Reader, size int64, pad int) ([]byte, error) {
	if f.zr == nil {
		zr, err := zlib.NewReader(src)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
		}
		f.zr = zr
	} else if err := f.zr.(zlib.Resetter).Reset(src, nil); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	out := make([]byte, int64(pad)+size)
	if _, err := io.ReadFull(f.zr, out[pad:]); err != nil {
		return nil, fmt.Errorf("%w: inflating: %v", ErrCorrupt, err)
	}
	var one [1]byte
	if n, err := f.zr.Read(one[:]); n != 0 || err != io.EOF {
		return nil, fmt.Errorf("%w: the object is longer than its header says", ErrCorrupt)
	}
	return out, nil
}
