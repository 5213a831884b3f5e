package verify

import (
	"net/url"
	"testing"
)

// TestRemediationForEveryVerifier fails when a registered verifier has
// no remediation, or one with a link that is not an https URL.
func TestRemediationForEveryVerifier(t *testing.T) {
	names := map[string]bool{}
	for _, v := range All() {
		name := v.Spec().Name
		names[name] = true
		r, ok := RemediationFor(name)
		if !ok {
			t.Errorf("verifier %q has no remediation in remediation.go", name)
			continue
		}
		if r.Venue == "" || r.Navigate == "" {
			t.Errorf("%s: venue or navigation missing: %+v", name, r)
		}
		for _, s := range []string{r.ManageURL, r.DocsURL} {
			u, err := url.Parse(s)
			if err != nil || u.Scheme != "https" || u.Host == "" {
				t.Errorf("%s: %q is not an https URL", name, s)
			}
		}
	}
	for name := range remediations() {
		if !names[name] {
			t.Errorf("remediation for %q, which is no verifier", name)
		}
	}
}
