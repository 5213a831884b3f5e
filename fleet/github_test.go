package fleet

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

const testToken = "ghp_TESTtoken0123456789abcdefABCDEF0123"

// fakeGitHub serves /orgs/acme/repos in pages of two, as GitHub does
// (Link: <…&page=N>; rel="next"), answering the first request of page 2
// with a 403 rate limit (X-RateLimit-Remaining 0, X-RateLimit-Reset) and
// the first of page 3 with a 429 and Retry-After.
type fakeGitHub struct {
	mu       sync.Mutex
	requests []string
	auth     []string
	limited  map[int]bool
	token    string
	now      time.Time
}

func (f *fakeGitHub) handler(t *testing.T) http.Handler {
	repos := []map[string]any{
		{"name": "api", "full_name": "acme/api", "clone_url": "https://github.com/acme/api.git", "size": 1200, "default_branch": "main"},
		{"name": "old", "full_name": "acme/old", "clone_url": "https://github.com/acme/old.git", "archived": true},
		{"name": "forked", "full_name": "acme/forked", "clone_url": "https://github.com/acme/forked.git", "fork": true},
		{"name": "web", "full_name": "acme/web", "clone_url": "https://github.com/acme/web.git", "size": 300},
		{"name": "sandbox-1", "full_name": "acme/sandbox-1", "clone_url": "https://github.com/acme/sandbox-1.git"},
		{"name": "bot", "full_name": "acme/bot", "clone_url": "https://github.com/acme/bot.git"},
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		defer f.mu.Unlock()
		f.requests = append(f.requests, r.URL.RequestURI())
		f.auth = append(f.auth, r.Header.Get("Authorization"))
		if r.Header.Get("Authorization") != "Bearer "+f.token {
			w.WriteHeader(http.StatusUnauthorized)
			fmt.Fprint(w, `{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest"}`)
			return
		}
		if r.URL.Path != "/orgs/acme/repos" || r.URL.Query().Get("per_page") != "100" {
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, `{"message":"Not Found"}`)
			return
		}
		page, _ := strconv.Atoi(r.URL.Query().Get("page"))
		if page == 0 {
			page = 1
		}
		if !f.limited[page] {
			switch page {
			case 2:
				f.limited[page] = true
				w.Header().Set("X-RateLimit-Remaining", "0")
				w.Header().Set("X-RateLimit-Reset", strconv.FormatInt(f.now.Add(90*time.Second).Unix(), 10))
				w.WriteHeader(http.StatusForbidden)
				fmt.Fprint(w, `{"message":"API rate limit exceeded"}`)
				return
			case 3:
				f.limited[page] = true
				w.Header().Set("Retry-After", "7")
				w.WriteHeader(http.StatusTooManyRequests)
				fmt.Fprint(w, `{"message":"You have exceeded a secondary rate limit"}`)
				return
			}
		}
		lo, hi := (page-1)*2, min(page*2, len(repos))
		if page < 3 {
			// GitHub's Link header: absolute URLs on the API host.
			w.Header().Set("Link", fmt.Sprintf(`<http://%s/orgs/acme/repos?per_page=100&type=all&page=%d>; rel="next", <http://%s/orgs/acme/repos?per_page=100&page=3>; rel="last"`, r.Host, page+1, r.Host))
		}
		json.NewEncoder(w).Encode(repos[lo:hi])
	})
}

func TestListGitHubOrg(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	f := &fakeGitHub{limited: map[int]bool{}, token: testToken, now: now}
	srv := httptest.NewServer(f.handler(t))
	defer srv.Close()
	var waits []time.Duration
	o := GitHubOptions{Org: "acme", Token: testToken, BaseURL: srv.URL, Exclude: []string{"sandbox-*"},
		Wait: func(ctx context.Context, d time.Duration) error { waits = append(waits, d); return nil },
		Now:  func() time.Time { return now }}
	units, err := ListGitHubOrg(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, u := range units {
		ids = append(ids, u.ID)
	}
	if got := strings.Join(ids, " "); got != "github.com/acme/api github.com/acme/web github.com/acme/bot" {
		t.Errorf("units %s; want api, web, bot (no archived, fork or excluded sandbox)", got)
	}
	if units[0].SizeKB != 1200 || units[0].DefaultBranch != "main" || units[0].Source != "https://github.com/acme/api.git" {
		t.Errorf("unit %+v", units[0])
	}
	if len(waits) != 2 || waits[0] != 91*time.Second || waits[1] != 7*time.Second {
		t.Errorf("waits %v, want 91s (X-RateLimit-Reset) then 7s (Retry-After)", waits)
	}
	if len(f.requests) != 5 {
		t.Errorf("requests %v, want 5 (3 pages, 2 retried)", f.requests)
	}
	for _, a := range f.auth {
		if a != "Bearer "+testToken {
			t.Errorf("a request was sent with Authorization %q", a)
		}
	}
	b, _ := json.Marshal(units)
	if strings.Contains(string(b), testToken) {
		t.Error("the units hold the token")
	}

	// Forks and archived repositories when asked.
	f.limited = map[int]bool{2: true, 3: true}
	o.IncludeForks, o.IncludeArchived, o.Exclude = true, true, nil
	all, err := ListGitHubOrg(context.Background(), o)
	if err != nil || len(all) != 6 {
		t.Errorf("with forks and archived: %d units, %v; want 6", len(all), err)
	}
}

func TestListGitHubOrgErrors(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	noWait := func(ctx context.Context, d time.Duration) error { return nil }
	tests := []struct {
		name    string
		handler http.HandlerFunc
		opts    func(*GitHubOptions)
		want    string
		is      error
	}{
		{name: "expired token", opts: func(o *GitHubOptions) { o.Token = "ghp_EXPIREDexpired0123456789abcdefABCD" }, is: ErrBadToken},
		{name: "unknown org", opts: func(o *GitHubOptions) { o.Org = "nobody" }, want: `organisation "nobody" not found`},
		{name: "bad org name", opts: func(o *GitHubOptions) { o.Org = "../x" }, want: "not a GitHub organisation name"},
		{name: "bad glob", opts: func(o *GitHubOptions) { o.Exclude = []string{"["} }, want: "--exclude"},
		{name: "forbidden", handler: func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusForbidden)
			fmt.Fprint(w, `{"message":"Resource protected by organization SAML enforcement"}`)
		}, want: "SAML"},
		{name: "rate limit too long", handler: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("X-RateLimit-Remaining", "0")
			w.Header().Set("X-RateLimit-Reset", strconv.FormatInt(now.Add(2*time.Hour).Unix(), 10))
			w.WriteHeader(http.StatusForbidden)
		}, want: "longer than the 15m0s allowed"},
		{name: "rate limited for ever", handler: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
		}, want: "still rate limited after 5 waits"},
		{name: "next page on another host", handler: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Link", `<https://evil.example.com/steal?page=2>; rel="next"`)
			fmt.Fprint(w, `[]`)
		}, want: "not on the API host"},
		{name: "clone url not https", handler: func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, `[{"name":"x","full_name":"acme/x","clone_url":"ext::sh -c id"}]`)
		}, want: "want https"},
		{name: "message echoing the token", handler: func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprintf(w, `{"message":"bad header %s"}`, r.Header.Get("Authorization"))
		}, want: "[token]"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := tc.handler
			if h == nil {
				f := &fakeGitHub{limited: map[int]bool{2: true, 3: true}, token: testToken, now: now}
				h = f.handler(t).ServeHTTP
			}
			srv := httptest.NewServer(h)
			defer srv.Close()
			o := GitHubOptions{Org: "acme", Token: testToken, BaseURL: srv.URL, Wait: noWait, Now: func() time.Time { return now }}
			if tc.opts != nil {
				tc.opts(&o)
			}
			_, err := ListGitHubOrg(context.Background(), o)
			if err == nil {
				t.Fatal("no error")
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("error %v, want %v", err, tc.is)
			}
			if tc.want != "" && !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q, want it to say %q", err, tc.want)
			}
			if strings.Contains(err.Error(), testToken) || strings.Contains(err.Error(), o.Token) {
				t.Errorf("the error holds the token: %v", err)
			}
		})
	}
}

func TestListGitHubOrgWaitIsCancellable(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "600")
		w.WriteHeader(http.StatusTooManyRequests)
	}))
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := ListGitHubOrg(ctx, GitHubOptions{Org: "acme", BaseURL: srv.URL})
	if err == nil || !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 5*time.Second {
		t.Errorf("error %v after %s, want the deadline at once", err, time.Since(start))
	}
}
