package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/keyhound/keyhound/internal/textsafe"
	"github.com/keyhound/keyhound/scan"
)

// maxProblemsShown bounds the problems listed on standard error; the
// report lists them all.
const maxProblemsShown = 10

// errText renders err for standard error. Errors quote paths and names
// from the scanned repository, so control and bidi characters are
// escaped (textsafe.Escape): a file name can neither drive the terminal
// nor start a line of its own. A partial scan's problems are listed one
// per line, each escaped.
func errText(err error) string {
	var pe *scan.Errors
	if !errors.As(err, &pe) || pe != err {
		return textsafe.Escape(err.Error())
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d problem(s) during the scan; results are partial", len(pe.Problems))
	for i, p := range pe.Problems {
		if i == maxProblemsShown {
			fmt.Fprintf(&b, "\n  … and %d more", len(pe.Problems)-i)
			break
		}
		b.WriteString("\n  ")
		b.WriteString(textsafe.Escape(p.Error()))
	}
	return b.String()
}
