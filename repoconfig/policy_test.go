package repoconfig_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/keyhound/keyhound/policy"
	"github.com/keyhound/keyhound/repoconfig"
	"github.com/keyhound/keyhound/rules"
)

func TestParsePolicy(t *testing.T) {
	c, err := repoconfig.ParsePolicy("k.toml", []byte(`title = "x"
[policy]
no-ip-allowlist = "fail"  # every key locked to an IP
"key-age" = "fail"
unknown-permissions = "off"
max_age_days = 30
[[rules]]
id = "r"
regex = 'x'
`))
	if err != nil {
		t.Fatal(err)
	}
	if c.Level(policy.NoIPAllowlist) != policy.Fail || c.Level(policy.KeyAge) != policy.Fail ||
		c.Level(policy.UnknownPermissions) != policy.Off || c.Level(policy.TradeAndWithdraw) != policy.Fail ||
		c.Level(policy.Unverified) != policy.Warn || c.MaxAgeDays != 30 {
		t.Errorf("%+v", c)
	}
	if got := strings.Join(repoconfig.PolicyChanges(c), " "); got != "no-ip-allowlist=fail key-age=fail unknown-permissions=off max_age_days=30" {
		t.Errorf("changes %q", got)
	}
	// No table: the default policy.
	if c, err := repoconfig.ParsePolicy("k.toml", []byte("[[rules]]\nid = \"r\"\nregex = 'x'\n")); err != nil || c.Levels != nil || len(repoconfig.PolicyChanges(c)) != 0 {
		t.Errorf("%+v %v", c, err)
	}
}

func TestParsePolicyErrors(t *testing.T) {
	tests := []struct{ text, want string }{
		{"[policy]\nno-ip-allowlist = \"fatal\"\n", `k.toml:2: [policy] no-ip-allowlist: unknown level "fatal" (fail, warn or off)`},
		{"title = \"t\"\n\n[policy]\nkey-age = \"warn\"\nmax_age_days = 0\n", `k.toml:5: [policy] max_age_days: want a whole number of days from 1 to 36500, not 0`},
		{"[policy]\nmax_age_days = \"90\"\n", `k.toml:2: [policy] max_age_days: want a whole number`},
		{"[policy]\n\ntrade-and-withdraw = true\n", `k.toml:3: [policy] trade-and-withdraw: want "fail", "warn" or "off", not true`},
		{"[policy]\nwithdraw-without-ip-allowlist = \"off\"\nwithdraw-without-allowlist = \"off\"\n", `k.toml:3: [policy] unknown key "withdraw-without-allowlist" (rules: key-age, no-ip-allowlist,`},
		{"policy.no-ip-allowlist = \"sometimes\"\n", `k.toml:1: [policy] no-ip-allowlist: unknown level`},
		{"[policy]\nno-ip-allowlist = \"warn\n", `k.toml:2:`},
	}
	for _, tc := range tests {
		_, err := repoconfig.ParsePolicy("k.toml", []byte(tc.text))
		var re *rules.Error
		if err == nil || !errors.As(err, &re) || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%q:\n got %v\nwant %s…", tc.text, err, tc.want)
		}
	}
}

// TestLoadPolicy: the [policy] table of the repository's .keyhound.toml
// and of a --config file is loaded, summarised, and its errors located.
func TestLoadPolicy(t *testing.T) {
	repo := fstest.MapFS{".keyhound.toml": {Data: []byte("[policy]\nno-ip-allowlist = \"off\"\n")}}
	c, err := repoconfig.Load(builtin(t), repoconfig.Options{Repo: repoconfig.Source{FS: repo, Name: "work tree"}})
	if err != nil {
		t.Fatal(err)
	}
	if c.Policy.Level(policy.NoIPAllowlist) != policy.Off || strings.Join(c.Summary.Policy, ",") != "no-ip-allowlist=off" {
		t.Errorf("%+v %+v", c.Policy, c.Summary)
	}
	repo[".keyhound.toml"] = &fstest.MapFile{Data: []byte("[[rules]]\nid = \"m\"\nregex = 'M[0-9]{9}'\n\n[policy]\nkey-age = \"often\"\n")}
	_, err = repoconfig.Load(builtin(t), repoconfig.Options{Repo: repoconfig.Source{FS: repo, Name: "work tree"}})
	if err == nil || !strings.HasPrefix(err.Error(), ".keyhound.toml:6: [policy] key-age: unknown level") || !strings.HasSuffix(err.Error(), "(read from the work tree)") {
		t.Errorf("got %v", err)
	}
	path := filepath.Join(t.TempDir(), "mine.toml")
	os.WriteFile(path, []byte("[policy]\ntrade-and-withdraw = \"warn\"\nmax_age_days = 30\n"), 0o600)
	c, err = repoconfig.Load(builtin(t), repoconfig.Options{Repo: repoconfig.Source{FS: repo}, ConfigFile: path})
	if err != nil {
		t.Fatal(err)
	}
	if c.Policy.Level(policy.TradeAndWithdraw) != policy.Warn || c.Policy.MaxAgeDays != 30 {
		t.Errorf("%+v", c.Policy)
	}
	os.WriteFile(path, []byte("\n[policy]\nmax-age = 30\n"), 0o600)
	if _, err = repoconfig.Load(builtin(t), repoconfig.Options{ConfigFile: path}); err == nil || !strings.HasPrefix(err.Error(), path+":3: [policy] unknown key \"max-age\"") {
		t.Errorf("got %v", err)
	}
}

// TestParsePolicyManyKeys: a hostile [policy] table with many keys is
// read in one pass (the error names its first unknown key).
func TestParsePolicyManyKeys(t *testing.T) {
	var b strings.Builder
	b.WriteString("[policy]\n")
	for i := 0; i < 20000; i++ {
		fmt.Fprintf(&b, "k%05d = \"off\"\n", i)
	}
	_, err := repoconfig.ParsePolicy("k.toml", []byte(b.String()))
	if err == nil || !strings.HasPrefix(err.Error(), `k.toml:2: [policy] unknown key "k00000"`) {
		t.Errorf("got %v", err)
	}
}
