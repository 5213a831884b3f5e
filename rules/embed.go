package rules

import (
	"embed"
	"io/fs"
	"path"
	"sort"
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

// gitleaksTOML is gitleaks' default configuration, config/gitleaks.toml
// of the gitleaks module in go.mod, copied byte for byte
// (TestGitleaksTOMLIsTheModules checks it still is): embedding the file
// spares importers of rules gitleaks' configuration stack (viper,
// zerolog, hcl, afero, ...), which its config package pulls in for one
// string.
//
//go:embed gitleaks.toml
var gitleaksTOML []byte

// Gitleaks returns gitleaks' default rule set as a keyhound pack, parsed
// by keyhound's own parser.
func Gitleaks() (*Pack, error) {
	return Parse(GitleaksName, gitleaksTOML)
}
