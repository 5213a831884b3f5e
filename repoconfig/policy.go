package repoconfig

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"sort"
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
		Policy map[string]any `toml:"policy"`
	}
	var cfg policy.Config
	if _, err := toml.Decode(string(data), &doc); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return cfg, &rules.Error{File: name, Line: pe.Position.Line, Err: errors.New(pe.Message)}
		}
		_, header := policyLines(data)
		return cfg, &rules.Error{File: name, Line: header, Err: err}
	}
	lines, header := policyLines(data)
	line := func(k string) int {
		if n, ok := lines[k]; ok {
			return n
		}
		return header
	}
	keys := make([]string, 0, len(doc.Policy))
	for k := range doc.Policy {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if li, lj := line(keys[i]), line(keys[j]); li != lj {
			return li < lj
		}
		return keys[i] < keys[j]
	})
	for _, k := range keys {
		fail := func(format string, args ...any) error {
			return &rules.Error{File: name, Line: line(k), Err: fmt.Errorf("[policy] "+format, args...)}
		}
		v := doc.Policy[k]
		switch {
		case k == maxAgeDaysKey:
			n, ok := v.(int64)
			if !ok || n < 1 || n > 36500 {
				return cfg, fail("%s: want a whole number of days from 1 to 36500, not %s", k, quoteValue(v))
			}
			cfg.MaxAgeDays = int(n)
		case policy.KnownRule(k):
			s, ok := v.(string)
			if !ok {
				return cfg, fail("%s: want \"fail\", \"warn\" or \"off\", not %s", k, quoteValue(v))
			}
			l, err := policy.ParseLevel(s)
			if err != nil {
				return cfg, fail("%s: %v", k, err)
			}
			if cfg.Levels == nil {
				cfg.Levels = map[policy.Rule]policy.Level{}
			}
			cfg.Levels[policy.Rule(k)] = l
		default:
			return cfg, fail("unknown key %q (rules: %s; and %s)", cutKey(k), strings.Join(policy.RuleNames(), ", "), maxAgeDaysKey)
		}
	}
	return cfg, nil
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

// policyLines maps each key set in the [policy] table (or as a dotted
// policy.KEY elsewhere) to the first line that sets it, and returns the
// table's header line (0 when there is none), in one pass over data.
func policyLines(data []byte) (map[string]int, int) {
	lines := map[string]int{}
	header, in := 0, false
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), len(data)+1)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "[") {
			name := strings.TrimSpace(strings.Trim(strings.SplitN(line, "#", 2)[0], "[] \t"))
			in = name == PolicyTable
			if in && header == 0 {
				header = n
			}
			continue
		}
		k, _, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		k = strings.Trim(strings.TrimSpace(k), `"'`)
		if !in {
			var dotted bool
			if k, dotted = strings.CutPrefix(k, PolicyTable+"."); !dotted {
				continue
			}
			k = strings.Trim(k, `"'`)
		}
		if _, seen := lines[k]; !seen {
			lines[k] = n
		}
	}
	return lines, header
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
