package fleet

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/keyhound/keyhound/internal/textsafe"
)

// GitHubAPI is GitHub's REST API.
const GitHubAPI = "https://api.github.com"

// GitHubOptions configure ListGitHubOrg.
type GitHubOptions struct {
	Org string
	// Token is sent as a bearer token to the API host only; it never
	// appears in an error or in the units.
	Token string
	// BaseURL replaces GitHubAPI (tests); the caller must say so visibly.
	BaseURL string
	// IncludeForks and IncludeArchived keep what is left out by default.
	IncludeForks, IncludeArchived bool
	// Exclude drops repositories whose name or owner/name matches one of
	// these path.Match globs.
	Exclude []string
	// Client makes the requests; nil means one with a 30 s timeout.
	Client *http.Client
	// MaxWait bounds one wait for a rate limit to reset; a longer one is
	// an error. 0 means 15 minutes.
	MaxWait time.Duration
	// MaxPages bounds the pages read (100 repositories each); 0 means
	// 1000.
	MaxPages int
	// Wait sleeps for a rate limit (tests replace it); nil sleeps,
	// returning early with the context's error.
	Wait func(ctx context.Context, d time.Duration) error
	// Now is the clock X-RateLimit-Reset is compared with; nil is
	// time.Now.
	Now func() time.Time
}

// ErrBadToken is returned when GitHub rejects the token (401).
var ErrBadToken = errors.New("GitHub rejected the token (401): it is expired, revoked or mistyped; set a valid GITHUB_TOKEN")

// maxRateLimitRetries bounds the waits for one page.
const maxRateLimitRetries = 5

type ghRepo struct {
	Name          string `json:"name"`
	FullName      string `json:"full_name"`
	CloneURL      string `json:"clone_url"`
	Size          int64  `json:"size"`
	Fork          bool   `json:"fork"`
	Archived      bool   `json:"archived"`
	DefaultBranch string `json:"default_branch"`
}

var orgName = regexp.MustCompile(`^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$`)

// ListGitHubOrg lists an organisation's repositories as units, following
// the Link header's next page, waiting out rate limits (403 with
// X-RateLimit-Remaining 0 until X-RateLimit-Reset, 429 or 403 with
// Retry-After) within MaxWait, and leaving out forks, archived
// repositories and the Exclude globs unless asked.
func ListGitHubOrg(ctx context.Context, o GitHubOptions) ([]Unit, error) {
	if !orgName.MatchString(o.Org) {
		return nil, fmt.Errorf("--github-org %q: not a GitHub organisation name", o.Org)
	}
	for _, g := range o.Exclude {
		if _, err := path.Match(g, ""); err != nil {
			return nil, fmt.Errorf("--exclude %q: %w", g, err)
		}
	}
	base := o.BaseURL
	if base == "" {
		base = GitHubAPI
	}
	bu, err := url.Parse(strings.TrimRight(base, "/"))
	if err != nil || (bu.Scheme != "https" && bu.Scheme != "http") || bu.Host == "" {
		return nil, fmt.Errorf("GitHub API URL %q: want https://host", base)
	}
	if o.Client == nil {
		o.Client = &http.Client{Timeout: 30 * time.Second}
	}
	if o.MaxWait <= 0 {
		o.MaxWait = 15 * time.Minute
	}
	if o.MaxPages <= 0 {
		o.MaxPages = 1000
	}
	if o.Wait == nil {
		o.Wait = sleep
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	next := bu.String() + "/orgs/" + o.Org + "/repos?per_page=100&type=all"
	var out []Unit
	seen := map[string]bool{}
	for page := 0; next != ""; page++ {
		if page == o.MaxPages {
			return nil, fmt.Errorf("GitHub: more than %d pages of repositories", o.MaxPages)
		}
		repos, link, err := o.page(ctx, next)
		if err != nil {
			return nil, err
		}
		for _, r := range repos {
			if (r.Fork && !o.IncludeForks) || (r.Archived && !o.IncludeArchived) || excluded(o.Exclude, r) {
				continue
			}
			u, err := NewUnit(r.CloneURL, "")
			if err != nil || !strings.HasPrefix(u.Source, "https://") {
				return nil, fmt.Errorf("GitHub: repository %s has clone URL %q: want https", textsafe.Escape(r.FullName), textsafe.Escape(r.CloneURL))
			}
			if seen[u.ID] {
				continue // a repository moved between pages while listing
			}
			seen[u.ID] = true
			u.SizeKB, u.Fork, u.Archived, u.DefaultBranch = r.Size, r.Fork, r.Archived, r.DefaultBranch
			out = append(out, u)
		}
		next, err = nextPage(link, bu)
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

func excluded(globs []string, r ghRepo) bool {
	for _, g := range globs {
		if ok, _ := path.Match(g, r.Name); ok {
			return true
		}
		if ok, _ := path.Match(g, r.FullName); ok {
			return true
		}
	}
	return false
}

// page fetches one page, waiting out rate limits.
func (o *GitHubOptions) page(ctx context.Context, u string) ([]ghRepo, string, error) {
	for attempt := 0; ; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
		if err != nil {
			return nil, "", err
		}
		req.Header.Set("Accept", "application/vnd.github+json")
		req.Header.Set("X-GitHub-Api-Version", "2022-11-28")
		req.Header.Set("User-Agent", "keyhound-fleet")
		if o.Token != "" {
			req.Header.Set("Authorization", "Bearer "+o.Token)
		}
		resp, err := o.Client.Do(req)
		if err != nil {
			return nil, "", fmt.Errorf("GitHub: %w", scrubToken(err, o.Token))
		}
		body, err := io.ReadAll(io.LimitReader(resp.Body, 32<<20))
		resp.Body.Close()
		if err != nil {
			return nil, "", fmt.Errorf("GitHub: reading the answer: %w", scrubToken(err, o.Token))
		}
		switch {
		case resp.StatusCode == http.StatusOK:
			var repos []ghRepo
			if err := json.Unmarshal(body, &repos); err != nil {
				return nil, "", fmt.Errorf("GitHub: the repository list is not JSON: %v", err)
			}
			return repos, resp.Header.Get("Link"), nil
		case resp.StatusCode == http.StatusUnauthorized:
			return nil, "", ErrBadToken
		case resp.StatusCode == http.StatusNotFound:
			return nil, "", fmt.Errorf("GitHub: organisation %q not found (or the token cannot see it)", o.Org)
		}
		wait, limited := o.rateLimitWait(resp)
		if !limited {
			return nil, "", fmt.Errorf("GitHub: %s: %s", resp.Status, o.message(body))
		}
		if attempt == maxRateLimitRetries {
			return nil, "", fmt.Errorf("GitHub: still rate limited after %d waits", attempt)
		}
		if wait > o.MaxWait {
			return nil, "", fmt.Errorf("GitHub: rate limited for %s, longer than the %s allowed", wait.Round(time.Second), o.MaxWait)
		}
		if err := o.Wait(ctx, wait); err != nil {
			return nil, "", fmt.Errorf("GitHub: waiting for the rate limit: %w", err)
		}
	}
}

// rateLimitWait reads a rate-limit answer: 429 or 403 with Retry-After
// (seconds), or 403/429 with X-RateLimit-Remaining 0 and
// X-RateLimit-Reset (Unix time). A 403 with neither is not a rate limit.
func (o *GitHubOptions) rateLimitWait(resp *http.Response) (time.Duration, bool) {
	if resp.StatusCode != http.StatusForbidden && resp.StatusCode != http.StatusTooManyRequests {
		return 0, false
	}
	if s := resp.Header.Get("Retry-After"); s != "" {
		if n, err := strconv.Atoi(strings.TrimSpace(s)); err == nil && n >= 0 {
			return time.Duration(n) * time.Second, true
		}
	}
	if resp.Header.Get("X-RateLimit-Remaining") == "0" {
		if n, err := strconv.ParseInt(resp.Header.Get("X-RateLimit-Reset"), 10, 64); err == nil {
			d := time.Unix(n, 0).Sub(o.Now()) + time.Second
			return max(d, time.Second), true
		}
	}
	if resp.StatusCode == http.StatusTooManyRequests {
		return time.Minute, true // GitHub's advice with no header: wait a minute
	}
	return 0, false
}

// message is GitHub's error message, escaped and cut short.
func (o *GitHubOptions) message(body []byte) string {
	var m struct {
		Message string `json:"message"`
	}
	if json.Unmarshal(body, &m) != nil || m.Message == "" {
		return "(no message)"
	}
	return textsafe.Excerpt(scrubText(m.Message, o.Token), 200)
}

var linkNext = regexp.MustCompile(`<([^>]*)>\s*;\s*rel="?next"?`)

// nextPage is the Link header's rel="next" URL, which must be on the
// API's own host (the token goes with it).
func nextPage(link string, base *url.URL) (string, error) {
	m := linkNext.FindStringSubmatch(link)
	if m == nil {
		return "", nil
	}
	u, err := url.Parse(m[1])
	if err != nil {
		return "", fmt.Errorf("GitHub: bad next-page link: %v", err)
	}
	u = base.ResolveReference(u)
	if u.Scheme != base.Scheme || u.Host != base.Host {
		return "", fmt.Errorf("GitHub: the next page is on %s, not on the API host %s: not followed", textsafe.Escape(u.Host), base.Host)
	}
	return u.String(), nil
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return context.Cause(ctx)
	}
}
