package report

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/keyhound/keyhound/internal/textsafe"
	"github.com/keyhound/keyhound/policy"
	"github.com/keyhound/keyhound/verify"
)

// ModeAudit is the Mode of an audit's report (keyhound audit): its text
// form is the audit table.
const ModeAudit = "audit"

// AuditOptions tune the audit table.
type AuditOptions struct {
	// Color turns on ANSI colours (only for a terminal).
	Color bool
	// Now is the time ages are shown at; zero means time.Now().
	Now time.Time
}

// WriteAudit writes the audit of one's own keys (keyhound audit): one row
// per key with its venue, the key (redacted unless the report is not),
// status, read/trade/withdraw/transfer, IP allow-list, age and the policy
// rules it breaks; then, per key, the violations in words, where it was
// read and, for a live key, where to revoke and re-issue it; then a count.
// A key that could not be verified is listed as such and never counted
// as compliant.
func WriteAudit(w io.Writer, r *Report, o AuditOptions) error {
	ew := &errWriter{w: w}
	esc := textsafe.Escape
	paint := painter(o.Color)
	now := o.Now
	if now.IsZero() {
		now = time.Now()
	}
	if len(r.Findings) > 0 {
		var table strings.Builder
		tw := tabwriter.NewWriter(&table, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "VENUE\tKEY\tSTATUS\tREAD\tTRADE\tWITHDRAW\tTRANSFER\tIP ALLOW-LIST\tAGE\tPOLICY")
		for _, f := range r.Findings {
			cols := []string{esc(venue(f)), esc(keyOf(f)), status(f)}
			if v := f.Verification; v != nil && v.Status == verify.Live {
				p := v.Permissions
				cols = append(cols, p.Read.String(), p.Trade.String(), p.Withdraw.String(), p.Transfer.String(), v.IPRestricted.String(), age(v, now))
			} else {
				cols = append(cols, "-", "-", "-", "-", "-", "-")
			}
			cols = append(cols, verdictCell(f.Policy))
			fmt.Fprintln(tw, strings.Join(cols, "\t"))
		}
		tw.Flush() // into a strings.Builder: cannot fail
		ew.printf("%s", table.String())
	}
	for i, f := range r.Findings {
		ew.printf("\n%d. %s %s  (%s)\n", i+1, paint("1", esc(venue(f))), esc(keyOf(f)), status(f))
		for _, l := range f.Locations {
			where := esc(l.Path)
			if l.Line > 0 {
				where += fmt.Sprintf(":%d", l.Line)
			}
			ew.printf("    read from:  %s\n", where)
		}
		if v := f.Verification; v != nil {
			ew.printf("    why:        %s\n", esc(v.Reason))
			if v.Overridden {
				ew.printf("    %s\n", paint("33", "endpoint overridden: "+esc(v.Endpoint)))
			}
		} else {
			ew.printf("    why:        %s\n", esc(unverifiedWhy(f)))
		}
		writePolicy(ew, f.Policy, paint)
		writeRemediation(ew, f.Remediation)
	}
	ew.printf("\n%s\n", auditSummary(r))
	if n := OverrideNotice(r.EndpointOverrides); n != "" {
		ew.printf("%s %s\n", paint("1;33", "warning:"), n)
	}
	for _, e := range r.Errors {
		ew.printf("%s %s\n", paint("31", "error:"), esc(e))
	}
	return ew.err
}

func venue(f Finding) string {
	if v := f.Verification; v != nil && v.Exchange != "" {
		return v.Exchange
	}
	return f.Exchange
}

// keyOf is the key part's value as the report holds it (redacted unless
// the report is not).
func keyOf(f Finding) string {
	for _, p := range f.Parts {
		if p.Part == "key" {
			return p.Value
		}
	}
	if len(f.Parts) > 0 {
		return f.Parts[0].Value
	}
	return "-"
}

// unverifiedWhy says why a credential was not verified.
func unverifiedWhy(f Finding) string {
	if !f.Complete {
		var parts []string
		for _, p := range f.Parts {
			parts = append(parts, p.Part)
		}
		return "incomplete: only " + strings.Join(parts, " + ") + " found, so it could not be verified"
	}
	return "no verifier covers this credential"
}

func status(f Finding) string {
	if f.Verification == nil {
		return "not verified"
	}
	return string(f.Verification.Status)
}

// age is how old the key is, when its exchange said when it was made;
// else when it expires; else "?".
func age(v *verify.Result, now time.Time) string {
	switch {
	case v.Created != nil:
		return fmt.Sprintf("%dd", int(now.Sub(*v.Created).Hours()/24))
	case v.Expires != nil:
		return "expires " + v.Expires.Format("2006-01-02")
	}
	return "?"
}

// verdictCell sums a verdict up in a table cell.
func verdictCell(p *policy.Verdict) string {
	switch {
	case p == nil:
		return "-"
	case p.Compliant:
		return "compliant"
	case len(p.Violations) == 0:
		return "-" // dead: nothing to judge
	}
	var fails, warns []string
	for _, x := range p.Violations {
		if x.Level == policy.Fail {
			fails = append(fails, string(x.Rule))
		} else {
			warns = append(warns, string(x.Rule))
		}
	}
	var out []string
	if len(fails) > 0 {
		out = append(out, "FAIL "+strings.Join(fails, ","))
	}
	if len(warns) > 0 {
		out = append(out, "warn "+strings.Join(warns, ","))
	}
	return strings.Join(out, "; ")
}

// auditSummary counts the keys by verdict.
func auditSummary(r *Report) string {
	n := len(r.Findings)
	if n == 0 {
		return "no exchange credentials found"
	}
	var failed, warned, compliant, unverified, dead int
	for _, f := range r.Findings {
		p := f.Policy
		switch {
		case f.Verification == nil || f.Verification.Status == verify.Indeterminate:
			unverified++
			if p.Failed() {
				failed++
			}
		case f.Verification.Status == verify.Dead:
			dead++
		case p.Failed():
			failed++
		case p != nil && p.Compliant:
			compliant++
		default:
			warned++
		}
	}
	s := fmt.Sprintf("%d key%s: %d fail%s the policy, %d with warnings only, %d compliant",
		n, plural(n, "", "s"), failed, plural(failed, "s", ""), warned, compliant)
	if dead > 0 {
		s += fmt.Sprintf(", %d dead (the exchange does not know the key)", dead)
	}
	if unverified > 0 {
		s += fmt.Sprintf(", %d not verified (never counted as compliant)", unverified)
	}
	return s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
