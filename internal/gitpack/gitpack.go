// Package gitpack reads the blobs of one git pack in a single sequential
// pass: each object is inflated at most once (a delta base evicted from
// the cache excepted), deltas are resolved from a bounded cache of recent
// bases keyed by pack offset, and objects whose type is known not to be a
// blob (commits, trees, tags and deltas against them) are skipped without
// inflating them. Object ids come from the pack's index, so no content is
// hashed.
//
// The pack and its index are untrusted input: every offset, size, delta
// instruction and chain is checked, a declared size is never allocated
// beyond Options.MaxInMemory, and a damaged object ends the pass with an
// error naming it (the caller can fall back to reading the rest by id).
package gitpack

import (
	"bytes"
	"container/list"
	"context"
	"errors"
	"fmt"
	"github.com/klauspost/compress/zlib"
	"io"
	"slices"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/format/idxfile"
)

// Object types as the pack format numbers them.
const (
	typeCommit   = 1
	typeTree     = 2
	typeBlob     = 3
	typeTag      = 4
	typeOFSDelta = 6
	typeREFDelta = 7

	resolving = -1 // entry.typ while its delta chain is followed
)

// maxChain bounds a delta chain (git's default depth is 50; a chain of
// REF deltas can also form a cycle in a hostile pack).
const maxChain = 10000

// ErrCorrupt is wrapped by every error about the pack's content.
var ErrCorrupt = errors.New("corrupt pack")

// ErrTooLarge is wrapped by the error about an object that would have to
// be inflated into memory beyond Options.MaxInMemory.
var ErrTooLarge = errors.New("object over the in-memory limit")

// Options bound the memory one pass uses.
type Options struct {
	// CacheBytes bounds the delta bases kept in memory (default 64 MiB).
	CacheBytes int64
	// Large is the size from which a blob stored whole (not as a delta)
	// is not inflated by the pass but handed over as a stream
	// (Blob.Open); 0 means never.
	Large int64
	// MaxInMemory is the largest object the pass inflates into memory
	// (default 1 GiB); a blob stored whole that is larger is streamed,
	// a deltified one whose result or base is larger is delivered with
	// ErrTooLarge.
	MaxInMemory int64
}

// Blob is one blob of the pack: its content in Data (shared with the
// pass's cache: read-only), or, for a large blob stored whole (Streamed),
// a stream of it from Open, or, for a deltified blob that would be
// inflated beyond Options.MaxInMemory, an Err wrapping ErrTooLarge.
type Blob struct {
	Hash     plumbing.Hash
	Size     int64
	Data     []byte
	Streamed bool
	Err      error
	// Seq is how many objects of the pack (of every type) the pass has
	// gone through, this blob included: progress against the index's
	// object count.
	Seq int

	start, end int64 // a streamed blob's zlib stream in the pack
}

// Open returns a stream of a Streamed blob's content read from pack (the
// same pack file, opened by the caller: the pass may be over by the time
// the blob is read).
func (b Blob) Open(pack io.ReaderAt) (io.ReadCloser, error) {
	if !b.Streamed {
		return io.NopCloser(bytes.NewReader(b.Data)), nil
	}
	zr, err := zlib.NewReader(io.NewSectionReader(pack, b.start, b.end-b.start))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	return struct {
		io.Reader
		io.Closer
	}{io.LimitReader(zr, b.Size), zr}, nil
}

// entry is one object of the pack, in offset order.
type entry struct {
	hash plumbing.Hash
	off  int64
	end  int64 // where the next object (or the trailer) starts
	typ  int8  // resolved type: 0 unknown, resolving
}

type reader struct {
	pack    io.ReaderAt
	entries []entry
	byHash  map[plumbing.Hash]int
	opts    Options
	cache   *baseCache
	buf     []byte // the current object's compressed bytes
	inflater
	src bytes.Reader // over buf, for the inflater
}

// Blobs calls fn for every blob of the pack (pack is the .pack file,
// size its length, idx its decoded index), in pack order. It stops at the
// first error fn returns, at the first damaged object, or when ctx ends;
// a blob too large to resolve in memory is delivered with its Err set.
func Blobs(ctx context.Context, pack io.ReaderAt, size int64, idx *idxfile.MemoryIndex, opts Options, fn func(Blob) error) error {
	r, err := newReader(pack, size, idx, opts)
	if err != nil {
		return err
	}
	for i := range r.entries {
		if i&255 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		b, ok, err := r.blobAt(i)
		if errors.Is(err, ErrTooLarge) {
			// That blob only: the rest of the pack is fine.
			b, ok, err = Blob{Hash: r.entries[i].hash, Err: err}, true, nil
		}
		if err != nil {
			return fmt.Errorf("object %s at offset %d: %w", r.entries[i].hash, r.entries[i].off, err)
		}
		if !ok {
			continue
		}
		b.Seq = i + 1
		if err := fn(b); err != nil {
			return err
		}
	}
	return nil
}

func newReader(pack io.ReaderAt, size int64, idx *idxfile.MemoryIndex, opts Options) (*reader, error) {
	if opts.CacheBytes <= 0 {
		opts.CacheBytes = 64 << 20
	}
	if opts.MaxInMemory <= 0 {
		opts.MaxInMemory = 1 << 30
	}
	var hdr [12]byte
	if _, err := pack.ReadAt(hdr[:], 0); err != nil {
		return nil, fmt.Errorf("%w: reading the header: %v", ErrCorrupt, err)
	}
	if string(hdr[:4]) != "PACK" || (be32(hdr[4:]) != 2 && be32(hdr[4:]) != 3) {
		return nil, fmt.Errorf("%w: not a version 2 or 3 pack", ErrCorrupt)
	}
	n := int64(be32(hdr[8:]))
	it, err := idx.Entries()
	if err != nil {
		return nil, fmt.Errorf("reading the index: %w", err)
	}
	defer it.Close()
	count, _ := idx.Count()
	if count != n {
		return nil, fmt.Errorf("%w: the index lists %d objects, the pack holds %d", ErrCorrupt, count, n)
	}
	r := &reader{pack: pack, opts: opts, byHash: make(map[plumbing.Hash]int, n), cache: newBaseCache(opts.CacheBytes)}
	r.entries = make([]entry, 0, n)
	for {
		e, err := it.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("reading the index: %w", err)
		}
		if int64(e.Offset) < 12 || int64(e.Offset) >= size-20 {
			return nil, fmt.Errorf("%w: object %s at offset %d, outside the pack", ErrCorrupt, e.Hash, e.Offset)
		}
		r.entries = append(r.entries, entry{hash: e.Hash, off: int64(e.Offset)})
	}
	slices.SortFunc(r.entries, func(a, b entry) int {
		switch {
		case a.off < b.off:
			return -1
		case a.off > b.off:
			return 1
		}
		return 0
	})
	for i := range r.entries {
		if i+1 < len(r.entries) {
			r.entries[i].end = r.entries[i+1].off
		} else {
			r.entries[i].end = size - 20
		}
		if r.entries[i].end <= r.entries[i].off {
			return nil, fmt.Errorf("%w: two objects at offset %d", ErrCorrupt, r.entries[i].off)
		}
		r.byHash[r.entries[i].hash] = i
	}
	return r, nil
}

// header is an object's header as stored.
type header struct {
	typ  int8
	size int64 // inflated size (of the delta itself for a delta)
	base int   // a delta's base entry
	data int64 // where the zlib stream starts
}

// headRead is how much of an object one read takes: its header and, for
// most objects, all of its compressed bytes.
const headRead = 64 << 10

// readHeader reads entry i's header, with the start of its compressed
// bytes (all of them when they fit in headRead), into r.buf.
func (r *reader) readHeader(i int) (header, error) {
	e := r.entries[i]
	n := min(e.end-e.off, headRead)
	if int64(cap(r.buf)) < n {
		r.buf = make([]byte, headRead)
	}
	r.buf = r.buf[:n]
	if _, err := r.pack.ReadAt(r.buf, e.off); err != nil {
		return header{}, fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	r.src.Reset(r.buf)
	oh, err := parseHeader(&r.src)
	if err != nil {
		return header{}, err
	}
	h := header{typ: oh.typ, size: oh.size, data: e.off + int64(oh.n)}
	switch h.typ {
	case typeOFSDelta:
		bo := e.off - oh.rel
		j, ok := slices.BinarySearchFunc(r.entries[:i], bo, func(x entry, t int64) int {
			switch {
			case x.off < t:
				return -1
			case x.off > t:
				return 1
			}
			return 0
		})
		if !ok {
			return header{}, fmt.Errorf("%w: delta base at offset %d is not an object of the pack", ErrCorrupt, bo)
		}
		h.base = j
	case typeREFDelta:
		j, ok := r.byHash[oh.ref]
		if !ok {
			return header{}, fmt.Errorf("%w: delta base %s is not in the pack", ErrCorrupt, oh.ref)
		}
		h.base = j
	}
	return h, nil
}

// blobAt returns entry i as a blob, or ok false when it is not one.
func (r *reader) blobAt(i int) (Blob, bool, error) {
	e := &r.entries[i]
	if e.typ != 0 && e.typ != typeBlob {
		return Blob{}, false, nil
	}
	h, err := r.readHeader(i)
	if err != nil {
		return Blob{}, false, err
	}
	switch h.typ {
	case typeBlob:
		e.typ = typeBlob
		if r.opts.Large > 0 && h.size >= r.opts.Large || h.size > r.opts.MaxInMemory {
			return r.stream(e, h), true, nil
		}
	case typeOFSDelta, typeREFDelta:
		// Following the chain to its type reads other objects over
		// r.buf, unless the base's type is already known.
		known := r.entries[h.base].typ > 0
		t, err := r.typeOf(h.base, 0)
		if err != nil {
			return Blob{}, false, err
		}
		e.typ = t
		if t != typeBlob {
			return Blob{}, false, nil
		}
		if !known {
			data, err := r.content(i, 0)
			if err != nil {
				return Blob{}, false, err
			}
			return Blob{Hash: e.hash, Size: int64(len(data)), Data: data}, true, nil
		}
	default:
		e.typ = h.typ
		return Blob{}, false, nil
	}
	// r.buf still holds this object: no second read of it.
	data, ok := r.cache.get(i)
	if !ok {
		if data, err = r.contentOf(i, h, 0); err != nil {
			return Blob{}, false, err
		}
	}
	return Blob{Hash: e.hash, Size: int64(len(data)), Data: data}, true, nil
}

// typeOf resolves entry i's type, following its delta chain.
func (r *reader) typeOf(i, depth int) (int8, error) {
	switch t := r.entries[i].typ; {
	case t == resolving:
		return 0, fmt.Errorf("%w: a cycle of deltas", ErrCorrupt)
	case t != 0:
		return t, nil
	}
	if depth > maxChain {
		return 0, fmt.Errorf("%w: delta chain longer than %d (or a cycle)", ErrCorrupt, maxChain)
	}
	h, err := r.readHeader(i)
	if err != nil {
		return 0, err
	}
	t := h.typ
	if t == typeOFSDelta || t == typeREFDelta {
		r.entries[i].typ = resolving
		if t, err = r.typeOf(h.base, depth+1); err != nil {
			r.entries[i].typ = 0
			return 0, err
		}
	}
	r.entries[i].typ = t
	return t, nil
}

// content returns entry i's inflated content, from the cache or by
// inflating it (and its delta bases, as far as they are not cached).
func (r *reader) content(i, depth int) ([]byte, error) {
	if d, ok := r.cache.get(i); ok {
		return d, nil
	}
	if depth > maxChain {
		return nil, fmt.Errorf("%w: delta chain longer than %d (or a cycle)", ErrCorrupt, maxChain)
	}
	h, err := r.readHeader(i)
	if err != nil {
		return nil, err
	}
	return r.contentOf(i, h, depth)
}

// contentOf is content for entry i whose header h readHeader has just
// read (its bytes are in r.buf).
func (r *reader) contentOf(i int, h header, depth int) ([]byte, error) {
	var err error
	if h.size > r.opts.MaxInMemory {
		return nil, fmt.Errorf("%w: %d bytes, the limit is %d", ErrTooLarge, h.size, r.opts.MaxInMemory)
	}
	var out []byte
	switch h.typ {
	case typeOFSDelta, typeREFDelta:
		delta, err := r.inflateEntry(i, h)
		if err != nil {
			return nil, err
		}
		base, err := r.content(h.base, depth+1)
		if err != nil {
			return nil, err
		}
		if out, err = applyDelta(base, delta, r.opts.MaxInMemory); err != nil {
			return nil, err
		}
	default:
		if out, err = r.inflateEntry(i, h); err != nil {
			return nil, err
		}
	}
	r.cache.put(i, out)
	return out, nil
}

// inflateEntry inflates entry i's zlib stream (whose start readHeader
// read into r.buf) into a new slice of exactly h.size bytes.
func (r *reader) inflateEntry(i int, h header) ([]byte, error) {
	e := r.entries[i]
	r.src.Reset(r.buf[h.data-e.off:])
	var src io.Reader = &r.src
	if rest := e.off + int64(len(r.buf)); rest < e.end {
		src = io.MultiReader(&r.src, io.NewSectionReader(r.pack, rest, e.end-rest))
	}
	return r.inflate(src, h.size, 0)
}

// stream hands over a large blob stored whole: its content is inflated
// when it is read, from its own section of the pack.
func (r *reader) stream(e *entry, h header) Blob {
	return Blob{Hash: e.hash, Size: h.size, Streamed: true, start: h.data, end: e.end}
}

func be32(b []byte) uint32 {
	return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
}

// baseCache keeps recently inflated objects by entry, up to a byte budget,
// evicting the least recently used.
type baseCache struct {
	max, used int64
	lru       *list.List // of *cached, most recent first
	byEntry   map[int]*list.Element
}

type cached struct {
	i    int
	data []byte
}

func newBaseCache(max int64) *baseCache {
	return &baseCache{max: max, lru: list.New(), byEntry: map[int]*list.Element{}}
}

func (c *baseCache) get(i int) ([]byte, bool) {
	el, ok := c.byEntry[i]
	if !ok {
		return nil, false
	}
	c.lru.MoveToFront(el)
	return el.Value.(*cached).data, true
}

func (c *baseCache) put(i int, data []byte) {
	if int64(len(data)) > c.max/4 {
		return // one object does not push out everything else
	}
	if _, ok := c.byEntry[i]; ok {
		return
	}
	c.byEntry[i] = c.lru.PushFront(&cached{i, data})
	c.used += int64(len(data))
	for c.used > c.max {
		el := c.lru.Back()
		x := el.Value.(*cached)
		c.lru.Remove(el)
		delete(c.byEntry, x.i)
		c.used -= int64(len(x.data))
	}
}
