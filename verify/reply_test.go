package verify

import (
	"context"
	"testing"
	"time"
)

// TestClock: the server's reading is carried forward by the time since
// the middle of the round trip, in whole seconds rounded down, so a stamp
// is never ahead of the exchange's clock; the zero clock is the local one.
func TestClock(t *testing.T) {
	server := time.UnixMilli(1700000000000)
	for _, tc := range []struct {
		sinceMid time.Duration
		want     time.Time
	}{
		{0, server},
		{900 * time.Millisecond, server},
		{2500 * time.Millisecond, server.Add(2 * time.Second)},
	} {
		c := clock{server: server, mid: time.Now().Add(-tc.sinceMid)}
		if got := c.now(); !got.Equal(tc.want) {
			t.Errorf("%v after the round trip's middle: %v, want %v", tc.sinceMid, got, tc.want)
		}
	}
	if d := time.Since(localClock.now()); d < 0 || d > time.Second {
		t.Errorf("the zero clock is %v off the local one", d)
	}
}

// TestServerClock reads a server-time reply through a test server, and
// falls back on the local clock when the reply has no time.
func TestServerClock(t *testing.T) {
	e, _ := newFake(t, clockProbe{}, jsonHandler(200, `{"data":[{"ts":"1700000000000"}],"time":1700000001000}`))
	call := e.callers["clock-probe"]
	ctx := context.Background()
	for _, tc := range []struct {
		pick func([]byte) int64
		want int64
	}{
		{millisAt(1, at("time")), 1700000001000},
		{millisAt(1, at("data", "0", "ts")), 1700000000000},
		{millisAt(1000, at("data", "0", "ts")), 1700000000000000},
		{firstOf(millisAt(1, at("missing")), millisAt(1, at("time"))), 1700000001000},
	} {
		c := serverClock(ctx, call, "/v2/time", tc.pick)
		if got := c.server.UnixMilli(); got != tc.want || c.now().UnixMilli() != tc.want {
			t.Errorf("server time %d (now %d), want %d", got, c.now().UnixMilli(), tc.want)
		}
	}
	for _, pick := range []func([]byte) int64{millisAt(1, at("data", "1", "ts")), millisAt(1, at("data", "x")), millisAt(1, at("nothing"))} {
		if c := serverClock(ctx, call, "/v2/time", pick); !c.server.IsZero() {
			t.Errorf("no time in the reply, yet the clock reads %v", c.server)
		}
	}
}

// clockProbe is a verifier with only a server-time endpoint and no rate
// limit to speak of, for TestServerClock.
type clockProbe struct{}

func (clockProbe) Spec() Spec {
	return Spec{Name: "clock-probe", BaseURL: "https://clock.invalid", Endpoints: gets("/v2/time"), Rate: 1000, Burst: 100}
}

func (clockProbe) Verify(context.Context, *Caller, Credential) Result { return Result{} }
