package fleet

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestNewUnit(t *testing.T) {
	tests := []struct {
		src, id, source, err string
	}{
		{src: "https://github.com/Org/Repo.git", id: "github.com/Org/Repo", source: "https://github.com/Org/Repo.git"},
		{src: "https://GitLab.example.com/group/sub/repo", id: "gitlab.example.com/group/sub/repo"},
		{src: "ssh://git@github.com:22/org/repo.git", id: "github.com/org/repo"},
		{src: "git@github.com:org/repo.git", id: "github.com/org/repo", source: "git@github.com:org/repo.git"},
		{src: "file:///srv/git/repo.git", id: "/srv/git/repo.git", source: "/srv/git/repo.git"},
		{src: "/srv/git/x", id: "/srv/git/x"},
		{src: "rel/repo", id: "/base/rel/repo"},
		{src: "../up", id: "/up"},
		{src: "http://github.com/org/repo", err: `scheme "http" not accepted`},
		{src: "git://github.com/org/repo", err: `scheme "git" not accepted`},
		{src: "ext::sh -c touch% /tmp/pwned", err: "transport helpers"},
		{src: "https://user:ghp_secret123@github.com/org/repo", err: "carries credentials"},
		{src: "https://x-access-token@github.com/org/repo", err: "carries credentials"},
		{src: "-uhack", err: "looks like an option"},
		{src: "https://github.com/", err: "names no host or repository"},
		{src: "https://github.com/org/repo?x=1", err: "queries"},
		{src: "file://evil.example.com/share/repo", err: "names no host"},
		{src: "repo\x1b[2J", err: "control character"},
		{src: "git@:repo", err: "want user@host:path"},
	}
	for _, tc := range tests {
		u, err := NewUnit(tc.src, "/base")
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("NewUnit(%q) = %+v, %v; want error %q", tc.src, u, err, tc.err)
			}
			if err != nil && strings.Contains(err.Error(), "ghp_secret123") {
				t.Errorf("NewUnit(%q): the error repeats the token: %v", tc.src, err)
			}
			continue
		}
		if err != nil || u.ID != tc.id || (tc.source != "" && u.Source != tc.source) {
			t.Errorf("NewUnit(%q) = %+v, %v; want id %q source %q", tc.src, u, err, tc.id, tc.source)
		}
	}
}

func TestReadRepoListAndUnits(t *testing.T) {
	dir := t.TempDir()
	list := filepath.Join(dir, "repos.txt")
	os.WriteFile(list, []byte("# comment\n\nhttps://github.com/org/a\nsub/b\n"), 0o644)
	units, err := ReadRepoList(list)
	if err != nil || len(units) != 2 || units[1].Source != filepath.Join(dir, "sub/b") {
		t.Fatalf("ReadRepoList = %+v, %v", units, err)
	}
	plan := filepath.Join(dir, "units.jsonl")
	f, _ := os.Create(plan)
	WriteUnits(f, units)
	f.Close()
	back, err := ReadUnits(plan)
	if err != nil || len(back) != 2 || back[0] != units[0] || back[1] != units[1] {
		t.Fatalf("ReadUnits = %+v, %v; want %+v", back, err, units)
	}
	bad := []struct{ content, err string }{
		{"https://github.com/org/a\nhttp://github.com/org/b\n", "repos.txt:2:"},
		{"https://github.com/org/a\nhttps://github.com/org/a.git\n", "already on line 1"},
	}
	for _, b := range bad {
		os.WriteFile(list, []byte(b.content), 0o644)
		if _, err := ReadRepoList(list); err == nil || !strings.Contains(err.Error(), b.err) {
			t.Errorf("ReadRepoList(%q): %v, want %q", b.content, err, b.err)
		}
	}
	// A plan is re-checked: an edited unit cannot smuggle in a bad source.
	badUnits := []struct{ content, err string }{
		{`{"id":"x","source":"ext::sh -c id"}` + "\n", "units.jsonl:1: source"},
		{`{"id":"x","source":"https://github.com/o/r","extra":1}` + "\n", "unknown field"},
		{"", "no units"},
		{"not json\n", "units.jsonl:1"},
	}
	for _, b := range badUnits {
		os.WriteFile(plan, []byte(b.content), 0o644)
		if _, err := ReadUnits(plan); err == nil || !strings.Contains(err.Error(), b.err) {
			t.Errorf("ReadUnits(%q): %v, want %q", b.content, err, b.err)
		}
	}
}

func TestParseShard(t *testing.T) {
	for _, ok := range []string{"1/1", "2/4", "4/4"} {
		if _, err := ParseShard(ok); err != nil {
			t.Errorf("ParseShard(%q): %v", ok, err)
		}
	}
	for _, bad := range []string{"0/4", "5/4", "1/0", "x/2", "1", "1/2/3", "-1/2", "1/99999999"} {
		if _, err := ParseShard(bad); err == nil {
			t.Errorf("ParseShard(%q) accepted", bad)
		}
	}
}

func TestAssignPartitionsBalancedAndDeterministic(t *testing.T) {
	var units []Unit
	for i := 0; i < 103; i++ {
		units = append(units, Unit{ID: fmt.Sprintf("github.com/org/repo-%03d", i)})
	}
	for _, n := range []int{1, 2, 3, 7, 103, 150} {
		seen := map[string]int{}
		minN, maxN := len(units), 0
		for i := 1; i <= n; i++ {
			got := Assign(units, Shard{i, n})
			minN, maxN = min(minN, len(got)), max(maxN, len(got))
			for _, u := range got {
				seen[u.ID]++
			}
			// The plan's order does not change the assignment.
			rev := make([]Unit, len(units))
			for j := range units {
				rev[j] = units[len(units)-1-j]
			}
			again := Assign(rev, Shard{i, n})
			if len(again) != len(got) {
				t.Fatalf("n=%d shard %d: %d units, %d with the plan reversed", n, i, len(got), len(again))
			}
			ids := map[string]bool{}
			for _, u := range got {
				ids[u.ID] = true
			}
			for _, u := range again {
				if !ids[u.ID] {
					t.Fatalf("n=%d shard %d: %s moves when the plan is reversed", n, i, u.ID)
				}
			}
		}
		if len(seen) != len(units) {
			t.Errorf("n=%d: %d units assigned, want %d", n, len(seen), len(units))
		}
		for id, c := range seen {
			if c != 1 {
				t.Errorf("n=%d: %s in %d shards", n, id, c)
			}
		}
		if maxN-minN > 1 {
			t.Errorf("n=%d: shards hold %d to %d units", n, minN, maxN)
		}
	}
}

func TestAssignBalancesSizes(t *testing.T) {
	var units []Unit
	var total int64
	for i := 0; i < 60; i++ {
		size := int64(1 + (i*i*7919)%5000)
		if i == 0 {
			size = 20000 // one giant
		}
		total += size
		units = append(units, Unit{ID: fmt.Sprintf("r%d", i), SizeKB: size})
	}
	const n = 4
	ideal := total / n
	for i := 1; i <= n; i++ {
		var load int64
		for _, u := range Assign(units, Shard{i, n}) {
			load += u.SizeKB
		}
		if load > ideal+20000 {
			t.Errorf("shard %d holds %d KB, ideal %d plus the largest repository at most", i, load, ideal)
		}
	}
}
