package repoconfig

import (
	"errors"
	"fmt"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/keyhound/keyhound/policy"
	"github.com/keyhound/keyhound/rules"
)

// PolicyTable is the table of a configuration file (the repository's
// .keyhound.toml, or the file --config names; not the packs either
// extends) that sets the verification policy's levels:
//
//	[policy]
//	withdraw-without-ip-allowlist = "fail"
//	no-ip-allowlist = "off"
//	key-age = "fail"
//	max_age_days = 30
const PolicyTable = "policy"

// maxAgeDaysKey is key-age's rotation period in the [policy] table.
const maxAgeDaysKey = "max_age_days"

// ParsePolicy reads the [policy] table of a configuration file's TOML
// text; name is used in errors, which are *rules.Error with the file and
// line. Rules absent from the table keep their default level; a file
// without the table gives the default policy. A key that is no rule, a
// level other than fail, warn or off, and a max_age_days that is not a
// positive number of days are errors.
func ParsePolicy(name string, data []byte) (policy.Config, error) {
	var doc struct {
		Policy map[string]toml.Primitive `toml:"policy"`
	}
	var cfg policy.Config
	md, err := toml.Decode(string(data), &doc)
	if err == nil {
		// The keys in the order the file sets them: the first bad one is
		// the error. Each is decoded on its own, so that the TOML
		// library's error carries that key's line.
		for _, key := range md.Keys() {
			if len(key) != 2 || key[0] != PolicyTable {
				continue
			}
			if err = md.PrimitiveDecode(doc.Policy[key[1]], &policyEntry{key: key[1], cfg: &cfg}); err != nil {
				break
			}
		}
	}
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return cfg, &rules.Error{File: name, Line: pe.Position.Line, Err: errors.New(pe.Message)}
		}
		return cfg, &rules.Error{File: name, Err: err}
	}
	return cfg, nil
}

// policyEntry decodes one key of the [policy] table into cfg.
type policyEntry struct {
	key string
	cfg *policy.Config
}

// UnmarshalTOML implements toml.Unmarshaler: the value of e.key, checked.
func (e *policyEntry) UnmarshalTOML(v any) error {
	k, cfg := e.key, e.cfg
	switch {
	case k == maxAgeDaysKey:
		n, ok := v.(int64)
		if !ok || n < 1 || n > 36500 {
			return fmt.Errorf("[policy] %s: want a whole number of days from 1 to 36500, not %s", k, quoteValue(v))
		}
		cfg.MaxAgeDays = int(n)
	case policy.KnownRule(k):
		s, ok := v.(string)
		if !ok {
			return fmt.Errorf("[policy] %s: want \"fail\", \"warn\" or \"off\", not %s", k, quoteValue(v))
		}
		l, err := policy.ParseLevel(s)
		if err != nil {
			return fmt.Errorf("[policy] %s: %v", k, err)
		}
		if cfg.Levels == nil {
			cfg.Levels = map[policy.Rule]policy.Level{}
		}
		cfg.Levels[policy.Rule(k)] = l
	default:
		return fmt.Errorf("[policy] unknown key %q (rules: %s; and %s)", cutKey(k), strings.Join(policy.RuleNames(), ", "), maxAgeDaysKey)
	}
	return nil
}

// PolicyChanges lists what c changes from the default policy, as
// "rule=level" and "max_age_days=N", for the configuration summary.
func PolicyChanges(c policy.Config) []string {
	var out []string
	for _, ri := range policy.Rules() {
		if l := c.Level(ri.Rule); l != ri.Default {
			out = append(out, string(ri.Rule)+"="+string(l))
		}
	}
	if c.MaxAgeDays > 0 && c.MaxAgeDays != policy.DefaultMaxAgeDays {
		out = append(out, fmt.Sprintf("%s=%d", maxAgeDaysKey, c.MaxAgeDays))
	}
	return out
}

// quoteValue shows a TOML value in an error, cut short.
func quoteValue(v any) string {
	s := fmt.Sprintf("%#v", v)
	if str, ok := v.(string); ok {
		s = fmt.Sprintf("%+q", str)
	}
	return cutKey(s)
}

func cutKey(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}
