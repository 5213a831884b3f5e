package verify

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"

	"sort"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Credential is what a verifier checks.
type Credential struct {
	Exchange   string
	Key        string
	Secret     string
	Passphrase string
	// PrivateKey is an asymmetric key (Coinbase CDP, Binance Ed25519).
	PrivateKey string
}

// Spec describes a verifier: its name, official base URL and the only
// endpoints it may call.
type Spec struct {
	// Name is the verifier name rules refer to ("binance").
	Name string
	// BaseURL is the exchange's official API base URL.
	BaseURL string
	// Endpoints are the read-only method+path pairs the verifier calls.
	Endpoints []Endpoint
	// Rate is the request rate allowed (per second) and Burst its burst;
	// Concurrency caps requests in flight. Zero values get defaults.
	Rate        float64
	Burst       int
	Concurrency int
	// NeedsPassphrase is true when the credential is unusable without it.
	NeedsPassphrase bool
	// NonceFloor is true when the venue keeps a per-key nonce floor that a
	// larger nonce raises (breaking the owner's software): each signed
	// request is then sent once and never retried, since a retry needs a
	// new, larger nonce. A nonce rejection ends the verification.
	NonceFloor bool
	// Notes documents what is verified, the permissions reported and the
	// nonce choice (for the README and `keyhound verifiers`).
	Notes string
}

// MarkdownRow is the verifier's row of the README's verification table
// (`keyhound verifiers --markdown`): name, official host, the endpoints it
// may call, and its notes.
func (s Spec) MarkdownRow() string {
	eps := make([]string, len(s.Endpoints))
	for i, e := range s.Endpoints {
		eps[i] = e.String()
	}
	return fmt.Sprintf("| %s | %s | %s | %s |", s.Name, strings.TrimPrefix(s.BaseURL, "https://"),
		"`"+strings.Join(eps, "`<br>`")+"`", strings.ReplaceAll(s.Notes, "|", "\\|"))
}

// Verifier checks one exchange's credentials.
type Verifier interface {
	// Spec returns the verifier's description and allowlist.
	Spec() Spec
	// Verify checks c using only the caller's allowed endpoints. It
	// returns a Result with Status, Reason and what it learned; the
	// engine fills Exchange, Endpoint and Risk.
	Verify(ctx context.Context, call *Caller, c Credential) Result
}

// Options configure an Engine.
type Options struct {
	// Endpoints overrides base URLs by verifier name (tests, regional
	// hosts, testnets). Results made through an override say so.
	Endpoints map[string]string
	// Timeout bounds each HTTP request; 0 means 10 seconds.
	Timeout time.Duration
	// Retries is how many times an indeterminate request is retried;
	// negative means none, 0 means 2. Verifiers whose Spec says
	// NonceFloor are never retried.
	Retries int
	// Backoff is the first retry delay, doubled each time; 0 means 500ms.
	Backoff time.Duration
	// UserAgent names keyhound in requests; "" means "keyhound".
	UserAgent string
}

// EndpointsFromEnv reads KEYHOUND_ENDPOINT_<EXCHANGE>=URL variables from
// environ (as os.Environ returns it). The exchange name is lower-cased
// and underscores become dashes (KEYHOUND_ENDPOINT_BINANCE_US → binance-us).
func EndpointsFromEnv(environ []string) map[string]string {
	out := map[string]string{}
	for _, kv := range environ {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || !strings.HasPrefix(k, "KEYHOUND_ENDPOINT_") || v == "" {
			continue
		}
		name := strings.ToLower(strings.ReplaceAll(strings.TrimPrefix(k, "KEYHOUND_ENDPOINT_"), "_", "-"))
		out[name] = v
	}
	return out
}

// Engine verifies credentials with a set of verifiers, a cache, and one
// Caller (rate limiter, concurrency cap) per exchange. It is safe for
// concurrent use.
type Engine struct {
	verifiers map[string]Verifier
	callers   map[string]*Caller
	mu        sync.Mutex
	cache     map[string]*cacheEntry
}

type cacheEntry struct {
	done chan struct{}
	res  Result
}

// NewEngine builds an engine for the given verifiers (All() for every
// exchange). It fails for an override naming no verifier or an invalid
// URL.
func NewEngine(verifiers []Verifier, o Options) (*Engine, error) {
	if o.Timeout <= 0 {
		o.Timeout = 10 * time.Second
	}
	switch {
	case o.Retries < 0:
		o.Retries = 0
	case o.Retries == 0:
		o.Retries = 2
	}
	if o.Backoff <= 0 {
		o.Backoff = 500 * time.Millisecond
	}
	if o.UserAgent == "" {
		o.UserAgent = "keyhound"
	}
	e := &Engine{verifiers: map[string]Verifier{}, callers: map[string]*Caller{}, cache: map[string]*cacheEntry{}}
	client := newHTTPClient(o.Timeout)
	for _, v := range verifiers {
		sp := v.Spec()
		base := sp.BaseURL
		override := false
		if u, ok := o.Endpoints[sp.Name]; ok {
			base, override = u, u != sp.BaseURL
		}
		bu, err := url.Parse(base)
		if err != nil || (bu.Scheme != "https" && bu.Scheme != "http") || bu.Host == "" {
			return nil, fmt.Errorf("verify: %s: bad base URL %q", sp.Name, base)
		}
		allowed := map[Endpoint]bool{}
		for _, ep := range sp.Endpoints {
			allowed[ep] = true
		}
		r, burst, conc := sp.Rate, sp.Burst, sp.Concurrency
		if r <= 0 {
			r = 2
		}
		if burst <= 0 {
			burst = 2
		}
		if conc <= 0 {
			conc = 2
		}
		retries := o.Retries
		if sp.NonceFloor {
			retries = 0 // a retry would need a new, larger nonce
		}
		e.verifiers[sp.Name] = v
		e.callers[sp.Name] = &Caller{
			base: bu, allowed: allowed, client: client,
			limiter: rate.NewLimiter(rate.Limit(r), burst), sem: make(chan struct{}, conc),
			ua: o.UserAgent, retries: retries, backoff: o.Backoff, override: override,
		}
	}
	for name := range o.Endpoints {
		if _, ok := e.verifiers[name]; !ok {
			return nil, fmt.Errorf("verify: endpoint override for unknown exchange %q (known: %s)", name, strings.Join(e.Names(), ", "))
		}
	}
	return e, nil
}

// Names returns the verifier names, sorted.
func (e *Engine) Names() []string {
	out := make([]string, 0, len(e.verifiers))
	for n := range e.verifiers {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Overrides returns the verifiers whose base URL is overridden, with it.
func (e *Engine) Overrides() map[string]string {
	out := map[string]string{}
	for n, c := range e.callers {
		if c.override {
			out[n] = c.Base()
		}
	}
	return out
}

// Verify checks one credential, once: concurrent and later calls for the
// same (exchange, key, secret, passphrase) share the first one's result.
func (e *Engine) Verify(ctx context.Context, c Credential) Result {
	v, ok := e.verifiers[c.Exchange]
	if !ok {
		return Result{Exchange: c.Exchange, Status: Indeterminate, Reason: "no verifier for this exchange", Risk: RiskUnknown}
	}
	key := cacheKey(c)
	e.mu.Lock()
	if ent, ok := e.cache[key]; ok {
		e.mu.Unlock()
		select {
		case <-ent.done:
			return ent.res
		case <-ctx.Done():
			return Result{Exchange: c.Exchange, Status: Indeterminate, Reason: "cancelled", Risk: RiskUnknown}
		}
	}
	ent := &cacheEntry{done: make(chan struct{})}
	e.cache[key] = ent
	e.mu.Unlock()

	call := e.callers[c.Exchange]
	sp := v.Spec()
	var res Result
	if sp.NeedsPassphrase && c.Passphrase == "" {
		res = Result{Status: Indeterminate, Reason: "the passphrase was not found; this exchange needs it to sign requests"}
	} else {
		res = v.Verify(ctx, call, c)
	}
	if res.Status == "" {
		res.Status = Indeterminate
	}
	res.Reason = redactCredential(res.Reason, c)
	if res.Status == Live && res.IPRestricted == Unknown && len(res.IPAllowlist) > 0 {
		res.IPRestricted = Yes
	}
	res.Expires, res.Created = reportable(res.Expires), reportable(res.Created)
	res.Exchange = c.Exchange
	res.Endpoint = call.Base()
	res.Overridden = call.Overridden()
	res = res.finish()
	ent.res = res
	close(ent.done)
	if ctx.Err() != nil && res.Status == Indeterminate {
		e.mu.Lock()
		delete(e.cache, key) // do not remember a cancellation
		e.mu.Unlock()
	}
	return res
}

// reportable drops a date no report format can hold (outside years
// 1-9999): a date an exchange garbled is no date.
func reportable(t *time.Time) *time.Time {
	if t != nil && (t.Year() < 1 || t.Year() > 9999) {
		return nil
	}
	return t
}

// cacheKey identifies a credential without holding its secret.
func cacheKey(c Credential) string {
	h := sha256.New()
	for _, s := range []string{c.Exchange, c.Key, c.Secret, c.Passphrase, c.PrivateKey} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// gets lists GET endpoints, for a Spec.
func gets(paths ...string) []Endpoint {
	out := make([]Endpoint, len(paths))
	for i, p := range paths {
		out[i] = Endpoint{http.MethodGet, p}
	}
	return out
}
