package syntax

import "testing"

// TestTableSQLInsert: INSERT … (columns) VALUES (…) in the dialects
// migrations, seed files and dumps are written in.
func TestTableSQLInsert(t *testing.T) {
	runTableCases(t, []tableCase{{
		// A seed file for an exchange-accounts table (PostgreSQL): one
		// statement, several rows, functions and NULL among the values.
		name: "seed with functions, NULL and multi-row VALUES",
		src: "-- seed: demo accounts\n" +
			"INSERT INTO exchange_accounts (id, user_id, exchange, api_key, api_secret, passphrase, created_at)\n" +
			"VALUES\n" +
			"  (gen_random_uuid(), 1, 'binance', '" + fakeKey1 + "', '" + fakeSec1 + "', NULL, NOW()),\n" +
			"  (gen_random_uuid(), 2, 'okx', '" + fakeKey2 + "', '" + fakeSec2 + "', '" + fakePass2 + "', NOW())\n" +
			"ON CONFLICT DO NOTHING;\n",
		want: []string{
			"0.1 user_id=1", "0.2 exchange=binance q", "0.3 api_key=" + fakeKey1 + " q", "0.4 api_secret=" + fakeSec1 + " q",
			"1.1 user_id=2", "1.2 exchange=okx q", "1.3 api_key=" + fakeKey2 + " q", "1.4 api_secret=" + fakeSec2 + " q", "1.5 passphrase=" + fakePass2 + " q",
		},
	}, {
		name: "lower case, quoted identifiers, schema, '' escape, cast, comments",
		src: "insert into \"public\".\"api_keys\" (\"exchangeName\", \"apiKey\", /* label */ \"label\", \"meta\")\n" +
			"values ('kucoin', '" + fakeKey2 + "', 'Bob''s key', '{}'::jsonb); -- done\n",
		want: []string{"0.0 exchangeName=kucoin q", "0.1 apiKey=" + fakeKey2 + " q", "0.2 label=Bob's key q", "0.3 meta={} q"},
	}, {
		// SQLyog and MySQL: backticks, no space before the column list,
		// backslash escapes in strings, double-quoted strings.
		name: "MySQL backticks and backslash escapes",
		src:  "insert  into `apikeys`(`keyid`,`apikey`,`note`) values (3,'" + fakeKey2 + "','it\\'s'),(4,\"" + fakeSec2 + "\",'a\\\\b');\n",
		want: []string{
			"0.0 keyid=3", "0.1 apikey=" + fakeKey2 + " q", "0.2 note=it's q",
			"1.0 keyid=4", "1.1 apikey=" + fakeSec2 + " q", "1.2 note=a\\b q",
		},
	}, {
		name: "SQL Server brackets and N'' strings",
		src:  "INSERT INTO [dbo].[ExchangeKeys] ([Exchange], [ApiKey], [ApiSecret]) VALUES (N'Kraken', N'" + fakeKey1 + "', N'" + fakeSec1 + "');\nGO\n",
		want: []string{"0.0 Exchange=Kraken q", "0.1 ApiKey=" + fakeKey1 + " q", "0.2 ApiSecret=" + fakeSec1 + " q"},
	}, {
		name: "SQLite INSERT OR IGNORE, REPLACE INTO",
		src: "INSERT OR IGNORE INTO keys(exchange, key) VALUES ('gate', '" + fakeKey2 + "');\n" +
			"REPLACE INTO keys (exchange, key) VALUES ('mexc', '" + fakeSec2 + "');\n",
		want: []string{"0.0 exchange=gate q", "0.1 key=" + fakeKey2 + " q", "1.0 exchange=mexc q", "1.1 key=" + fakeSec2 + " q"},
	}, {
		name: "statement inside code: a Python string",
		src:  "cur.execute(\"INSERT INTO creds (exchange, api_key) VALUES ('bybit', '" + fakeKey2 + "')\")\nconn.commit()\n",
		want: []string{"0.0 exchange=bybit q", "0.1 api_key=" + fakeKey2 + " q"},
	}, {
		name: "PostgreSQL E'' string and negative and decimal numbers",
		src:  "INSERT INTO t (a, b, c) VALUES (E'x\\ty', -12, 3.5e2);",
		want: []string{"0.0 a=x\ty q", "0.1 b=-12", "0.2 c=3.5e2"},
	}, {
		name: "more values than columns: the extra ones are not named",
		src:  "INSERT INTO t (a) VALUES ('x', 'y');",
		want: []string{"0.0 a=x q"},
	}, {
		name: "column names from CREATE TABLE when INSERT has none",
		src: "CREATE TABLE IF NOT EXISTS `binance_keys` (\n" +
			"  `user_id` BIGINT NOT NULL REFERENCES users(id),\n" +
			"  `api_key` varchar(1000) NOT NULL COMMENT 'the key, as issued',\n" +
			"  `secret_key` DECIMAL(10,2) CHECK (x IN ('a', 'b')),\n" +
			"  PRIMARY KEY (`user_id`),\n" +
			"  CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id)\n" +
			") ENGINE=InnoDB DEFAULT CHARSET=utf8;\n" +
			"INSERT INTO `binance_keys` VALUES (7,'" + fakeKey1 + "','" + fakeSec1 + "');\n",
		want: []string{"0.0 user_id=7", "0.1 api_key=" + fakeKey1 + " q", "0.2 secret_key=" + fakeSec1 + " q"},
	}, {
		// sqlite3's .dump: no space before the parentheses, quoted
		// table name in INSERT, no column list.
		name: "SQLite .dump",
		src: "PRAGMA foreign_keys=OFF;\nBEGIN TRANSACTION;\n" +
			"CREATE TABLE keys(id INTEGER PRIMARY KEY, exchange TEXT, secret TEXT);\n" +
			"INSERT INTO \"keys\" VALUES(1,'gate','" + fakeSec2 + "');\nCOMMIT;\n",
		want: []string{"0.0 id=1", "0.1 exchange=gate q", "0.2 secret=" + fakeSec2 + " q"},
	}, {
		name: "pg_dump --inserts: schema-qualified, no column list",
		src: "CREATE TABLE public.api_keys (\n    exchange text NOT NULL,\n    api_key text NOT NULL\n);\n" +
			"INSERT INTO public.api_keys VALUES ('bitget', '" + fakeKey2 + "');\n",
		want: []string{"0.0 exchange=bitget q", "0.1 api_key=" + fakeKey2 + " q"},
	}})
}

// TestTableSQLCopy: pg_dump's COPY … FROM stdin blocks.
func TestTableSQLCopy(t *testing.T) {
	runTableCases(t, []tableCase{{
		name: "COPY with columns, \\N and escapes",
		src: "COPY public.exchange_keys (id, exchange, api_key, api_secret, note) FROM stdin;\n" +
			"1\tbinance\t" + fakeKey1 + "\t" + fakeSec1 + "\t\\N\n" +
			"2\tokx\t" + fakeKey2 + "\t" + fakeSec2 + "\ta\\tb\n" +
			"\\.\n\n" +
			"SELECT pg_catalog.setval('public.exchange_keys_id_seq', 2, true);\n",
		want: []string{
			"0.0 id=1", "0.1 exchange=binance", "0.2 api_key=" + fakeKey1, "0.3 api_secret=" + fakeSec1,
			"1.0 id=2", "1.1 exchange=okx", "1.2 api_key=" + fakeKey2, "1.3 api_secret=" + fakeSec2, "1.4 note=a\tb q",
		},
	}, {
		// The first row of another width ends the data: what follows is
		// not a row (here, a dump cut short before its \.).
		name: "COPY data ends at a row of another width",
		src: "COPY keys (exchange, api_key) FROM stdin;\nokx\t" + fakeKey2 + "\n" +
			"SELECT pg_catalog.setval('s', 2, true);\nfoo\tbar\n",
		want: []string{"0.0 exchange=okx", "0.1 api_key=" + fakeKey2},
	}, {
		name: "COPY without columns takes them from CREATE TABLE",
		src: "CREATE TABLE public.keys (\n    identifier character varying(255) NOT NULL,\n    \"apiKey\" text NOT NULL\n);\n" +
			"COPY public.keys FROM stdin;\nmain\t" + fakeKey2 + "\n\\.\n",
		want: []string{"0.0 identifier=main", "0.1 apiKey=" + fakeKey2},
	}})
}

// TestTableSQLNegative: SQL and code that store no row of values yield
// nothing.
func TestTableSQLNegative(t *testing.T) {
	runTableCases(t, []tableCase{
		{name: "placeholders", src: "INSERT INTO keys (exchange, api_key) VALUES ($1, $2), (?, ?), (%s, %(name)s), (:a, @b);"},
		{name: "INSERT … SELECT", src: "INSERT INTO keys (exchange, api_key) SELECT exchange, key FROM old;"},
		{name: "no column list, no CREATE TABLE", src: "INSERT INTO keys VALUES ('binance', 'abc');"},
		{name: "SELECT", src: "SELECT * FROM keys WHERE api_key = 'abc';"},
		{name: "Go copy and Replace", src: "n := copy(dst, src)\ns = strings.Replace(s, \"a\", \"b\", -1)\n// create a table, insert into it\n"},
		{name: "prose", src: "Insert into the slot, then copy from stdin the values (a, b).\nCreate table space.\n"},
		// COPY in a string in code: the statement does not end its line,
		// so the code after it is not read as rows.
		{name: "COPY in a Python string", src: "cur.copy_expert(\"COPY keys (a, b) FROM stdin; \", f)\nx = 1\ty = 2\nprint(x)\n"},
		{name: "COPY in a Go string", src: "q := \"COPY keys (a, b) FROM stdin;\\nx\\ty\\n\\\\.\\n\"\nfoo\tbar\n"},
		{name: "COPY without known columns", src: "COPY keys FROM stdin;\nx\ty\n\\.\n"},
		{name: "COPY in CSV format", src: "COPY keys (a, b) FROM stdin WITH (FORMAT csv);\nx,y\n\\.\n"},
		{name: "COPY from a file", src: "COPY keys (a, b) FROM '/tmp/keys.csv' WITH CSV;\nx\ty\n\\.\n"},
		{name: "unterminated", src: "INSERT INTO keys (a, b) VALUES ('abc"},
	})
}
