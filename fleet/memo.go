package fleet

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"os"
	"sync"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/keyhound/keyhound/rules"
)

// RulesHash identifies a compiled rule set and the code that applies it:
// a blob's matches are remembered under it, so a change of rules (or of
// keyhound's version) scans every blob again.
func RulesHash(set *rules.Set, version string) (string, error) {
	h := sha256.New()
	h.Write([]byte("keyhound-fleet/v1\x00" + version + "\x00"))
	enc := json.NewEncoder(h)
	if err := enc.Encode(set.Rules()); err != nil {
		return "", err
	}
	if err := enc.Encode(set.Credentials()); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil))[:32], nil
}

// memo is a scan.BlobMemo kept in one file per repository and rule set:
// a line per blob read, "id" or "id matches-as-JSON". It is loaded whole
// when the repository's scan starts (the scan itself holds a set of every
// blob id, so this at most doubles that) and appended to as blobs are
// read; a line cut short by a crash is ignored on the next load.
//
// Why not SQLite: the only query is "all of this repository's blobs
// under these rules", read once per scan; a shared database would add a
// dependency, a writer lock between shards on one cache, and a second
// copy of what one file per repository already holds.
type memo struct {
	mu    sync.Mutex
	known map[plumbing.Hash][]rules.Match
	f     *os.File
	w     *bufio.Writer
	err   error
}

// maxMemoLine bounds one remembered blob's line (its matches' JSON).
const maxMemoLine = 16 << 20

func openMemo(path string) (*memo, error) {
	m := &memo{known: map[plumbing.Hash][]rules.Match{}}
	if f, err := os.Open(path); err == nil {
		m.load(f)
		f.Close()
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	m.f, m.w = f, bufio.NewWriterSize(f, 64<<10)
	return m, nil
}

func (m *memo) load(r io.Reader) {
	br := bufio.NewReaderSize(r, 64<<10)
	for {
		line, err := readLine(br, maxMemoLine)
		if errors.Is(err, errLineTooLong) {
			continue
		}
		if err != nil {
			return // the end, a line cut short by a crash, or a read error
		}
		id, rest, _ := bytes.Cut(line, []byte{' '})
		if len(id) != 40 {
			continue
		}
		h, ok := parseHash(id)
		if !ok {
			continue
		}
		var ms []rules.Match
		if len(rest) > 0 && json.Unmarshal(rest, &ms) != nil {
			continue
		}
		m.known[h] = ms
	}
}

// errLineTooLong is readLine's error for a line longer than its bound;
// the line has been read past, so reading can go on.
var errLineTooLong = errors.New("line too long")

// readLine returns the next whole line (without its newline). A line
// longer than max is read past and reported as errLineTooLong; the end
// is io.EOF, and a last line with no newline (cut short)
// io.ErrUnexpectedEOF; a read error is returned as it is.
func readLine(br *bufio.Reader, max int) ([]byte, error) {
	var buf []byte
	tooLong := false
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong && len(buf)+len(chunk) <= max {
			buf = append(buf, chunk...)
		} else {
			buf, tooLong = nil, true // read to its end, then skip it
		}
		switch {
		case err == bufio.ErrBufferFull:
			continue
		case err == io.EOF && len(buf) == 0 && !tooLong:
			return nil, io.EOF
		case err == io.EOF:
			return nil, io.ErrUnexpectedEOF
		case err != nil:
			return nil, err
		case tooLong:
			return nil, errLineTooLong
		}
		return buf[:len(buf)-1], nil
	}
}

func parseHash(b []byte) (plumbing.Hash, bool) {
	var h plumbing.Hash
	_, err := hex.Decode(h[:], b)
	return h, err == nil
}

// Lookup implements scan.BlobMemo.
func (m *memo) Lookup(blob string) ([]rules.Match, bool) {
	h, ok := parseHash([]byte(blob))
	if !ok {
		return nil, false
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	ms, ok := m.known[h]
	return ms, ok
}

// Record implements scan.BlobMemo.
func (m *memo) Record(blob string, ms []rules.Match) {
	line := []byte(blob)
	if len(ms) > 0 {
		b, err := json.Marshal(ms)
		if err != nil || len(b) > maxMemoLine-64 {
			return // not remembered: read again next time
		}
		line = append(append(line, ' '), b...)
	}
	line = append(line, '\n')
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.err == nil {
		_, m.err = m.w.Write(line)
	}
}

func (m *memo) Close() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	err := m.err
	if e := m.w.Flush(); err == nil {
		err = e
	}
	if e := m.f.Close(); err == nil {
		err = e
	}
	return err
}
