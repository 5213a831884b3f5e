package fleet

import (
	"errors"
	"strings"
	"testing"

	githttp "github.com/go-git/go-git/v5/plumbing/transport/http"
)

func TestTokenGoesOnlyToItsHost(t *testing.T) {
	m := &mirror{token: testToken, tokenHost: "github.com"}
	for src, want := range map[string]bool{
		"https://github.com/acme/api.git":       true,
		"https://GitHub.com/acme/api.git":       true,
		"https://gitlab.com/acme/api.git":       false,
		"https://github.com.evil.example/a/b":   false,
		"ssh://git@github.com/acme/api.git":     false,
		"git@github.com:acme/api.git":           false,
		"/srv/git/github.com/acme/api.git":      false,
		"https://evil.example/github.com/a/b":   false,
		"https://github.com:8443/acme/api.git":  true,
		"https://api.github.com/acme/api.git":   false,
		"https://github.com@evil.example/a/b":   false,
		"https://evil.example#@github.com/a/b":  false,
		"https://evil.example?h=github.com/a/b": false,
	} {
		a := m.auth(Unit{Source: src})
		if got := a != nil; got != want {
			t.Errorf("%s: token sent %v, want %v", src, got, want)
		}
		if ba, ok := a.(*githttp.BasicAuth); ok && (ba.Username != "x-access-token" || ba.Password != testToken) {
			t.Errorf("%s: auth %+v", src, ba)
		}
	}
	if (&mirror{tokenHost: "github.com"}).auth(Unit{Source: "https://github.com/a/b"}) != nil {
		t.Error("no token, yet auth")
	}
	err := scrubToken(errors.New("authentication failed for https://x-access-token:"+testToken+"@github.com/acme/api.git"), m.token)
	if strings.Contains(err.Error(), testToken) || !strings.Contains(err.Error(), "[token]") {
		t.Errorf("scrubToken: %v", err)
	}
}
