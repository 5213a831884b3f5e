package scan

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing/format/index"
)

// TestIndexNames: the index reader agrees with go-git's decoder on the
// indexes git writes (versions 2, 3 with extended flags, and 4 with
// prefix-compressed names).
func TestIndexNames(t *testing.T) {
	gitBin, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git binary not found")
	}
	dir := t.TempDir()
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command(gitBin, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("init", "-q")
	files := []string{"a", "a.txt", "b/c/d.env", "b/c/e.env", "b/cc", strings.Repeat("n", 200) + "/" + strings.Repeat("m", 200) + ".json", "z"}
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(f), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git("add", ".")
	os.WriteFile(filepath.Join(dir, "later.env"), []byte("x"), 0o644)
	git("add", "-N", "later.env") // intent-to-add: an extended-flags entry
	want := append(append([]string(nil), files...), "later.env")
	sort.Strings(want)
	for _, v := range []string{"2", "3", "4"} {
		t.Run("v"+v, func(t *testing.T) {
			git("update-index", "--index-version", v)
			data, err := os.ReadFile(filepath.Join(dir, ".git", "index"))
			if err != nil {
				t.Fatal(err)
			}
			got, err := indexNames(data)
			if err != nil {
				t.Fatal(err)
			}
			var idx index.Index
			if err := index.NewDecoder(bytes.NewReader(data)).Decode(&idx); err != nil {
				t.Fatal(err)
			}
			var gg []string
			for _, e := range idx.Entries {
				gg = append(gg, e.Name)
			}
			sort.Strings(gg)
			if strings.Join(got, "\n") != strings.Join(want, "\n") || strings.Join(gg, "\n") != strings.Join(want, "\n") {
				t.Errorf("names:\n got %q\n go-git %q\n want %q", got, gg, want)
			}
		})
	}
}

// TestIndexNamesBounded: a crafted version 4 index whose names each keep
// the whole previous name and add a byte would expand quadratically
// (100,000 entries of 64 bytes: 5 GB of names); it is refused.
func TestIndexNamesBounded(t *testing.T) {
	const n = 100_000
	var b bytes.Buffer
	b.WriteString("DIRC")
	binary.Write(&b, binary.BigEndian, uint32(4))
	binary.Write(&b, binary.BigEndian, uint32(n))
	entry := make([]byte, 62)
	for i := 0; i < n; i++ {
		b.Write(entry)
		b.WriteByte(0) // strip nothing of the previous name
		b.WriteString("a\x00")
	}
	_, err := indexNames(b.Bytes())
	if !errors.Is(err, errIndexFormat) {
		t.Fatalf("a quadratically expanding index was accepted: %v", err)
	}
	for _, bad := range [][]byte{nil, []byte("DIRC"), []byte("DIRC\x00\x00\x00\x05\x00\x00\x00\x01"), append([]byte("DIRC\x00\x00\x00\x02\x00\x00\x00\x01"), make([]byte, 40)...)} {
		if _, err := indexNames(bad); !errors.Is(err, errIndexFormat) {
			t.Errorf("%q: want a format error, got %v", bad, err)
		}
	}
}

// FuzzIndexNames: any bytes given as a git index are parsed or refused,
// never a panic, and the names built stay within the bound.
func FuzzIndexNames(f *testing.F) {
	entry := func(version uint32, names ...string) []byte {
		var b bytes.Buffer
		b.WriteString("DIRC")
		binary.Write(&b, binary.BigEndian, version)
		binary.Write(&b, binary.BigEndian, uint32(len(names)))
		prev := ""
		for _, n := range names {
			fixed := make([]byte, 62)
			binary.BigEndian.PutUint16(fixed[60:], uint16(min(len(n), 0xfff)))
			b.Write(fixed)
			if version == 4 {
				common := 0
				for common < len(prev) && common < len(n) && prev[common] == n[common] {
					common++
				}
				b.WriteByte(byte(len(prev) - common)) // fits: short names
				b.WriteString(n[common:])
				b.WriteByte(0)
			} else {
				b.WriteString(n)
				pad := 8 - (62+len(n))%8
				b.Write(make([]byte, pad))
			}
			prev = n
		}
		return b.Bytes()
	}
	f.Add(entry(2, "a", "b/c.env", "b/d"))
	f.Add(entry(3, "x.json"))
	f.Add(entry(4, "dir/a.env", "dir/b.env", "dir2/c"))
	f.Add([]byte("DIRC\x00\x00\x00\x04\x00\x00\x00\x02"))
	f.Fuzz(func(t *testing.T, data []byte) {
		names, err := indexNames(data)
		if err != nil {
			if !errors.Is(err, errIndexFormat) {
				t.Fatalf("error %v does not wrap errIndexFormat", err)
			}
			return
		}
		total := 0
		for i, n := range names {
			total += len(n)
			if i > 0 && names[i-1] > n {
				t.Fatal("names not sorted")
			}
		}
		if total > len(data)*8+1<<20 {
			t.Fatalf("%d bytes of names from %d bytes of index", total, len(data))
		}
	})
}
