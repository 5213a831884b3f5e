package fleet_test

import (
	"fmt"

	"github.com/keyhound/keyhound/fleet"
)

// Every shard computes the same split from the plan alone.
func ExampleAssign() {
	var units []fleet.Unit
	for _, name := range []string{"api", "web", "bot", "infra", "docs"} {
		u, err := fleet.NewUnit("https://github.com/acme/"+name+".git", "")
		if err != nil {
			panic(err)
		}
		units = append(units, u)
	}
	for i := 1; i <= 2; i++ {
		sh := fleet.Shard{Index: i, Count: 2}
		for _, u := range fleet.Assign(units, sh) {
			fmt.Println(sh, u.ID)
		}
	}
	// Output:
	// 1/2 github.com/acme/api
	// 1/2 github.com/acme/infra
	// 1/2 github.com/acme/docs
	// 2/2 github.com/acme/web
	// 2/2 github.com/acme/bot
}
