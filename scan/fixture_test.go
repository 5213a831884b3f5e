package scan_test

import (
	"testing"

	"github.com/keyhound/keyhound/scan"
)

func TestIsTestFixture(t *testing.T) {
	for _, tt := range []struct {
		path string
		want bool
	}{
		{"hummingbot/connector/test_support/mock_keys.py", true},
		{"test/hummingbot/connector/exchange/binance/test_binance_exchange.py", true},
		{"tests/test_freqtradebot.py", true},
		{"pkg/client_test.go", true},
		{"src/__tests__/client.ts", true},
		{"src/client.spec.ts", true},
		{"web/app.test.js", true},
		{"src/test/java/com/x/ClientTest.java", true},
		{"Client.Tests/ClientTests.cs", true},
		{"spec/client_spec.rb", true},
		{"testdata/corpus/x.env", true},
		{"conftest.py", true},
		{"fixtures/accounts.json", true},
		{"src/mocks/exchange.ts", true},
		{"config/.env", false},
		{"latest/contest.py", false},
		{"attestation/keys.go", false},
		{"", false},
	} {
		if got := scan.IsTestFixture(tt.path); got != tt.want {
			t.Errorf("IsTestFixture(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
}

// A finding whose every location is a test or fixture is marked; one that
// is also elsewhere is not.
func TestFindingsInFixturesAreMarked(t *testing.T) {
	root := t.TempDir()
	writeFile(t, root, "tests/fixtures/keys.env", cred(keyA, secretA))
	writeFile(t, root, "tests/more.env", cred(keyB, secretB))
	writeFile(t, root, "config/prod.env", cred(keyB, secretB))
	s := &scan.Scanner{Rules: testSet(t)}
	fs, _, err := collect(t, func(fn func(scan.Finding)) (scan.Stats, error) { return s.Dir(bg, root, scan.DirOptions{}, fn) })
	if err != nil || len(fs) != 2 {
		t.Fatalf("%d findings, %v", len(fs), err)
	}
	for _, f := range fs {
		want := f.Parts[0].Value == keyA
		if f.TestFixture != want {
			t.Errorf("finding at %v: TestFixture %v, want %v", f.Locations, f.TestFixture, want)
		}
	}
}
