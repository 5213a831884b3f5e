package gitpack_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/format/idxfile"

	"github.com/keyhound/keyhound/internal/gitpack"
)

// gitRepo builds a repository whose files change over many commits, so
// that git stores most versions as deltas, and repacks it into one pack
// (with REF deltas instead of OFS deltas when refDeltas). It returns the
// repository's directory and the pack's path without extension.
func gitRepo(t *testing.T, refDeltas bool) (string, string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Fatal("these tests build packs with git: install git")
	}
	dir := t.TempDir()
	git := func(args ...string) string {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"}, args...)...)
		// Fixed dates: the same pack on every run.
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
			"GIT_AUTHOR_DATE=2024-01-01T00:00:00Z", "GIT_COMMITTER_DATE=2024-01-01T00:00:00Z")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	git("init", "-q")
	var lines []string
	for i := 0; i < 300; i++ {
		lines = append(lines, fmt.Sprintf("line %d: some configuration value %x", i, i*7919))
	}
	for c := 0; c < 40; c++ {
		lines[(c*37)%len(lines)] = fmt.Sprintf("changed in commit %d", c)
		lines = append(lines, fmt.Sprintf("appended %d", c))
		for f := 0; f < 3; f++ {
			body := strings.Join(lines[f*10:], "\n")
			if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("f%d.txt", f)), []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if c%10 == 0 {
			big := bytes.Repeat([]byte(fmt.Sprintf("large %d ", c)), 40000)
			if err := os.WriteFile(filepath.Join(dir, "big.bin"), big, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		git("add", "-A")
		git("commit", "-q", "-m", fmt.Sprint("c", c))
	}
	git("-c", fmt.Sprintf("repack.useDeltaBaseOffset=%v", !refDeltas), "repack", "-adfq", "--depth=50", "--window=50")
	packs, _ := filepath.Glob(filepath.Join(dir, ".git", "objects", "pack", "*.pack"))
	if len(packs) != 1 {
		t.Fatalf("%d packs", len(packs))
	}
	// The test is only worth something if the pack holds deltas of the
	// kind it means to test.
	v := git("verify-pack", "-v", packs[0])
	deltas := 0
	for _, l := range strings.Split(v, "\n") {
		if f := strings.Fields(l); len(f) >= 7 && f[1] == "blob" {
			deltas++
		}
	}
	if deltas < 50 {
		t.Fatalf("only %d deltified blobs in the test pack", deltas)
	}
	return dir, strings.TrimSuffix(packs[0], ".pack")
}

// gitBlobs returns every blob of the repository as git reads it.
func gitBlobs(t *testing.T, dir string) map[plumbing.Hash][]byte {
	t.Helper()
	out, err := exec.Command("git", "-C", dir, "cat-file", "--batch-all-objects", "--batch-check=%(objecttype) %(objectname)").Output()
	if err != nil {
		t.Fatal(err)
	}
	blobs := map[plumbing.Hash][]byte{}
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(l)
		if f[0] != "blob" {
			continue
		}
		data, err := exec.Command("git", "-C", dir, "cat-file", "blob", f[1]).Output()
		if err != nil {
			t.Fatal(err)
		}
		blobs[plumbing.NewHash(f[1])] = data
	}
	return blobs
}

func openPack(t testing.TB, base string) (*os.File, int64, *idxfile.MemoryIndex) {
	t.Helper()
	f, err := os.Open(base + ".idx")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	idx := idxfile.NewMemoryIndex()
	if err := idxfile.NewDecoder(f).Decode(idx); err != nil {
		t.Fatal(err)
	}
	p, err := os.Open(base + ".pack")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	st, _ := p.Stat()
	return p, st.Size(), idx
}

func readAll(t *testing.T, pack io.ReaderAt, b gitpack.Blob) []byte {
	t.Helper()
	if !b.Streamed {
		return b.Data
	}
	r, err := b.Open(pack)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	data, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestBlobsAsGitReadsThem: every blob of packs with OFS and with REF
// deltas, read with a roomy cache, with a cache too small to keep any
// base (every base inflated again), and with large blobs streamed, is the
// blob git reads, each exactly once, and nothing else is.
func TestBlobsAsGitReadsThem(t *testing.T) {
	for _, ref := range []bool{false, true} {
		dir, base := gitRepo(t, ref)
		want := gitBlobs(t, dir)
		for _, opts := range []gitpack.Options{
			{},
			{CacheBytes: 1},
			{Large: 100 << 10},
		} {
			t.Run(fmt.Sprintf("ref=%v/%+v", ref, opts), func(t *testing.T) {
				pack, size, idx := openPack(t, base)
				got := map[plumbing.Hash]bool{}
				streamed := 0
				err := gitpack.Blobs(context.Background(), pack, size, idx, opts, func(b gitpack.Blob) error {
					if got[b.Hash] {
						t.Errorf("blob %s twice", b.Hash)
					}
					got[b.Hash] = true
					if b.Streamed {
						streamed++
					}
					data := readAll(t, pack, b)
					if w, ok := want[b.Hash]; !ok {
						t.Errorf("%s is not a blob of the repository", b.Hash)
					} else if !bytes.Equal(data, w) || b.Size != int64(len(w)) {
						t.Errorf("blob %s: %d bytes (size %d), git reads %d", b.Hash, len(data), b.Size, len(w))
					}
					return nil
				})
				if err != nil {
					t.Fatal(err)
				}
				if len(got) != len(want) {
					t.Errorf("%d blobs, git has %d", len(got), len(want))
				}
				if opts.Large > 0 && streamed == 0 {
					t.Error("no blob was streamed")
				}
			})
		}
	}
}

// TestBlobsStops: the callback's error and a cancelled context end the
// pass.
func TestBlobsStops(t *testing.T) {
	_, base := gitRepo(t, false)
	pack, size, idx := openPack(t, base)
	stop := errors.New("stop")
	n := 0
	err := gitpack.Blobs(context.Background(), pack, size, idx, gitpack.Options{}, func(gitpack.Blob) error {
		n++
		return stop
	})
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("err %v after %d blobs, want stop after 1", err, n)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := gitpack.Blobs(ctx, pack, size, idx, gitpack.Options{}, func(gitpack.Blob) error { return nil }); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

// TestDamagedPack: a pack with one byte damaged anywhere after its header
// ends the pass with ErrCorrupt, or (damage that no blob
// depends on, or that makes a blob look like another type) delivers only
// blobs with git's content; never a panic. zlib's checksum catches
// damaged compressed data.
func TestDamagedPack(t *testing.T) {
	dir, base := gitRepo(t, false)
	want := gitBlobs(t, dir)
	orig, err := os.ReadFile(base + ".pack")
	if err != nil {
		t.Fatal(err)
	}
	_, _, idx := openPack(t, base)
	for off := 12; off < len(orig)-20; off += len(orig) / 97 {
		for _, x := range []byte{0x01, 0x80, 0xff} {
			damaged := bytes.Clone(orig)
			damaged[off] ^= x
			err := gitpack.Blobs(context.Background(), bytes.NewReader(damaged), int64(len(damaged)), idx, gitpack.Options{}, func(b gitpack.Blob) error {
				if b.Err != nil && !errors.Is(b.Err, gitpack.ErrTooLarge) {
					return b.Err
				}
				if w, ok := want[b.Hash]; ok && !b.Streamed && !bytes.Equal(w, b.Data) {
					return fmt.Errorf("blob %s differs from git's", b.Hash)
				}
				return nil
			})
			if err != nil && !errors.Is(err, gitpack.ErrCorrupt) {
				t.Errorf("byte %d ^ %#x: %v, want ErrCorrupt", off, x, err)
			}
		}
	}
}

// TestNotAPack: a file that is not a pack, or a pack whose index lists a
// different count, is refused up front.
func TestNotAPack(t *testing.T) {
	_, base := gitRepo(t, false)
	_, _, idx := openPack(t, base)
	for _, data := range [][]byte{nil, []byte("PACK"), []byte("PACK\x00\x00\x00\x02\x00\x00\x00\x01" + strings.Repeat("\x00", 40)), []byte("JUNK\x00\x00\x00\x02\x00\x00\x00\x00")} {
		err := gitpack.Blobs(context.Background(), bytes.NewReader(data), int64(len(data)), idx, gitpack.Options{}, func(gitpack.Blob) error { return nil })
		if !errors.Is(err, gitpack.ErrCorrupt) {
			t.Errorf("%q: %v, want ErrCorrupt", data, err)
		}
	}
}

// TestPackObjectAsGitReadsIt: every object of packs with OFS and with REF
// deltas, looked up by id, has the type and content git gives it; an id
// the pack does not hold is not found.
func TestPackObjectAsGitReadsIt(t *testing.T) {
	for _, ref := range []bool{false, true} {
		dir, base := gitRepo(t, ref)
		out, err := exec.Command("git", "-C", dir, "cat-file", "--batch-all-objects", "--batch-check=%(objecttype) %(objectname)").Output()
		if err != nil {
			t.Fatal(err)
		}
		idxFile, err := os.Open(base + ".idx")
		if err != nil {
			t.Fatal(err)
		}
		defer idxFile.Close()
		pack, size, _ := openPack(t, base)
		p, err := gitpack.OpenPack(idxFile, pack, size, 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			f := strings.Fields(l)
			want, err := exec.Command("git", "-C", dir, "cat-file", f[0], f[1]).Output()
			if err != nil {
				t.Fatal(err)
			}
			typ, data, ok, err := p.Object(plumbing.NewHash(f[1]))
			if err != nil || !ok {
				t.Fatalf("%s %s: ok %v, %v", f[0], f[1], ok, err)
			}
			if typ.String() != f[0] || !bytes.Equal(data, want) {
				t.Errorf("%s %s: %s of %d bytes, git reads %d", f[0], f[1], typ, len(data), len(want))
			}
			n++
		}
		if n < 100 {
			t.Fatalf("only %d objects", n)
		}
		if _, _, ok, err := p.Object(plumbing.NewHash("0123456789012345678901234567890123456789")); ok || err != nil {
			t.Errorf("an absent id: ok %v, %v", ok, err)
		}
	}
}
