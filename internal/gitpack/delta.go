package gitpack

import "fmt"

// applyDelta applies a git delta (two sizes, then copy and insert
// instructions; see gitformat-pack(5), "Deltified representation") to
// base. Every size and range is checked against the base and the declared
// result; the result is never larger than max.
func applyDelta(base, delta []byte, max int64) ([]byte, error) {
	p := 0
	varint := func() (int64, error) {
		var v int64
		for shift := 0; ; shift += 7 {
			if p >= len(delta) || shift > 56 {
				return 0, fmt.Errorf("%w: bad delta header", ErrCorrupt)
			}
			c := delta[p]
			p++
			v |= int64(c&0x7f) << shift
			if c&0x80 == 0 {
				return v, nil
			}
		}
	}
	baseSize, err := varint()
	if err != nil {
		return nil, err
	}
	if baseSize != int64(len(base)) {
		return nil, fmt.Errorf("%w: delta expects a base of %d bytes, the base has %d", ErrCorrupt, baseSize, len(base))
	}
	size, err := varint()
	if err != nil {
		return nil, err
	}
	if size > max {
		return nil, fmt.Errorf("%w: a delta result of %d bytes, the limit is %d", ErrTooLarge, size, max)
	}
	out := make([]byte, 0, size)
	for p < len(delta) {
		op := delta[p]
		p++
		switch {
		case op&0x80 != 0:
			var off, n int64
			for k := 0; k < 7; k++ {
				if op&(1<<k) == 0 {
					continue
				}
				if p >= len(delta) {
					return nil, fmt.Errorf("%w: truncated delta copy", ErrCorrupt)
				}
				if k < 4 {
					off |= int64(delta[p]) << (8 * k)
				} else {
					n |= int64(delta[p]) << (8 * (k - 4))
				}
				p++
			}
			if n == 0 {
				n = 0x10000
			}
			if off+n > int64(len(base)) || int64(len(out))+n > size {
				return nil, fmt.Errorf("%w: delta copy out of range", ErrCorrupt)
			}
			out = append(out, base[off:off+n]...)
		case op != 0:
			n := int(op)
			if p+n > len(delta) || int64(len(out)+n) > size {
				return nil, fmt.Errorf("%w: delta insert out of range", ErrCorrupt)
			}
			out = append(out, delta[p:p+n]...)
			p += n
		default:
			return nil, fmt.Errorf("%w: delta opcode 0", ErrCorrupt)
		}
	}
	if int64(len(out)) != size {
		return nil, fmt.Errorf("%w: delta result of %d bytes, its header says %d", ErrCorrupt, len(out), size)
	}
	return out, nil
}
