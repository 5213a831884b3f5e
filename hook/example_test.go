package hook_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/keyhound/keyhound/hook"
)

// Installing the hook in a repository that already has a pre-commit hook
// chains that hook; uninstalling puts it back as it was.
func Example() {
	// A work tree: `git init` would make the .git directory; a HEAD file
	// is all Install needs.
	repo, _ := os.MkdirTemp("", "keyhound-example")
	defer os.RemoveAll(repo)
	hooks := filepath.Join(repo, ".git", "hooks")
	os.MkdirAll(hooks, 0o755)
	os.WriteFile(filepath.Join(repo, ".git", "HEAD"), []byte("ref: refs/heads/main\n"), 0o644)
	existing := "#!/bin/sh\nmake lint\n"
	os.WriteFile(filepath.Join(hooks, "pre-commit"), []byte(existing), 0o755)

	// The keyhound command passes its own path (os.Executable).
	if err := hook.Install(repo, hook.Options{Binary: "/usr/local/bin/keyhound"}); err != nil {
		fmt.Println("install:", err)
		return
	}
	entries, _ := os.ReadDir(hooks)
	for _, e := range entries {
		fmt.Println(e.Name())
	}

	if err := hook.Uninstall(repo); err != nil {
		fmt.Println("uninstall:", err)
		return
	}
	restored, _ := os.ReadFile(filepath.Join(hooks, "pre-commit"))
	fmt.Println("restored:", string(restored) == existing)
	// Output:
	// pre-commit
	// pre-commit.keyhound-chained
	// restored: true
}
