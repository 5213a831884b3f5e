package gitpack

import (
	"bytes"
	"compress/zlib"
	"context"
	"crypto/sha1"
	"errors"
	"fmt"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/format/idxfile"
)

// obj is one object of a crafted pack: a whole object, or a delta against
// the object at index ofs (OFS) or with id ref (REF).
type obj struct {
	typ     int8
	size    int64 // declared; -1: len(payload)
	payload []byte
	ofs     int // OFS: index of the base, earlier in the pack
	ref     plumbing.Hash
	id      string // the id the index gives it
}

// craft writes a pack of objs and its index.
func craft(t testing.TB, objs []obj) ([]byte, *idxfile.MemoryIndex) {
	t.Helper()
	var pack bytes.Buffer
	pack.WriteString("PACK\x00\x00\x00\x02")
	pack.Write([]byte{0, 0, 0, byte(len(objs))})
	w := new(idxfile.Writer)
	w.OnHeader(uint32(len(objs)))
	offs := make([]int64, len(objs))
	for i, o := range objs {
		offs[i] = int64(pack.Len())
		size := o.size
		if size < 0 {
			size = int64(len(o.payload))
		}
		c := byte(o.typ)<<4 | byte(size&15)
		size >>= 4
		for size > 0 {
			pack.WriteByte(c | 0x80)
			c = byte(size & 0x7f)
			size >>= 7
		}
		pack.WriteByte(c)
		switch o.typ {
		case typeOFSDelta:
			rel := offs[i] - offs[o.ofs]
			var enc []byte
			enc = append(enc, byte(rel&0x7f))
			for rel >>= 7; rel > 0; rel >>= 7 {
				rel--
				enc = append([]byte{byte(rel&0x7f) | 0x80}, enc...)
			}
			pack.Write(enc)
		case typeREFDelta:
			pack.Write(o.ref[:])
		}
		zw := zlib.NewWriter(&pack)
		zw.Write(o.payload)
		zw.Close()
		h := plumbing.Hash(sha1.Sum([]byte(o.id)))
		if err := w.OnInflatedObjectContent(h, offs[i], 0, nil); err != nil {
			t.Fatal(err)
		}
	}
	sum := sha1.Sum(pack.Bytes())
	pack.Write(sum[:])
	if err := w.OnFooter(plumbing.Hash(sum)); err != nil {
		t.Fatal(err)
	}
	idx, err := w.Index()
	if err != nil {
		t.Fatal(err)
	}
	return pack.Bytes(), idx
}

func id(s string) plumbing.Hash { return plumbing.Hash(sha1.Sum([]byte(s))) }

// delta encodes a delta from a base of baseLen bytes: ops are copy
// (offset, length) pairs or insert strings.
func delta(baseLen, resultLen int, ops ...any) []byte {
	var d []byte
	varint := func(v int) {
		for v >= 0x80 {
			d = append(d, byte(v)|0x80)
			v >>= 7
		}
		d = append(d, byte(v))
	}
	varint(baseLen)
	varint(resultLen)
	for _, op := range ops {
		switch op := op.(type) {
		case [2]int:
			off, n := op[0], op[1]
			d = append(d, 0x80|0x01|0x02|0x04|0x08|0x10|0x20)
			d = append(d, byte(off), byte(off>>8), byte(off>>16), byte(off>>24), byte(n), byte(n>>8))
		case string:
			d = append(d, byte(len(op)))
			d = append(d, op...)
		}
	}
	return d
}

func blobsOf(t *testing.T, objs []obj, opts Options) (map[string]string, error) {
	t.Helper()
	pack, idx := craft(t, objs)
	byID := map[plumbing.Hash]string{}
	for _, o := range objs {
		byID[id(o.id)] = o.id
	}
	got := map[string]string{}
	err := Blobs(context.Background(), bytes.NewReader(pack), int64(len(pack)), idx, opts, func(b Blob) error {
		if b.Err != nil {
			if !errors.Is(b.Err, ErrTooLarge) {
				t.Errorf("blob error %v", b.Err)
			}
			got[byID[b.Hash]] = "too large"
			return nil
		}
		got[byID[b.Hash]] = string(b.Data)
		return nil
	})
	return got, err
}

func TestCraftedPacks(t *testing.T) {
	base := "the quick brown fox jumps over the lazy dog"
	tests := []struct {
		name    string
		objs    []obj
		want    map[string]string
		wantErr error
	}{
		{"whole blobs, a tree skipped", []obj{
			{typ: typeBlob, size: -1, payload: []byte(base), id: "a"},
			{typ: typeTree, size: -1, payload: []byte("tree"), id: "t"},
		}, map[string]string{"a": base}, nil},
		{"OFS and REF deltas, a chain", []obj{
			{typ: typeBlob, size: -1, payload: []byte(base), id: "a"},
			{typ: typeOFSDelta, size: -1, payload: delta(len(base), 13, [2]int{4, 5}, " fox!!!!"), ofs: 0, id: "b"},
			{typ: typeREFDelta, size: -1, payload: delta(13, 3, [2]int{0, 3}), ref: id("b"), id: "c"},
		}, map[string]string{"a": base, "b": "quick fox!!!!", "c": "qui"}, nil},
		{"a REF delta whose base comes later", []obj{
			{typ: typeREFDelta, size: -1, payload: delta(len(base), 5, "hello"), ref: id("a"), id: "b"},
			{typ: typeBlob, size: -1, payload: []byte(base), id: "a"},
		}, map[string]string{"a": base, "b": "hello"}, nil},
		{"deltas of a tree are not blobs", []obj{
			{typ: typeTree, size: -1, payload: []byte(base), id: "t"},
			{typ: typeOFSDelta, size: -1, payload: delta(len(base), 3, "abc"), ofs: 0, id: "u"},
		}, map[string]string{}, nil},
		{"a cycle of REF deltas", []obj{
			{typ: typeREFDelta, size: -1, payload: delta(3, 3, "abc"), ref: id("b"), id: "a"},
			{typ: typeREFDelta, size: -1, payload: delta(3, 3, "abc"), ref: id("a"), id: "b"},
		}, nil, ErrCorrupt},
		{"a REF delta to an object not in the pack", []obj{
			{typ: typeREFDelta, size: -1, payload: delta(3, 3, "abc"), ref: id("x"), id: "a"},
		}, nil, ErrCorrupt},
		{"a delta for a base of another size", []obj{
			{typ: typeBlob, size: -1, payload: []byte(base), id: "a"},
			{typ: typeOFSDelta, size: -1, payload: delta(7, 3, "abc"), ofs: 0, id: "b"},
		}, nil, ErrCorrupt},
		{"a delta copying past its base", []obj{
			{typ: typeBlob, size: -1, payload: []byte(base), id: "a"},
			{typ: typeOFSDelta, size: -1, payload: delta(len(base), 10, [2]int{40, 10}), ofs: 0, id: "b"},
		}, nil, ErrCorrupt},
		{"a delta shorter than it says", []obj{
			{typ: typeBlob, size: -1, payload: []byte(base), id: "a"},
			{typ: typeOFSDelta, size: -1, payload: delta(len(base), 10, "abc"), ofs: 0, id: "b"},
		}, nil, ErrCorrupt},
		{"a delta result over the limit, then a good blob", []obj{
			{typ: typeBlob, size: -1, payload: []byte(base), id: "a"},
			{typ: typeOFSDelta, size: -1, payload: delta(len(base), 1<<30+1, [2]int{0, 10}), ofs: 0, id: "b"},
			{typ: typeBlob, size: -1, payload: []byte("next"), id: "c"},
		}, map[string]string{"a": base, "b": "too large", "c": "next"}, nil},
		{"a blob longer than its header says", []obj{
			{typ: typeBlob, size: 3, payload: []byte(base), id: "a"},
		}, nil, ErrCorrupt},
		{"a blob shorter than its header says", []obj{
			{typ: typeBlob, size: 100, payload: []byte(base), id: "a"},
		}, nil, ErrCorrupt},
		{"an unknown type", []obj{
			{typ: 5, size: -1, payload: []byte(base), id: "a"},
		}, nil, ErrCorrupt},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := blobsOf(t, tt.objs, Options{})
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// FuzzApplyDelta: any delta against any base gives a result of exactly
// the declared size, or an error; never a panic or an allocation beyond
// the limit.
func FuzzApplyDelta(f *testing.F) {
	f.Add([]byte("hello world"), delta(11, 5, [2]int{6, 5}))
	f.Add([]byte("abc"), delta(3, 6, "xyz", [2]int{0, 3}))
	f.Add([]byte(""), []byte{0, 0x80, 0x80, 0x80, 0x80, 0x04})
	f.Fuzz(func(t *testing.T, base, d []byte) {
		out, err := applyDelta(base, d, 1<<20)
		if err != nil {
			if out != nil {
				t.Fatal("a result with an error")
			}
			return
		}
		if len(out) > 1<<20 {
			t.Fatalf("%d bytes", len(out))
		}
	})
}

// FuzzBlobs: a crafted pack with any payloads, sizes and delta targets is
// read to its end (a blob too large to resolve delivered as such) or
// refused with ErrCorrupt; never a panic.
func FuzzBlobs(f *testing.F) {
	f.Add([]byte("base content"), []byte("delta"), int8(typeOFSDelta), int64(-1), uint8(0))
	f.Add([]byte("x"), delta(1, 1, [2]int{0, 1}), int8(typeREFDelta), int64(5), uint8(1))
	f.Fuzz(func(t *testing.T, base, d []byte, typ int8, size int64, target uint8) {
		if size < -1 || size > 1<<40 {
			return
		}
		objs := []obj{
			{typ: typeBlob, size: -1, payload: base, id: "a"},
			{typ: typ & 7, size: size, payload: d, ofs: int(target) % 1, ref: id([]string{"a", "b", "c"}[target%3]), id: "b"},
		}
		if objs[1].typ == 0 {
			return
		}
		_, err := blobsOf(t, objs, Options{MaxInMemory: 1 << 20})
		if err != nil && !errors.Is(err, ErrCorrupt) {
			t.Fatal(err)
		}
	})
}

// TestPackObjectCrafted: random access resolves OFS and REF deltas and
// refuses a cycle of REF deltas and a damaged index.
func TestPackObjectCrafted(t *testing.T) {
	base := "the quick brown fox jumps over the lazy dog"
	open := func(objs []obj) *Pack {
		pack, idx := craft(t, objs)
		var ib bytes.Buffer
		if _, err := idxfile.NewEncoder(&ib).Encode(idx); err != nil {
			t.Fatal(err)
		}
		p, err := OpenPack(bytes.NewReader(ib.Bytes()), bytes.NewReader(pack), int64(len(pack)), 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	p := open([]obj{
		{typ: typeBlob, size: -1, payload: []byte(base), id: "a"},
		{typ: typeOFSDelta, size: -1, payload: delta(len(base), 13, [2]int{4, 5}, " fox!!!!"), ofs: 0, id: "b"},
		{typ: typeREFDelta, size: -1, payload: delta(13, 3, [2]int{0, 3}), ref: id("b"), id: "c"},
	})
	for name, want := range map[string]string{"a": base, "b": "quick fox!!!!", "c": "qui"} {
		typ, data, ok, err := p.Object(id(name))
		if err != nil || !ok || typ != plumbing.BlobObject || string(data) != want {
			t.Errorf("%s: %v %q %v %v, want blob %q", name, typ, data, ok, err, want)
		}
	}
	p = open([]obj{
		{typ: typeREFDelta, size: -1, payload: delta(3, 3, "abc"), ref: id("b"), id: "a"},
		{typ: typeREFDelta, size: -1, payload: delta(3, 3, "abc"), ref: id("a"), id: "b"},
	})
	if _, _, _, err := p.Object(id("a")); !errors.Is(err, ErrCorrupt) {
		t.Errorf("a cycle: %v, want ErrCorrupt", err)
	}
	for _, idx := range [][]byte{nil, []byte("\xfftOc\x00\x00\x00\x01"), append([]byte("\xfftOc\x00\x00\x00\x02"), bytes.Repeat([]byte{0, 0, 0, 9, 0, 0, 0, 1}, 128)...)} {
		if _, err := OpenPack(bytes.NewReader(idx), bytes.NewReader(nil), 0, 0, 0); !errors.Is(err, ErrCorrupt) {
			t.Errorf("index %q: %v, want ErrCorrupt", idx[:min(len(idx), 12)], err)
		}
	}
}
