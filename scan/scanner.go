package scan

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/keyhound/keyhound/rules"
)

// Default sizes for content matching.
const (
	// DefaultChunkSize is how much of a file is matched at once; larger
	// files are matched in chunks so memory stays bounded.
	DefaultChunkSize = 8 << 20
	// DefaultOverlap is how much of the end of one chunk is matched again
	// at the start of the next, so a credential that straddles the cut,
	// and context a few lines above it, is still seen.
	DefaultOverlap = 64 << 10
	// binarySniff is how many leading bytes are checked for NUL.
	binarySniff = 8000
	// DefaultMaxTargetBytes bounds the content of one file, blob or
	// stream that is matched. Credentials live in source and config;
	// text past 100 MB is data (dumps, logs, bundles) that could take
	// half a minute of CPU to match if it is keyword-dense, and a
	// hostile repository can commit as many such blobs as it likes.
	DefaultMaxTargetBytes = 100 << 20
)

// Scanner finds credentials with a compiled rule set. Its zero value is
// not usable: set Rules. A Scanner is safe for concurrent use; its
// methods never print and never exit.
type Scanner struct {
	// Rules is the compiled rule set to match.
	Rules *rules.Set
	// Workers is how many goroutines match content; 0 means GOMAXPROCS.
	Workers int
	// ChunkSize and Overlap bound the memory used per file; 0 means the
	// defaults above.
	ChunkSize, Overlap int
	// Ignore suppresses findings by fingerprint or gitleaks-style entry.
	Ignore *Ignore
	// MaxTargetBytes bounds one file, blob or stream: content past it is
	// not read, and the target is reported as a Problem wrapping
	// ErrTooLarge and counted in Stats.SkippedLarge. 0 means
	// DefaultMaxTargetBytes; a negative value means no limit.
	MaxTargetBytes int64
	// MaxLocations caps the locations a finding keeps (the rest are
	// counted in Finding.LocationsOmitted); 0 means DefaultMaxLocations,
	// a negative value keeps them all.
	MaxLocations int
	// Memo, when set, remembers what each blob of a history scan held:
	// blobs it knows are not read again, and every blob read in full is
	// recorded in it. The caller keys it on the rule set (matches depend
	// on the rules, not on where a blob is found).
	Memo BlobMemo
	// Progress, when set, is called from time to time during long scans,
	// and each time a file or blob is found to hold a match; one call at
	// a time. It must return quickly.
	Progress func(Progress)
}

// BlobMemo is what a history scan remembers of blobs across runs (see
// Scanner.Memo). It must be safe for concurrent use.
type BlobMemo interface {
	// Lookup returns the matches recorded for a blob id (none for a blob
	// with no match) and whether it was recorded.
	Lookup(blob string) ([]rules.Match, bool)
	// Record stores a blob's matches once it has been read in full.
	Record(blob string, ms []rules.Match)
}

// Progress reports how far a scan has got.
type Progress struct {
	Phase string // "blobs", "provenance", "files"
	Done  int64  // objects or files done
	Total int64  // objects or files in all (0 when unknown)
	// In a history scan's "blobs" phase, Done and Total count the objects
	// of every type in the object stores (their pack indexes say how
	// many): the pass goes through commits and trees too, unread.
	Bytes   int64 // content bytes read
	Matched int64 // files or blobs found to hold a match so far
}

// Stats summarises a finished scan.
type Stats struct {
	Files         int64 // files or blobs whose content was examined
	Bytes         int64 // bytes of content examined
	SkippedBinary int64 // files or blobs skipped as binary
	SkippedLarge  int64 // files, blobs or streams over MaxTargetBytes, not scanned past it
	Commits       int64 // commits walked (history scans)
	Findings      int64 // findings reported (after ignores)
	Remembered    int64 // blobs not read because Scanner.Memo knew them
	// SkippedGitignored counts what a directory scan did not read because
	// .gitignore excludes it: files, and directories skipped whole (each
	// counted once). Gitignored names the first MaxGitignoredListed of
	// them, in walk order, directories with a trailing "/".
	SkippedGitignored int64
	Gitignored        []string
}

// Problem is one thing that could not be scanned; the rest of the scan
// went on without it.
type Problem struct {
	Path   string // file path, or "" for repository-level problems
	Object string // git object id, when the problem is an object
	Err    error
}

// Error formats the problem as path: object id: message.
func (p Problem) Error() string {
	var b strings.Builder
	if p.Path != "" {
		b.WriteString(p.Path)
		b.WriteString(": ")
	}
	if p.Object != "" {
		b.WriteString("object ")
		b.WriteString(p.Object)
		b.WriteString(": ")
	}
	b.WriteString(p.Err.Error())
	return b.String()
}

// Unwrap returns the underlying error.
func (p Problem) Unwrap() error { return p.Err }

// Errors lists the problems of a scan whose other results are still
// valid. Scan methods return it (as error) alongside their findings.
type Errors struct {
	Problems []Problem
}

// maxProblemsShown bounds the message; all problems stay in the slice.
const maxProblemsShown = 10

// Error summarises the problems, listing the first few.
func (e *Errors) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d problem(s) during the scan; results are partial", len(e.Problems))
	for i, p := range e.Problems {
		if i == maxProblemsShown {
			fmt.Fprintf(&b, "\n  … and %d more", len(e.Problems)-i)
			break
		}
		b.WriteString("\n  ")
		b.WriteString(p.Error())
	}
	return b.String()
}

// Unwrap exposes the underlying errors to errors.Is and errors.As.
func (e *Errors) Unwrap() []error {
	out := make([]error, len(e.Problems))
	for i, p := range e.Problems {
		out[i] = p
	}
	return out
}

// problems accumulates Problems from several goroutines, counting the
// targets skipped for size in st.
type problems struct {
	ch   chan Problem
	list []Problem
	done chan struct{}
	st   *Stats
}

func newProblems(st *Stats) *problems {
	p := &problems{ch: make(chan Problem, 64), done: make(chan struct{}), st: st}
	go func() {
		for pr := range p.ch {
			p.list = append(p.list, pr)
		}
		close(p.done)
	}()
	return p
}

func (p *problems) add(path, object string, err error) {
	if p.st != nil && errors.Is(err, ErrTooLarge) {
		atomic.AddInt64(&p.st.SkippedLarge, 1)
	}
	p.ch <- Problem{Path: path, Object: object, Err: err}
}

// err closes the accumulator and returns the collected problems, or nil.
func (p *problems) err() error {
	close(p.ch)
	<-p.done
	if len(p.list) == 0 {
		return nil
	}
	return &Errors{Problems: p.list}
}

// progress returns a function that calls s.Progress one call at a time
// (scans report from several goroutines), or nil when there is none.
func (s *Scanner) progress() func(Progress) {
	if s.Progress == nil {
		return nil
	}
	var mu sync.Mutex
	return func(p Progress) {
		mu.Lock()
		defer mu.Unlock()
		s.Progress(p)
	}
}

func (s *Scanner) workers() int {
	if s.Workers > 0 {
		return s.Workers
	}
	return runtime.GOMAXPROCS(0)
}

func (s *Scanner) chunk() (size, overlap int) {
	size, overlap = s.ChunkSize, s.Overlap
	if size <= 0 {
		size = DefaultChunkSize
	}
	if overlap <= 0 {
		overlap = DefaultOverlap
	}
	if overlap >= size/2 {
		overlap = size / 2
	}
	return size, overlap
}

func (s *Scanner) check() error {
	if s == nil || s.Rules == nil {
		return errors.New("scan: Scanner has no rules")
	}
	return nil
}

// ErrTooLarge is reported for a file, blob or stream longer than
// Scanner.MaxTargetBytes: it is not read past the limit.
var ErrTooLarge = errors.New("over the size limit for one file")

func (s *Scanner) maxTarget() int64 {
	switch {
	case s.MaxTargetBytes > 0:
		return s.MaxTargetBytes
	case s.MaxTargetBytes < 0:
		return 1<<63 - 1
	}
	return DefaultMaxTargetBytes
}

// tooLarge is the error for content over limit bytes.
func tooLarge(limit int64) error {
	return fmt.Errorf("%w: larger than %s, not scanned past that", ErrTooLarge, sizeText(limit))
}

func sizeText(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return itoa(int(n>>20)) + " MB"
	}
	return itoa(int(n)) + " bytes"
}

// ErrBinary is reported for content that looks binary (a NUL byte in the
// first 8000 bytes, as git decides). Such content is not matched.
var ErrBinary = errors.New("binary content")

func isBinary(head []byte) bool {
	if len(head) > binarySniff {
		head = head[:binarySniff]
	}
	return bytes.IndexByte(head, 0) >= 0
}

// matchReader matches a stream in bounded chunks. It returns the matches
// with offsets and lines relative to the whole stream, the bytes read,
// and ErrBinary (with no matches) for binary content. A stream over the
// size limit is read one byte past it: the matches in that much come back
// with an ErrTooLarge error.
func (s *Scanner) matchReader(ctx context.Context, r io.Reader, path string) ([]rules.Match, int64, error) {
	limit := s.maxTarget()
	if limit < 1<<62 {
		r = io.LimitReader(r, limit+1)
	}
	ms, n, err := s.matchChunks(ctx, r, path)
	if err == nil && n > limit {
		err = tooLarge(limit)
	}
	return ms, n, err
}

// matchChunks is matchReader without the size limit.
func (s *Scanner) matchChunks(ctx context.Context, r io.Reader, path string) ([]rules.Match, int64, error) {
	size, overlap := s.chunk()
	buf := make([]byte, 0, minInt(size, 64<<10))
	var (
		out      []rules.Match
		total    int64
		base     int64 // stream offset of buf[0]
		baseLine int   // lines before buf[0]
		baseCol  int   // bytes of buf[0]'s line before buf[0] (a cut mid-line)
		prevEnd  int64 // stream offset up to which matches are final
		first    = true
	)
	for {
		if err := ctx.Err(); err != nil {
			return out, total, err
		}
		// Fill buf up to size.
		eof := false
		for len(buf) < size {
			if cap(buf) < size && len(buf) == cap(buf) {
				nb := make([]byte, len(buf), minInt(size, 2*cap(buf)+1))
				copy(nb, buf)
				buf = nb
			}
			n, err := r.Read(buf[len(buf):cap(buf)])
			buf = buf[:len(buf)+n]
			total += int64(n)
			if ctx.Err() != nil {
				// Interrupted while reading (a stream can block for
				// long): what was matched so far is returned.
				return out, total, ctx.Err()
			}
			if err == io.EOF {
				eof = true
				break
			}
			if err != nil {
				return out, total, err
			}
		}
		if first {
			first = false
			if isBinary(buf) {
				return nil, total, ErrBinary
			}
		}
		cut := len(buf)
		hardCut := false
		if !eof {
			// Cut after the last newline so lines are whole.
			if i := bytes.LastIndexByte(buf, '\n'); i > len(buf)/2 {
				cut = i + 1
			} else {
				hardCut = true // one long line: cut mid-line
			}
		}
		for _, m := range s.Rules.Find(buf[:cut], path) {
			absEnd := base + int64(m.End)
			if absEnd <= prevEnd {
				continue // already found in the previous chunk
			}
			if hardCut && m.End >= cut {
				continue // may be cut short; the next chunk sees it whole
			}
			out = append(out, s.shift(m, base, baseLine, baseCol))
		}
		if eof && cut == len(buf) {
			return out, total, nil
		}
		prevEnd = base + int64(cut)
		// Keep the overlap (from a line start) plus the unmatched tail.
		keepFrom := cut - overlap
		if keepFrom < 0 {
			keepFrom = 0
		}
		if i := bytes.IndexByte(buf[keepFrom:cut], '\n'); i >= 0 && keepFrom > 0 {
			keepFrom += i + 1
		}
		baseLine += bytes.Count(buf[:keepFrom], []byte{'\n'})
		if j := bytes.LastIndexByte(buf[:keepFrom], '\n'); j >= 0 {
			baseCol = keepFrom - (j + 1)
		} else {
			baseCol += keepFrom
		}
		base += int64(keepFrom)
		n := copy(buf, buf[keepFrom:])
		buf = buf[:n]
		if eof && len(buf) == 0 {
			return out, total, nil
		}
		if eof {
			// Match what is left with no more input to come.
			for _, m := range s.Rules.Find(buf, path) {
				if base+int64(m.End) <= prevEnd {
					continue
				}
				out = append(out, s.shift(m, base, baseLine, baseCol))
			}
			return out, total, nil
		}
	}
}

// shift turns a match in a chunk into one in the whole stream: the chunk
// starts at byte base, after baseLine lines, baseCol bytes into its line.
func (s *Scanner) shift(m rules.Match, base int64, baseLine, baseCol int) rules.Match {
	if m.Line == 1 {
		m.Column += baseCol
	}
	m.Start += int(base)
	m.End += int(base)
	m.Line += baseLine
	m.EndLine += baseLine
	return m
}

// matchBytes matches in-memory content, in chunks when it is large.
func (s *Scanner) matchBytes(ctx context.Context, data []byte, path string) ([]rules.Match, error) {
	if isBinary(data) {
		return nil, ErrBinary
	}
	if limit := s.maxTarget(); int64(len(data)) > limit {
		return nil, tooLarge(limit)
	}
	size, _ := s.chunk()
	if len(data) <= size {
		return s.Rules.Find(data, path), nil
	}
	ms, _, err := s.matchReader(ctx, bytes.NewReader(data), path)
	return ms, err
}

// emit delivers findings that survive the ignore list.
func (s *Scanner) emit(fs []Finding, fn func(Finding), st *Stats) {
	for _, f := range fs {
		if s.Ignore != nil {
			var ok bool
			if f, ok = s.Ignore.filter(f, s.Rules); !ok {
				continue
			}
		}
		atomic.AddInt64(&st.Findings, 1)
		fn(f)
	}
}

// Reader scans one stream, such as standard input, as a file named name.
// fn receives each finding once the stream is done, or once the context
// ends (then with the findings of what was read, and an
// *InterruptedError).
func (s *Scanner) Reader(ctx context.Context, r io.Reader, name string, fn func(Finding)) (Stats, error) {
	var st Stats
	if err := s.check(); err != nil {
		return st, err
	}
	ms, n, err := s.matchReader(ctx, r, name)
	st.Bytes = n
	if errors.Is(err, ErrBinary) {
		st.SkippedBinary++
		return st, &Errors{Problems: []Problem{{Path: name, Err: ErrBinary}}}
	}
	st.Files = 1
	c := s.newCollector(pathLineLess)
	addMatches(c, s.Rules, ms, Location{Path: name}, true)
	s.emit(c.sorted(), fn, &st)
	if ctx.Err() != nil {
		// Interrupted: the findings of what was read were delivered.
		return st, finish(ctx, "reading "+name, newProblems(&st))
	}
	if errors.Is(err, ErrTooLarge) {
		st.SkippedLarge++
		return st, &Errors{Problems: []Problem{{Path: name, Err: err}}}
	}
	return st, err
}

// Bytes scans in-memory content as a file named name.
func (s *Scanner) Bytes(ctx context.Context, data []byte, name string, fn func(Finding)) (Stats, error) {
	return s.Reader(ctx, bytes.NewReader(data), name, fn)
}

// addMatches filters one file's matches by location, pairs them and adds
// the resulting findings to c at loc.
func addMatches(c *collector, set *rules.Set, ms []rules.Match, loc Location, inHead bool) {
	forGroups(set, ms, loc, func(f Finding, l Location) { c.add(f, l, inHead) })
}

func minInt(a, b int) int {
	if a < b {
		return a
	}
	return b
}

func sortMatches(ms []rules.Match) {
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].Start < ms[j].Start })
}
