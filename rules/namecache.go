package rules

import "sync"

// maxCachedNames bounds each map of a nameCache: when one is full it is
// emptied and refilled, so a hostile history of distinct names costs
// memory in proportion to this bound, not to the history.
const maxCachedNames = 1 << 16

// nameCache remembers how names and callees classify across every content
// a Set matches: a history holds the same names in thousands of blobs,
// and a name's class depends only on the name and the vocabulary. It is
// safe for concurrent use.
type nameCache struct {
	mu    sync.RWMutex
	names map[string]nameClass
	calls map[string]callClass
}

// callClass is what a callee's name says: the venue it names, whether it
// looks like a client constructor, and its class as a name (a setter:
// setApiKey).
type callClass struct {
	named  *venue
	client bool
	nc     nameClass
}

func (c *nameCache) name(name []byte) (nameClass, bool) {
	c.mu.RLock()
	nc, ok := c.names[string(name)]
	c.mu.RUnlock()
	return nc, ok
}

func (c *nameCache) putName(name []byte, nc nameClass) {
	c.mu.Lock()
	if c.names == nil || len(c.names) >= maxCachedNames {
		c.names = map[string]nameClass{}
	}
	c.names[string(name)] = nc
	c.mu.Unlock()
}

func (c *nameCache) call(name []byte) (callClass, bool) {
	c.mu.RLock()
	cc, ok := c.calls[string(name)]
	c.mu.RUnlock()
	return cc, ok
}

func (c *nameCache) putCall(name []byte, cc callClass) {
	c.mu.Lock()
	if c.calls == nil || len(c.calls) >= maxCachedNames {
		c.calls = map[string]callClass{}
	}
	c.calls[string(name)] = cc
	c.mu.Unlock()
}
