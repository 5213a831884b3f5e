package rules

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"regexp"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
)

// Part names the role a matched value plays in an exchange credential.
type Part string

// The parts of an exchange credential.
const (
	PartKey        Part = "key"         // the public API key or key id
	PartSecret     Part = "secret"      // the HMAC secret
	PartPassphrase Part = "passphrase"  // a passphrase or memo sent with every request (OKX, KuCoin, Bitget, BitMart)
	PartPrivateKey Part = "private-key" // an asymmetric private key (Coinbase CDP, Binance Ed25519, wallets)
)

func (p Part) valid() bool {
	switch p {
	case "", PartKey, PartSecret, PartPassphrase, PartPrivateKey:
		return true
	}
	return false
}

// Pack is one parsed rule pack: a TOML file in keyhound's schema, which is a
// superset of gitleaks' configuration schema. A Pack holds source text
// only; [Compile] turns one or more packs into a [Set] ready for matching.
type Pack struct {
	// Name identifies the pack in errors and reports: a file path, or
	// "default" and "gitleaks" for the built-in packs.
	Name        string
	Title       string
	Description string
	// Extend says whether this pack builds on the default packs, and which
	// of their rules it turns off (gitleaks' [extend] table).
	Extend Extend
	// Rules are the detection rules, in file order.
	Rules []Rule
	// Credentials say which rules' matches combine into one credential.
	Credentials []Credential
	// Allowlists apply to every rule (or to TargetRules when set).
	Allowlists []Allowlist
	// Venues name the exchanges of the pack's data rules (see Venue).
	Venues []Venue

	src []byte // the TOML text, kept to locate lines in errors
	// fsys, when set, is where the pack was read (see ParseFS): its
	// [extend] path is resolved there, never on the host's file system.
	fsys fs.FS
}

// Extend mirrors gitleaks' [extend] table.
type Extend struct {
	// UseDefault builds this pack on top of the embedded default packs.
	UseDefault bool `toml:"useDefault"`
	// Path names another pack file to build on. Relative paths are
	// resolved against the directory of the pack that names them; a pack
	// read with ParseFS can name only files in the same fs.FS.
	Path string `toml:"path"`
	// DisabledRules lists rule ids (from the packs extended) to turn off.
	DisabledRules []string `toml:"disabledRules"`
}

// Rule is one detection rule. The first group of fields is gitleaks'
// schema; the rest are keyhound's additions.
type Rule struct {
	ID          string      `toml:"id"`
	Description string      `toml:"description"`
	Regex       string      `toml:"regex"`
	SecretGroup int         `toml:"secretGroup"`
	Entropy     float64     `toml:"entropy"`
	Keywords    []string    `toml:"keywords"`
	Path        string      `toml:"path"`
	Tags        []string    `toml:"tags"`
	Allowlists  []Allowlist `toml:"allowlists"`
	// Allowlist is gitleaks' deprecated single [rules.allowlist] table.
	Allowlist *Allowlist `toml:"allowlist"`
	// Required is gitleaks' composite-rule table: this rule reports only
	// when each named rule also matches within the given distance.
	Required   []Required `toml:"required"`
	SkipReport bool       `toml:"skipReport"`

	// Exchange names the venue the value belongs to ("binance").
	Exchange string `toml:"exchange"`
	// Part is the role of the value in the credential.
	Part Part `toml:"part"`
	// Verify names the verifier that can check a credential built from
	// this rule. Credentials carry their own Verify, which wins.
	Verify string `toml:"verify"`
	// Nearby, when set, requires context near the match: a regular
	// expression that must match within WithinLines lines of it (for
	// example the exchange's name above `apiKey: "..."`).
	Nearby *Nearby `toml:"nearby"`
	// RequireKeywords narrows Keywords: a window around a keyword hit is
	// matched only when it also holds one of these words (case-insensitive)
	// — "okx" near "passphrase", not every mention of OKX — and only within
	// 1 KiB of them: every match must contain one of these words.
	RequireKeywords []string `toml:"requireKeywords"`
	// Validate names a structural check the secret must pass: "bip39"
	// (English word list and checksum), "evm-private-key" (32 bytes, on
	// the curve), "pem-private-key" (a parseable private key block).
	Validate string `toml:"validate"`
	// Placeholders turns the placeholder filter on or off; when unset it
	// is on for rules with a Part and off otherwise (gitleaks rules
	// keep gitleaks' behaviour).
	Placeholders *bool `toml:"placeholders"`

	// Value makes the rule a data rule: instead of a regex that spells out
	// how values are written, the shape of the value itself (a regular
	// expression matched against the whole value). Where the value sits —
	// any assignment, member, argument, table cell the syntax package
	// reads — and which venue it belongs to (Exchange, found from its
	// name, its scope, a mention nearby, a shape only it uses, or the
	// path) are worked out for every data rule alike. Needs Exchange and
	// Part; excludes Regex.
	Value string `toml:"value"`
	// Names are names this part answers to besides the ones every venue's
	// does (key, api_key, secret, passphrase, password, …): Deribit's
	// client_id, BitMart's memo.
	Names []string `toml:"names"`
	// Distinctive says the value's shape alone identifies the venue (a
	// prefix no other venue uses): it is found under any part name with no
	// venue named around it.
	Distinctive bool `toml:"distinctive"`
}

// Nearby is context that must occur close to a match.
type Nearby struct {
	Regex       string `toml:"regex"`
	WithinLines int    `toml:"withinLines"`
}

// Required mirrors gitleaks' [[rules.required]] table.
type Required struct {
	ID            string `toml:"id"`
	WithinLines   *int   `toml:"withinLines"`
	WithinColumns *int   `toml:"withinColumns"`
}

// Allowlist mirrors gitleaks' allowlist tables. A match is allowed (not
// reported) when its checks pass: any of them with Condition "OR" (the
// default), all of the configured ones with "AND".
type Allowlist struct {
	Description string   `toml:"description"`
	Condition   string   `toml:"condition"`
	Commits     []string `toml:"commits"`
	Paths       []string `toml:"paths"`
	// RegexTarget is what Regexes are matched against: "secret" (the
	// default), "match" or "line".
	RegexTarget string   `toml:"regexTarget"`
	Regexes     []string `toml:"regexes"`
	StopWords   []string `toml:"stopwords"`
	// TargetRules limits a global allowlist to these rule ids.
	TargetRules []string `toml:"targetRules"`
}

// Credential says which rules' matches make one credential and how close
// together they must be.
type Credential struct {
	ID          string `toml:"id"`
	Description string `toml:"description"`
	Exchange    string `toml:"exchange"`
	// Rules lists the rule ids whose matches can form this credential.
	// Each rule's Part gives the role of its match.
	Rules []string `toml:"rules"`
	// WithinLines is how far apart (in lines) the parts may be; 0 means
	// anywhere in the same file.
	WithinLines int `toml:"withinLines"`
	// Verify names the verifier for this credential.
	Verify string `toml:"verify"`
}

// file is the TOML document shape: gitleaks' keys plus keyhound's.
type file struct {
	Title       string       `toml:"title"`
	Description string       `toml:"description"`
	MinVersion  string       `toml:"minVersion"`
	Extend      Extend       `toml:"extend"`
	Rules       []Rule       `toml:"rules"`
	Credentials []Credential `toml:"credentials"`
	Allowlists  []Allowlist  `toml:"allowlists"`
	Allowlist   *Allowlist   `toml:"allowlist"`
	Venues      []Venue      `toml:"venues"`
	// Policy is a configuration's [policy] table, read by package
	// repoconfig (verification policy levels); rules only accepts it.
	Policy map[string]any `toml:"policy"`
}

// Error is a problem in a rule pack, located by file and line.
type Error struct {
	File string // pack name or path
	Line int    // 1-based; 0 when unknown
	Rule string // rule or credential id, when the error is about one
	Err  error
}

// Error formats the error as file:line: rule "id": message. A pack may
// be a repository's input: the id and message are quoted escaped and cut
// short, never echoing more than a line of the pack.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		b.WriteString(":")
		b.WriteString(strconv.Itoa(e.Line))
	}
	b.WriteString(": ")
	if e.Rule != "" {
		b.WriteString("rule ")
		b.WriteString(quoteShort(e.Rule))
		b.WriteString(": ")
	}
	b.WriteString(cutShort(e.Err.Error()))
	return b.String()
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// Parse parses the TOML text of a rule pack. name is used in errors.
// Syntax errors and unknown keys are reported with their line.
func Parse(name string, data []byte) (*Pack, error) {
	var f file
	md, err := toml.Decode(string(data), &f)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, &Error{File: name, Line: pe.Position.Line, Err: errors.New(pe.Message)}
		}
		return nil, &Error{File: name, Err: err}
	}
	p := &Pack{
		Name:        name,
		Title:       f.Title,
		Description: f.Description,
		Extend:      f.Extend,
		Rules:       f.Rules,
		Credentials: f.Credentials,
		Allowlists:  f.Allowlists,
		Venues:      f.Venues,
		src:         data,
	}
	if f.Allowlist != nil {
		p.Allowlists = append([]Allowlist{*f.Allowlist}, p.Allowlists...)
	}
	for i := range p.Rules {
		if a := p.Rules[i].Allowlist; a != nil {
			p.Rules[i].Allowlists = append([]Allowlist{*a}, p.Rules[i].Allowlists...)
			p.Rules[i].Allowlist = nil
		}
	}
	if und := md.Undecoded(); len(und) > 0 {
		k := und[0].String()
		return nil, &Error{File: name, Line: p.lineOfKey(und[0]), Err: fmt.Errorf("unknown key %q", k)}
	}
	if err := p.check(); err != nil {
		return nil, err
	}
	return p, nil
}

// MaxPackSize bounds a rule pack file: the default packs together are
// about 200 KiB, and a pack named by a repository's own .keyhound.toml
// ([extend] path) must not be able to make keyhound read /dev/zero.
const MaxPackSize = 8 << 20

// ParseFile reads and parses a rule pack file. It must be a regular file
// of at most MaxPackSize bytes.
func ParseFile(path string) (*Pack, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("rule pack: %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("rule pack: %w", err)
	}
	if !fi.Mode().IsRegular() {
		return nil, &Error{File: path, Err: fmt.Errorf("not a regular file (%s)", fi.Mode().Type())}
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxPackSize+1))
	if err != nil {
		return nil, fmt.Errorf("rule pack: %w", err)
	}
	if len(data) > MaxPackSize {
		return nil, &Error{File: path, Err: fmt.Errorf("larger than %d bytes", MaxPackSize)}
	}
	return Parse(path, data)
}

// ParseFS reads and parses the rule pack at name in fsys: a regular file
// of at most MaxPackSize bytes. Its [extend] path, when it has one, is
// resolved in fsys too, relative to name's directory: a path that is
// absolute or leaves fsys (holds "..") is an error, found before anything
// is opened. This is how a pack that a scanned repository supplies is
// read: the repository can name its own files and nothing else.
func ParseFS(fsys fs.FS, name string) (*Pack, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, &Error{File: name, Err: err}
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, &Error{File: name, Err: err}
	}
	if !fi.Mode().IsRegular() {
		return nil, &Error{File: name, Err: fmt.Errorf("not a regular file (%s)", fi.Mode().Type())}
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxPackSize+1))
	if err != nil {
		return nil, &Error{File: name, Err: err}
	}
	if len(data) > MaxPackSize {
		return nil, &Error{File: name, Err: fmt.Errorf("larger than %d bytes", MaxPackSize)}
	}
	p, err := Parse(name, data)
	if err != nil {
		return nil, err
	}
	p.fsys = fsys
	return p, nil
}

// check validates what can be checked without compiling regexes.
func (p *Pack) check() error {
	seen := make(map[string]bool)
	for i := range p.Rules {
		r := &p.Rules[i]
		if strings.TrimSpace(r.ID) == "" {
			return p.errf(p.lineOfTable("rules", i), "", "rule without an id")
		}
		if !validID(r.ID) {
			return p.badID("rules", i, r.ID)
		}
		if seen[r.ID] {
			return p.errf(p.lineOfID("rules", r.ID), r.ID, "duplicate rule id")
		}
		seen[r.ID] = true
		if r.Regex == "" && r.Path == "" && r.Value == "" {
			return p.errf(p.lineOfID("rules", r.ID), r.ID, "needs a regex, a value or a path")
		}
		if r.Value != "" && (r.Regex != "" || r.Part == "" || r.Exchange == "" && len(r.Names) == 0) {
			return p.errf(p.lineOfID("rules", r.ID), r.ID, "a value rule needs a part, an exchange or names, and no regex")
		}
		if !r.Part.valid() {
			return p.errf(p.lineOfID("rules", r.ID), r.ID, "part %q is not one of key, secret, passphrase, private-key", r.Part)
		}
		if r.Nearby != nil && r.Nearby.Regex == "" {
			return p.errf(p.lineOfID("rules", r.ID), r.ID, "nearby needs a regex")
		}
		if r.Validate != "" && validators[r.Validate] == nil {
			return p.errf(p.lineOfID("rules", r.ID), r.ID, "unknown validate %q", r.Validate)
		}
	}
	cseen := make(map[string]bool)
	for i := range p.Credentials {
		c := &p.Credentials[i]
		if c.ID == "" {
			return p.errf(p.lineOfTable("credentials", i), "", "credential without an id")
		}
		if !validID(c.ID) {
			return p.badID("credentials", i, c.ID)
		}
		if cseen[c.ID] {
			return p.errf(p.lineOfID("credentials", c.ID), c.ID, "duplicate credential id")
		}
		cseen[c.ID] = true
		if len(c.Rules) < 2 {
			return p.errf(p.lineOfID("credentials", c.ID), c.ID, "a credential needs at least two rules")
		}
		if c.WithinLines < 0 {
			return p.errf(p.lineOfID("credentials", c.ID), c.ID, "withinLines must not be negative")
		}
	}
	return nil
}

func (p *Pack) errf(line int, id, format string, args ...any) error {
	return &Error{File: p.Name, Line: line, Rule: id, Err: fmt.Errorf(format, args...)}
}

var tableHeader = regexp.MustCompile(`^\s*\[\[\s*([A-Za-z0-9_.]+)\s*\]\]`)

// lineOfTable returns the line of the i-th [[name]] header, or 0.
func (p *Pack) lineOfTable(name string, i int) int {
	n := -1
	for ln, line := range bytes.Split(p.src, []byte("\n")) {
		if m := tableHeader.FindSubmatch(line); m != nil && string(m[1]) == name {
			n++
			if n == i {
				return ln + 1
			}
		}
	}
	return 0
}

// lineOfID returns the line of `id = "<id>"` inside a [[name]] table,
// falling back to the table header.
func (p *Pack) lineOfID(name, id string) int {
	idLine := regexp.MustCompile(`^\s*id\s*=\s*['"]` + regexp.QuoteMeta(id) + `['"]`)
	in := false
	for ln, line := range bytes.Split(p.src, []byte("\n")) {
		if m := tableHeader.FindSubmatch(line); m != nil {
			in = string(m[1]) == name
			continue
		}
		if in && idLine.Match(line) {
			return ln + 1
		}
	}
	return 0
}

// lineOfKey finds the first line that sets the last component of key.
func (p *Pack) lineOfKey(key toml.Key) int {
	if len(key) == 0 {
		return 0
	}
	last := key[len(key)-1]
	re := regexp.MustCompile(`^\s*(?:\[+\s*)?(?:[A-Za-z0-9_.]+\.)?` + regexp.QuoteMeta(last) + `\s*(?:=|\]+)`)
	for ln, line := range bytes.Split(p.src, []byte("\n")) {
		if re.Match(line) {
			return ln + 1
		}
	}
	return 0
}

// ruleLine is the line of rule id in this pack (0 if unknown).
func (p *Pack) ruleLine(id string) int { return p.lineOfID("rules", id) }
