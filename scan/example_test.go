package scan_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/keyhound/keyhound/rules"
	"github.com/keyhound/keyhound/scan"
)

// exampleScanner compiles the embedded default packs.
func exampleScanner() *scan.Scanner {
	packs, err := rules.Default()
	if err != nil {
		panic(err)
	}
	set, err := rules.Compile(packs...)
	if err != nil {
		panic(err)
	}
	return &scan.Scanner{Rules: set}
}

const exampleEnv = "BINANCE_API_KEY=Qm7xT2pLw9ZcR4vN8sKd3FhJ6gYb1nAeU5oXiV0tWqEr2yMuHz7KcPj4SgDl9aBf\n" +
	"BINANCE_API_SECRET=R8fK2mQz7LpX4wN9cV3bT6yH1jG5dS0aE8uI2oP7kM4nB9vC6xZ3qW5eR1tY8uIo\n"

// exampleRepo makes a repository whose first commit adds a .env file with
// a Binance credential and whose second commit deletes it.
func exampleRepo() (dir string, cleanup func()) {
	dir, _ = os.MkdirTemp("", "keyhound-example")
	repo, _ := git.PlainInit(dir, false)
	wt, _ := repo.Worktree()
	sig := func(s int) *object.Signature {
		return &object.Signature{Name: "dev", Email: "dev@example.com", When: time.Date(2024, 5, 1, 12, 0, s, 0, time.UTC)}
	}
	os.WriteFile(filepath.Join(dir, ".env"), []byte(exampleEnv), 0o600)
	wt.Add(".env")
	wt.Commit("add config", &git.CommitOptions{Author: sig(1)})
	wt.Remove(".env")
	wt.Commit("remove config", &git.CommitOptions{Author: sig(2)})
	return dir, func() { os.RemoveAll(dir) }
}

// Scanning a repository's full history finds a credential that was
// committed and later deleted, and says which commit introduced it.
func ExampleScanner_History() {
	dir, cleanup := exampleRepo()
	defer cleanup()
	s := exampleScanner()
	_, err := s.History(context.Background(), dir, func(f scan.Finding) {
		l := f.Locations[0]
		fmt.Printf("%s complete=%v in HEAD=%v\n", f.Exchange, f.Complete, f.InHead)
		fmt.Printf("%s line %d, added %s by %s\n", l.Path, l.Line, l.Date.Format("2006-01-02"), l.Author)
		for _, p := range f.Parts {
			fmt.Printf("  %s %s\n", p.Part, scan.Redact(p.Value))
		}
	})
	if err != nil {
		fmt.Println("error:", err)
	}
	// Output:
	// binance complete=true in HEAD=false
	// .env line 1, added 2024-05-01 by dev
	//   key Qm7x…(64 chars)
	//   secret R8fK…(64 chars)
}

// Scanning a directory reads the working tree as files on disk.
func ExampleScanner_Dir() {
	dir, _ := os.MkdirTemp("", "keyhound-example")
	defer os.RemoveAll(dir)
	os.WriteFile(filepath.Join(dir, "settings.env"), []byte(exampleEnv), 0o600)
	s := exampleScanner()
	st, err := s.Dir(context.Background(), dir, scan.DirOptions{}, func(f scan.Finding) {
		fmt.Println(f.RuleID, f.Locations[0].Path, f.Locations[0].Line)
	})
	fmt.Println("files:", st.Files, "error:", err)
	// Output:
	// binance settings.env 1
	// files: 1 error: <nil>
}

// Scanning the staged index reports what the next commit would add: the
// pre-commit hook's check.
func ExampleScanner_Staged() {
	dir, _ := os.MkdirTemp("", "keyhound-example")
	defer os.RemoveAll(dir)
	repo, _ := git.PlainInit(dir, false)
	wt, _ := repo.Worktree()
	os.WriteFile(filepath.Join(dir, "bot.env"), []byte(exampleEnv), 0o600)
	wt.Add("bot.env") // staged, not committed
	s := exampleScanner()
	_, err := s.Staged(context.Background(), dir, func(f scan.Finding) {
		fmt.Println("would commit", f.Exchange, "credential in", f.Locations[0].Path)
	})
	fmt.Println("error:", err)
	// Output:
	// would commit binance credential in bot.env
	// error: <nil>
}
