// Command gitleaksparity runs gitleaks' own detector, as a library, over
// the full history of one git repository and prints the findings as JSON.
// It is the reference side of keyhound's parity test
// (scan/gitleaks_parity_test.go) and is built by that test; it is not
// part of keyhound.
//
// It builds the detector the way `gitleaks git <repo>` does in gitleaks
// v8.30.1 (cmd/root.go initConfig, Config and Detector; cmd/git.go
// runGit) with every flag at its default: the embedded default config
// (when the repository has no .gitleaks.toml), --max-decode-depth 5,
// --max-archive-depth 0, no --max-target-megabytes, gitleaks:allow
// honoured, no baseline, .gitleaksignore read from the repository when
// present, and `git log -p -U0 --full-history --all --diff-filter=tuxdb`
// as the source. Only the report differs: JSON on stdout, with the secret
// unredacted, and no banner.
//
//	gitleaksparity REPO [MAX-DECODE-DEPTH] > findings.json
//
// MAX-DECODE-DEPTH is --max-decode-depth (default 5; 0 turns decoding
// off, as keyhound has no decoder).
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/viper"
	"github.com/zricethezav/gitleaks/v8/cmd/scm"
	"github.com/zricethezav/gitleaks/v8/config"
	"github.com/zricethezav/gitleaks/v8/detect"
	"github.com/zricethezav/gitleaks/v8/report"
	"github.com/zricethezav/gitleaks/v8/sources"
)

func main() {
	depth := 5
	switch {
	case len(os.Args) == 3:
		n, err := strconv.Atoi(os.Args[2])
		if err != nil || n < 0 {
			fmt.Fprintln(os.Stderr, "usage: gitleaksparity REPO [MAX-DECODE-DEPTH]")
			os.Exit(2)
		}
		depth = n
	case len(os.Args) != 2:
		fmt.Fprintln(os.Stderr, "usage: gitleaksparity REPO [MAX-DECODE-DEPTH]")
		os.Exit(2)
	}
	findings, err := run(context.Background(), os.Args[1], depth)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gitleaksparity:", err)
		os.Exit(1)
	}
	if findings == nil {
		findings = []report.Finding{}
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(findings); err != nil {
		fmt.Fprintln(os.Stderr, "gitleaksparity:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, source string, depth int) ([]report.Finding, error) {
	// cmd/root.go initConfig: no --config, no GITLEAKS_CONFIG*: the
	// repository's .gitleaks.toml if it has one, else the default config.
	viper.SetConfigType("toml")
	if _, err := os.Stat(filepath.Join(source, ".gitleaks.toml")); os.IsNotExist(err) {
		if err := viper.ReadConfig(strings.NewReader(config.DefaultConfig)); err != nil {
			return nil, fmt.Errorf("default config: %w", err)
		}
	} else {
		viper.AddConfigPath(source)
		viper.SetConfigName(".gitleaks")
		if err := viper.ReadInConfig(); err != nil {
			return nil, err
		}
	}
	// cmd/root.go Config.
	var vc config.ViperConfig
	if err := viper.Unmarshal(&vc); err != nil {
		return nil, err
	}
	cfg, err := vc.Translate()
	if err != nil {
		return nil, err
	}
	// cmd/root.go Detector, with the flags' defaults.
	d := detect.NewDetectorContext(ctx, cfg)
	d.MaxDecodeDepth = depth // --max-decode-depth
	d.MaxArchiveDepth = 0    // --max-archive-depth
	d.NoColor = true
	d.Config.Path = filepath.Join(source, ".gitleaks.toml")
	d.Redact = 0             // --redact
	d.MaxTargetMegaBytes = 0 // --max-target-megabytes
	d.IgnoreGitleaksAllow = false
	if ig := filepath.Join(source, ".gitleaksignore"); fileExists(ig) {
		if err := d.AddGitleaksIgnore(ig); err != nil {
			return nil, err
		}
	}
	// cmd/git.go runGit: no --log-opts, --staged or --pre-commit.
	gitCmd, err := sources.NewGitLogCmdContext(ctx, source, "")
	if err != nil {
		return nil, err
	}
	return d.DetectSource(ctx, &sources.Git{
		Cmd:             gitCmd,
		Config:          &d.Config,
		Remote:          &sources.RemoteInfo{Platform: scm.NoPlatform},
		Sema:            d.Sema,
		MaxArchiveDepth: d.MaxArchiveDepth,
	})
}

func fileExists(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && !fi.IsDir()
}
