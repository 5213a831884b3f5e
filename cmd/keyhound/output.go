package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/schollz/progressbar/v3"

	"github.com/keyhound/keyhound/scan"
)

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

// useColor applies --color to output written to w.
func useColor(mode string, w io.Writer) (bool, error) {
	return colorFor(mode, isTerminal(w), os.Getenv)
}

// colorFor decides --color: always, never, or auto — a terminal, unless
// NO_COLOR is set to anything (https://no-color.org) or TERM=dumb.
func colorFor(mode string, terminal bool, getenv func(string) string) (bool, error) {
	switch mode {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto", "":
		return terminal && getenv("NO_COLOR") == "" && getenv("TERM") != "dumb", nil
	}
	return false, fmt.Errorf("unknown --color %q (auto, always or never)", mode)
}

// showProgress reports whether to draw progress on w: a terminal that
// takes cursor movements (not TERM=dumb). Logs and CI never get it.
func showProgress(w io.Writer) bool { return progressFor(isTerminal(w), os.Getenv) }

func progressFor(terminal bool, getenv func(string) string) bool {
	return terminal && getenv("TERM") != "dumb"
}

// progress draws one status line per phase of a scan: the phase, how
// many objects of how many (when the scan knows the total), bytes read,
// the rate and, with a total, the time left. It is redrawn at most every
// throttle, and cleared when the scan ends.
type progress struct {
	w        io.Writer
	throttle time.Duration
	phase    string
	total    int64
	start    time.Time
	bar      *progressbar.ProgressBar
}

func newProgress(w io.Writer) *progress {
	return &progress{w: w, throttle: 200 * time.Millisecond}
}

// update is a scan.Scanner's Progress: called one at a time.
func (p *progress) update(s scan.Progress) {
	if p.bar == nil || s.Phase != p.phase || (s.Total > 0 && s.Total != p.total) {
		if p.bar != nil && s.Phase == p.phase {
			p.bar.ChangeMax64(s.Total)
		} else {
			p.newBar(s)
		}
		p.phase, p.total = s.Phase, s.Total
	}
	if s.Bytes > 0 {
		rate := float64(s.Bytes) / max(time.Since(p.start).Seconds(), 1e-3)
		p.bar.Describe(fmt.Sprintf("%s (%s, %s/s)", s.Phase, megabytes(float64(s.Bytes)), megabytes(rate)))
	}
	_ = p.bar.Set64(s.Done)
}

func (p *progress) newBar(s scan.Progress) {
	if p.bar != nil {
		_ = p.bar.Clear()
	}
	p.start = time.Now()
	max := s.Total
	if max <= 0 {
		max = -1 // unknown: a spinner with the count and the rate
	}
	p.bar = progressbar.NewOptions64(max,
		progressbar.OptionSetWriter(p.w),
		progressbar.OptionSetDescription(s.Phase),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("obj"),
		progressbar.OptionSetPredictTime(s.Total > 0),
		progressbar.OptionSetElapsedTime(s.Total <= 0),
		progressbar.OptionSetWidth(24),
		progressbar.OptionThrottle(p.throttle),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSpinnerType(14),
		// No ticker goroutine redrawing the spinner on its own: the bar
		// is drawn only from the scan's calls (one at a time) and
		// cleared after the scan, so nothing writes to the terminal
		// concurrently or after keyhound's last line.
		progressbar.OptionSetSpinnerChangeInterval(0),
	)
}

// clear removes the status line; p may be nil (no progress shown).
func (p *progress) clear() {
	if p == nil || p.bar == nil {
		return
	}
	_ = p.bar.Clear()
}

func megabytes(n float64) string { return fmt.Sprintf("%.0f MB", n/1e6) }
