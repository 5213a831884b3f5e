package rules

import (
	"bytes"
	"regexp"
	"sort"
	"strings"

	"github.com/keyhound/keyhound/internal/wordset"
)

// Venue is what a pack knows about one exchange besides its rules: the
// words that name it (in identifiers, scopes, values and paths) and its
// API hosts. Rules written as data (a value shape, no regex) find their
// venue through these.
type Venue struct {
	// ID is the exchange name rules use ("binance").
	ID string `toml:"id"`
	// Names are the words that name the venue: "binance", "bnb" is not
	// one; "gate.io", "gateio" and "gate" are. They are matched as whole
	// words, case-insensitively; the longest name wins ("binance.us" over
	// "binance").
	Names []string `toml:"names"`
	// Hosts are the venue's API hosts ("api.binance.com"): a base URL in a
	// configuration ties its credentials to the venue.
	Hosts []string `toml:"hosts"`
	// WithinLines is how far (in lines) a mention of the venue ties a
	// credential with a generic name to it; 0 means 10.
	WithinLines int `toml:"withinLines"`
	// Marks are members, NAME=VALUE, whose presence in a scope names the
	// venue for the values around them: python-binance's tld="us" makes
	// Client(key, secret, tld="us") Binance.US.
	Marks []string `toml:"marks"`
}

// venue is a compiled Venue.
type venue struct {
	Venue
	idx    int
	words  [][]string // each name as words: "gate.io" -> [gate io]
	within int
}

// vocab is the data rules' shared knowledge: venues, the names each part
// answers to, and the rules by venue and part.
type vocab struct {
	venues    []*venue
	byID      map[string]*venue
	names     map[string][]alias // name words joined by " " -> parts
	rules     map[string]map[Part][]*rule
	mention   *wordset.Set           // lower-case venue names and hosts
	byFirst   map[string][]venueName // a name's first word -> the names, longest first
	hosts     map[string]*venue      // a host and each parent domain of it -> its venue
	free      []freeName             // names of the venue-less data rules
	marks     map[string]*venue      // "name words=value" -> the venue it names
	markNames map[string]bool        // the name words of marks
	caches    nameCaches
	mWords    []string
	mVenue    []int
	maxName   int
}

// freeName is a name a venue-less data rule answers to, as words.
type freeName struct {
	words []string
	rule  *rule
}

// alias is a name a part answers to, for every venue or for one.
type alias struct {
	part  Part
	venue string // "" for every venue
	// weak names (password, token, api, …) are used for many things
	// besides exchange credentials: they count only when the venue is
	// named in the name itself, its scope or a sibling member, never from
	// a mention nearby or the path.
	weak bool
}

// weakNames are the part names that say little on their own.
var weakNames = map[string]bool{
	"password": true, "pass": true, "pwd": true, "passwd": true, "api": true, "access": true, "token": true,
	"api token": true, "apitoken": true, "access token": true, "sec": true, "pem": true, "app key": true,
	"appkey": true, "app secret": true, "user key": true, "client key": true, "consumer key": true,
	"consumer secret": true, "public key": true, "publickey": true,
}

// buildVocab compiles the venues and the data rules of a set.
func buildVocab(venues []Venue, rs []*rule) *vocab {
	v := &vocab{byID: map[string]*venue{}, names: map[string][]alias{}, rules: map[string]map[Part][]*rule{}}
	addVenue := func(x Venue) *venue {
		if have := v.byID[x.ID]; have != nil {
			have.Names = append(have.Names, x.Names...)
			have.Hosts = append(have.Hosts, x.Hosts...)
			if x.WithinLines > 0 {
				have.within = x.WithinLines
			}
			return have
		}
		cv := &venue{Venue: x, idx: len(v.venues), within: x.WithinLines}
		if cv.within <= 0 {
			cv.within = 10
		}
		v.venues = append(v.venues, cv)
		v.byID[x.ID] = cv
		return cv
	}
	for _, x := range venues {
		addVenue(x)
	}
	v.marks = map[string]*venue{}
	v.markNames = map[string]bool{}
	for _, cv := range v.venues {
		for _, m := range cv.Marks {
			if name, val, ok := strings.Cut(m, "="); ok {
				words := strings.Join(nameWords([]byte(name), nil), " ")
				v.marks[words+"="+strings.ToLower(strings.TrimSpace(val))] = cv
				v.markNames[words] = true
			}
		}
	}
	for _, part := range []Part{PartKey, PartSecret, PartPassphrase, PartPrivateKey} { // a fixed order: the first that fits wins
		for _, n := range partNames[part] {
			v.addAlias(n, part, "")
		}
	}
	for _, r := range rs {
		if r.value == nil {
			continue
		}
		if r.Exchange == "" {
			// A venue-less data rule (a wallet key): its own names only,
			// matched at the end of a name (ARBITRUM_DEPLOYER_PRIVATE_KEY).
			for _, n := range r.Names {
				if ws := v.reduce(n); len(ws) > 0 {
					v.free = append(v.free, freeName{words: ws, rule: r})
				}
			}
			continue
		}
		if v.byID[r.Exchange] == nil {
			addVenue(Venue{ID: r.Exchange, Names: []string{r.Exchange}})
		}
		if v.rules[r.Exchange] == nil {
			v.rules[r.Exchange] = map[Part][]*rule{}
		}
		v.rules[r.Exchange][r.Part] = append(v.rules[r.Exchange][r.Part], r)
		for _, n := range r.Names {
			v.addAlias(n, r.Part, r.Exchange)
		}
	}
	v.byFirst = map[string][]venueName{}
	v.hosts = map[string]*venue{}
	seen := map[string]bool{}
	for _, cv := range v.venues {
		names := append([]string{cv.ID}, cv.Names...)
		for _, n := range names {
			ws := nameWords([]byte(n), nil)
			if len(ws) > 0 {
				cv.words = append(cv.words, ws)
			}
			if len(ws) > v.maxName {
				v.maxName = len(ws)
			}
		}
		// Longer names first: "binance us" is tried before "binance".
		sort.SliceStable(cv.words, func(i, j int) bool { return len(cv.words[i]) > len(cv.words[j]) })
		for _, ws := range cv.words {
			v.byFirst[ws[0]] = append(v.byFirst[ws[0]], venueName{cv, ws})
		}
		for _, h := range cv.Hosts {
			v.hosts[strings.ToLower(h)] = cv
		}
		for _, m := range append(names, cv.Hosts...) {
			m = strings.ToLower(m)
			if m != "" && !seen[m+"\x00"+cv.ID] {
				seen[m+"\x00"+cv.ID] = true
				v.mWords = append(v.mWords, m)
				v.mVenue = append(v.mVenue, cv.idx)
			}
		}
	}
	for w := range v.byFirst {
		ns := v.byFirst[w]
		sort.SliceStable(ns, func(i, j int) bool { return len(ns[i].words) > len(ns[j].words) })
	}
	if len(v.mWords) > 0 {
		v.mention = wordset.New(v.mWords)
	}
	return v
}

// hostVenue returns the venue whose API host (or a subdomain of it) a
// value names: https://api.bybit.com/v5, wss://stream.binance.com:9443.
func (v *vocab) hostVenue(val []byte) *venue {
	if len(val) > 512 || bytes.IndexByte(val, '.') < 0 {
		return nil
	}
	h := val
	if i := bytes.Index(h, []byte("://")); i >= 0 {
		h = h[i+3:]
	}
	if i := bytes.IndexAny(h, "/:?#\"'"); i >= 0 {
		h = h[:i]
	}
	if len(h) < 4 || len(h) > 253 {
		return nil
	}
	var buf [253]byte
	host := buf[:len(h)]
	for i, c := range h {
		switch {
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		case c == ' ' || c == '\t' || c == '\n' || c == ',' || c == ';' || c == '(' || c == '<':
			return nil // prose or code, not a host
		}
		host[i] = c
	}
	for {
		if cv := v.hosts[string(host)]; cv != nil {
			return cv
		}
		i := bytes.IndexByte(host, '.')
		if i < 0 {
			return nil
		}
		host = host[i+1:]
	}
}

// reduce reads a name as words the way a name in a file is read, without
// noise and numbers: X-MBX-APIKEY is "mbx apikey".
func (v *vocab) reduce(name string) []string {
	var ws []string
	for _, w := range nameWords([]byte(name), nil) {
		if !noiseWords[w] && !isDigits(w) {
			ws = append(ws, w)
		}
	}
	return ws
}

// freeRules returns the venue-less data rules whose names end the words
// of a name (the words left once noise is set aside).
func (v *vocab) freeRules(words []string) []*rule {
	var rest []string
	for _, w := range words {
		if !noiseWords[w] && !isDigits(w) {
			rest = append(rest, w)
		}
	}
	var out []*rule
	for _, f := range v.free {
		if len(f.words) > len(rest) {
			continue
		}
		tail := rest[len(rest)-len(f.words):]
		ok := true
		for i, w := range f.words {
			if tail[i] != w {
				ok = false
				break
			}
		}
		if ok && !containsRule(out, f.rule) {
			out = append(out, f.rule)
		}
	}
	return out
}

// nearbyFree returns the venue-less data rules that ask for context near
// a value (nearby): the only ones a string standing alone, with no name,
// can match.
func (v *vocab) nearbyFree() []*rule {
	var out []*rule
	for _, f := range v.free {
		if f.rule.hasNearby && !containsRule(out, f.rule) {
			out = append(out, f.rule)
		}
	}
	return out
}

func containsRule(rs []*rule, r *rule) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}

func (v *vocab) addAlias(name string, p Part, venueID string) {
	key := strings.Join(v.reduce(name), " ")
	for _, a := range v.names[key] {
		if a.part == p && a.venue == venueID {
			return
		}
	}
	v.names[key] = append(v.names[key], alias{part: p, venue: venueID, weak: venueID == "" && weakNames[key]})
}

// venueAt reports the venue whose name starts at words[i] (the longest
// one), and how many words it spans.
func (v *vocab) venueAt(words []string, i int) (*venue, int) {
	for _, vn := range v.byFirst[words[i]] { // longest names first
		if i+len(vn.words) > len(words) {
			continue
		}
		ok := true
		for k, w := range vn.words[1:] {
			if words[i+1+k] != w {
				ok = false
				break
			}
		}
		if ok {
			return vn.venue, len(vn.words)
		}
	}
	return nil, 0
}

// venueName is one name of a venue, as words.
type venueName struct {
	venue *venue
	words []string
}

// venueIn returns the venue a name's words name, or nil (the first from
// the left; a name rarely names two).
func (v *vocab) venueIn(words []string) *venue {
	for i := range words {
		if cv, _ := v.venueAt(words, i); cv != nil {
			return cv
		}
	}
	return nil
}

// classifyName reads a name's words: the venue it names (nil if none) and
// the parts it can be, for that venue or any.
func (v *vocab) classifyName(words []string, buf []string) (*venue, []alias) {
	rest := buf[:0]
	var named *venue
	for i := 0; i < len(words); {
		if cv, n := v.venueAt(words, i); cv != nil {
			if named == nil {
				named = cv
			}
			i += n
			continue
		}
		w := words[i]
		i++
		if noiseWords[w] || isDigits(w) || (len(rest) == 0 && setterPrefixes[w] && i < len(words)) {
			continue
		}
		rest = append(rest, w)
	}
	if len(rest) == 0 {
		return named, nil
	}
	return named, v.names[strings.Join(rest, " ")]
}

// pathVenues returns the venues a file's path names, by whole words.
func (v *vocab) pathVenues(path string) map[string]bool {
	words := nameWords([]byte(path), nil)
	out := map[string]bool{}
	for i := 0; i < len(words); {
		if cv, n := v.venueAt(words, i); cv != nil {
			out[cv.ID] = true
			i += n
			continue
		}
		i++
	}
	return out
}

// anchored compiles a value shape so that it must match a whole value.
func anchored(shape string) (*regexp.Regexp, error) {
	return regexp.Compile(`^(?:` + shape + `)$`)
}
