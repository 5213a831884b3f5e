package scan

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
)

// TestDirectObjectsAsGoGit: every object of a repository with packed
// history (OFS deltas) and loose objects reads through directObjects
// with the type and content go-git gives it; asking for another type or
// an absent id is ErrObjectNotFound.
func TestDirectObjectsAsGoGit(t *testing.T) {
	dir := t.TempDir()
	git := func(args ...string) string {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
			"GIT_AUTHOR_NAME=dev", "GIT_AUTHOR_EMAIL=dev@example.com",
			"GIT_COMMITTER_NAME=dev", "GIT_COMMITTER_EMAIL=dev@example.com")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	git("init", "-q")
	body := ""
	for c := 0; c < 30; c++ {
		body += fmt.Sprintf("setting_%d = %d\n", c, c*c)
		for _, name := range []string{"a.py", "sub/b.py", "sub/deep/c.py"} {
			p := filepath.Join(dir, name)
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := os.WriteFile(p, []byte(name+"\n"+body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		git("add", "-A")
		git("commit", "-q", "-m", fmt.Sprint(c))
		if c == 20 {
			git("repack", "-adq") // the rest stays loose
		}
	}
	repo, err := OpenRepository(dir)
	if err != nil {
		t.Fatal(err)
	}
	direct, done := withDirectObjects(repo, 1<<30, 0)
	defer done()
	if direct == repo {
		t.Fatal("a filesystem repository was not given direct reads")
	}
	n := 0
	for _, l := range strings.Split(strings.TrimSpace(git("cat-file", "--batch-all-objects", "--batch-check=%(objectname)")), "\n") {
		h := plumbing.NewHash(l)
		want, err := repo.Storer.EncodedObject(plumbing.AnyObject, h)
		if err != nil {
			t.Fatal(err)
		}
		got, err := direct.Storer.EncodedObject(plumbing.AnyObject, h)
		if err != nil {
			t.Fatalf("%s: %v", h, err)
		}
		if got.Type() != want.Type() || !bytes.Equal(content(t, got), content(t, want)) {
			t.Errorf("%s: %s, go-git reads %s", h, got.Type(), want.Type())
		}
		other := plumbing.BlobObject
		if want.Type() == plumbing.BlobObject {
			other = plumbing.TreeObject
		}
		if _, err := direct.Storer.EncodedObject(other, h); !errors.Is(err, plumbing.ErrObjectNotFound) {
			t.Errorf("%s as a %s: %v", h, other, err)
		}
		n++
	}
	if n < 150 {
		t.Fatalf("only %d objects", n)
	}
	if _, err := direct.Storer.EncodedObject(plumbing.AnyObject, plumbing.NewHash("0123456789012345678901234567890123456789")); !errors.Is(err, plumbing.ErrObjectNotFound) {
		t.Errorf("absent: %v", err)
	}
	if len(direct.Storer.(*directObjects).packs) != 1 {
		t.Errorf("%d packs opened, want 1", len(direct.Storer.(*directObjects).packs))
	}
}

func content(t *testing.T, o plumbing.EncodedObject) []byte {
	t.Helper()
	r, err := o.Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
