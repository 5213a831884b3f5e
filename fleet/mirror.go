package fleet

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/transport"
	githttp "github.com/go-git/go-git/v5/plumbing/transport/http"
	"github.com/go-git/go-git/v5/storage/memory"
)

// The refs a fleet scan fetches: branches and tags, not the hosts'
// pull-request and review refs (refs/pull/*), which can outnumber them a
// hundred to one.
var fetchSpecs = []config.RefSpec{"+refs/heads/*:refs/heads/*", "+refs/tags/*:refs/tags/*"}

// ErrCloneTooLarge is reported for a repository whose clone grew past
// the size limit: it was stopped there and not scanned.
var ErrCloneTooLarge = errors.New("clone over the size limit")

// Tips maps each branch and tag of a repository to the commit (or tag
// object) it points at.
type Tips map[string]string

// Equal reports whether both name the same refs at the same objects.
func (t Tips) Equal(o Tips) bool {
	if len(t) != len(o) {
		return false
	}
	for k, v := range t {
		if o[k] != v {
			return false
		}
	}
	return true
}

// auth returns the credentials for a unit's source: the token, as
// GitHub's x-access-token, for https sources on tokenHost only; none
// otherwise (ssh uses the agent and known_hosts, as git does).
func (m *mirror) auth(u Unit) transport.AuthMethod {
	if m.token == "" || m.tokenHost == "" {
		return nil
	}
	pu, err := url.Parse(u.Source)
	if err != nil || pu.Scheme != "https" || !strings.EqualFold(pu.Hostname(), m.tokenHost) {
		return nil
	}
	return &githttp.BasicAuth{Username: "x-access-token", Password: m.token}
}

// mirror keeps bare copies of units' repositories under dir.
type mirror struct {
	dir       string
	token     string
	tokenHost string
	timeout   time.Duration
	maxBytes  int64
}

func (m *mirror) path(u Unit) string { return filepath.Join(m.dir, "repos", u.key()+".git") }

// tips lists the unit's branches and tags without fetching anything.
func (m *mirror) tips(ctx context.Context, u Unit) (Tips, error) {
	if err := checkLocal(u); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, min(m.timeout, 2*time.Minute))
	defer cancel()
	r := git.NewRemote(memory.NewStorage(), &config.RemoteConfig{Name: "origin", URLs: []string{u.Source}})
	refs, err := r.ListContext(ctx, &git.ListOptions{Auth: m.auth(u)})
	if err != nil {
		if errors.Is(err, transport.ErrEmptyRemoteRepository) {
			return Tips{}, nil
		}
		return nil, fmt.Errorf("listing refs: %w", scrubToken(err, m.token))
	}
	t := Tips{}
	for _, ref := range refs {
		n := ref.Name()
		if (n.IsBranch() || n.IsTag()) && ref.Type() == plumbing.HashReference {
			t[n.String()] = ref.Hash().String()
		}
	}
	return t, nil
}

// checkLocal refuses a local source that is not a directory (a path in
// the units file that a later edit turned into a link to a device, say).
func checkLocal(u Unit) error {
	if !filepath.IsAbs(u.Source) {
		return nil
	}
	fi, err := os.Stat(u.Source)
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return fmt.Errorf("%s is not a directory", u.Source)
	}
	return nil
}

// sync makes the unit's bare copy hold the given tips: a first clone, or
// a fetch of what is new. It is bounded by the mirror's timeout and size
// limit; a copy left over the limit is removed.
func (m *mirror) sync(ctx context.Context, u Unit, want Tips) (string, error) {
	dir := m.path(u)
	ctx, cancel := context.WithTimeoutCause(ctx, m.timeout, fmt.Errorf("clone took longer than %s", m.timeout))
	defer cancel()
	repo, err := git.PlainOpen(dir)
	if errors.Is(err, git.ErrRepositoryNotExists) {
		if err := os.MkdirAll(filepath.Dir(dir), 0o700); err != nil {
			return "", err
		}
		repo, err = git.PlainInit(dir, true)
		if err == nil {
			_, err = repo.CreateRemote(&config.RemoteConfig{Name: "origin", URLs: []string{u.Source}, Fetch: fetchSpecs})
		}
	}
	if err != nil {
		return "", fmt.Errorf("cache %s: %w", dir, err)
	}
	if len(want) == 0 {
		return dir, nil // an empty repository: nothing to fetch
	}
	sizeCtx, stopWatch := m.watchSize(ctx, dir)
	err = repo.FetchContext(sizeCtx, &git.FetchOptions{RemoteName: "origin", RefSpecs: fetchSpecs, Auth: m.auth(u), Tags: git.NoTags, Force: true, Prune: true})
	stopWatch()
	if errors.Is(err, git.NoErrAlreadyUpToDate) {
		err = nil
	}
	if cause := context.Cause(sizeCtx); errors.Is(cause, ErrCloneTooLarge) {
		os.RemoveAll(dir)
		return "", cause
	}
	if err != nil {
		if c := context.Cause(ctx); c != nil && ctx.Err() != nil {
			err = c
		}
		return "", fmt.Errorf("fetching: %w", scrubToken(err, m.token))
	}
	setHead(repo, want)
	return dir, nil
}

// setHead points the bare copy's HEAD at main, else master, else the
// first branch: the branch whose tree tells which findings are still
// present.
func setHead(repo *git.Repository, want Tips) {
	var branches []string
	for n := range want {
		if strings.HasPrefix(n, "refs/heads/") {
			branches = append(branches, n)
		}
	}
	if len(branches) == 0 {
		return
	}
	sort.Strings(branches)
	head := branches[0]
	for _, pref := range []string{"refs/heads/master", "refs/heads/main"} {
		if _, ok := want[pref]; ok {
			head = pref
		}
	}
	_ = repo.Storer.SetReference(plumbing.NewSymbolicReference(plumbing.HEAD, plumbing.ReferenceName(head)))
}

// watchSize cancels the returned context with ErrCloneTooLarge once dir
// grows past the limit (checked every 200ms: the overshoot is what
// arrives in that time).
func (m *mirror) watchSize(ctx context.Context, dir string) (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(ctx)
	if m.maxBytes <= 0 {
		return ctx, func() { cancel(nil) }
	}
	done := make(chan struct{})
	exited := make(chan struct{})
	go func() {
		defer close(exited)
		t := time.NewTicker(200 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-ctx.Done():
				return
			case <-t.C:
				if dirSize(dir) > m.maxBytes {
					cancel(fmt.Errorf("%w (%d MB)", ErrCloneTooLarge, m.maxBytes>>20))
					return
				}
			}
		}
	}()
	return ctx, func() {
		close(done)
		<-exited
		if dirSize(dir) > m.maxBytes {
			cancel(fmt.Errorf("%w (%d MB)", ErrCloneTooLarge, m.maxBytes>>20))
		}
	}
}

func dirSize(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				n += fi.Size()
			}
		}
		return nil
	})
	return n
}

// scrubToken keeps token (a clone's or the GitHub API's) out of err's
// text; nil stays nil.
func scrubToken(err error, token string) error {
	if err == nil || token == "" || !strings.Contains(err.Error(), token) {
		return err
	}
	return errors.New(scrubText(err.Error(), token))
}

// scrubText replaces token in s with "[token]".
func scrubText(s, token string) string {
	if token == "" {
		return s
	}
	return strings.ReplaceAll(s, token, "[token]")
}
