package syntax

import "testing"

// TestTableMarkdown: Markdown (GFM) tables, with or without outer pipes,
// anywhere in the text.
func TestTableMarkdown(t *testing.T) {
	runTableCases(t, []tableCase{{
		// A README or wiki page listing a bot's test accounts.
		name: "table in a document, backticked values, alignment",
		src: "# Test accounts\n\nUse these on the testnet only.\n\n" +
			"| Exchange | API key | Secret |\n" +
			"|:---------|:-------:|-------:|\n" +
			"| Binance  | `" + fakeKey1 + "` | `" + fakeSec1 + "` |\n" +
			"| OKX | " + fakeKey2 + " | " + fakeSec2 + " |\n" +
			"\nMore text | with a pipe.\n",
		want: []string{
			"0.0 Exchange=Binance", "0.1 API key=" + fakeKey1 + " q", "0.2 Secret=" + fakeSec1 + " q",
			"1.0 Exchange=OKX", "1.1 API key=" + fakeKey2, "1.2 Secret=" + fakeSec2,
		},
	}, {
		// API documentation tables (parameters: name, type, mandatory):
		// the pairs name a parameter, never hold a credential.
		name: "no outer pipes, API docs (harmless pairs)",
		src: "**Parameters:**\n\nName | Type | Mandatory\n------------ | ------------ | ------------\n" +
			"api_key | string | NO\npassphrase | string | NO\n\n",
		want: []string{
			"0.0 Name=api_key", "0.1 Type=string", "0.2 Mandatory=NO",
			"1.0 Name=passphrase", "1.1 Type=string", "1.2 Mandatory=NO",
		},
	}, {
		// At the top of the content, without outer pipes: a Markdown
		// table, not a pipe-separated CSV (the separator is no row).
		name: "first line, no outer pipes",
		src:  "exchange | key\n--- | ---\nokx | " + fakeKey2 + "\n",
		want: []string{"0.0 exchange=okx", "0.1 key=" + fakeKey2},
	}, {
		name: "escaped pipe, short and long rows",
		src:  "| a | b |\n|---|---|\n| x \\| y | z | extra |\n| only |\n",
		want: []string{"0.0 a=x \\| y", "0.1 b=z", "1.0 a=only"},
	}, {
		name: "two tables, indented",
		src:  "  | k | v |\n  | - | - |\n  | 1 | 2 |\n\ntext\n\n| p | q |\n|--|--|\n| 3 | 4 |\n",
		want: []string{"0.0 k=1", "0.1 v=2", "1.0 p=3", "1.1 q=4"},
	}})
}

// TestTableMarkdownNegative: pipes and dashes that make no table.
func TestTableMarkdownNegative(t *testing.T) {
	runTableCases(t, []tableCase{
		{name: "header and separator widths differ", src: "| a | b |\n|---|\n| x | y |\n"},
		{name: "setext heading and rule", src: "a | b\n---\nc | d\n"},
		{name: "shell pipes and a dashed line", src: "cat x | grep y\n-----|-----\n"},
		{name: "Go with || and a comment rule", src: "if a || b {\n// ---|---\n}\n"},
	})
}
