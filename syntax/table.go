package syntax

// scanTables yields the cells of tabular data under their column names:
// CSV/TSV with a header row, SQL INSERT … (columns) VALUES (…).
func scanTables(src []byte, fn func(*Pair)) {}
