package syntax_test

import (
	"fmt"

	"github.com/keyhound/keyhound/syntax"
)

// The cells of a CSV file come out under their column names, and the
// cells of one row share a Row frame: a rule can see the exchange named
// beside a key.
func Example_table() {
	src := []byte("exchange,api_key\nbinance,AbC123\nokx,\"dEf456\"\n")
	rows := map[int]int{}
	syntax.Scan(src, func(p *syntax.Pair) {
		if p.Flags&syntax.Table == 0 {
			return
		}
		id := p.Frames[0].ID
		if _, ok := rows[id]; !ok {
			rows[id] = len(rows) + 1
		}
		fmt.Printf("row %d, column %d: %s = %s (bytes %d-%d)\n", rows[id], p.Arg, p.Name, p.Value, p.Start, p.End)
	})
	// Output:
	// row 1, column 0: exchange = binance (bytes 17-24)
	// row 1, column 1: api_key = AbC123 (bytes 25-31)
	// row 2, column 0: exchange = okx (bytes 32-35)
	// row 2, column 1: api_key = dEf456 (bytes 37-43)
}
