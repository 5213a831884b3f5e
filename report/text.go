package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/keyhound/keyhound/internal/textsafe"
	"github.com/keyhound/keyhound/policy"
	"github.com/keyhound/keyhound/verify"
)

// TextOptions tune the terminal report.
type TextOptions struct {
	// Color turns on ANSI colours (only for a terminal).
	Color bool
	// MaxLocations caps the locations listed per finding; 0 means 5.
	MaxLocations int
}

// WriteText writes the human-readable report: one block per credential
// with its exchange, parts (redacted unless the report is not), where it
// occurs and whether HEAD still holds it. Text from the repository or the
// exchange (paths, authors, rule ids, reasons, errors) is written with its
// control and bidi characters escaped (see [textsafe.Escape]): nothing it
// holds reaches the terminal, and a newline in a file name does not start
// a line.
//
// An audit's report (Mode ModeAudit) is written as WriteAudit writes it.
func WriteText(w io.Writer, r *Report, o TextOptions) error {
	if r.Mode == ModeAudit {
		return WriteAudit(w, r, AuditOptions{Color: o.Color})
	}
	ew := &errWriter{w: w}
	esc := textsafe.Escape
	paint := painter(o.Color)
	maxLoc := o.MaxLocations
	if maxLoc <= 0 {
		maxLoc = 5
	}
	// Findings only in tests and their data come last, under a heading.
	findings := make([]Finding, 0, len(r.Findings))
	fixtures := 0
	for _, f := range r.Findings {
		if !f.TestFixture {
			findings = append(findings, f)
		}
	}
	for _, f := range r.Findings {
		if f.TestFixture {
			findings = append(findings, f)
			fixtures++
		}
	}
	for i, f := range findings {
		if i > 0 {
			ew.printf("\n")
		}
		if f.TestFixture && (i == 0 || !findings[i-1].TestFixture) {
			ew.printf("%s\n\n", paint("1", fmt.Sprintf("In tests and fixtures only (%d): most such values are made up; check them all the same", fixtures)))
		}
		state := "complete credential"
		if !f.Complete {
			state = "incomplete: some parts not found"
		}
		exch := f.Exchange
		if exch == "" {
			exch = "secret"
		}
		ew.printf("%s %s  %s  (%s)\n", paint("1;31", "●"), paint("1", esc(strings.ToUpper(exch))), esc(f.RuleID), state)
		if v := f.Verification; v != nil {
			color := map[verify.Risk]string{verify.RiskCritical: "1;31", verify.RiskHigh: "31", verify.RiskMedium: "33", verify.RiskLow: "32"}[v.Risk]
			if color == "" {
				color = "0"
			}
			ew.printf("    verified:   %s, risk %s\n", esc(strings.ToUpper(string(v.Status))), paint(color, esc(strings.ToUpper(string(v.Risk)))))
			if v.Status == verify.Live {
				p := v.Permissions
				ew.printf("    can:        read %s, trade %s, withdraw %s, transfer %s\n", p.Read, p.Trade, p.Withdraw, p.Transfer)
				ip := "IP allow-list: " + v.IPRestricted.String()
				if len(v.IPAllowlist) > 0 {
					ip += " (" + esc(strings.Join(v.IPAllowlist, ", ")) + ")"
				}
				ew.printf("    %s\n", ip)
				if v.Created != nil {
					ew.printf("    created:    %s\n", v.Created.Format("2006-01-02"))
				}
				if v.Expires != nil {
					ew.printf("    expires:    %s\n", v.Expires.Format("2006-01-02"))
				}
			}
			writePolicy(ew, f.Policy, paint)
			ew.printf("    why:        %s\n", esc(v.Reason))
			if v.Overridden {
				ew.printf("    %s\n", paint("33", "endpoint overridden: "+esc(v.Endpoint)))
			}
			writeRemediation(ew, f.Remediation)
		}
		for _, p := range f.Parts {
			ew.printf("    %-11s %s\n", esc(p.Part)+":", esc(p.Value))
		}
		for j, l := range f.Locations {
			if j == maxLoc {
				ew.printf("    … and %d more locations\n", f.locationsTotal()-j)
				break
			}
			where := esc(l.Path)
			if where == "" {
				where = "(unreachable blob " + esc(short(l.Blob)) + ")"
			}
			if l.Line > 0 {
				where += fmt.Sprintf(":%d", l.Line)
			}
			if l.Repository != "" {
				where = esc(l.Repository) + ": " + where
			}
			if l.Commit != "" {
				date := ""
				if l.Date != nil {
					date = " " + l.Date.Format("2006-01-02")
				}
				where += fmt.Sprintf("  commit %s%s %s", esc(short(l.Commit)), date, esc(l.Author))
			}
			ew.printf("    at %s\n", where)
		}
		if n := f.locationsTotal() - len(f.Locations); n > 0 && len(f.Locations) <= maxLoc {
			ew.printf("    … and %d more locations\n", n)
		}
		if r.Mode == "history" {
			if f.InHead {
				ew.printf("    %s\n", paint("33", "still in HEAD"))
			} else {
				ew.printf("    only in history (removed from HEAD, still in git objects)\n")
			}
		}
		ew.printf("    fingerprint %s\n", esc(f.Fingerprint))
	}
	n := len(r.Findings)
	switch {
	case n == 0 && r.Interrupted:
		ew.printf("%s\n", paint("33", "no exchange credentials found before the scan was interrupted"))
	case n == 0:
		ew.printf("%s\n", paint("32", "no exchange credentials found"))
	case n == 1:
		ew.printf("\n1 finding\n")
	default:
		ew.printf("\n%d findings\n", n)
	}
	if n := OverrideNotice(r.EndpointOverrides); n != "" {
		ew.printf("%s %s\n", paint("1;33", "warning:"), n)
	}
	for _, e := range r.Errors {
		ew.printf("%s %s\n", paint("31", "error:"), esc(e))
	}
	return ew.err
}

// writePolicy writes a verdict's violations, fail first, one a line; a
// compliant key says so, and a key with no verdict or none to give (dead)
// writes nothing.
func writePolicy(ew *errWriter, p *policy.Verdict, paint func(code, s string) string) {
	switch {
	case p == nil:
		return
	case p.Compliant:
		ew.printf("    policy:     %s\n", paint("32", "compliant"))
		return
	}
	for i, x := range p.Violations {
		head := "    policy:     "
		if i > 0 {
			head = "                "
		}
		level := paint("33", "warn")
		if x.Level == policy.Fail {
			level = paint("1;31", "FAIL")
		}
		ew.printf("%s%s %s: %s\n", head, level, textsafe.Escape(string(x.Rule)), textsafe.Escape(x.Message))
	}
}

// writeRemediation says where the key is revoked and re-issued.
func writeRemediation(ew *errWriter, r *verify.Remediation) {
	if r == nil {
		return
	}
	esc := textsafe.Escape
	ew.printf("    revoke at:  %s (%s)\n", esc(r.ManageURL), esc(r.Navigate))
	ew.printf("    how-to:     %s\n", esc(r.DocsURL))
	if r.Note != "" {
		ew.printf("    note:       %s\n", esc(r.Note))
	}
}

// painter returns a function that wraps text in an ANSI colour when color
// is set, and leaves it alone otherwise.
func painter(color bool) func(code, s string) string {
	return func(code, s string) string {
		if !color {
			return s
		}
		return "\x1b[" + code + "m" + s + "\x1b[0m"
	}
}

func short(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err != nil {
		return
	}
	_, e.err = fmt.Fprintf(e.w, format, args...)
}
