package rules

// GitleaksSchema reports whether p is written in gitleaks' configuration
// schema alone: no venues, no credentials, and no rule using keyhound's
// fields (exchange, part, verify, nearby, requireKeywords, validate,
// placeholders, value, names, distinctive). A gitleaks user's
// .gitleaks.toml is one; its [extend] useDefault then means gitleaks'
// default rules (see Gitleaks), which keyhound's own default packs do not
// hold.
func (p *Pack) GitleaksSchema() bool {
	if len(p.Venues) > 0 || len(p.Credentials) > 0 {
		return false
	}
	for _, r := range p.Rules {
		if r.Exchange != "" || r.Part != "" || r.Verify != "" || r.Nearby != nil || len(r.RequireKeywords) > 0 ||
			r.Validate != "" || r.Placeholders != nil || r.Value != "" || len(r.Names) > 0 || r.Distinctive {
			return false
		}
	}
	return true
}
