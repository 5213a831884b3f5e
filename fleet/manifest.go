package fleet

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/keyhound/keyhound/report"
)

// File names in a shard's output directory.
const (
	FindingsFile = "findings.jsonl"
	ManifestFile = "manifest.json"
)

// Record is one line of findings.jsonl: a finding of one repository.
type Record struct {
	Repository string `json:"repository"`
	// Verify names the verifier that can check the credential ("" when
	// none can).
	Verify  string         `json:"verify,omitempty"`
	Finding report.Finding `json:"finding"`
}

// Repository statuses in a manifest.
const (
	StatusScanned = "scanned" // scanned in this run
	StatusSkipped = "skipped" // complete at the same tips in the previous run: not scanned again
	StatusFailed  = "failed"  // could not be listed, fetched or opened
	StatusPending = "pending" // not reached (the shard was stopped)
)

// RepoResult is what a shard says about one repository.
type RepoResult struct {
	ID     string `json:"id"`
	Source string `json:"source"`
	Status string `json:"status"`
	// Complete is true when every object of every tip was scanned.
	Complete bool `json:"complete"`
	// Tips are the branches and tags scanned (ref -> object id).
	Tips     Tips     `json:"tips,omitempty"`
	Problems []string `json:"problems,omitempty"`
	// ProblemsTotal counts the problems when Problems lists only some.
	ProblemsTotal int       `json:"problems_total,omitempty"`
	Findings      int       `json:"findings"`
	Stats         RepoStats `json:"stats"`
}

// RepoStats are one repository's counters.
type RepoStats struct {
	Blobs      int64 `json:"blobs"`
	Bytes      int64 `json:"bytes"`
	Commits    int64 `json:"commits"`
	Remembered int64 `json:"blobs_remembered"`
	FetchMS    int64 `json:"fetch_ms"`
	ScanMS     int64 `json:"scan_ms"`
	CloneBytes int64 `json:"clone_bytes"`
}

// Manifest is a shard's manifest.json.
type Manifest struct {
	Tool    string `json:"tool"`
	Version string `json:"version"`
	Shard   string `json:"shard"`
	// Plan identifies the set of units the shard was cut from: shards of
	// different plans do not merge.
	Plan  string `json:"plan"`
	Units int    `json:"units"`
	// Rules identifies the rule set (see RulesHash).
	Rules string `json:"rules"`
	// Redacted is false when findings.jsonl holds the secrets in full
	// (fleet scan --keep-secrets, needed by merge --verify).
	Redacted bool `json:"redacted"`
	// Complete is true when the shard ran to its end and every one of
	// its repositories is complete.
	Complete     bool         `json:"complete"`
	Started      time.Time    `json:"started"`
	Finished     *time.Time   `json:"finished,omitempty"`
	Repositories []RepoResult `json:"repositories"`
}

// maxProblemsListed bounds the problems a manifest lists per repository.
const maxProblemsListed = 50

// PlanID identifies a set of units, whatever their order.
func PlanID(units []Unit) string {
	ids := make([]string, len(units))
	for i, u := range units {
		ids[i] = u.ID
	}
	sort.Strings(ids)
	h := sha256.New()
	for _, id := range ids {
		h.Write([]byte(id))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:24]
}

// ReadManifest reads a shard's manifest.
func ReadManifest(dir string) (*Manifest, error) {
	b, err := os.ReadFile(filepath.Join(dir, ManifestFile))
	if err != nil {
		return nil, err
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, ManifestFile), err)
	}
	if m.Tool != "keyhound" || m.Shard == "" {
		return nil, fmt.Errorf("%s: not a keyhound fleet manifest", filepath.Join(dir, ManifestFile))
	}
	return &m, nil
}

// writeFileAtomic writes path through a new file renamed over it.
func writeFileAtomic(path string, write func(w io.Writer) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".fleet-*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	bw := bufio.NewWriterSize(f, 64<<10)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if e := f.Close(); err == nil {
		err = e
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

func writeManifest(dir string, m *Manifest) error {
	return writeFileAtomic(filepath.Join(dir, ManifestFile), func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(m)
	})
}

// ReadRecords streams a findings.jsonl to fn. A line that is not a
// record, and a last line cut short, are errors naming it (a shard's
// file is never half-written: it is renamed into place whole, so one cut
// short was damaged since).
func ReadRecords(path string, fn func(Record) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 64<<10)
	for n := 1; ; n++ {
		line, err := readLine(br, maxMemoLine)
		switch {
		case errors.Is(err, io.EOF):
			return nil
		case errors.Is(err, errLineTooLong):
			return fmt.Errorf("%s:%d: line too long", path, n)
		case errors.Is(err, io.ErrUnexpectedEOF):
			return fmt.Errorf("%s:%d: the last record is cut short (no newline)", path, n)
		case err != nil:
			return fmt.Errorf("%s: %w", path, err)
		}
		var r Record
		if err := json.Unmarshal(line, &r); err != nil {
			return fmt.Errorf("%s:%d: %w", path, n, err)
		}
		if r.Repository == "" || r.Finding.Fingerprint == "" {
			return fmt.Errorf("%s:%d: a record needs a repository and a fingerprint", path, n)
		}
		if err := fn(r); err != nil {
			return err
		}
	}
}
