package engine

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/keyhound/keyhound/rules"
	"github.com/keyhound/keyhound/scan"
	"github.com/keyhound/keyhound/verify"
)

// Credential assembles what a verifier checks from a finding's parts. ok
// is false when the finding names no verifier or lacks the parts any
// verifier needs (a key without its secret).
func Credential(f scan.Finding) (c verify.Credential, ok bool) {
	c.Exchange = f.Verify
	for _, p := range f.Parts {
		switch p.Part {
		case rules.PartKey:
			c.Key = p.Value
		case rules.PartSecret:
			c.Secret = p.Value
		case rules.PartPassphrase:
			c.Passphrase = p.Value
		case rules.PartPrivateKey:
			c.PrivateKey = p.Value
		}
	}
	return c, c.Exchange != "" && c.Key != "" && (c.Secret != "" || c.PrivateKey != "")
}

// NewVerifier is the verification engine a scan uses: every verifier,
// endpoints overridden as given, keyhound's user agent unless one is
// given.
func NewVerifier(endpoints map[string]string, userAgent string) (*verify.Engine, error) {
	if userAgent == "" {
		userAgent = UserAgent(Version())
	}
	return verify.NewEngine(verify.All(), verify.Options{Endpoints: endpoints, UserAgent: userAgent})
}

// UserAgent is the User-Agent of verification requests made by keyhound
// version (the default of NewVerifier and Options.UserAgent).
func UserAgent(version string) string {
	return "keyhound/" + version + " (secret scanner; read-only verification)"
}

// checkVerify rejects inconsistent verification options before anything
// is read.
func checkVerify(o Options) error {
	if (o.OnlyLive || o.MinRisk != "") && !o.Verify {
		return errors.New("--only-live and --min-risk need --verify")
	}
	if o.MinRisk != "" {
		if _, ok := verify.ParseRisk(o.MinRisk); !ok {
			return fmt.Errorf("unknown --min-risk %q (critical, high, medium, low, unknown, none)", o.MinRisk)
		}
	}
	return nil
}

// verifyConcurrency bounds findings verified at once; each exchange's
// own rate limit and concurrency cap apply beneath it.
const verifyConcurrency = 8

// verifyFindings verifies each finding that holds a usable credential.
// results[i] is nil for findings not verified (no verifier, or parts
// missing).
func verifyFindings(ctx context.Context, o Options, found []scan.Finding) ([]*verify.Result, map[string]string, error) {
	e, err := NewVerifier(o.Endpoints, o.UserAgent)
	if err != nil {
		return nil, nil, err
	}
	results := VerifyAll(ctx, e.Verify, found, verifyConcurrency)
	ov := e.Overrides()
	if len(ov) == 0 {
		ov = nil
	}
	return results, ov, nil
}

// VerifyAll verifies, with check (a *verify.Engine's Verify), each
// finding that holds a usable credential (see Credential), at most
// concurrency at once (0: 8; each exchange's own rate limit and
// concurrency cap apply beneath it). results[i] is nil for a finding not
// verified. Scans with Options.Verify, keyhound audit and fleet merge
// verify through it.
func VerifyAll(ctx context.Context, check func(context.Context, verify.Credential) verify.Result, found []scan.Finding, concurrency int) []*verify.Result {
	if concurrency <= 0 {
		concurrency = verifyConcurrency
	}
	results := make([]*verify.Result, len(found))
	sem := make(chan struct{}, concurrency)
	var wg sync.WaitGroup
	for i, f := range found {
		c, ok := Credential(f)
		if !ok {
			continue
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			r := check(ctx, c)
			results[i] = &r
		}()
	}
	wg.Wait()
	return results
}

// Keep reports whether a finding verified as r (nil: not verified) passes
// OnlyLive and MinRisk; without Verify every finding does.
func (o Options) Keep(r *verify.Result) bool {
	if !o.Verify || (!o.OnlyLive && o.MinRisk == "") {
		return true
	}
	if r == nil {
		return false
	}
	if o.OnlyLive && r.Status != verify.Live {
		return false
	}
	if o.MinRisk != "" {
		min, _ := verify.ParseRisk(o.MinRisk)
		return r.Risk.AtLeast(min)
	}
	return true
}
