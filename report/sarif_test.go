package report

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/keyhound/keyhound/rules"
	"github.com/keyhound/keyhound/scan"
	"github.com/keyhound/keyhound/verify"
)

var update = flag.Bool("update", false, "rewrite the golden SARIF files in testdata/sarif")

const sarifDir = "../testdata/sarif"

// fakeSecret returns a deterministic, random-looking alphanumeric string
// of n characters, so no credential-shaped literal sits in this file.
func fakeSecret(seed string, n int) string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		sum := sha256.Sum256([]byte(seed + "/" + strconv.Itoa(i)))
		for _, c := range sum {
			if b.Len() == n {
				break
			}
			b.WriteByte(alphabet[int(c)%len(alphabet)])
		}
	}
	return b.String()
}

func hexID(seed string) string {
	sum := sha256.Sum256([]byte(seed))
	return fmt.Sprintf("%x", sum[:20])
}

var t0 = time.Date(2023, 4, 5, 6, 7, 8, 0, time.FixedZone("CEST", 2*3600))

// scanFinding builds a scan.Finding with real fingerprints.
func scanFinding(ruleID, exchange string, complete, inHead bool, parts []scan.Part, locs []scan.Location) scan.Finding {
	return scan.Finding{
		RuleID:      ruleID,
		Exchange:    exchange,
		Fingerprint: scan.Fingerprint(ruleID, parts),
		Complete:    complete,
		Parts:       parts,
		Locations:   locs,
		InHead:      inHead,
	}
}

func keySecret(seed string, line int) []scan.Part {
	return []scan.Part{
		{Part: rules.PartKey, RuleID: seed + "-api-key", Value: fakeSecret(seed+"k", 64), Line: line},
		{Part: rules.PartSecret, RuleID: seed + "-api-secret", Value: fakeSecret(seed+"s", 64), Line: line + 1},
	}
}

func histLoc(n int, path string, line int) scan.Location {
	return scan.Location{
		Commit: hexID("commit" + strconv.Itoa(n)),
		Path:   path,
		Line:   line,
		Author: "Dev Eloper",
		Email:  "dev@example.com",
		Date:   t0.Add(time.Duration(n) * 24 * time.Hour),
		Blob:   hexID("blob" + path),
	}
}

// build converts scan findings into a Report the way the CLI does.
func build(mode string, noRedact bool, fs ...scan.Finding) (*Report, []scan.Finding) {
	r := &Report{Tool: "keyhound", Version: "v1.4.0", Target: "/tmp/repo", Mode: mode, Redacted: !noRedact}
	for _, f := range fs {
		r.Findings = append(r.Findings, FromFinding(f, noRedact))
	}
	return r, fs
}

// testInfos are the rule descriptions used by most cases.
var testInfos = []RuleInfo{
	{ID: "binance", Name: "BinanceCredential", Description: "Binance API key + secret", Exchange: "binance", Tags: []string{"crypto-exchange", "binance"}, SecuritySeverity: SeverityCritical},
	{ID: "kucoin", Description: "KuCoin API key + secret + passphrase", Exchange: "kucoin"},
	{ID: "evm-private-key", Description: "EVM private key", SecuritySeverity: SeverityCritical},
	{ID: "generic-api-key", Description: "Generic API key", Tags: []string{"generic"}, SecuritySeverity: SeverityHigh},
}

// sarifCase is one report to render and check.
type sarifCase struct {
	name     string
	report   *Report
	findings []scan.Finding // the raw findings, for secret-leak checks
	infos    []RuleInfo
	check    func(t *testing.T, log *sarifDoc)
}

func sarifCases() []sarifCase {
	var cases []sarifCase
	add := func(name string, infos []RuleInfo, rep *Report, fs []scan.Finding, check func(*testing.T, *sarifDoc)) {
		cases = append(cases, sarifCase{name: name, report: rep, findings: fs, infos: infos, check: check})
	}

	rep, fs := build("scan", false, scanFinding("binance", "binance", true, true, keySecret("binance", 3),
		[]scan.Location{{Path: "config/app.env", Line: 3}, {Path: "deploy/prod.env", Line: 10}}))
	add("dir scan complete", testInfos, rep, fs, func(t *testing.T, d *sarifDoc) {
		res := d.Runs[0].Results[0]
		if res.Level != "error" || res.RuleID != "binance" {
			t.Errorf("level %q rule %q", res.Level, res.RuleID)
		}
		if got := res.Locations[0].PhysicalLocation.ArtifactLocation.URI; got != "config/app.env" {
			t.Errorf("primary uri %q", got)
		}
		if res.Locations[0].PhysicalLocation.Region.StartLine != 3 {
			t.Errorf("startLine %d", res.Locations[0].PhysicalLocation.Region.StartLine)
		}
		if len(res.RelatedLocations) != 1 || res.RelatedLocations[0].PhysicalLocation.ArtifactLocation.URI != "deploy/prod.env" {
			t.Errorf("related %+v", res.RelatedLocations)
		}
		for _, want := range []string{"Binance", "key + secret", "complete", "[deploy/prod.env:10](1)"} {
			if !strings.Contains(res.Message.Text, want) {
				t.Errorf("message %q lacks %q", res.Message.Text, want)
			}
		}
		if strings.Contains(res.Message.Text, "HEAD") {
			t.Errorf("directory scan message talks about HEAD: %q", res.Message.Text)
		}
		if res.Properties["commit"] != nil {
			t.Errorf("commit in a directory scan: %v", res.Properties["commit"])
		}
	})

	kucoinKey := []scan.Part{{Part: rules.PartKey, RuleID: "kucoin-api-key", Value: fakeSecret("kucoin", 24), Line: 7}}
	rep, fs = build("scan", false, scanFinding("kucoin", "kucoin", false, true, kucoinKey,
		[]scan.Location{{Path: "src/main.py", Line: 7}}))
	add("dir scan incomplete", testInfos, rep, fs, func(t *testing.T, d *sarifDoc) {
		res := d.Runs[0].Results[0]
		if res.Level != "warning" {
			t.Errorf("level %q, want warning", res.Level)
		}
		if res.Properties["complete"] != false {
			t.Errorf("complete = %v", res.Properties["complete"])
		}
		if !strings.Contains(res.Message.Text, "incomplete: only key found") || !strings.Contains(res.Message.Text, "Kucoin") {
			t.Errorf("message %q", res.Message.Text)
		}
	})

	weird := "docs/Ünïcode dir/my keys #1?.env"
	colon := "c:odd/100%[x].env"
	rep, fs = build("scan", false, scanFinding("binance", "binance", true, true, keySecret("weird", 0),
		[]scan.Location{{Path: weird, Line: 0}, {Path: colon, Line: 2}, {Path: "./dot/slash.env", Line: 1}, {Path: "/abs/path.env", Line: 1}}))
	add("unicode, spaces and reserved characters in paths", testInfos, rep, fs, func(t *testing.T, d *sarifDoc) {
		res := d.Runs[0].Results[0]
		loc := res.Locations[0].PhysicalLocation
		if want := "docs/%C3%9Cn%C3%AFcode%20dir/my%20keys%20%231%3F.env"; loc.ArtifactLocation.URI != want {
			t.Errorf("uri %q, want %q", loc.ArtifactLocation.URI, want)
		}
		if loc.Region.StartLine != 1 {
			t.Errorf("line 0 became startLine %d, want 1", loc.Region.StartLine)
		}
		uris := []string{}
		for _, rl := range res.RelatedLocations {
			uris = append(uris, rl.PhysicalLocation.ArtifactLocation.URI)
		}
		want := []string{"c%3Aodd/100%25%5Bx%5D.env", "dot/slash.env", "file:///abs/path.env"}
		if !reflect.DeepEqual(uris, want) {
			t.Errorf("related uris %q, want %q", uris, want)
		}
		// The link text of a path holding brackets is escaped.
		if !strings.Contains(res.Message.Text, `[c:odd/100%\[x\].env:2](1)`) {
			t.Errorf("message %q", res.Message.Text)
		}
	})

	blob := hexID("lost blob")
	hist := scanFinding("binance", "binance", true, true, keySecret("hist", 5), []scan.Location{
		histLoc(1, "config/app.env", 5),
		histLoc(2, "config/app.env.bak", 5),
		histLoc(3, "settings/live.env", 9),
		{Blob: blob, Line: 4},
	})
	gone := scanFinding("evm-private-key", "", true, false,
		[]scan.Part{{Part: rules.PartPrivateKey, RuleID: "evm-private-key", Value: "0x" + hexID("evm") + hexID("evm2")[:24], Line: 2}},
		[]scan.Location{histLoc(4, "wallet/key.txt", 2)})
	rep, fs = build("history", false, hist, gone)
	add("history, still in HEAD and only in history", testInfos, rep, fs, func(t *testing.T, d *sarifDoc) {
		res := d.Runs[0].Results[0]
		// Still in HEAD: the newest location with a path is primary.
		if got := res.Locations[0].PhysicalLocation.ArtifactLocation.URI; got != "settings/live.env" {
			t.Errorf("primary %q, want settings/live.env", got)
		}
		if res.Properties["commit"] != hexID("commit3") || res.Properties["in_head"] != true {
			t.Errorf("properties %v", res.Properties)
		}
		if !strings.Contains(res.Message.Text, "still in HEAD") {
			t.Errorf("message %q", res.Message.Text)
		}
		if len(res.RelatedLocations) != 3 {
			t.Fatalf("related %d, want 3", len(res.RelatedLocations))
		}
		ids := map[int]bool{}
		for _, rl := range res.RelatedLocations {
			if rl.ID == nil || ids[*rl.ID] {
				t.Errorf("related location id %v missing or repeated", rl.ID)
			} else {
				ids[*rl.ID] = true
			}
			if rl.Message == nil || rl.Message.Text == "" {
				t.Errorf("related location without message")
			}
		}
		last := res.RelatedLocations[2]
		if want := ".git/objects/" + blob[:2] + "/" + blob[2:]; last.PhysicalLocation.ArtifactLocation.URI != want {
			t.Errorf("unreachable blob uri %q, want %q", last.PhysicalLocation.ArtifactLocation.URI, want)
		}
		if last.Properties["unreachable"] != true || last.Properties["blob"] != blob {
			t.Errorf("unreachable blob properties %v", last.Properties)
		}
		first := res.RelatedLocations[0]
		if first.Properties["commit"] != hexID("commit1") || first.Properties["date"] != "2023-04-06T04:07:08Z" || first.Properties["author"] != "Dev Eloper" {
			t.Errorf("history location properties %v", first.Properties)
		}
		if strings.Contains(mustJSON(t, d), "dev@example.com") {
			t.Errorf("author e-mail in SARIF")
		}
		res2 := d.Runs[0].Results[1]
		if !strings.Contains(res2.Message.Text, "no longer in HEAD") || res2.Properties["in_head"] != false {
			t.Errorf("only-in-history result: %q %v", res2.Message.Text, res2.Properties)
		}
		if !strings.Contains(res2.Message.Text, "secret (evm-private-key)") || !strings.Contains(res2.Message.Text, "private-key") {
			t.Errorf("message %q", res2.Message.Text)
		}
		if res2.Properties["exchange"] != "" {
			t.Errorf("exchange %v", res2.Properties["exchange"])
		}
	})

	lost := hexID("only blob")
	rep, fs = build("history", false, scanFinding("binance", "binance", false, false,
		keySecret("lost", 1)[:1], []scan.Location{{Blob: lost, Line: 1}}))
	add("unreachable blob only", testInfos, rep, fs, func(t *testing.T, d *sarifDoc) {
		res := d.Runs[0].Results[0]
		if got := res.Locations[0].PhysicalLocation.ArtifactLocation.URI; got != ".git/objects/"+lost[:2]+"/"+lost[2:] {
			t.Errorf("uri %q", got)
		}
		if res.Properties["blob"] != lost {
			t.Errorf("blob property %v", res.Properties["blob"])
		}
		if !strings.Contains(res.Message.Text, "unreachable git object") {
			t.Errorf("message %q", res.Message.Text)
		}
	})

	add("zero findings", testInfos, &Report{Tool: "keyhound", Version: "dev", Mode: "scan", Redacted: true}, nil,
		func(t *testing.T, d *sarifDoc) {
			if d.Runs[0].Results == nil || len(d.Runs[0].Results) != 0 {
				t.Errorf("results %v, want []", d.Runs[0].Results)
			}
			if len(d.Runs[0].Tool.Driver.Rules) != len(testInfos) {
				t.Errorf("%d rules, want %d", len(d.Runs[0].Tool.Driver.Rules), len(testInfos))
			}
			if d.Runs[0].Tool.Driver.SemanticVersion != "" || d.Runs[0].Tool.Driver.Version != "dev" {
				t.Errorf("version %q semanticVersion %q", d.Runs[0].Tool.Driver.Version, d.Runs[0].Tool.Driver.SemanticVersion)
			}
		})

	add("no rules and no findings", nil, &Report{}, nil, func(t *testing.T, d *sarifDoc) {
		if d.Runs[0].Tool.Driver.Rules == nil || d.Runs[0].Tool.Driver.Version != "" {
			t.Errorf("driver %+v", d.Runs[0].Tool.Driver)
		}
	})

	rep, fs = build("stdin", false, scanFinding("aws-access-token", "", true, true,
		[]scan.Part{{RuleID: "aws-access-token", Value: "AKIA" + strings.ToUpper(fakeSecret("aws", 16)), Line: 1}},
		[]scan.Location{{Path: "stdin", Line: 1}}))
	rep.Findings = append(rep.Findings, Finding{RuleID: "", Parts: []Part{}, Locations: []Location{}})
	add("rule ids missing from the infos", testInfos, rep, fs, func(t *testing.T, d *sarifDoc) {
		rs := d.Runs[0].Tool.Driver.Rules
		if len(rs) != len(testInfos)+2 || rs[len(testInfos)].ID != "aws-access-token" || rs[len(testInfos)+1].ID != "unknown" {
			t.Fatalf("rules %v", ruleIDs(d))
		}
		if rs[len(testInfos)].Properties.SecuritySeverity != SeverityCritical {
			t.Errorf("synthesized rule severity %q", rs[len(testInfos)].Properties.SecuritySeverity)
		}
		if want := "Leaked secret (aws-access-token): value found."; !strings.HasPrefix(d.Runs[0].Results[0].Message.Text, want) {
			t.Errorf("message %q", d.Runs[0].Results[0].Message.Text)
		}
		res := d.Runs[0].Results[1]
		if len(res.Locations) != 0 || res.PartialFingerprints[SARIFFingerprintKey] == "" {
			t.Errorf("finding without locations: %+v", res)
		}
	})

	rep, fs = build("scan", true, scanFinding("binance", "binance", true, true, keySecret("plain", 1),
		[]scan.Location{{Path: "a.env", Line: 1}}))
	add("unredacted report still writes no values", testInfos, rep, fs, func(t *testing.T, d *sarifDoc) {
		if d.Runs[0].Properties["redacted"] != false {
			t.Errorf("run properties %v", d.Runs[0].Properties)
		}
	})

	var many []scan.Location
	for i := 0; i < 150; i++ {
		many = append(many, scan.Location{Path: fmt.Sprintf("gen/f%03d.env", i), Line: i + 1})
	}
	rep, fs = build("scan", false, scanFinding("binance", "binance", true, true, keySecret("many", 1), many))
	add("related locations are capped", testInfos, rep, fs, func(t *testing.T, d *sarifDoc) {
		res := d.Runs[0].Results[0]
		if len(res.RelatedLocations) != maxRelated {
			t.Errorf("%d related locations, want %d", len(res.RelatedLocations), maxRelated)
		}
		if res.Properties["occurrences"] != float64(150) {
			t.Errorf("occurrences %v", res.Properties["occurrences"])
		}
		if !strings.Contains(res.Message.Text, "149 other locations") || !strings.Contains(res.Message.Text, ", …") {
			t.Errorf("message %q", res.Message.Text)
		}
	})

	rep, fs = build("scan", false, scanFinding("binance", "binance", true, true, keySecret("ver", 1),
		[]scan.Location{{Path: "v.env", Line: 1}}))
	rep.Findings[0].Verification = &verify.Result{Exchange: "binance", Status: verify.Live, Risk: verify.RiskHigh,
		Permissions: verify.Permissions{Read: verify.Yes, Trade: verify.Yes, Withdraw: verify.No}}
	rep.Errors = []string{"big.bin: read error", "c.env: permission denied"}
	add("verification and scan errors", testInfos, rep, fs, func(t *testing.T, d *sarifDoc) {
		v, ok := d.Runs[0].Results[0].Properties["verification"].(map[string]any)
		if !ok || v["status"] != "live" || v["risk"] != "high" {
			t.Errorf("verification %v", d.Runs[0].Results[0].Properties["verification"])
		}
		if msg := d.Runs[0].Results[0].Message.Text; !strings.Contains(msg, "Verified against the exchange: live, risk high.") {
			t.Errorf("message %q", msg)
		}
		inv := d.Runs[0].Invocations[0]
		if inv.ExecutionSuccessful || len(inv.ToolExecutionNotifications) != 2 {
			t.Errorf("invocation %+v", inv)
		}
	})

	rep, fs = build("scan", false, scanFinding("binance", "binance", true, true, keySecret("nov", 1),
		[]scan.Location{{Path: "v.env", Line: 1}}))
	add("no verification: property absent", testInfos, rep, fs, func(t *testing.T, d *sarifDoc) {
		if _, ok := d.Runs[0].Results[0].Properties["verification"]; ok {
			t.Errorf("verification present: %v", d.Runs[0].Results[0].Properties)
		}
		if !d.Runs[0].Invocations[0].ExecutionSuccessful {
			t.Errorf("executionSuccessful false without errors")
		}
	})
	return cases
}

// sarifDoc is an independent reading of the SARIF written, for checks.
type sarifDoc struct {
	Schema  string `json:"$schema"`
	Version string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name            string `json:"name"`
				Version         string `json:"version"`
				SemanticVersion string `json:"semanticVersion"`
				InformationURI  string `json:"informationUri"`
				Rules           []struct {
					ID               string `json:"id"`
					Name             string `json:"name"`
					ShortDescription struct {
						Text string `json:"text"`
					} `json:"shortDescription"`
					FullDescription struct {
						Text string `json:"text"`
					} `json:"fullDescription"`
					Help struct {
						Text     string `json:"text"`
						Markdown string `json:"markdown"`
					} `json:"help"`
					Properties struct {
						Tags             []string `json:"tags"`
						SecuritySeverity string   `json:"security-severity"`
					} `json:"properties"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Invocations []struct {
			ExecutionSuccessful        bool             `json:"executionSuccessful"`
			ToolExecutionNotifications []map[string]any `json:"toolExecutionNotifications"`
		} `json:"invocations"`
		Results    []sarifDocResult `json:"results"`
		Properties map[string]any   `json:"properties"`
	} `json:"runs"`
}

type sarifDocResult struct {
	RuleID    string `json:"ruleId"`
	RuleIndex *int   `json:"ruleIndex"`
	Level     string `json:"level"`
	Message   struct {
		Text string `json:"text"`
	} `json:"message"`
	Locations           []sarifDocLocation `json:"locations"`
	RelatedLocations    []sarifDocLocation `json:"relatedLocations"`
	PartialFingerprints map[string]string  `json:"partialFingerprints"`
	Properties          map[string]any     `json:"properties"`
}

type sarifDocLocation struct {
	ID               *int `json:"id"`
	PhysicalLocation struct {
		ArtifactLocation struct {
			URI string `json:"uri"`
		} `json:"artifactLocation"`
		Region struct {
			StartLine int `json:"startLine"`
		} `json:"region"`
	} `json:"physicalLocation"`
	Message *struct {
		Text string `json:"text"`
	} `json:"message"`
	Properties map[string]any `json:"properties"`
}

func ruleIDs(d *sarifDoc) []string {
	var ids []string
	for _, r := range d.Runs[0].Tool.Driver.Rules {
		ids = append(ids, r.ID)
	}
	return ids
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

var (
	schemaOnce sync.Once
	schema     *jsonschema.Schema
	schemaErr  error
)

// sarifSchema compiles the official SARIF 2.1.0 schema, with format
// assertions on (uri, uri-reference, date-time).
func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	schemaOnce.Do(func() {
		f, err := os.Open(filepath.Join(sarifDir, "sarif-schema-2.1.0.json"))
		if err != nil {
			schemaErr = err
			return
		}
		defer f.Close()
		doc, err := jsonschema.UnmarshalJSON(f)
		if err != nil {
			schemaErr = err
			return
		}
		c := jsonschema.NewCompiler()
		c.AssertFormat()
		const loc = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
		if schemaErr = c.AddResource(loc, doc); schemaErr != nil {
			return
		}
		schema, schemaErr = c.Compile(loc)
	})
	if schemaErr != nil {
		t.Fatalf("SARIF schema: %v", schemaErr)
	}
	return schema
}

func validateSARIF(t *testing.T, out []byte) {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	if err := sarifSchema(t).Validate(inst); err != nil {
		t.Fatalf("output does not validate against the SARIF 2.1.0 schema:\n%v", err)
	}
}

func TestSchemaRejectsInvalidSARIF(t *testing.T) {
	// The validator is live: a log without a version, or with a
	// startLine of 0, must fail.
	for _, bad := range []string{
		`{"runs":[]}`,
		`{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"k"}},"results":[{"message":{"text":"m"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"a"},"region":{"startLine":0}}}]}]}]}`,
		`{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"k","informationUri":"not a uri"}}}]}`,
	} {
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(bad))
		if err != nil {
			t.Fatal(err)
		}
		if sarifSchema(t).Validate(inst) == nil {
			t.Errorf("schema accepted %s", bad)
		}
	}
}

// uriRE is RFC 3986's URI-reference alphabet with well-formed escapes.
var uriRE = regexp.MustCompile(`^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-F]{2})+$`)

func TestWriteSARIF(t *testing.T) {
	for _, tc := range sarifCases() {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteSARIF(&buf, tc.report, tc.infos); err != nil {
				t.Fatal(err)
			}
			out := buf.Bytes()
			validateSARIF(t, out)

			var d sarifDoc
			if err := json.Unmarshal(out, &d); err != nil {
				t.Fatal(err)
			}
			checkCommon(t, tc, &d, string(out))
			if tc.check != nil {
				tc.check(t, &d)
			}

			// Byte-identical on a second run.
			var again bytes.Buffer
			if err := WriteSARIF(&again, tc.report, tc.infos); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(out, again.Bytes()) {
				t.Errorf("output differs between two runs")
			}
		})
	}
}

func checkCommon(t *testing.T, tc sarifCase, d *sarifDoc, out string) {
	t.Helper()
	if d.Schema != SARIFSchema || d.Version != "2.1.0" || len(d.Runs) != 1 {
		t.Fatalf("$schema %q version %q runs %d", d.Schema, d.Version, len(d.Runs))
	}
	run := d.Runs[0]
	drv := run.Tool.Driver
	if drv.Name != "keyhound" || drv.InformationURI == "" {
		t.Errorf("driver %q %q", drv.Name, drv.InformationURI)
	}
	if tc.report.Version == "v1.4.0" && (drv.SemanticVersion != "1.4.0" || drv.Version != "v1.4.0") {
		t.Errorf("version %q semanticVersion %q", drv.Version, drv.SemanticVersion)
	}
	// Rules: unique ids, complete descriptions, GitHub's properties.
	seen := map[string]bool{}
	for i, r := range drv.Rules {
		if r.ID == "" || seen[r.ID] {
			t.Errorf("rule %d: id %q empty or repeated", i, r.ID)
		}
		seen[r.ID] = true
		if i < len(tc.infos) && r.ID != tc.infos[i].ID {
			t.Errorf("rule %d is %q, want %q (rule order must follow the infos)", i, r.ID, tc.infos[i].ID)
		}
		if r.Name == "" || strings.ContainsAny(r.Name, " -") || r.ShortDescription.Text == "" || r.FullDescription.Text == "" {
			t.Errorf("rule %q: name %q short %q full %q", r.ID, r.Name, r.ShortDescription.Text, r.FullDescription.Text)
		}
		for _, want := range []string{"Revoke", "permissions", "history"} {
			if !strings.Contains(r.Help.Text, want) || !strings.Contains(r.Help.Markdown, want) {
				t.Errorf("rule %q: help lacks %q", r.ID, want)
			}
		}
		tags := r.Properties.Tags
		if !contains(tags, "security") || !contains(tags, "secret") || len(tags) > maxTags {
			t.Errorf("rule %q: tags %q", r.ID, tags)
		}
		sev, err := strconv.ParseFloat(r.Properties.SecuritySeverity, 64)
		if err != nil || sev <= 0 || sev > 10 {
			t.Errorf("rule %q: security-severity %q", r.ID, r.Properties.SecuritySeverity)
		}
	}
	if len(run.Results) != len(tc.report.Findings) {
		t.Fatalf("%d results for %d findings", len(run.Results), len(tc.report.Findings))
	}
	for i, res := range run.Results {
		f := tc.report.Findings[i]
		if res.RuleIndex == nil || *res.RuleIndex < 0 || *res.RuleIndex >= len(drv.Rules) || drv.Rules[*res.RuleIndex].ID != res.RuleID {
			t.Errorf("result %d: ruleIndex %v does not point at rule %q", i, res.RuleIndex, res.RuleID)
		}
		if f.RuleID != "" && res.RuleID != f.RuleID {
			t.Errorf("result %d: ruleId %q, want %q", i, res.RuleID, f.RuleID)
		}
		if ri := tc.infos; f.Exchange != "" {
			for _, info := range ri {
				if info.ID == f.RuleID && !contains(drv.Rules[*res.RuleIndex].Properties.Tags, f.Exchange) {
					t.Errorf("rule %q lacks the exchange tag %q", f.RuleID, f.Exchange)
				}
			}
		}
		fp := res.PartialFingerprints[SARIFFingerprintKey]
		if fp == "" || (f.Fingerprint != "" && fp != f.Fingerprint) {
			t.Errorf("result %d: fingerprint %q, want %q", i, fp, f.Fingerprint)
		}
		if wantLevel := map[bool]string{true: "error", false: "warning"}[f.Complete]; res.Level != wantLevel {
			t.Errorf("result %d: level %q, want %q", i, res.Level, wantLevel)
		}
		if res.Message.Text == "" || (f.Exchange != "" && !strings.Contains(res.Message.Text, displayExchange(f.Exchange))) {
			t.Errorf("result %d: message %q does not name the exchange", i, res.Message.Text)
		}
		for _, p := range f.Parts {
			if !strings.Contains(res.Message.Text, p.Part) {
				t.Errorf("result %d: message %q does not name part %q", i, res.Message.Text, p.Part)
			}
		}
		if res.Properties["exchange"] != f.Exchange || res.Properties["complete"] != f.Complete || res.Properties["in_head"] != f.InHead {
			t.Errorf("result %d: properties %v", i, res.Properties)
		}
		if len(f.Locations) > 0 && len(res.Locations) != 1 {
			t.Errorf("result %d: %d locations, want 1 (others are related)", i, len(res.Locations))
		}
		if got, want := len(res.Locations)+len(res.RelatedLocations), min(len(f.Locations), maxRelated+1); got != want {
			t.Errorf("result %d: %d locations in all, want %d", i, got, want)
		}
		for _, l := range append(append([]sarifDocLocation{}, res.Locations...), res.RelatedLocations...) {
			pl := l.PhysicalLocation
			if pl.Region.StartLine < 1 {
				t.Errorf("result %d: startLine %d", i, pl.Region.StartLine)
			}
			u := pl.ArtifactLocation.URI
			if !uriRE.MatchString(u) {
				t.Errorf("result %d: uri %q is not a well-formed URI reference", i, u)
			}
			pu, err := url.Parse(u)
			if err != nil {
				t.Errorf("result %d: uri %q: %v", i, u, err)
			} else if pu.Scheme != "" && pu.Scheme != "file" {
				t.Errorf("result %d: uri %q has scheme %q", i, u, pu.Scheme)
			}
		}
	}
	// No secret value, whole or redacted, anywhere in the log.
	for _, f := range tc.findings {
		for _, p := range f.Parts {
			if strings.Contains(out, p.Value) {
				t.Errorf("secret value of %s/%s in the SARIF output", f.RuleID, p.Part)
			}
			if red := scan.Redact(p.Value); len(p.Value) >= 24 && strings.Contains(out, red) {
				t.Errorf("redacted value %q of %s/%s in the SARIF output", red, f.RuleID, p.Part)
			}
		}
	}
	for _, f := range tc.report.Findings {
		for _, p := range f.Parts {
			if len(p.Value) >= 12 && strings.Contains(out, p.Value) {
				t.Errorf("part value %q of %s in the SARIF output", p.Value, f.RuleID)
			}
		}
	}
}

func TestWriteSARIFNilReport(t *testing.T) {
	if err := WriteSARIF(&bytes.Buffer{}, nil, nil); err == nil {
		t.Error("nil report: no error")
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteSARIFWriteError(t *testing.T) {
	rep, _ := build("scan", false)
	if err := WriteSARIF(failWriter{}, rep, testInfos); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("err = %v", err)
	}
}

func TestSARIFFingerprintFallback(t *testing.T) {
	f := Finding{RuleID: "x", Parts: []Part{{Part: "key", Value: "ab******"}}}
	a, b := fingerprintOf(f, "x"), fingerprintOf(f, "x")
	if a == "" || a != b || len(a) != 40 {
		t.Errorf("fallback fingerprint %q %q", a, b)
	}
	f.Parts[0].Value = "cd******"
	if fingerprintOf(f, "x") == a {
		t.Error("fallback fingerprint ignores the parts")
	}
}

func TestSemanticVersion(t *testing.T) {
	for v, want := range map[string]string{
		"v1.2.3":                             "1.2.3",
		"1.2.3-rc.1":                         "1.2.3-rc.1",
		"v0.0.0-20260101000000-abcdef123456": "0.0.0-20260101000000-abcdef123456",
		"dev":                                "",
		"v1.2":                               "",
		"":                                   "",
	} {
		var buf bytes.Buffer
		if err := WriteSARIF(&buf, &Report{Version: v}, nil); err != nil {
			t.Fatal(err)
		}
		var d sarifDoc
		if err := json.Unmarshal(buf.Bytes(), &d); err != nil {
			t.Fatal(err)
		}
		if got := d.Runs[0].Tool.Driver.SemanticVersion; got != want {
			t.Errorf("%q: semanticVersion %q, want %q", v, got, want)
		}
		validateSARIF(t, buf.Bytes())
	}
}

func TestPathURI(t *testing.T) {
	for in, want := range map[string]string{
		"a/b.env":           "a/b.env",
		"./a/b.env":         "a/b.env",
		"a b/ü.env":         "a%20b/%C3%BC.env",
		"we:ird/x#y?z%":     "we%3Aird/x%23y%3Fz%25",
		"/abs/file":         "file:///abs/file",
		`C:\Users\a\k.env`:  "file:///C:/Users/a/k.env",
		"back\\slash":       "back%5Cslash",
		"keep-._~!$&'()*+,": "keep-._~!$&'()*+,",
	} {
		if got := pathURI(in); got != want {
			t.Errorf("pathURI(%q) = %q, want %q", in, got, want)
		}
	}
	for blob, want := range map[string]string{
		"":        "unknown",
		"ab":      ".git/objects/ab",
		"ABCDEF":  ".git/objects/ab/cdef",
		"not hex": ".git/objects/not%20hex",
	} {
		if got := artifactURI(Location{Blob: blob}); got != want {
			t.Errorf("artifactURI(blob %q) = %q, want %q", blob, got, want)
		}
	}
}

func TestCamel(t *testing.T) {
	for in, want := range map[string]string{
		"binance-us":        "BinanceUs",
		"evm_private.key/x": "EvmPrivateKeyX",
		"":                  "Secret",
		"--":                "Secret",
	} {
		if got := camel(in); got != want {
			t.Errorf("camel(%q) = %q, want %q", in, got, want)
		}
	}
}

func defaultSet(t *testing.T, gitleaks bool) *rules.Set {
	t.Helper()
	packs, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	if gitleaks {
		g, err := rules.Gitleaks()
		if err != nil {
			t.Fatal(err)
		}
		packs = append(packs, g)
	}
	set, err := rules.Compile(packs...)
	if err != nil {
		t.Fatal(err)
	}
	return set
}

func TestRuleInfos(t *testing.T) {
	if RuleInfos(nil) != nil {
		t.Error("RuleInfos(nil) != nil")
	}
	for _, gitleaks := range []bool{false, true} {
		t.Run(fmt.Sprintf("gitleaks=%v", gitleaks), func(t *testing.T) {
			set := defaultSet(t, gitleaks)
			infos := RuleInfos(set)
			// Stable across independently compiled sets.
			if again := RuleInfos(defaultSet(t, gitleaks)); !reflect.DeepEqual(infos, again) {
				t.Fatal("RuleInfos differs between two compilations of the same packs")
			}
			byID := map[string]RuleInfo{}
			for _, ri := range infos {
				if _, dup := byID[ri.ID]; dup {
					t.Errorf("id %q repeated", ri.ID)
				}
				byID[ri.ID] = ri
				if ri.Name == "" || ri.Description == "" || ri.SecuritySeverity == "" {
					t.Errorf("info %+v incomplete", ri)
				}
				for _, tag := range ri.Tags {
					if isPartName(tag) {
						t.Errorf("info %q carries the part tag %q", ri.ID, tag)
					}
				}
			}
			inCred := map[string]bool{}
			for _, c := range set.Credentials() {
				ri, ok := byID[c.ID]
				if !ok {
					t.Errorf("credential %q missing", c.ID)
					continue
				}
				if ri.Exchange != c.Exchange || ri.SecuritySeverity != SeverityCritical || !strings.HasSuffix(ri.Name, "Credential") {
					t.Errorf("credential info %+v", ri)
				}
				for _, id := range c.Rules {
					inCred[id] = true
				}
			}
			for _, r := range set.Rules() {
				_, listed := byID[r.ID]
				switch {
				case inCred[r.ID] && listed:
					t.Errorf("paired rule %q listed: its findings carry the credential id", r.ID)
				case !inCred[r.ID] && !r.SkipReport && !listed:
					t.Errorf("standalone rule %q missing", r.ID)
				}
			}
			// Credentials without a description get one from their parts.
			if ri := byID["bitget"]; ri.Description != "Bitget API key + secret + passphrase" {
				t.Errorf("bitget description %q", ri.Description)
			}
			if ri := byID["evm-private-key"]; ri.SecuritySeverity != SeverityCritical || ri.Exchange != "" {
				t.Errorf("evm-private-key info %+v", ri)
			}
			if gitleaks {
				if ri, ok := byID["generic-api-key"]; !ok || ri.SecuritySeverity != SeverityHigh {
					t.Errorf("generic-api-key info %+v", ri)
				}
			}

			var buf bytes.Buffer
			if err := WriteSARIF(&buf, &Report{Version: "v1.0.0"}, infos); err != nil {
				t.Fatal(err)
			}
			validateSARIF(t, buf.Bytes())
		})
	}
}

// TestRuleInfosCustomPack covers a pack with a credential that shares an
// id with a rule, a rule without a description and a skipReport rule.
func TestRuleInfosCustomPack(t *testing.T) {
	p, err := rules.Parse("custom.toml", []byte(`
[[rules]]
id = "x-key"
exchange = "xex"
part = "key"
regex = '''XK([A-Z0-9]{20})'''
tags = ["key", "xex-tag"]

[[rules]]
id = "x-secret"
exchange = "xex"
part = "secret"
regex = '''XS([A-Z0-9]{20})'''

[[rules]]
id = "plain"
regex = '''PL([A-Z0-9]{20})'''
tags = ["plain-tag", "secret"]

[[rules]]
id = "hidden"
regex = '''HD([A-Z0-9]{20})'''
skipReport = true

[[credentials]]
id = "plain"
exchange = "xex"
rules = ["x-key", "x-secret"]
`))
	if err != nil {
		t.Fatal(err)
	}
	set, err := rules.Compile(p)
	if err != nil {
		t.Fatal(err)
	}
	got := RuleInfos(set)
	want := []RuleInfo{{
		ID: "plain", Name: "PlainCredential", Description: "Xex API key + secret", Exchange: "xex",
		Tags: []string{"xex-tag"}, SecuritySeverity: SeverityCritical,
	}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("RuleInfos =\n%+v\nwant\n%+v", got, want)
	}
}

// TestSARIFFromScan runs a real directory scan with the default packs and
// checks the SARIF for it: the way the CLI uses WriteSARIF.
func TestSARIFFromScan(t *testing.T) {
	set := defaultSet(t, false)
	dir := t.TempDir()
	key, secret := fakeSecret("e2e-key", 64), fakeSecret("e2e-secret", 64)
	content := "# trading bot\nBINANCE_API_KEY=" + key + "\nBINANCE_API_SECRET=" + secret + "\n"
	if err := os.MkdirAll(filepath.Join(dir, "my config"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "my config", "bot.env"), []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	rep := &Report{Tool: "keyhound", Version: "v9.9.9", Mode: "scan", Redacted: true}
	s := &scan.Scanner{Rules: set}
	if _, err := s.Dir(context.Background(), dir, scan.DirOptions{}, func(f scan.Finding) {
		rep.Findings = append(rep.Findings, FromFinding(f, false))
	}); err != nil {
		t.Fatal(err)
	}
	if len(rep.Findings) != 1 || rep.Findings[0].RuleID != "binance" || !rep.Findings[0].Complete {
		t.Fatalf("scan found %+v", rep.Findings)
	}
	var buf bytes.Buffer
	if err := WriteSARIF(&buf, rep, RuleInfos(set)); err != nil {
		t.Fatal(err)
	}
	out := buf.Bytes()
	validateSARIF(t, out)
	if bytes.Contains(out, []byte(key)) || bytes.Contains(out, []byte(secret)) {
		t.Fatal("secret in SARIF")
	}
	var d sarifDoc
	if err := json.Unmarshal(out, &d); err != nil {
		t.Fatal(err)
	}
	res := d.Runs[0].Results[0]
	if res.RuleID != "binance" || d.Runs[0].Tool.Driver.Rules[*res.RuleIndex].ID != "binance" {
		t.Errorf("rule %q index %d", res.RuleID, *res.RuleIndex)
	}
	loc := res.Locations[0].PhysicalLocation
	if loc.ArtifactLocation.URI != "my%20config/bot.env" || loc.Region.StartLine != 2 {
		t.Errorf("location %+v", loc)
	}
	if res.PartialFingerprints[SARIFFingerprintKey] != rep.Findings[0].Fingerprint {
		t.Errorf("fingerprint %v", res.PartialFingerprints)
	}
}

// TestSARIFGolden pins the full output for a history report; run with
// -update to rewrite it after an intended change.
func TestSARIFGolden(t *testing.T) {
	var c sarifCase
	for _, tc := range sarifCases() {
		if strings.HasPrefix(tc.name, "history") {
			c = tc
		}
	}
	var buf bytes.Buffer
	if err := WriteSARIF(&buf, c.report, c.infos); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join(sarifDir, "history.sarif.golden")
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./report -run Golden -update)", err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("SARIF differs from %s; run go test ./report -run Golden -update and review the diff", golden)
	}
	validateSARIF(t, want)
}
