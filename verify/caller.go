package verify

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"

	"golang.org/x/time/rate"

	"github.com/keyhound/keyhound/rules"
)

// Endpoint is one method and path a verifier may call. Path is matched
// exactly, without the query string.
type Endpoint struct {
	Method string
	Path   string
}

// String formats the endpoint as "METHOD /path".
func (e Endpoint) String() string { return e.Method + " " + e.Path }

// ErrNotAllowed is returned for a request outside a verifier's endpoint
// allowlist. It means a bug in the verifier; the request is never sent.
var ErrNotAllowed = errors.New("verify: request not in the verifier's read-only allowlist")

// maxBody bounds how much of a response is read.
const maxBody = 1 << 20

// Response is a bounded, fully read HTTP response.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
	// Truncated is true when the body was longer than the read bound.
	Truncated bool
}

// Caller makes a verifier's HTTP requests: only to its base URL, only to
// its allowed endpoints, within its rate limit and concurrency cap, with
// timeouts, a keyhound User-Agent, no redirects off the host, and bounded
// reads. It retries indeterminate failures (network errors, 429, 5xx)
// with backoff.
type Caller struct {
	base     *url.URL
	allowed  map[Endpoint]bool
	client   *http.Client
	limiter  *rate.Limiter
	sem      chan struct{}
	ua       string
	retries  int
	backoff  time.Duration
	override bool
}

// Base returns the base URL requests go to.
func (c *Caller) Base() string { return c.base.String() }

// Overridden reports whether the base URL is not the official one.
func (c *Caller) Overridden() bool { return c.override }

// Host returns the base URL's host (for signatures that include it).
func (c *Caller) Host() string { return c.base.Host }

// Request is one call. Query is sent as the URL's raw query exactly as
// given (signatures cover it byte for byte).
type Request struct {
	Method   string
	Path     string
	RawQuery string
	Header   http.Header
	Body     []byte
}

// Do sends r and returns the response, or an error for a request that
// could not be completed (after retries). A refused request returns
// ErrNotAllowed without touching the network. Sign, when not nil, is
// called before each attempt so timestamps and nonces are fresh.
func (c *Caller) Do(ctx context.Context, r Request, sign func(*Request)) (*Response, error) {
	ep := Endpoint{Method: r.Method, Path: r.Path}
	if !c.allowed[ep] {
		return nil, fmt.Errorf("%w: %s", ErrNotAllowed, ep)
	}
	var lastErr error
	for attempt := 0; attempt <= c.retries; attempt++ {
		if attempt > 0 {
			d := c.backoff << (attempt - 1)
			select {
			case <-time.After(d):
			case <-ctx.Done():
				return nil, ctx.Err()
			}
		}
		req := r
		req.Header = r.Header.Clone()
		if req.Header == nil {
			req.Header = http.Header{}
		}
		if sign != nil {
			sign(&req)
		}
		resp, err := c.once(ctx, req)
		if err == nil && resp.Status != http.StatusTooManyRequests && resp.Status < 500 {
			return resp, nil
		}
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			if errors.Is(err, errRedirect) {
				return nil, err
			}
			lastErr = err
		} else {
			lastErr = nil
			if attempt == c.retries {
				return resp, nil // the caller classifies the 429/5xx
			}
		}
	}
	return nil, lastErr
}

var errRedirect = errors.New("verify: redirect refused")

func (c *Caller) once(ctx context.Context, r Request) (*Response, error) {
	if err := c.limiter.Wait(ctx); err != nil {
		return nil, err
	}
	select {
	case c.sem <- struct{}{}:
		defer func() { <-c.sem }()
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	u := *c.base
	u.Path = strings.TrimSuffix(c.base.Path, "/") + r.Path
	u.RawQuery = r.RawQuery
	var body io.Reader
	if r.Body != nil {
		body = bytes.NewReader(r.Body)
	}
	req, err := http.NewRequestWithContext(ctx, r.Method, u.String(), body)
	if err != nil {
		return nil, newRequestError(r, &u, err)
	}
	req.Header = r.Header
	req.Header.Set("User-Agent", c.ua)
	resp, err := c.client.Do(req)
	if err != nil {
		return nil, newRequestError(r, &u, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
	if err != nil {
		return nil, newRequestError(r, &u, err)
	}
	out := &Response{Status: resp.StatusCode, Header: resp.Header, Body: data}
	if len(data) > maxBody {
		out.Body, out.Truncated = data[:maxBody], true
	}
	return out, nil
}

// requestError is a request that failed below HTTP (no connection, TLS,
// a refused redirect, a broken body). Its text names the method, host and
// path and the cause, and never the query, a header or the body:
// signatures and keys travel there (HTX's AccessKeyId, Deribit's client_id
// and signature), and Go's *url.Error quotes the whole URL — for a refused
// redirect, the Location URL, which a server can fill with what it
// received. The cause's own text is kept only when it quotes none of the
// request either.
type requestError struct {
	method, host, path string
	cause              error  // *url.Error unwrapped: for errors.Is and errors.As
	text               string // the cause's text, or a stand-in
}

func (e *requestError) Error() string {
	return e.method + " " + e.host + e.path + ": " + e.text
}

func (e *requestError) Unwrap() error { return e.cause }

// minQuoted is the shortest header value looked for in an error's text:
// shorter ones (a window size, a version) are neither secret nor told
// apart from chance.
const minQuoted = 6

// newRequestError wraps err, which failed r sent to u, as a requestError.
func newRequestError(r Request, u *url.URL, err error) error {
	cause := err
	var ue *url.Error
	if errors.As(err, &ue) {
		cause = ue.Err
	}
	text := "(no detail)"
	if cause != nil {
		text = cause.Error()
	}
	if quotesRequest(text, r, u) {
		text = "the error's text quoted the request; withheld"
		if errors.Is(cause, errRedirect) {
			text = errRedirect.Error()
		}
	}
	return &requestError{method: r.Method, host: u.Host, path: u.Path, cause: cause, text: text}
}

// quotesRequest reports whether text holds anything of r beyond its
// method, host and path: a '?' (any URL with a query), the query, a header
// value, the body.
func quotesRequest(text string, r Request, u *url.URL) bool {
	if strings.ContainsRune(text, '?') || (u.RawQuery != "" && strings.Contains(text, u.RawQuery)) ||
		(len(r.Body) > 0 && strings.Contains(text, string(r.Body))) {
		return true
	}
	for _, vs := range r.Header {
		for _, v := range vs {
			if len(v) >= minQuoted && strings.Contains(text, v) {
				return true
			}
		}
	}
	return false
}

// newHTTPClient builds the client: proxies from the environment, a
// timeout, and no redirects to another host (an exchange never redirects
// an API call; a redirect means a captive portal or a hijack).
func newHTTPClient(timeout time.Duration) *http.Client {
	tr := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: timeout}).DialContext,
		TLSHandshakeTimeout:   timeout,
		ResponseHeaderTimeout: timeout,
		MaxIdleConnsPerHost:   4,
		ForceAttemptHTTP2:     true,
	}
	return &http.Client{
		Transport: tr,
		Timeout:   timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			return fmt.Errorf("%w: to %s", errRedirect, req.URL.Host)
		},
	}
}

// Classification helpers shared by the verifiers.

// IsBlockPage reports whether a response looks like an HTML page (a WAF,
// CDN or captive-portal page) rather than the API's JSON.
func IsBlockPage(r *Response) bool {
	ct := strings.ToLower(r.Header.Get("Content-Type"))
	if strings.Contains(ct, "text/html") {
		return true
	}
	b := bytes.TrimSpace(r.Body)
	return len(b) > 0 && b[0] == '<'
}

// Transient returns an indeterminate Result for responses no verifier
// should interpret: rate limits, server errors, block pages, truncated
// bodies. ok is false when the response needs the verifier's reading.
func Transient(r *Response) (Result, bool) {
	switch {
	case r.Status == http.StatusTooManyRequests || r.Status == 418:
		return Result{Status: Indeterminate, Reason: fmt.Sprintf("rate limited (HTTP %d)", r.Status)}, true
	case r.Status >= 500 && !looksJSON(r.Body):
		return Result{Status: Indeterminate, Reason: fmt.Sprintf("exchange error (HTTP %d)", r.Status)}, true
	case IsBlockPage(r):
		return Result{Status: Indeterminate, Reason: fmt.Sprintf("an HTML page instead of the API's answer (HTTP %d): a firewall or regional block", r.Status)}, true
	case r.Truncated:
		return Result{Status: Indeterminate, Reason: "response larger than the read bound"}, true
	}
	return Result{}, false
}

func looksJSON(b []byte) bool {
	b = bytes.TrimSpace(b)
	return len(b) > 0 && (b[0] == '{' || b[0] == '[')
}

// errResult turns a transport error into an indeterminate Result.
func errResult(err error) Result {
	reason := "request failed: " + err.Error()
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		reason = "timed out"
	}
	if errors.Is(err, errRedirect) {
		reason = "the exchange redirected to another host; refused"
	}
	return Result{Status: Indeterminate, Reason: reason}
}

// minRedacted is the shortest credential part looked for in a reason.
const minRedacted = 4

// redactCredential replaces each part of c that text quotes in full by
// its redacted form: exchanges echo what they were sent in error messages
// ("Failed to find api-key …"), and reasons quote those messages.
func redactCredential(text string, c Credential) string {
	parts := []string{c.Key, c.Secret, c.Passphrase, c.PrivateKey}
	sort.Slice(parts, func(i, j int) bool { return len(parts[i]) > len(parts[j]) })
	for _, p := range parts {
		if len(p) >= minRedacted && strings.Contains(text, p) {
			text = strings.ReplaceAll(text, p, rules.Redact(p))
		}
	}
	return text
}
