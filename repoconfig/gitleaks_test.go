package repoconfig_test

import (
	"testing"
	"testing/fstest"

	"github.com/keyhound/keyhound/repoconfig"
)

// TestLoadGitleaksConfig: .gitleaks.toml is the configuration when there
// is no .keyhound.toml; in gitleaks' schema with [extend] useDefault (in
// it or a pack it extends) it asks for gitleaks' default rules.
func TestLoadGitleaksConfig(t *testing.T) {
	const extending = "[extend]\nuseDefault = true\n[[rules]]\nid = \"internal-token\"\nregex = '''itk_[a-z0-9]{32}'''\n"
	tests := []struct {
		name                string
		files               fstest.MapFS
		configFile          string
		wantConfig          string
		gitleaks, wantsDflt bool
	}{
		{"gitleaks config extending the default", fstest.MapFS{".gitleaks.toml": {Data: []byte(extending)}}, "", ".gitleaks.toml", true, true},
		{"through its extend path", fstest.MapFS{
			".gitleaks.toml": {Data: []byte("[extend]\npath = \"ci/base.toml\"\n")},
			"ci/base.toml":   {Data: []byte("[extend]\nuseDefault = true\n")},
		}, "", ".gitleaks.toml", true, true},
		{"gitleaks config of its own", fstest.MapFS{".gitleaks.toml": {Data: []byte("[[rules]]\nid = \"x\"\nregex = '''x{20}'''\n")}}, "", ".gitleaks.toml", true, false},
		{"keyhound's fields in it", fstest.MapFS{".gitleaks.toml": {Data: []byte(extending + "exchange = \"acme\"\npart = \"key\"\n")}}, "", ".gitleaks.toml", false, false},
		{".keyhound.toml first", fstest.MapFS{".gitleaks.toml": {Data: []byte(extending)}, ".keyhound.toml": {Data: []byte(extending)}}, "", ".keyhound.toml", false, false},
		{"none", fstest.MapFS{"README": {Data: []byte("hi")}}, "", "", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := repoconfig.Load(builtin(t), repoconfig.Options{Repo: repoconfig.Source{FS: tt.files, Name: "work tree"}})
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			if len(c.Summary.Config) > 0 {
				got = c.Summary.Config[0]
			}
			if got != tt.wantConfig || c.Gitleaks != tt.gitleaks || c.GitleaksDefault != tt.wantsDflt {
				t.Errorf("config %q gitleaks %v default %v; want %q %v %v", got, c.Gitleaks, c.GitleaksDefault, tt.wantConfig, tt.gitleaks, tt.wantsDflt)
			}
		})
	}
	found := false
	for _, f := range repoconfig.Files() {
		found = found || f == repoconfig.GitleaksConfigFile
	}
	if !found {
		t.Error("Files() lacks .gitleaks.toml: a range that changes it would not be noticed")
	}
}
