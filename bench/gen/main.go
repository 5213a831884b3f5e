// Command gen builds a large, realistic, deterministic git repository for
// benchmarks: many commits touching code in several languages, configs and
// data files, a few branches, and exchange credentials planted at known
// commits (listed in a manifest). It writes a git fast-import stream and
// runs `git fast-import`, so 50,000 commits take seconds.
//
//	go run ./bench/gen -out /tmp/big -commits 30000 -files 4000 -manifest /tmp/big.json
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

type planted struct {
	Commit   int    `json:"commit"` // mark number of the commit that adds it
	Branch   string `json:"branch"`
	Path     string `json:"path"`
	Exchange string `json:"exchange"`
	Key      string `json:"key"`
	Secret   string `json:"secret"`
	Deleted  bool   `json:"deleted_later"`
}

func main() {
	out := flag.String("out", "", "directory for the new repository (must not exist)")
	commits := flag.Int("commits", 20000, "number of commits")
	files := flag.Int("files", 3000, "number of distinct files")
	plants := flag.Int("plant", 20, "credentials to plant")
	seed := flag.Int64("seed", 1, "random seed")
	manifest := flag.String("manifest", "", "write the planted credentials here (JSON)")
	blobKB := flag.Int("kb", 6, "average file size in KiB")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "gen: -out is required")
		os.Exit(2)
	}
	if err := run(*out, *commits, *files, *plants, *seed, *manifest, *blobKB); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(2)
	}
}

func run(out string, commits, files, plants int, seed int64, manifest string, blobKB int) error {
	if _, err := os.Stat(out); err == nil {
		return fmt.Errorf("%s exists", out)
	}
	if err := exec.Command("git", "init", "-q", "--bare", out).Run(); err != nil {
		return fmt.Errorf("git init: %w", err)
	}
	cmd := exec.Command("git", "fast-import", "--quiet")
	cmd.Dir = out
	cmd.Stderr = os.Stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	w := bufio.NewWriterSize(in, 1<<20)
	rng := rand.New(rand.NewSource(seed))
	g := &gen{rng: rng, kb: blobKB}

	paths := make([]string, files)
	for i := range paths {
		paths[i] = g.path(i)
	}
	plantAt := map[int]bool{}
	for len(plantAt) < plants && len(plantAt) < commits/2 {
		plantAt[1+rng.Intn(commits-1)] = true
	}
	var planted []planted
	branches := []string{"main", "develop", "feature/strategy", "release/1.x"}
	heads := map[string]int{}
	when := int64(1500000000)
	for c := 1; c <= commits; c++ {
		br := "main"
		if r := rng.Intn(10); r == 0 {
			br = branches[1+rng.Intn(len(branches)-1)]
		}
		when += int64(60 + rng.Intn(7200))
		fmt.Fprintf(w, "commit refs/heads/%s\nmark :%d\n", br, c)
		author := fmt.Sprintf("dev%d <dev%d@example.com>", rng.Intn(40), rng.Intn(40))
		fmt.Fprintf(w, "author %s %d +0000\ncommitter %s %d +0000\n", author, when, author, when)
		msg := fmt.Sprintf("change %d: %s", c, g.word())
		fmt.Fprintf(w, "data %d\n%s\n", len(msg), msg)
		if prev, ok := heads[br]; ok {
			fmt.Fprintf(w, "from :%d\n", prev)
		} else if c > 1 {
			fmt.Fprintf(w, "from :%d\n", heads["main"])
		}
		if br != "main" && rng.Intn(20) == 0 {
			fmt.Fprintf(w, "merge :%d\n", heads["main"])
		}
		n := 1 + rng.Intn(4)
		if c == 1 {
			n = files
		}
		for k := 0; k < n; k++ {
			p := paths[rng.Intn(files)]
			if c == 1 {
				p = paths[k]
			}
			content := g.content(p)
			fmt.Fprintf(w, "M 100644 inline %s\ndata %d\n%s\n", p, len(content), content)
		}
		if plantAt[c] {
			pl := g.plant(c, br)
			planted = append(planted, pl)
			content := g.credFile(pl)
			fmt.Fprintf(w, "M 100644 inline %s\ndata %d\n%s\n", pl.Path, len(content), content)
		}
		heads[br] = c
	}
	if err := w.Flush(); err != nil {
		return err
	}
	in.Close()
	if err := cmd.Wait(); err != nil {
		return fmt.Errorf("git fast-import: %w", err)
	}
	if err := exec.Command("git", "-C", out, "symbolic-ref", "HEAD", "refs/heads/main").Run(); err != nil {
		return err
	}
	if manifest != "" {
		data, _ := json.MarshalIndent(planted, "", "  ")
		if err := os.WriteFile(manifest, data, 0o644); err != nil {
			return err
		}
	}
	fmt.Printf("%s: %d commits, %d files, %d planted credentials\n", out, commits, files, len(planted))
	return nil
}

type gen struct {
	rng *rand.Rand
	kb  int
}

var words = strings.Fields(`order price quantity strategy signal market limit stop
balance position exchange symbol ticker candle volume spread maker taker fee
backtest dataframe indicator moving average rsi macd bollinger config logger
client session request response timeout retry cache wallet account portfolio`)

func (g *gen) word() string { return words[g.rng.Intn(len(words))] }

func (g *gen) path(i int) string {
	dirs := []string{"src", "src/strategies", "src/exchanges", "lib", "tests", "tests/data", "docs", "config", "scripts", "web/js"}
	exts := []string{".py", ".py", ".py", ".js", ".go", ".java", ".yaml", ".json", ".md", ".ts"}
	d := dirs[g.rng.Intn(len(dirs))]
	return filepath.ToSlash(filepath.Join(d, fmt.Sprintf("%s_%s_%d%s", g.word(), g.word(), i, exts[g.rng.Intn(len(exts))])))
}

// content makes a file in the path's language of about kb KiB.
func (g *gen) content(path string) string {
	var b strings.Builder
	size := g.kb*1024/2 + g.rng.Intn(g.kb*1024)
	ext := filepath.Ext(path)
	for b.Len() < size {
		a, c := g.word(), g.word()
		switch ext {
		case ".py":
			fmt.Fprintf(&b, "def %s_%s(self, %s):\n    return self.%s * %d  # %s\n\n", a, c, a, c, g.rng.Intn(1000), g.word())
		case ".js", ".ts":
			fmt.Fprintf(&b, "export function %s%s(%s) {\n  return %s.%s(%d);\n}\n", a, strings.Title(c), a, a, c, g.rng.Intn(1000))
		case ".go":
			fmt.Fprintf(&b, "func %s%s(%s int) int {\n\treturn %s + %d\n}\n\n", strings.Title(a), strings.Title(c), a, a, g.rng.Intn(1000))
		case ".java":
			fmt.Fprintf(&b, "    private int %s%s = %d; // %s\n", a, strings.Title(c), g.rng.Intn(1000), g.word())
		case ".yaml":
			fmt.Fprintf(&b, "%s:\n  %s: %d\n  hash: %x\n", a, c, g.rng.Intn(1000), g.rng.Uint64())
		case ".json":
			fmt.Fprintf(&b, "{\"%s\": %d, \"%s\": \"%x%x\"},\n", a, g.rng.Intn(100000), c, g.rng.Uint64(), g.rng.Uint64())
		default:
			fmt.Fprintf(&b, "The %s %s uses the %s %s; see %s.\n", a, c, g.word(), g.word(), g.word())
		}
	}
	return b.String()
}

const alnum = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"

func (g *gen) random(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alnum[g.rng.Intn(len(alnum))]
	}
	return string(b)
}

func (g *gen) plant(c int, br string) planted {
	return planted{Commit: c, Branch: br, Path: fmt.Sprintf("config/bot_%d.env", c), Exchange: "binance", Key: g.random(64), Secret: g.random(64)}
}

func (g *gen) credFile(p planted) string {
	return fmt.Sprintf("# bot settings\nEXCHANGE=binance\nBINANCE_API_KEY=%s\nBINANCE_API_SECRET=%s\nDRY_RUN=false\n", p.Key, p.Secret)
}
