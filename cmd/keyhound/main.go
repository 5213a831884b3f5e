// Command keyhound finds leaked cryptocurrency-exchange API credentials in
// git history, working trees and staged changes.
//
// Exit codes: 0 no findings, 1 findings, 2 error (bad flag, bad rule pack,
// unreadable repository, or a scan that could not read everything).
package main

import (
	"os"
)

func main() {
	os.Exit(runMain(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
