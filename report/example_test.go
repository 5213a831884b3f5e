package report_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"

	"github.com/keyhound/keyhound/report"
)

// exampleReport is what a directory scan that found one Binance key
// without its secret reports (values already redacted).
func exampleReport() *report.Report {
	return &report.Report{
		Tool:     "keyhound",
		Version:  "v1.2.0",
		Mode:     "scan",
		Redacted: true,
		Findings: []report.Finding{{
			RuleID:      "binance",
			Exchange:    "binance",
			Fingerprint: "3f9a0c3e5b7d1f2a4c6e8b0d2f4a6c8e0b2d4f6a",
			Complete:    false,
			InHead:      true,
			Parts:       []report.Part{{Part: "key", RuleID: "binance-api-key", Value: "Xq7P…(64 chars)", File: "config/bot settings.env", Line: 3}},
			Locations:   []report.Location{{Path: "config/bot settings.env", Line: 3}},
		}},
	}
}

func ExampleWriteJSON() {
	if err := report.WriteJSON(os.Stdout, exampleReport()); err != nil {
		fmt.Println(err)
	}
	// Output:
	// {
	//   "tool": "keyhound",
	//   "version": "v1.2.0",
	//   "mode": "scan",
	//   "redacted": true,
	//   "findings": [
	//     {
	//       "rule_id": "binance",
	//       "exchange": "binance",
	//       "fingerprint": "3f9a0c3e5b7d1f2a4c6e8b0d2f4a6c8e0b2d4f6a",
	//       "complete": false,
	//       "parts": [
	//         {
	//           "part": "key",
	//           "rule_id": "binance-api-key",
	//           "value": "Xq7P…(64 chars)",
	//           "file": "config/bot settings.env",
	//           "line": 3
	//         }
	//       ],
	//       "locations": [
	//         {
	//           "commit": "",
	//           "path": "config/bot settings.env",
	//           "line": 3,
	//           "author": "",
	//           "date": null
	//         }
	//       ],
	//       "in_head": true,
	//       "verification": null
	//     }
	//   ]
	// }
}

func ExampleWriteSARIF() {
	// The CLI passes report.RuleInfos(set) for the compiled rule set.
	infos := []report.RuleInfo{{
		ID:          "binance",
		Name:        "BinanceCredential",
		Description: "Binance API key + secret",
		Exchange:    "binance",
	}}
	var buf bytes.Buffer
	if err := report.WriteSARIF(&buf, exampleReport(), infos); err != nil {
		fmt.Println(err)
		return
	}

	// Print the parts GitHub code scanning keys on.
	var log struct {
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name  string `json:"name"`
					Rules []struct {
						ID         string `json:"id"`
						Properties struct {
							Tags     []string `json:"tags"`
							Severity string   `json:"security-severity"`
						} `json:"properties"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex int    `json:"ruleIndex"`
				Level     string `json:"level"`
				Message   struct {
					Text string `json:"text"`
				} `json:"message"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
						Region struct {
							StartLine int `json:"startLine"`
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
				PartialFingerprints map[string]string `json:"partialFingerprints"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		fmt.Println(err)
		return
	}
	run := log.Runs[0]
	rule := run.Tool.Driver.Rules[0]
	res := run.Results[0]
	loc := res.Locations[0].PhysicalLocation
	fmt.Println("SARIF", log.Version, "from", run.Tool.Driver.Name)
	fmt.Println("rule:", rule.ID, rule.Properties.Tags, "security-severity", rule.Properties.Severity)
	fmt.Println("result:", res.RuleID, res.RuleIndex, res.Level)
	fmt.Println("at:", loc.ArtifactLocation.URI, loc.Region.StartLine)
	fmt.Println("fingerprint:", res.PartialFingerprints[report.SARIFFingerprintKey])
	fmt.Println(res.Message.Text)
	fmt.Println("has the redacted key:", bytes.Contains(buf.Bytes(), []byte("Xq7P")))
	// Output:
	// SARIF 2.1.0 from keyhound
	// rule: binance [security secret binance crypto-exchange] security-severity 9.0
	// result: binance 0 warning
	// at: config/bot%20settings.env 3
	// fingerprint: 3f9a0c3e5b7d1f2a4c6e8b0d2f4a6c8e0b2d4f6a
	// Leaked Binance API credential, incomplete: only key found; the other parts may be stored elsewhere. Revoke it at Binance, check its permissions and account activity, then purge it from history.
	// has the redacted key: false
}
