package rules

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
)

type allowlist struct {
	and         bool
	commits     map[string]bool
	paths       []*regexp.Regexp
	regexes     []*regexp.Regexp
	starts      []lazyFilter // the regexes' start filters; see regexMatches
	target      string       // "secret", "match" or "line"
	stopwords   []string
	targetRules map[string]bool
}

func compileAllowlist(a Allowlist) (*allowlist, error) {
	if len(a.Commits) == 0 && len(a.Paths) == 0 && len(a.Regexes) == 0 && len(a.StopWords) == 0 {
		return nil, errors.New("must contain at least one check: commits, paths, regexes or stopwords")
	}
	ca := &allowlist{}
	switch strings.ToUpper(strings.TrimSpace(a.Condition)) {
	case "", "OR":
	case "AND", "&&":
		ca.and = true
	default:
		return nil, fmt.Errorf("condition %q is not AND or OR", a.Condition)
	}
	switch a.RegexTarget {
	case "", "secret":
		ca.target = "secret"
	case "match", "line":
		ca.target = a.RegexTarget
	default:
		return nil, fmt.Errorf("regexTarget %q is not secret, match or line", a.RegexTarget)
	}
	if len(a.Commits) > 0 {
		ca.commits = make(map[string]bool)
		for _, c := range a.Commits {
			ca.commits[strings.ToLower(strings.TrimSpace(c))] = true
		}
	}
	for _, p := range a.Paths {
		re, err := regexp.Compile(p)
		if err != nil {
			return nil, fmt.Errorf("bad path regex %q: %v", p, err)
		}
		ca.paths = append(ca.paths, re)
	}
	for _, p := range a.Regexes {
		if len(p) > maxRegexLen {
			return nil, fmt.Errorf("regex over the %d-byte limit", maxRegexLen)
		}
		re, err := regexp.Compile(p)
		if err != nil {
			return nil, fmt.Errorf("bad regex %q: %v", p, err)
		}
		ca.regexes = append(ca.regexes, re)
	}
	ca.starts = make([]lazyFilter, len(ca.regexes))
	for _, w := range a.StopWords {
		ca.stopwords = append(ca.stopwords, strings.ToLower(w))
	}
	if len(a.TargetRules) > 0 {
		ca.targetRules = make(map[string]bool)
		for _, r := range a.TargetRules {
			ca.targetRules[r] = true
		}
	}
	return ca, nil
}

// pathOnly reports whether the allowlist checks nothing but paths (or
// commits and paths with OR), so a path hit skips the whole file.
func (a *allowlist) pathAllows(path string) bool {
	for _, re := range a.paths {
		if re.MatchString(path) {
			return true
		}
	}
	return false
}

func (a *allowlist) commitAllows(commit string) bool {
	return commit != "" && a.commits[strings.ToLower(commit)]
}

// fileAllowed reports whether the allowlist ignores the whole file (or
// commit) regardless of content: an OR list whose path or commit check
// fires, or an AND list that checks nothing but those and both fire.
func (a *allowlist) fileAllowed(path, commit string) bool {
	pathHit := len(a.paths) > 0 && a.pathAllows(path)
	commitHit := len(a.commits) > 0 && a.commitAllows(commit)
	if !a.and {
		return pathHit || commitHit
	}
	if len(a.regexes) > 0 || len(a.stopwords) > 0 {
		return false
	}
	return (len(a.paths) == 0 || pathHit) && (len(a.commits) == 0 || commitHit)
}

// allows reports whether a match is allowed by this list.
func (a *allowlist) allows(secret, match, line, path, commit string) bool {
	var checks, hits int
	check := func(configured, hit bool) {
		if configured {
			checks++
			if hit {
				hits++
			}
		}
	}
	check(len(a.commits) > 0, a.commitAllows(commit))
	check(len(a.paths) > 0, a.pathAllows(path))
	if len(a.regexes) > 0 {
		target := secret
		switch a.target {
		case "match":
			target = match
		case "line":
			target = line
		}
		hit := false
		for i := range a.regexes {
			if a.regexMatches(i, target) {
				hit = true
				break
			}
		}
		check(true, hit)
	}
	if len(a.stopwords) > 0 {
		ls := strings.ToLower(secret)
		hit := false
		for _, w := range a.stopwords {
			if strings.Contains(ls, w) {
				hit = true
				break
			}
		}
		check(true, hit)
	}
	if a.and {
		return checks > 0 && hits == checks
	}
	return hits > 0
}

// minFiltered is the target length from which an allowlist regex runs
// through its start filter: a line's context (up to 2 KiB on a long line)
// is searched at the few places a match can start, not stepped through
// byte by byte for every match on the line.
const minFiltered = 256

// regexMatches reports whether regex i matches target.
func (a *allowlist) regexMatches(i int, target string) bool {
	if len(target) >= minFiltered {
		if f := a.starts[i].get(a.regexes[i].String()); f != nil {
			return f.match([]byte(target))
		}
	}
	return a.regexes[i].MatchString(target)
}
