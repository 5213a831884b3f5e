package scan_test

// Helpers for hostile_test.go: repositories built object by object with
// go-git (trees of any shape, gitlinks, symlinks, non-UTF-8 names, packs,
// streamed loose objects), the optional git binary, and probes for heap
// use and goroutine leaks.

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/format/idxfile"
	"github.com/go-git/go-git/v5/plumbing/format/objfile"
	"github.com/go-git/go-git/v5/plumbing/format/packfile"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/storer"
	"github.com/go-git/go-git/v5/storage/filesystem"

	"github.com/keyhound/keyhound/scan"
)

// objBuilder writes git objects into any object store.
type objBuilder struct {
	t    testing.TB
	s    storer.EncodedObjectStorer
	tick int
}

func (b *objBuilder) put(t plumbing.ObjectType, data []byte) plumbing.Hash {
	b.t.Helper()
	o := b.s.NewEncodedObject()
	o.SetType(t)
	o.SetSize(int64(len(data)))
	w, err := o.Writer()
	if err != nil {
		b.t.Fatal(err)
	}
	if _, err := w.Write(data); err != nil {
		b.t.Fatal(err)
	}
	w.Close()
	h, err := b.s.SetEncodedObject(o)
	if err != nil {
		b.t.Fatal(err)
	}
	return h
}

func (b *objBuilder) blob(content string) plumbing.Hash {
	return b.put(plumbing.BlobObject, []byte(content))
}

// entry is one file of a tree: a blob (or gitlink commit id) and its mode.
type entry struct {
	mode filemode.FileMode
	hash plumbing.Hash
}

func file(h plumbing.Hash) entry { return entry{filemode.Regular, h} }

// tree writes the nested trees holding files (slash-separated paths) and
// returns the root tree id.
func (b *objBuilder) tree(files map[string]entry) plumbing.Hash {
	b.t.Helper()
	var ents []object.TreeEntry
	sub := map[string]map[string]entry{}
	for p, e := range files {
		dir, rest, nested := strings.Cut(p, "/")
		if !nested {
			ents = append(ents, object.TreeEntry{Name: p, Mode: e.mode, Hash: e.hash})
			continue
		}
		if sub[dir] == nil {
			sub[dir] = map[string]entry{}
		}
		sub[dir][rest] = e
	}
	for dir, fs := range sub {
		ents = append(ents, object.TreeEntry{Name: dir, Mode: filemode.Dir, Hash: b.tree(fs)})
	}
	sort.Sort(object.TreeEntrySorter(ents))
	o := b.s.NewEncodedObject()
	if err := (&object.Tree{Entries: ents}).Encode(o); err != nil {
		b.t.Fatal(err)
	}
	h, err := b.s.SetEncodedObject(o)
	if err != nil {
		b.t.Fatal(err)
	}
	return h
}

func (b *objBuilder) commit(tree plumbing.Hash, msg string, parents ...plumbing.Hash) plumbing.Hash {
	b.t.Helper()
	b.tick++
	sig := object.Signature{Name: "Dev " + msg, Email: "dev@example.com", When: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(b.tick) * time.Second)}
	c := &object.Commit{Author: sig, Committer: sig, Message: msg + "\n", TreeHash: tree, ParentHashes: parents}
	o := b.s.NewEncodedObject()
	if err := c.Encode(o); err != nil {
		b.t.Fatal(err)
	}
	h, err := b.s.SetEncodedObject(o)
	if err != nil {
		b.t.Fatal(err)
	}
	return h
}

// bareRepo makes an empty repository (work tree unused) and a builder that
// writes loose objects into it.
func bareRepo(t testing.TB) (string, *git.Repository, *objBuilder) {
	t.Helper()
	dir := t.TempDir()
	r, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	return dir, r, &objBuilder{t: t, s: r.Storer}
}

func setBranch(t testing.TB, r *git.Repository, name string, h plumbing.Hash) {
	t.Helper()
	if err := r.Storer.SetReference(plumbing.NewHashReference(plumbing.NewBranchReferenceName(name), h)); err != nil {
		t.Fatal(err)
	}
}

func gitDir(dir string) string { return filepath.Join(dir, ".git") }

func looseObjectPath(dir string, h plumbing.Hash) string {
	s := h.String()
	return filepath.Join(gitDir(dir), "objects", s[:2], s[2:])
}

func looseHashes(t testing.TB, dir string) []plumbing.Hash {
	t.Helper()
	var hs []plumbing.Hash
	dirs, _ := filepath.Glob(filepath.Join(gitDir(dir), "objects", "[0-9a-f][0-9a-f]"))
	for _, d := range dirs {
		ents, err := os.ReadDir(d)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range ents {
			hs = append(hs, plumbing.NewHash(filepath.Base(d)+e.Name()))
		}
	}
	return hs
}

// packLoose packs every loose object of the repository at dir into one new
// pack (with its .idx) and deletes the loose copies, as `git repack -d`
// without -a does. It returns the pack's id.
func packLoose(t testing.TB, dir string) plumbing.Hash {
	t.Helper()
	r, err := git.PlainOpen(dir)
	if err != nil {
		t.Fatal(err)
	}
	packed := packedHashes(t, dir)
	var hs []plumbing.Hash
	all := looseHashes(t, dir)
	for _, h := range all {
		if !packed[h] {
			hs = append(hs, h)
		}
	}
	return writePack(t, r, r.Storer, hs, func() {
		for _, h := range all {
			if err := os.Remove(looseObjectPath(dir, h)); err != nil {
				t.Fatal(err)
			}
		}
	})
}

// packedHashes returns the ids held by the repository's packs.
func packedHashes(t testing.TB, dir string) map[plumbing.Hash]bool {
	t.Helper()
	out := map[plumbing.Hash]bool{}
	idxs, _ := filepath.Glob(filepath.Join(gitDir(dir), "objects", "pack", "*.idx"))
	for _, p := range idxs {
		for _, e := range idxEntries(t, p) {
			out[e.Hash] = true
		}
	}
	return out
}

// idxEntries decodes a pack index, entries in offset order.
func idxEntries(t testing.TB, path string) []*idxfile.Entry {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	mi := idxfile.NewMemoryIndex()
	if err := idxfile.NewDecoder(f).Decode(mi); err != nil {
		t.Fatal(err)
	}
	it, err := mi.EntriesByOffset()
	if err != nil {
		t.Fatal(err)
	}
	var out []*idxfile.Entry
	for {
		e, err := it.Next()
		if err != nil {
			break
		}
		out = append(out, e)
	}
	return out
}

// writePack encodes objects hs of src into a new pack of repository r.
// after runs once the pack is written.
func writePack(t testing.TB, r *git.Repository, src storer.EncodedObjectStorer, hs []plumbing.Hash, after func()) plumbing.Hash {
	t.Helper()
	fss := r.Storer.(*filesystem.Storage)
	w, err := fss.PackfileWriter()
	if err != nil {
		t.Fatal(err)
	}
	ph, err := packfile.NewEncoder(w, src, false).Encode(hs, 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if after != nil {
		after()
	}
	return ph
}

func packPaths(dir string, ph plumbing.Hash) (pack, idx string) {
	base := filepath.Join(gitDir(dir), "objects", "pack", "pack-"+ph.String())
	return base + ".pack", base + ".idx"
}

// writeLooseStream writes a loose object of the given type and size whose
// content is streamed from r, never held in memory, and returns its id.
func writeLooseStream(t testing.TB, dir string, typ plumbing.ObjectType, size int64, r io.Reader) plumbing.Hash {
	t.Helper()
	tmp, err := os.CreateTemp(filepath.Join(gitDir(dir), "objects"), "tmp_obj_")
	if err != nil {
		t.Fatal(err)
	}
	ow := objfile.NewWriter(tmp)
	if err := ow.WriteHeader(typ, size); err != nil {
		t.Fatal(err)
	}
	if n, err := io.Copy(ow, r); err != nil || n != size {
		t.Fatalf("streamed %d of %d bytes: %v", n, size, err)
	}
	if err := ow.Close(); err != nil {
		t.Fatal(err)
	}
	tmp.Close()
	h := ow.Hash()
	final := looseObjectPath(dir, h)
	os.MkdirAll(filepath.Dir(final), 0o755)
	if err := os.Rename(tmp.Name(), final); err != nil {
		t.Fatal(err)
	}
	return h
}

// needGit returns the git binary, or skips the test.
func needGit(t testing.TB) string {
	t.Helper()
	p, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git binary not found: this case needs it")
	}
	return p
}

func runGit(t testing.TB, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command(needGit(t), args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(),
		"GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=dev", "GIT_AUTHOR_EMAIL=dev@example.com",
		"GIT_COMMITTER_NAME=dev", "GIT_COMMITTER_EMAIL=dev@example.com")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// problemsOf returns the problems of a scan error (nil when err is not *scan.Errors).
func problemsOf(err error) []scan.Problem {
	var errs *scan.Errors
	if errors.As(err, &errs) {
		return errs.Problems
	}
	return nil
}

// hasProblem reports whether err lists a problem about object (any path
// when path is "*") that wraps target (any error when target is nil).
func hasProblem(err error, path, object string, target error) bool {
	for _, p := range problemsOf(err) {
		if (path == "*" || p.Path == path) && (object == "" || p.Object == object) && (target == nil || errors.Is(p, target)) {
			return true
		}
	}
	return false
}

// findingFor returns the finding whose first part is key, if any.
func findingFor(fs []scan.Finding, key string) (scan.Finding, bool) {
	for _, f := range fs {
		if len(f.Parts) > 0 && f.Parts[0].Value == key {
			return f, true
		}
	}
	return scan.Finding{}, false
}

func logFindings(t testing.TB, fs []scan.Finding) {
	t.Helper()
	for _, f := range fs {
		t.Logf("finding %s complete=%v parts=%+v locations=%+v", f.RuleID, f.Complete, f.Parts, f.Locations)
	}
}

// heapProbe samples HeapInuse while a scan runs.
type heapProbe struct {
	base, peak uint64
	stop       chan struct{}
	done       sync.WaitGroup
}

func startHeapProbe() *heapProbe {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	p := &heapProbe{base: ms.HeapInuse, peak: ms.HeapInuse, stop: make(chan struct{})}
	p.done.Add(1)
	go func() {
		defer p.done.Done()
		tk := time.NewTicker(5 * time.Millisecond)
		defer tk.Stop()
		for {
			select {
			case <-p.stop:
				return
			case <-tk.C:
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				if ms.HeapInuse > p.peak {
					p.peak = ms.HeapInuse
				}
			}
		}
	}()
	return p
}

// end stops sampling and returns the peak growth over the baseline, in MiB.
func (p *heapProbe) end() float64 {
	close(p.stop)
	p.done.Wait()
	return float64(p.peak-p.base) / (1 << 20)
}

// noLeak fails the test if, after a grace period, more goroutines run than
// before the scan.
func noLeak(t testing.TB, before int) {
	t.Helper()
	deadline := time.Now().Add(3 * time.Second)
	for {
		n := runtime.NumGoroutine()
		if n <= before {
			return
		}
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<20)
			buf = buf[:runtime.Stack(buf, true)]
			t.Errorf("goroutine leak: %d running, %d before the scan\n%s", n, before, buf)
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// segReader streams segments: filler lines and literal text.
type segment struct {
	fillerLines int    // lines of filler, or
	text        string // literal text
}

const fillerLine = "lorem ipsum filler text for a large blob 0123456789 abcdefghijk\n" // 64 bytes

type segReader struct {
	segs []segment
	i    int
	off  int // within the current segment
}

func (r *segReader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) && r.i < len(r.segs) {
		s := r.segs[r.i]
		if s.text != "" {
			c := copy(p[n:], s.text[r.off:])
			n += c
			r.off += c
			if r.off == len(s.text) {
				r.i, r.off = r.i+1, 0
			}
			continue
		}
		total := s.fillerLines * len(fillerLine)
		for n < len(p) && r.off < total {
			c := copy(p[n:], fillerLine[r.off%len(fillerLine):])
			n += c
			r.off += c
		}
		if r.off == total {
			r.i, r.off = r.i+1, 0
		}
	}
	if n == 0 && r.i == len(r.segs) {
		return 0, io.EOF
	}
	return n, nil
}

func segSize(segs []segment) int64 {
	var n int64
	for _, s := range segs {
		n += int64(len(s.text)) + int64(s.fillerLines)*int64(len(fillerLine))
	}
	return n
}

// lineOf returns the 1-based line on which needle (which must occur once
// in segment i's text) starts.
func lineOf(segs []segment, i int, needle string) int {
	line := 1
	for _, s := range segs[:i] {
		line += s.fillerLines + strings.Count(s.text, "\n")
	}
	return line + strings.Count(s0(segs[i].text, needle), "\n")
}

func s0(text, needle string) string {
	i := strings.Index(text, needle)
	if i < 0 {
		panic("needle not in text")
	}
	return text[:i]
}
