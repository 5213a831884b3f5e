package scan

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/format/gitignore"

	"github.com/keyhound/keyhound/repofile"
)

// What .gitignore may hide from a directory scan.
//
// .gitignore says what git should not track; it is not a list of files
// without secrets. The files it names are very often exactly where
// credentials live (.env, local configuration), so a directory scan
// honours it only this far:
//
//   - A file git tracks is scanned whatever .gitignore says: the index is
//     read (git add -f .env is the classic leak).
//   - An untracked file that .gitignore excludes is still scanned when it
//     is of the secret-bearing class (secretBearing): dotenv files,
//     configuration formats, credential files, and names that say key,
//     secret, token, password, credential, config, settings, env, auth.
//   - An excluded directory is skipped whole when it is someone else's
//     code or regenerable output (dependencyDir): dependency trees
//     (node_modules, vendor, virtualenvs), build output (dist, build,
//     target), tool caches (a CACHEDIR.TAG directory). Any other excluded
//     directory (config/, secrets/, .idea/, private/) is walked, because a
//     directory kept out of git that is not a dependency tree is most
//     often kept out for holding local configuration and credentials; in
//     it, tracked and secret-bearing files are scanned.
//
// Everything skipped because of .gitignore is counted
// (Stats.SkippedGitignored) and the first few named (Stats.Gitignored).

// secretExt are extensions of configuration and key formats.
var secretExt = map[string]bool{
	".env": true, ".json": true, ".json5": true, ".jsonc": true, ".yaml": true, ".yml": true,
	".toml": true, ".ini": true, ".cfg": true, ".conf": true, ".cnf": true, ".config": true,
	".properties": true, ".props": true, ".xml": true, ".plist": true, ".hcl": true,
	".tfvars": true, ".tfstate": true, ".secret": true, ".secrets": true, ".pem": true,
	".key": true, ".p8": true, ".npmrc": true, ".netrc": true, ".pgpass": true,
}

// secretWords in a file name mark it as holding credentials or settings.
var secretWords = []string{
	"secret", "cred", "key", "token", "passw", "auth", "account", "wallet",
	"private", "config", "conf", "setting", "env",
}

// secretNames are credential files whose names say nothing of the kind.
var secretNames = map[string]bool{
	".netrc": true, "_netrc": true, ".npmrc": true, ".yarnrc": true, ".pypirc": true,
	".pgpass": true, ".boto": true, ".s3cfg": true, ".dockercfg": true, ".htpasswd": true,
	"id_rsa": true, "id_dsa": true, "id_ecdsa": true, "id_ed25519": true,
}

// secretBearing reports whether a file name (no directory) belongs to the
// class of files where credentials are kept: .env, .env.*, *.env; the
// configuration formats in secretExt; the names in secretNames; and any
// name holding one of secretWords. The test is on the name only, case
// insensitive.
func secretBearing(name string) bool {
	n := strings.ToLower(name)
	if strings.HasPrefix(n, ".env") || secretNames[n] || secretExt[filepath.Ext(n)] {
		return true
	}
	for _, w := range secretWords {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// dependencyDirs are the names of directories that hold dependencies,
// build output or tool caches, by the conventions of their tools.
var dependencyDirs = map[string]bool{
	// dependencies
	"node_modules": true, "bower_components": true, "jspm_packages": true, "web_modules": true,
	"vendor": true, "pods": true, "carthage": true, "site-packages": true, "dist-packages": true,
	".venv": true, "venv": true, "virtualenv": true, ".eggs": true, "deps": true,
	"elm-stuff": true, ".dart_tool": true, ".pub-cache": true, ".m2": true, ".ivy2": true,
	// build output
	"dist": true, "build": true, "out": true, "target": true, "bin": true, "obj": true,
	"_build": true, ".build": true, "deriveddata": true, ".next": true, ".nuxt": true,
	".svelte-kit": true, ".output": true, ".angular": true, "storybook-static": true,
	"coverage": true, ".nyc_output": true, ".stack-work": true,
	// caches
	"__pycache__": true, ".tox": true, ".nox": true, ".mypy_cache": true, ".pytest_cache": true,
	".ruff_cache": true, ".hypothesis": true, ".gradle": true, ".cache": true, ".parcel-cache": true,
	".turbo": true, ".sass-cache": true, ".docusaurus": true,
}

// dependencyMarkers are files whose presence marks a directory as a tool's
// own: a cache (CACHEDIR.TAG, https://bford.info/cachedir/) or a Python
// virtual environment (pyvenv.cfg).
var dependencyMarkers = []string{"CACHEDIR.TAG", "pyvenv.cfg"}

// dependencyDir reports whether the directory full, named name, holds
// dependencies, build output or a cache: by name (dependencyDirs, or a
// Python *.egg-info), or by a marker file in it.
func dependencyDir(full, name string) bool {
	n := strings.ToLower(name)
	if dependencyDirs[n] || strings.HasSuffix(n, ".egg-info") {
		return true
	}
	for _, m := range dependencyMarkers {
		if fi, err := os.Lstat(filepath.Join(full, m)); err == nil && fi.Mode().IsRegular() {
			return true
		}
	}
	return false
}

// MaxGitignoredListed is how many paths skipped because of .gitignore a
// directory scan names in Stats.Gitignored (all are counted).
const MaxGitignoredListed = 20

// noteGitignored counts a path skipped because of .gitignore, naming the
// first few (directories end in "/").
func noteGitignored(st *Stats, rel string) {
	st.SkippedGitignored++
	if len(st.Gitignored) < MaxGitignoredListed {
		st.Gitignored = append(st.Gitignored, rel)
	}
}

// readGitignore parses the .gitignore in directory dir (a directory the
// walk entered, not a symbolic link), with patterns scoped to domain. It
// is read through repofile, as the untrusted input it is: a symbolic
// link, FIFO, device or oversized file is refused (an error naming it),
// never followed, blocked on or read without bound. A missing file is no
// error. (The directory, not the scan root, is repofile's root, so names
// that are not UTF-8 are read too.)
func readGitignore(dir string, domain []string) ([]gitignore.Pattern, error) {
	data, err := repofile.ReadFile(dir, ".gitignore", repofile.DefaultMaxSize)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var ps []gitignore.Pattern
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		ps = append(ps, gitignore.ParsePattern(line, domain))
	}
	return ps, nil
}

// gitignoreName is the root-relative name of directory rel's .gitignore.
func gitignoreName(rel string) string {
	if rel == "." || rel == "" {
		return ".gitignore"
	}
	return rel + "/.gitignore"
}

// reason strips repofile's "name: " prefix: a Problem names the file.
func reason(err error) error {
	var re *repofile.Error
	if errors.As(err, &re) {
		return re.Err
	}
	return err
}
