package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

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
// occurs and whether HEAD still holds it.
func WriteText(w io.Writer, r *Report, o TextOptions) error {
	ew := &errWriter{w: w}
	paint := func(code, s string) string {
		if !o.Color {
			return s
		}
		return "\x1b[" + code + "m" + s + "\x1b[0m"
	}
	maxLoc := o.MaxLocations
	if maxLoc <= 0 {
		maxLoc = 5
	}
	for i, f := range r.Findings {
		if i > 0 {
			ew.printf("\n")
		}
		state := "complete credential"
		if !f.Complete {
			state = "incomplete: some parts not found"
		}
		exch := f.Exchange
		if exch == "" {
			exch = "secret"
		}
		ew.printf("%s %s  %s  (%s)\n", paint("1;31", "●"), paint("1", strings.ToUpper(exch)), f.RuleID, state)
		if v := f.Verification; v != nil {
			color := map[verify.Risk]string{verify.RiskCritical: "1;31", verify.RiskHigh: "31", verify.RiskMedium: "33", verify.RiskLow: "32"}[v.Risk]
			if color == "" {
				color = "0"
			}
			ew.printf("    verified:   %s, risk %s\n", strings.ToUpper(string(v.Status)), paint(color, strings.ToUpper(string(v.Risk))))
			if v.Status == verify.Live {
				p := v.Permissions
				ew.printf("    can:        read %s, trade %s, withdraw %s, transfer %s\n", p.Read, p.Trade, p.Withdraw, p.Transfer)
				ip := "IP allow-list: " + v.IPRestricted.String()
				if len(v.IPAllowlist) > 0 {
					ip += " (" + strings.Join(v.IPAllowlist, ", ") + ")"
				}
				ew.printf("    %s\n", ip)
				if v.Expires != nil {
					ew.printf("    expires:    %s\n", v.Expires.Format("2006-01-02"))
				}
			}
			ew.printf("    why:        %s\n", v.Reason)
			if v.Overridden {
				ew.printf("    %s\n", paint("33", "endpoint overridden: "+v.Endpoint))
			}
		}
		for _, p := range f.Parts {
			ew.printf("    %-11s %s\n", p.Part+":", p.Value)
		}
		for j, l := range f.Locations {
			if j == maxLoc {
				ew.printf("    … and %d more locations\n", len(f.Locations)-j)
				break
			}
			where := l.Path
			if where == "" {
				where = "(unreachable blob " + short(l.Blob) + ")"
			}
			if l.Line > 0 {
				where += fmt.Sprintf(":%d", l.Line)
			}
			if l.Commit != "" {
				date := ""
				if l.Date != nil {
					date = " " + l.Date.Format("2006-01-02")
				}
				where += fmt.Sprintf("  commit %s%s %s", short(l.Commit), date, l.Author)
			}
			ew.printf("    at %s\n", where)
		}
		if r.Mode == "history" {
			if f.InHead {
				ew.printf("    %s\n", paint("33", "still in HEAD"))
			} else {
				ew.printf("    only in history (removed from HEAD, still in git objects)\n")
			}
		}
		ew.printf("    fingerprint %s\n", f.Fingerprint)
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
	if len(r.EndpointOverrides) > 0 {
		var ks []string
		for k, v := range r.EndpointOverrides {
			ks = append(ks, k+"="+v)
		}
		sort.Strings(ks)
		ew.printf("%s verification endpoints overridden (not the exchanges' official hosts): %s\n", paint("1;33", "warning:"), strings.Join(ks, ", "))
	}
	for _, e := range r.Errors {
		ew.printf("%s %s\n", paint("31", "error:"), e)
	}
	return ew.err
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
