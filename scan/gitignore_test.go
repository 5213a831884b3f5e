package scan_test

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	git "github.com/go-git/go-git/v5"

	"github.com/keyhound/keyhound/scan"
)

// numberedCred returns a distinct TestEx credential for each n.
func numberedCred(n int) (key, secret string) {
	const alnum = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"
	r := rand.New(rand.NewPCG(uint64(n), 0x6b6579686f756e64))
	pick := func(k int) string {
		b := make([]byte, k)
		for i := range b {
			b[i] = alnum[r.IntN(len(alnum))]
		}
		return string(b)
	}
	return pick(32), pick(40)
}

// foundByKey maps each finding's key value to its first path.
func foundByKey(fs []scan.Finding) map[string]string {
	out := map[string]string{}
	for _, f := range fs {
		if len(f.Parts) > 0 && len(f.Locations) > 0 {
			out[f.Parts[0].Value] = f.Locations[0].Path
		}
	}
	return out
}

// TestDirGitignoreNeverHidesSecrets: .gitignore never hides a file git
// tracks (git add -f .env, the classic leak), and untracked files of the
// secret-bearing class (.env, .env.*, config files) are scanned even when
// ignored, also inside an ignored directory such as config/. Ignored
// dependency and build-output directories and ignored files outside the
// class are skipped, and every skip is counted and named.
func TestDirGitignoreNeverHidesSecrets(t *testing.T) {
	g := newGitRepo(t)
	g.write(".gitignore", ".env\n.env.*\n*.log\n*.md\nnode_modules/\nconfig/\ndist/\n")
	g.write("app.py", "print('hello')\n")
	g.write("sub/.gitignore", "*.md\n")
	g.commit("init")

	type file struct {
		path    string
		tracked bool // force-added to the index (git add -f)
		found   bool // the scan must report its credential
	}
	files := []file{
		{".env", true, true},                           // tracked though ignored
		{"dist/keep.json", true, true},                 // tracked inside an ignored build directory
		{"sub/notes.md", true, true},                   // tracked, ignored by pattern, not secret-bearing
		{"sub/other.md", false, false},                 // untracked, ignored, not secret-bearing
		{".env.production", false, true},               // untracked, ignored, secret-bearing
		{"config/settings.json", false, true},          // untracked in an ignored non-dependency directory
		{"config/deep/.env", false, true},              // the same, deeper
		{"debug.log", false, false},                    // ignored, not secret-bearing: skipped
		{"readme.md", false, false},                    // the same
		{"dist/bundle.js", false, false},               // ignored build output
		{"node_modules/pkg/config.json", false, false}, // ignored dependency directory
		{"node_modules/pkg/.env", false, false},        // the same: the directory is skipped whole
	}
	want := map[string]string{} // key -> path, for files to be found
	hidden := map[string]string{}
	for i, f := range files {
		k, s := numberedCred(i)
		full := filepath.Join(g.dir, filepath.FromSlash(f.path))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(cred(k, s)), 0o644); err != nil {
			t.Fatal(err)
		}
		if f.tracked {
			if _, err := g.wt.Add(f.path); err != nil {
				t.Fatal(err)
			}
		}
		if f.found {
			want[k] = f.path
		} else {
			hidden[k] = f.path
		}
	}
	g.commit("force-add ignored files")
	// A nested repository (a submodule checkout, a vendored clone) tracks
	// its own files: the outer *.md does not hide nested/doc.md.
	nk, ns := numberedCred(100)
	nested := filepath.Join(g.dir, "nested")
	nr, err := git.PlainInit(nested, false)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, nested, "doc.md", cred(nk, ns))
	nwt, _ := nr.Worktree()
	if _, err := nwt.Add("doc.md"); err != nil {
		t.Fatal(err)
	}
	want[nk] = "nested/doc.md"

	s := &scan.Scanner{Rules: testSet(t)}
	fs, st, err := collect(t, func(fn func(scan.Finding)) (scan.Stats, error) {
		return s.Dir(bg, g.dir, scan.DirOptions{}, fn)
	})
	if err != nil {
		t.Fatal(err)
	}
	got := foundByKey(fs)
	for k, p := range want {
		if got[k] != p {
			t.Errorf("%s: not found (gitignore hid it)", p)
		}
	}
	for k, p := range hidden {
		if _, ok := got[k]; ok {
			t.Errorf("%s: scanned, want it skipped", p)
		}
	}
	skipped := []string{"debug.log", "dist/bundle.js", "node_modules/", "readme.md", "sub/other.md"}
	if st.SkippedGitignored != int64(len(skipped)) {
		t.Errorf("SkippedGitignored = %d, want %d", st.SkippedGitignored, len(skipped))
	}
	listed := append([]string(nil), st.Gitignored...)
	sort.Strings(listed)
	if strings.Join(listed, ",") != strings.Join(skipped, ",") {
		t.Errorf("Gitignored = %v, want %v", listed, skipped)
	}

	// Scanning a subdirectory of the work tree still consults the index.
	fs, _, err = collect(t, func(fn func(scan.Finding)) (scan.Stats, error) {
		return s.Dir(bg, filepath.Join(g.dir, "sub"), scan.DirOptions{}, fn)
	})
	if err != nil {
		t.Fatal(err)
	}
	if p := strings.Join(paths(fs), ","); p != "notes.md" {
		t.Errorf("scan of sub/: found at %q, want notes.md", p)
	}
}

// TestDirGitignoredListIsBounded: many ignored files are all counted,
// and only the first few are named.
func TestDirGitignoredListIsBounded(t *testing.T) {
	root := t.TempDir()
	writeFile(t, root, ".gitignore", "*.log\n")
	n := scan.MaxGitignoredListed * 3
	for i := 0; i < n; i++ {
		writeFile(t, root, "logs/"+strings.Repeat("x", i%7)+string(rune('a'+i%26))+itoa(i)+".log", "x\n")
	}
	s := &scan.Scanner{Rules: testSet(t)}
	st, err := s.Dir(bg, root, scan.DirOptions{}, func(scan.Finding) {})
	if err != nil {
		t.Fatal(err)
	}
	if st.SkippedGitignored != int64(n) || len(st.Gitignored) != scan.MaxGitignoredListed {
		t.Errorf("SkippedGitignored %d (want %d), %d named (want %d)", st.SkippedGitignored, n, len(st.Gitignored), scan.MaxGitignoredListed)
	}
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var b []byte
	for ; i > 0; i /= 10 {
		b = append([]byte{byte('0' + i%10)}, b...)
	}
	return string(b)
}
