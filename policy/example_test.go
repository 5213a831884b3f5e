package policy_test

import (
	"fmt"
	"time"

	"github.com/keyhound/keyhound/policy"
	"github.com/keyhound/keyhound/verify"
)

// A live key that can trade and withdraw from anywhere breaks both fail
// rules of the default policy; a team that locks every key to an IP can
// make no-ip-allowlist fail too.
func ExampleConfig_Check() {
	r := verify.Result{
		Exchange: "binance", Status: verify.Live,
		Permissions:  verify.Permissions{Read: verify.Yes, Trade: verify.Yes, Withdraw: verify.Yes, Transfer: verify.No},
		IPRestricted: verify.No,
	}
	c := policy.Config{Levels: map[policy.Rule]policy.Level{policy.NoIPAllowlist: policy.Fail}}
	v := c.Check(&r, time.Now())
	for _, x := range v.Violations {
		fmt.Printf("%s %s: %s\n", x.Level, x.Rule, x.Message)
	}
	fmt.Println("failed:", v.Failed(), "compliant:", v.Compliant)
	// Output:
	// fail withdraw-without-ip-allowlist: can withdraw funds and is not restricted to an IP allow-list
	// fail trade-and-withdraw: can trade and withdraw funds: use one key per purpose
	// fail no-ip-allowlist: not restricted to an IP allow-list
	// failed: true compliant: false
}
