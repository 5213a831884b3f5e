package rules

import (
	"embed"
	"io/fs"
	"path"
	"sort"

	gitleaksconfig "github.com/zricethezav/gitleaks/v8/config"
)

//go:embed packs/*.toml
var packFS embed.FS

// defaultPrefix starts the Name of every embedded default pack.
const defaultPrefix = "default:"

// Default parses the embedded default packs: one file per venue plus the
// wallet pack (EVM keys, BIP-39 mnemonics, PEM keys near exchange names).
// Each call returns fresh packs; nothing is cached or shared.
func Default() ([]*Pack, error) {
	names, err := fs.Glob(packFS, "packs/*.toml")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	packs := make([]*Pack, 0, len(names))
	for _, n := range names {
		data, err := packFS.ReadFile(n)
		if err != nil {
			return nil, err
		}
		p, err := Parse(defaultPrefix+path.Base(n), data)
		if err != nil {
			return nil, err
		}
		packs = append(packs, p)
	}
	return packs, nil
}

// GitleaksName is the name of the optional generic pack.
const GitleaksName = "gitleaks"

// Gitleaks returns gitleaks' default rule set (from the gitleaks module
// this build links) as a keyhound pack. It is parsed from gitleaks'
// embedded TOML by keyhound's own parser, so gitleaks' package-level
// configuration state (viper, extend depth) is never touched.
func Gitleaks() (*Pack, error) {
	return Parse(GitleaksName, []byte(gitleaksconfig.DefaultConfig))
}
