package scan

import (
	"path"
	"strings"
)

// fixtureDirs are directory names that hold tests and their data.
var fixtureDirs = map[string]bool{
	"test": true, "tests": true, "__tests__": true, "testdata": true, "test_data": true, "test-data": true,
	"testing": true, "fixtures": true, "fixture": true, "__fixtures__": true, "mocks": true, "mock": true,
	"__mocks__": true, "spec": true, "specs": true, "testfiles": true, "test_files": true, "unittests": true,
	"unit_tests": true, "integration_tests": true, "testnet_fixtures": true, "test_helpers": true,
}

// IsTestFixture reports whether a repository path is a test or its data:
// under a test, fixture or mock directory, or a file named as a test
// (*_test.go, test_*.py, *.spec.ts, *Test.java, *_spec.rb, conftest.py).
// Findings there are still reported, marked, since a fixture can hold a
// real key by mistake; but most are made-up values.
func IsTestFixture(p string) bool {
	if p == "" {
		return false
	}
	p = strings.ToLower(p)
	parts := strings.Split(p, "/")
	for _, d := range parts[:len(parts)-1] {
		if fixtureDirs[d] {
			return true
		}
	}
	base := parts[len(parts)-1]
	ext := path.Ext(base)
	stem := strings.TrimSuffix(base, ext)
	switch {
	case strings.HasSuffix(stem, "_test"), strings.HasSuffix(stem, ".test"), strings.HasSuffix(stem, ".spec"),
		strings.HasSuffix(stem, "_spec"), strings.HasPrefix(stem, "test_"), strings.HasSuffix(stem, "test") && ext == ".java",
		strings.HasSuffix(stem, "tests") && (ext == ".cs" || ext == ".java" || ext == ".kt"), stem == "conftest",
		strings.HasSuffix(stem, "_mock"), strings.HasPrefix(stem, "mock_"), strings.HasSuffix(stem, ".mock"):
		return true
	}
	return false
}
