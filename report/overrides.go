package report

import (
	"sort"
	"strings"

	"github.com/keyhound/keyhound/internal/textsafe"
)

// OverrideNotice is the one-line warning for verification endpoint
// overrides, or "" when there are none: "verification endpoints
// overridden (not the exchanges' official hosts): binance=URL, okx=URL",
// sorted, with control and bidi characters escaped. Every format and the
// CLI's standard error carry it whenever overrides are configured,
// whether or not a finding was verified through them.
func OverrideNotice(overrides map[string]string) string {
	if len(overrides) == 0 {
		return ""
	}
	pairs := make([]string, 0, len(overrides))
	for k, v := range overrides {
		pairs = append(pairs, textsafe.Escape(k)+"="+textsafe.Escape(v))
	}
	sort.Strings(pairs)
	return "verification endpoints overridden (not the exchanges' official hosts): " + strings.Join(pairs, ", ")
}
