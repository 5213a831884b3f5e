package main

import (
	"github.com/keyhound/keyhound/rules"
	"github.com/keyhound/keyhound/scan"
	"github.com/keyhound/keyhound/verify"
)

// credentialFromFinding assembles a verify.Credential from a finding's
// parts. ok is false when the finding names no verifier or lacks the
// parts any verifier needs (a key without its secret).
func credentialFromFinding(f scan.Finding) (c verify.Credential, ok bool) {
	c.Exchange = f.Verify
	for _, p := range f.Parts {
		switch p.Part {
		case rules.PartKey:
			c.Key = p.Value
		case rules.PartSecret:
			c.Secret = p.Value
		case rules.PartPassphrase:
			c.Passphrase = p.Value
		case rules.PartPrivateKey:
			c.PrivateKey = p.Value
		}
	}
	return c, c.Exchange != "" && c.Key != "" && (c.Secret != "" || c.PrivateKey != "")
}
