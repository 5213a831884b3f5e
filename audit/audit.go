// Package audit checks a team's own exchange keys against its policy:
// it reads credentials from key stores (.env files, YAML, JSON or TOML
// inventories: anything the scanner reads), from a stream, or from the
// process environment, verifies each one read-only, and judges it with a
// policy.Config. The result is a report.Report whose findings each carry
// a verification, a verdict and, for live keys, how to revoke them.
//
// Credentials are recognised by the scanner's rules, never by guessing:
// a value no rule recognises is not read, reported or sent anywhere. The
// environment in particular is scanned in memory and never written out;
// a credential found in it is reported by variable name, redacted like
// any other.
package audit

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/keyhound/keyhound/engine"
	"github.com/keyhound/keyhound/policy"
	"github.com/keyhound/keyhound/report"
	"github.com/keyhound/keyhound/scan"
	"github.com/keyhound/keyhound/verify"
)

// Mode is the report mode of an audit.
const Mode = report.ModeAudit

// Source is one place credentials are read from: a file or directory
// (Path), or a stream (Reader).
type Source struct {
	// Name says where the credentials came from in the report: the path
	// as given, "stdin", "environment".
	Name string
	// Path is a file or directory to read; every file under a directory
	// is read, .gitignore or not.
	Path string
	// Reader is read when Path is "".
	Reader io.Reader
	// lines names what each line of Reader holds (the environment's
	// variable names), for locations; nil for other streams.
	lines []string
}

// Path returns a source reading the file or directory p.
func Path(p string) Source { return Source{Name: p, Path: p} }

// Stream returns a source reading r, reported as name.
func Stream(name string, r io.Reader) Source { return Source{Name: name, Reader: r} }

// Environ returns a source reading environ (as os.Environ returns it):
// each variable is offered to the rules as a NAME=value line, and a
// credential is reported at "env:NAME". Values stay in memory.
func Environ(environ []string) Source {
	env := append([]string(nil), environ...)
	sort.Strings(env)
	var b strings.Builder
	var lines []string
	for _, kv := range env {
		name, _, ok := strings.Cut(kv, "=")
		if !ok || name == "" {
			continue
		}
		b.WriteString(kv)
		b.WriteByte('\n')
		for i := 0; i <= strings.Count(kv, "\n"); i++ {
			lines = append(lines, name) // a multi-line value (a PEM key) spans lines
		}
	}
	return Source{Name: "environment", Reader: strings.NewReader(b.String()), lines: lines}
}

// Options configure an audit.
type Options struct {
	// Scanner reads the sources: its rules decide what a credential is.
	Scanner *scan.Scanner
	// Engine verifies credentials (rate limits, endpoint overrides).
	Engine *verify.Engine
	// Policy judges each credential.
	Policy policy.Config
	// NoRedact shows values in full in the report.
	NoRedact bool
	// Now is the time keys' ages are measured at; zero means time.Now().
	Now time.Time
	// Concurrency bounds credentials verified at once (each exchange's
	// own limits apply beneath it); 0 means 8.
	Concurrency int
}

// Run reads every source, verifies each exchange credential found once
// and judges it. A source that cannot be read is named in the report's
// Errors and the others are still audited; err is non-nil only when
// nothing could be done (no scanner or engine) or ctx ended.
func Run(ctx context.Context, sources []Source, o Options) (*report.Report, error) {
	if o.Scanner == nil || o.Engine == nil {
		return nil, errors.New("audit: a scanner and a verification engine are needed")
	}
	now := o.Now
	if now.IsZero() {
		now = time.Now()
	}
	rep := &report.Report{Tool: "keyhound", Mode: Mode, Redacted: !o.NoRedact, Findings: []report.Finding{}}
	var names []string
	var found []scan.Finding
	index := map[string]int{}
	for _, src := range sources {
		names = append(names, src.Name)
		fs, err := read(ctx, o.Scanner, src)
		if err != nil {
			rep.Errors = append(rep.Errors, err.Error())
		}
		for _, f := range fs {
			if f.Exchange == "" {
				continue // not an exchange credential
			}
			if i, ok := index[f.Fingerprint]; ok {
				found[i].Locations = append(found[i].Locations, f.Locations...)
				continue
			}
			index[f.Fingerprint] = len(found)
			found = append(found, f)
		}
		if ctx.Err() != nil {
			return rep, ctx.Err()
		}
	}
	rep.Target = strings.Join(names, ", ")
	results := engine.VerifyAll(ctx, o.Engine.Verify, found, o.Concurrency)
	for i, f := range found {
		rf := report.FromFinding(f, o.NoRedact)
		rf.Verification = results[i]
		rf.Judge(o.Policy, now)
		rep.Findings = append(rep.Findings, rf)
	}
	if ov := o.Engine.Overrides(); len(ov) > 0 {
		rep.EndpointOverrides = ov
	}
	return rep, ctx.Err()
}

// Failed reports whether any credential of rep breaks a rule at level
// fail.
func Failed(rep *report.Report) bool {
	for _, f := range rep.Findings {
		if f.Policy.Failed() {
			return true
		}
	}
	return false
}

// read scans one source and places its findings at the source.
func read(ctx context.Context, s *scan.Scanner, src Source) ([]scan.Finding, error) {
	var out []scan.Finding
	collect := func(f scan.Finding) { out = append(out, f) }
	var err error
	dir := false
	switch {
	case src.Path != "":
		fi, serr := os.Stat(src.Path)
		if serr != nil {
			return nil, serr
		}
		dir = fi.IsDir()
		_, err = s.Dir(ctx, src.Path, scan.DirOptions{NoGitignore: true}, collect)
	case src.Reader != nil:
		_, err = s.Reader(ctx, src.Reader, src.Name, collect)
	default:
		return nil, fmt.Errorf("audit: source %q has nothing to read", src.Name)
	}
	for i := range out {
		for j := range out[i].Locations {
			l := &out[i].Locations[j]
			switch {
			case src.lines != nil:
				if l.Line >= 1 && l.Line <= len(src.lines) {
					l.Path = "env:" + src.lines[l.Line-1]
				}
				l.Line = 0
			case dir:
				l.Path = path.Join(filepath.ToSlash(src.Path), l.Path)
			case src.Path != "":
				l.Path = src.Path
			}
		}
		if src.lines != nil {
			for j := range out[i].Parts {
				out[i].Parts[j].Line = 0
			}
		}
	}
	return out, err
}
