package syntax_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/keyhound/keyhound/syntax"
)

type got struct {
	name, value, frames, call string
	arg                       int
	flags                     syntax.Flags
}

func (g got) String() string {
	s := fmt.Sprintf("%s=%q", g.name, g.value)
	if g.frames != "" {
		s += " in " + g.frames
	}
	if g.call != "" {
		s += fmt.Sprintf(" call %s#%d", g.call, g.arg)
	}
	return s
}

func scanAll(src string) []got {
	var out []got
	syntax.Scan([]byte(src), func(p *syntax.Pair) {
		var fs []string
		for _, f := range p.Frames {
			fs = append(fs, string(f.Name))
		}
		out = append(out, got{string(p.Name), string(p.Value), strings.Join(fs, "/"), string(p.Call), p.Arg, p.Flags})
	})
	return out
}

func TestScanBasics(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string // "name=value" pairs that must be found
		not       []string // "name=value" pairs that must not be
	}{
		{"dotenv", "BINANCE_API_KEY=abc123\nexport OKX_SECRET='s3cr3t'\n", []string{"BINANCE_API_KEY=abc123", "OKX_SECRET=s3cr3t"}, nil},
		{"python", "api_key = \"k1\"\nclient = Client(api_key='k2', api_secret=\"s2\")\n", []string{"api_key=k1", "api_secret=s2", "api_key=k2"}, nil},
		{"python type hint", "api_key: str = \"k1\"\n", []string{"api_key=k1"}, []string{"api_key=str"}},
		{"js object", "const ex = new ccxt.okx({ apiKey: 'k', secret: \"s\", password: `p` });", []string{"apiKey=k", "secret=s", "password=p"}, nil},
		{"json", `{"exchange": {"name": "binance", "key": "k", "secret": "s"}}`, []string{"name=binance", "key=k", "secret=s"}, nil},
		{"yaml", "binance:\n  api_key: k\n  api_secret: \"s\"\nother: x\n", []string{"api_key=k", "api_secret=s", "other=x"}, nil},
		{"go", "cfg := Config{APIKey: \"k\", Secret: `s`}\nkey := \"k2\"\nos.Setenv(\"BINANCE_KEY\", \"k3\")\n", []string{"APIKey=k", "Secret=s", "key=k2", "BINANCE_KEY=k3"}, nil},
		{"getenv default", "key = os.getenv(\"BINANCE_KEY\", \"k\")\n", []string{"BINANCE_KEY=k"}, []string{"key=BINANCE_KEY"}},
		{"env fallback", "const k = process.env.BINANCE_KEY || \"k\";\nconst s = process.env[\"BINANCE_SECRET\"] ?? 's';\n", []string{"process.env.BINANCE_KEY=k", "BINANCE_SECRET=s"}, nil},
		{"python or", "key = os.environ.get(\"KEY\") or \"k\"\n", []string{"KEY=k"}, nil},
		{"rust", "let key = String::from(\"k\");\nlet s: String = \"s\".to_owned();\nlet t = env::var(\"T\").unwrap_or(\"t\".into());\n", []string{"key=k", "s=s", "T=t"}, nil},
		{"shell default", "KEY=${BINANCE_KEY:-k}\n", []string{"BINANCE_KEY=k"}, nil},
		{"subscript", "os.environ[\"BINANCE_KEY\"] = \"k\"\n$cfg['secret'] = 's';\n", []string{"BINANCE_KEY=k", "secret=s"}, nil},
		{"java", "private static final String API_KEY = \"k\";\nb.apiKey(\"k2\").secretKey(\"s2\");\n", []string{"API_KEY=k"}, nil},
		{"kotlin to", "val m = mapOf(\"apiKey\" to \"k\")\n", []string{"apiKey=k"}, nil},
		{"php arrow", "$c = ['apiKey' => 'k', 'secret' => 's'];\n", []string{"apiKey=k", "secret=s"}, nil},
		{"ruby", "ENV['KEY'] = 'k'\nh = { api_key: \"k2\", :secret => \"s\" }\n", []string{"KEY=k", "api_key=k2"}, nil},
		{"toml section", "[exchange.binance]\nkey = \"k\"\n", []string{"key=k"}, nil},
		{"xml", `<appSettings><add key="BinanceApiKey" value="k"/><apiSecret>s</apiSecret></appSettings>`, []string{"BinanceApiKey=k", "apiSecret=s"}, nil},
		{"android", `<string name="api_key">k</string>`, []string{"api_key=k"}, nil},
		{"k8s env", "env:\n  - name: BINANCE_KEY\n    value: \"k\"\n", []string{"BINANCE_KEY=k"}, nil},
		{"postman", `{"key": "api-key", "value": "k", "type": "text"}`, []string{"api-key=k"}, nil},
		{"dockerfile legacy", "ENV BINANCE_KEY k\nENV OKX_KEY=o\n", []string{"BINANCE_KEY=k", "OKX_KEY=o"}, nil},
		{"systemd", "Environment=\"BINANCE_KEY=k\" \"OKX_KEY=o\"\n", []string{"BINANCE_KEY=k", "OKX_KEY=o"}, nil},
		{"kubectl", "kubectl create secret generic x --from-literal=api-key=k --from-literal=secret=s\n", []string{"api-key=k", "secret=s"}, nil},
		{"docker -e", "docker run -e BINANCE_KEY=k -e \"OKX_KEY=o\" img\n", []string{"BINANCE_KEY=k", "OKX_KEY=o"}, nil},
		{"header", "curl -H \"X-MBX-APIKEY: k\" https://api.binance.com\n", []string{"X-MBX-APIKEY=k"}, nil},
		{"notebook", `{"source": ["api_key = \"k\"\n", "secret = 's'\n"]}`, []string{"api_key=k", "secret=s"}, nil},
		{"k8s secret data", "kind: Secret\ndata:\n  api-key: " + "YWJjZGVmZ2hpams=" + "\n", []string{"api-key=abcdefghijk"}, nil},
		{"powershell", "$env:BINANCE_KEY = \"k\"\n[Environment]::SetEnvironmentVariable(\"OKX_KEY\", \"o\", \"User\")\n", []string{"BINANCE_KEY=k", "OKX_KEY=o"}, nil},
		{"csharp", "var c = new ApiCredentials(\"k\", \"s\");\nvar o = new Options { ApiKey = @\"k2\" };\n", []string{"ApiKey=k2"}, nil},
		{"yaml block pem", "private_key: |\n  -----BEGIN EC PRIVATE KEY-----\n  MHcCAQ\n  -----END EC PRIVATE KEY-----\nnext: 1\n", []string{"private_key=-----BEGIN EC PRIVATE KEY-----\nMHcCAQ\n-----END EC PRIVATE KEY-----\n"}, nil},
		{"env pem", "KEY=\"-----BEGIN EC PRIVATE KEY-----\nMHcCAQ\n-----END EC PRIVATE KEY-----\"\n", []string{"KEY=-----BEGIN EC PRIVATE KEY-----\nMHcCAQ\n-----END EC PRIVATE KEY-----"}, nil},
		{"cli flag", "bot --api-key k --secret=s --verbose\n", []string{"api-key=k", "secret=s"}, nil},
		{"elixir", "config :app, api_key: \"k\", secret: System.get_env(\"S\") || \"s\"\n", []string{"api_key=k", "S=s"}, nil},
		{"apostrophe", "# don't put the key here: it's secret\nkey = 'k'\n", []string{"key=k"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gs := scanAll(tt.src)
			have := map[string]bool{}
			for _, g := range gs {
				have[g.name+"="+g.value] = true
			}
			for _, w := range tt.want {
				if !have[w] {
					t.Errorf("missing %q; got %v", w, gs)
				}
			}
			for _, n := range tt.not {
				if have[n] {
					t.Errorf("unwanted %q; got %v", n, gs)
				}
			}
		})
	}
}
