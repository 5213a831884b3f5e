package fleet

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/keyhound/keyhound/report"
	"github.com/keyhound/keyhound/scan"
)

// RepoScanner scans the full history of one repository (a bare copy at
// dir). It is the one place a shard calls the scanner, so the library
// entry point can take it over without the rest of fleet changing.
type RepoScanner interface {
	ScanRepository(ctx context.Context, dir string, memo scan.BlobMemo, fn func(scan.Finding)) (scan.Stats, error)
}

// HistoryScanner is a RepoScanner running scan.Scanner's history scan.
type HistoryScanner struct {
	Scanner scan.Scanner
}

// ScanRepository implements RepoScanner.
func (h *HistoryScanner) ScanRepository(ctx context.Context, dir string, memo scan.BlobMemo, fn func(scan.Finding)) (scan.Stats, error) {
	s := h.Scanner
	s.Memo = memo
	return s.History(ctx, dir, fn)
}

// ScanOptions configure ScanShard.
type ScanOptions struct {
	// Units is the whole plan; Shard picks this run's part of it.
	Units []Unit
	Shard Shard
	// Out is the shard's output directory (created if needed; a previous
	// run's state in it is resumed).
	Out string
	// Cache holds the bare copies and the remembered blobs; "" means a
	// temporary directory removed at the end (no blob is remembered
	// across runs then).
	Cache string
	// Scanner scans each repository; Rules identifies its rule set (see
	// RulesHash) and Version the tool.
	Scanner RepoScanner
	Rules   string
	Version string
	// KeepSecrets writes the secrets in full into findings.jsonl (for
	// merge --verify); otherwise they are redacted.
	KeepSecrets bool
	// Token authenticates https clones on TokenHost (GitHub's
	// x-access-token); it is sent nowhere else and never written.
	Token, TokenHost string
	// CloneTimeout bounds listing, fetching and scanning one repository;
	// 0 means 30 minutes. MaxCloneBytes bounds one bare copy; 0 means
	// 5 GiB, negative no limit.
	CloneTimeout  time.Duration
	MaxCloneBytes int64
	// Progress, when set, is called after each repository.
	Progress func(done, total int, r RepoResult)
}

// ScanShard scans the repositories of one shard into o.Out: one
// findings file per repository as it completes, manifest.json rewritten
// after each, and findings.jsonl (every repository's findings, one
// record a line) at the end. A repository that fails is recorded and the
// shard goes on; one that was complete at the same tips in the previous
// run is not scanned again. Memory is bounded by the largest repository,
// not by their number. The error is for the shard as a whole (an
// unwritable output directory); the manifest says what each repository
// came to.
func ScanShard(ctx context.Context, o ScanOptions) (*Manifest, error) {
	if o.Scanner == nil || o.Out == "" || o.Shard.Count < 1 {
		return nil, errors.New("fleet: ScanShard needs a scanner, an output directory and a shard")
	}
	if o.CloneTimeout <= 0 {
		o.CloneTimeout = 30 * time.Minute
	}
	if o.MaxCloneBytes == 0 {
		o.MaxCloneBytes = 5 << 30
	}
	if err := os.MkdirAll(filepath.Join(o.Out, "repos"), 0o700); err != nil {
		return nil, err
	}
	cache := o.Cache
	if cache == "" {
		tmp, err := os.MkdirTemp("", "keyhound-fleet-*")
		if err != nil {
			return nil, err
		}
		defer os.RemoveAll(tmp)
		cache = tmp
	}
	for _, d := range []string{"repos", "blobs"} {
		if err := os.MkdirAll(filepath.Join(cache, d), 0o700); err != nil {
			return nil, err
		}
	}
	mine := Assign(o.Units, o.Shard)
	m := &Manifest{Tool: "keyhound", Version: o.Version, Shard: o.Shard.String(), Plan: PlanID(o.Units), Units: len(o.Units),
		Rules: o.Rules, Redacted: !o.KeepSecrets, Started: time.Now().UTC()}
	for _, u := range mine {
		m.Repositories = append(m.Repositories, RepoResult{ID: u.ID, Source: u.Source, Status: StatusPending})
	}
	if err := writeManifest(o.Out, m); err != nil {
		return nil, err
	}
	mir := &mirror{dir: cache, token: o.Token, tokenHost: o.TokenHost, timeout: o.CloneTimeout, maxBytes: o.MaxCloneBytes}
	lastWrite := time.Now()
	for i, u := range mine {
		if ctx.Err() != nil {
			break // the rest stay pending
		}
		r := scanOne(ctx, o, mir, u, previousResult(o.Out, u, m))
		m.Repositories[i] = r
		// Each repository's result is saved as it completes (what a
		// resumed run reads); the manifest is rewritten at most every 30
		// seconds, so its cost stays linear in the number of repositories.
		if err := writeRepoResult(o.Out, u, m, r); err != nil {
			return m, err
		}
		if time.Since(lastWrite) > manifestEvery {
			if err := writeManifest(o.Out, m); err != nil {
				return m, err
			}
			lastWrite = time.Now()
		}
		if o.Progress != nil {
			o.Progress(i+1, len(mine), r)
		}
	}
	if err := joinFindings(o.Out, mine, m.Repositories); err != nil {
		return m, err
	}
	m.Complete = ctx.Err() == nil
	for _, r := range m.Repositories {
		m.Complete = m.Complete && r.Complete
	}
	now := time.Now().UTC()
	m.Finished = &now
	return m, writeManifest(o.Out, m)
}

// manifestEvery is how often a running shard rewrites its manifest.
const manifestEvery = 30 * time.Second

// savedResult is a repository's result as a shard saves it, with what
// it was scanned with.
type savedResult struct {
	Rules    string     `json:"rules"`
	Version  string     `json:"version"`
	Redacted bool       `json:"redacted"`
	Result   RepoResult `json:"result"`
}

func repoResultPath(out string, u Unit) string {
	return filepath.Join(out, "repos", u.key()+".json")
}

func writeRepoResult(out string, u Unit, m *Manifest, r RepoResult) error {
	return writeFileAtomic(repoResultPath(out, u), func(w io.Writer) error {
		return json.NewEncoder(w).Encode(savedResult{Rules: m.Rules, Version: m.Version, Redacted: m.Redacted, Result: r})
	})
}

// previousResult is the repository's result from a previous run in out,
// when it was complete and made with the same rules, version and
// redaction; the zero result otherwise.
func previousResult(out string, u Unit, m *Manifest) RepoResult {
	b, err := os.ReadFile(repoResultPath(out, u))
	if err != nil {
		return RepoResult{}
	}
	var s savedResult
	if json.Unmarshal(b, &s) != nil || s.Rules != m.Rules || s.Version != m.Version || s.Redacted != m.Redacted ||
		s.Result.ID != u.ID || !s.Result.Complete {
		return RepoResult{}
	}
	return s.Result
}

func repoFindings(out string, u Unit) string {
	return filepath.Join(out, "repos", u.key()+".jsonl")
}

// scanOne lists, fetches and scans one repository.
func scanOne(ctx context.Context, o ScanOptions, mir *mirror, u Unit, prev RepoResult) RepoResult {
	res := RepoResult{ID: u.ID, Source: u.Source, Status: StatusFailed}
	ctx, cancel := context.WithTimeoutCause(ctx, o.CloneTimeout*2, fmt.Errorf("repository took longer than %s", o.CloneTimeout*2))
	defer cancel()
	start := time.Now()
	tips, err := mir.tips(ctx, u)
	if err != nil {
		res.Problems = []string{err.Error()}
		return res
	}
	if prev.Complete && prev.Tips.Equal(tips) {
		if _, err := os.Stat(repoFindings(o.Out, u)); err == nil {
			prev.Status = StatusSkipped
			return prev
		}
	}
	dir, err := mir.sync(ctx, u, tips)
	res.Stats.FetchMS = time.Since(start).Milliseconds()
	if err != nil {
		res.Problems = []string{err.Error()}
		return res
	}
	res.Tips = tips
	res.Stats.CloneBytes = dirSize(dir)
	start = time.Now()
	memoPath := filepath.Join(mir.dir, "blobs", u.key()+"-"+o.Rules+".memo")
	// What was remembered under other rules is of no further use.
	if old, _ := filepath.Glob(filepath.Join(mir.dir, "blobs", u.key()+"-*.memo")); len(old) > 0 {
		for _, p := range old {
			if p != memoPath {
				os.Remove(p)
			}
		}
	}
	mm, err := openMemo(memoPath)
	if err != nil {
		res.Problems = []string{err.Error()}
		return res
	}
	var st scan.Stats
	var scanErr error
	werr := writeFileAtomic(repoFindings(o.Out, u), func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		var encErr error
		st, scanErr = o.Scanner.ScanRepository(ctx, dir, mm, func(f scan.Finding) {
			res.Findings++
			if encErr == nil {
				encErr = enc.Encode(Record{Repository: u.ID, Verify: f.Verify, Finding: report.FromFinding(f, o.KeepSecrets)})
			}
		})
		return encErr
	})
	if err := mm.Close(); err != nil && werr == nil {
		werr = fmt.Errorf("remembering blobs: %w", err)
	}
	res.Stats.ScanMS = time.Since(start).Milliseconds()
	res.Stats.Blobs, res.Stats.Bytes, res.Stats.Commits, res.Stats.Remembered = st.Files, st.Bytes, st.Commits, st.Remembered
	res.Status = StatusScanned
	var partial *scan.Errors
	switch {
	case werr != nil:
		res.Problems = append(res.Problems, "writing findings: "+werr.Error())
	case errors.As(scanErr, &partial):
		for _, p := range partial.Problems {
			if len(res.Problems) == maxProblemsListed {
				res.ProblemsTotal = len(partial.Problems)
				break
			}
			res.Problems = append(res.Problems, p.Error())
		}
	case scanErr != nil:
		res.Problems = append(res.Problems, scanErr.Error())
	default:
		res.Complete = true
	}
	if scanErr != nil && !errors.As(scanErr, &partial) {
		// Interrupted or failed: what was found is kept in the file, but
		// the repository is incomplete and will be scanned again.
		res.Complete = false
	}
	return res
}

// joinFindings writes findings.jsonl: the per-repository files of the
// shard's repositories scanned or skipped, in plan order, streamed.
func joinFindings(out string, units []Unit, results []RepoResult) error {
	return writeFileAtomic(filepath.Join(out, FindingsFile), func(w io.Writer) error {
		for i, u := range units {
			if st := results[i].Status; st != StatusScanned && st != StatusSkipped {
				continue // failed or not reached: an older run's file is stale
			}
			f, err := os.Open(repoFindings(out, u))
			if errors.Is(err, os.ErrNotExist) {
				continue
			}
			if err != nil {
				return err
			}
			_, err = io.Copy(w, f)
			f.Close()
			if err != nil {
				return err
			}
		}
		return nil
	})
}
