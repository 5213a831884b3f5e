package scan_test

import (
	"sort"
	"strings"
	"testing"

	"github.com/keyhound/keyhound/scan"
)

func TestParseRange(t *testing.T) {
	tests := []struct {
		spec     string
		inc, exc string
		err      bool
	}{
		{"main..feature", "feature", "main", false},
		{"HEAD", "HEAD", "", false},
		{"abc123..", "HEAD", "abc123", false},
		{"..topic", "topic", "", false},
		{"a...b", "", "", true},
		{"  ", "", "", true},
	}
	for _, tt := range tests {
		inc, exc, err := scan.ParseRange(tt.spec)
		if (err != nil) != tt.err {
			t.Errorf("%q: err %v", tt.spec, err)
			continue
		}
		if strings.Join(inc, ",") != tt.inc || strings.Join(exc, ",") != tt.exc {
			t.Errorf("%q: include %v exclude %v", tt.spec, inc, exc)
		}
	}
}

func TestHistoryRange(t *testing.T) {
	g, c := buildHistory(t)
	s := &scan.Scanner{Rules: testSet(t)}
	tests := []struct {
		name     string
		inc, exc []string
		want     []string // key values found
		commits  int64
	}{
		{"after A was deleted", []string{"master"}, []string{c["add-A"]}, []string{keyB}, 3},
		{"only the feature branch", []string{"feature"}, []string{"master"}, []string{keyC}, 1},
		{"empty range", []string{"master"}, []string{"master"}, nil, 0},
		{"everything from HEAD", []string{"HEAD"}, nil, []string{keyA, keyB}, 4},
		{"the commit that added A", []string{c["add-A"]}, nil, []string{keyA}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			st, err := s.HistoryRange(bg, g.repo, tt.inc, tt.exc, func(f scan.Finding) {
				got = append(got, f.Parts[0].Value)
				for _, l := range f.Locations {
					if l.Commit == "" || l.Path == "" {
						t.Errorf("location without commit or path: %+v", l)
					}
				}
			})
			if err != nil {
				t.Fatal(err)
			}
			sort.Strings(got)
			want := append([]string(nil), tt.want...)
			sort.Strings(want)
			if strings.Join(got, ",") != strings.Join(want, ",") {
				t.Errorf("found %v, want %v", got, want)
			}
			if st.Commits != tt.commits {
				t.Errorf("walked %d commits, want %d", st.Commits, tt.commits)
			}
		})
	}
	if _, err := s.HistoryRange(bg, g.repo, []string{"no-such-branch"}, nil, func(scan.Finding) {}); err == nil {
		t.Error("unknown revision gave no error")
	}
}

// TestHistoryRangeMatchesFullScan: the range covering everything finds
// what the full history scan finds, with the same locations.
func TestHistoryRangeMatchesFullScan(t *testing.T) {
	g, _ := buildHistory(t)
	s := &scan.Scanner{Rules: testSet(t)}
	full, _, err := collect(t, func(fn func(scan.Finding)) (scan.Stats, error) { return s.History(bg, g.dir, fn) })
	if err != nil {
		t.Fatal(err)
	}
	ranged, _, err := collect(t, func(fn func(scan.Finding)) (scan.Stats, error) {
		return s.HistoryRange(bg, g.repo, []string{"master", "feature"}, nil, fn)
	})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(fingerprints(full), ",") != strings.Join(fingerprints(ranged), ",") {
		t.Fatalf("range over all branches differs from the full scan")
	}
	for i := range full {
		if len(full[i].Locations) != len(ranged[i].Locations) || full[i].InHead != ranged[i].InHead {
			t.Errorf("finding %d: full %+v, range %+v", i, full[i].Locations, ranged[i].Locations)
		}
	}
}

// TestHistoryRangeEditedFile: a pull request that edits a file holding an
// old credential does not report it; one that adds a new credential to
// the same file does.
func TestHistoryRangeEditedFile(t *testing.T) {
	g := newGitRepo(t)
	g.write("config.env", "# bot\n"+cred(keyA, secretA))
	base := g.commit("base")
	g.checkout("pr", true)
	g.write("config.env", "# bot, renamed\n"+cred(keyA, secretA)+"DEBUG=1\n")
	g.commit("edit")
	s := &scan.Scanner{Rules: testSet(t)}
	var got []string
	if _, err := s.HistoryRange(bg, g.repo, []string{"pr"}, []string{base}, func(f scan.Finding) { got = append(got, f.Parts[0].Value) }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 0 {
		t.Errorf("an edit near an old credential reported %v", got)
	}
	g.write("config.env", "# bot, renamed\n"+cred(keyA, secretA)+"\n\n\n\n\n\n\n"+cred(keyB, secretB))
	g.commit("add B")
	got = nil
	if _, err := s.HistoryRange(bg, g.repo, []string{"pr"}, []string{base}, func(f scan.Finding) { got = append(got, f.Parts[0].Value) }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0] != keyB {
		t.Errorf("new credential in an edited file: got %v, want [%s]", got, keyB)
	}
}
