package engine

import (
	"runtime/debug"
	"strings"
)

// modulePath is keyhound's module.
const modulePath = "github.com/keyhound/keyhound"

// Version is the version of keyhound this program was built from, read
// from its build information: the module version (go install
// module@version, or the pseudo-version go build stamps from the VCS),
// else "dev-" and the VCS revision (with "-dirty" when the work tree had
// changes), else "dev". A release build sets its own version over this
// one (cmd/keyhound's main.version).
func Version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "dev"
	}
	return versionFrom(bi)
}

func versionFrom(bi *debug.BuildInfo) string {
	mod := &bi.Main
	if mod.Path != modulePath {
		mod = nil
		for _, d := range bi.Deps {
			if d.Path == modulePath {
				mod = d
				if d.Replace != nil {
					mod = d.Replace
				}
				break
			}
		}
	}
	if mod != nil && mod.Version != "" && mod.Version != "(devel)" {
		return mod.Version
	}
	if mod != &bi.Main && mod != nil {
		return "dev" // a replaced or workspace keyhound: no revision of its own
	}
	var rev string
	dirty := false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "dev"
	}
	v := "dev-" + rev[:min(12, len(rev))]
	if dirty {
		v += "-dirty"
	}
	return strings.TrimSpace(v)
}
