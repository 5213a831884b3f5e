package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// TestSARIFEndpointOverrides: verification endpoint overrides are flagged
// for the whole run, whether or not a finding was verified through them:
// a warning notification on the invocation and a run property, in a log
// that still validates against the SARIF 2.1.0 schema.
func TestSARIFEndpointOverrides(t *testing.T) {
	for _, tc := range []struct {
		name string
		r    *Report
	}{
		{"no findings", &Report{Mode: "scan", EndpointOverrides: map[string]string{"okx": "http://127.0.0.1:2", "binance": "http://127.0.0.1:1"}}},
		{"with errors", &Report{Mode: "scan", Errors: []string{"a.env: boom"}, EndpointOverrides: map[string]string{"okx": "http://127.0.0.1:2", "binance": "http://127.0.0.1:1"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteSARIF(&buf, tc.r, nil); err != nil {
				t.Fatal(err)
			}
			validateSARIF(t, buf.Bytes())
			var d sarifDoc
			if err := json.Unmarshal(buf.Bytes(), &d); err != nil {
				t.Fatal(err)
			}
			run := d.Runs[0]
			var found bool
			for _, n := range run.Invocations[0].ToolExecutionNotifications {
				text := n["message"].(map[string]any)["text"].(string)
				if strings.Contains(text, "endpoints overridden") {
					found = true
					if n["level"] != "warning" || !strings.Contains(text, "binance=http://127.0.0.1:1, okx=http://127.0.0.1:2") {
						t.Errorf("notification %v", n)
					}
				}
			}
			if !found {
				t.Errorf("no override notification: %v", run.Invocations[0].ToolExecutionNotifications)
			}
			if got, _ := run.Properties["endpoint_overrides"].(map[string]any); got["binance"] != "http://127.0.0.1:1" || got["okx"] != "http://127.0.0.1:2" {
				t.Errorf("run properties %v", run.Properties)
			}
			if run.Invocations[0].ExecutionSuccessful != (len(tc.r.Errors) == 0) {
				t.Errorf("executionSuccessful %v with %d errors", run.Invocations[0].ExecutionSuccessful, len(tc.r.Errors))
			}
		})
	}
	// No override, no notification and no property.
	var buf bytes.Buffer
	if err := WriteSARIF(&buf, &Report{Mode: "scan"}, nil); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "overridden") || strings.Contains(buf.String(), "endpoint_overrides") {
		t.Errorf("override flagged without one:\n%s", buf.String())
	}
}
