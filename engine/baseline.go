package engine

import (
	"encoding/json"
	"fmt"
	"os"
)

// ReadBaseline reads a previous JSON report and returns its
// fingerprints: the findings a scan with Options.Baseline leaves out.
func ReadBaseline(path string) (map[string]bool, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	var rep struct {
		Findings *[]struct {
			Fingerprint string `json:"fingerprint"`
		} `json:"findings"`
	}
	if err := json.Unmarshal(data, &rep); err != nil {
		return nil, fmt.Errorf("baseline %s: not a keyhound JSON report: %w", path, err)
	}
	if rep.Findings == nil {
		return nil, fmt.Errorf("baseline %s: not a keyhound JSON report (no findings array)", path)
	}
	out := map[string]bool{}
	for _, f := range *rep.Findings {
		if f.Fingerprint != "" {
			out[f.Fingerprint] = true
		}
	}
	return out, nil
}
