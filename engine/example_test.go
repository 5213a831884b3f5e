package engine_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/keyhound/keyhound/engine"
	"github.com/keyhound/keyhound/report"
)

// Scan a directory with the default packs and the directory's own
// configuration, and write the JSON report: what `keyhound scan DIR -f
// json` does, with its exit code.
func ExampleRun() {
	dir, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(dir)
	os.WriteFile(filepath.Join(dir, "app.py"), []byte("print('hello')\n"), 0o644)

	res, err := engine.Run(context.Background(), engine.Options{Target: dir})
	if err != nil {
		fmt.Println("error:", err) // bad configuration, not a repository, ...
		return
	}
	_ = report.WriteJSON(os.Stderr, res.Report)
	fmt.Println(len(res.Report.Findings), "findings, exit code", res.ExitCode())
	// Output: 0 findings, exit code 0
}
