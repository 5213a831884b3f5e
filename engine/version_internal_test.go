package engine

import (
	"runtime/debug"
	"testing"
)

func TestVersionFrom(t *testing.T) {
	vcs := func(rev, modified string) []debug.BuildSetting {
		return []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: modified}}
	}
	tests := []struct {
		name string
		bi   debug.BuildInfo
		want string
	}{
		{"go install module@version", debug.BuildInfo{Main: debug.Module{Path: modulePath, Version: "v1.4.0"}}, "v1.4.0"},
		{"go build in a clone (pseudo-version)", debug.BuildInfo{Main: debug.Module{Path: modulePath, Version: "v0.0.0-20261202120136-82b7cad7d523"}, Settings: vcs("82b7cad7d523fbb80fd1c857def6cf9e70947b6f", "false")}, "v0.0.0-20261202120136-82b7cad7d523"},
		{"devel with a revision", debug.BuildInfo{Main: debug.Module{Path: modulePath, Version: "(devel)"}, Settings: vcs("82b7cad7d523fbb80fd1c857def6cf9e70947b6f", "false")}, "dev-82b7cad7d523"},
		{"devel with changes", debug.BuildInfo{Main: debug.Module{Path: modulePath, Version: "(devel)"}, Settings: vcs("82b7cad7d523fbb80fd1c857def6cf9e70947b6f", "true")}, "dev-82b7cad7d523-dirty"},
		{"go run, no VCS stamp", debug.BuildInfo{Main: debug.Module{Path: modulePath, Version: "(devel)"}}, "dev"},
		{"a library of another program", debug.BuildInfo{Main: debug.Module{Path: "example.com/tool", Version: "v2.0.0"}, Deps: []*debug.Module{{Path: modulePath, Version: "v1.3.1"}}}, "v1.3.1"},
		{"a replaced library", debug.BuildInfo{Main: debug.Module{Path: "example.com/tool"}, Deps: []*debug.Module{{Path: modulePath, Version: "v1.3.1", Replace: &debug.Module{Path: "../keyhound"}}}}, "dev"},
	}
	for _, tt := range tests {
		if got := versionFrom(&tt.bi); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}
