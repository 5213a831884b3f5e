package rules

import "sync"

// maxCachedNames bounds each map of a nameCache: when one is full it is
// emptied and refilled, so a hostile history of distinct names costs
// memory in proportion to this bound, not to the history.
const maxCachedNames = 1 << 15

// nameCache remembers how names and callees classify, across the contents
// one matcher goroutine reads: a history holds the same names in
// thousands of blobs, and a name's class depends only on the name and the
// vocabulary. A nameCache is not safe for concurrent use: a vocab hands
// them out through a sync.Pool (see vocab.caches), one per Find at a
// time, so no lock is taken per name.
type nameCache struct {
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

func newNameCache() *nameCache {
	return &nameCache{names: map[string]nameClass{}, calls: map[string]callClass{}}
}

func (c *nameCache) putName(name []byte, nc nameClass) {
	if len(c.names) >= maxCachedNames {
		clear(c.names)
	}
	c.names[string(name)] = nc
}

func (c *nameCache) putCall(name []byte, cc callClass) {
	if len(c.calls) >= maxCachedNames {
		clear(c.calls)
	}
	c.calls[string(name)] = cc
}

// nameCaches pools a vocab's name caches.
type nameCaches struct{ pool sync.Pool }

func (p *nameCaches) get() *nameCache {
	if c, ok := p.pool.Get().(*nameCache); ok {
		return c
	}
	return newNameCache()
}

func (p *nameCaches) put(c *nameCache) { p.pool.Put(c) }
