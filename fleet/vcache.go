package fleet

import (
	"encoding/json"
	"errors"
	"io"
	"os"
	"sync"
	"time"

	"github.com/keyhound/keyhound/verify"
)

// VerifyCache remembers verification results by credential (verifier and
// fingerprint: a hash, never the secret) for a time, in one file that
// every merge of every run can share. Indeterminate results are not
// remembered: they are asked again next time.
type VerifyCache struct {
	path string
	ttl  time.Duration
	now  func() time.Time
	mu   sync.Mutex
	m    map[string]cachedResult
}

type cachedResult struct {
	At     time.Time     `json:"at"`
	Result verify.Result `json:"result"`
}

// OpenVerifyCache loads the cache at path (none yet is an empty cache);
// results older than ttl are dropped.
func OpenVerifyCache(path string, ttl time.Duration) (*VerifyCache, error) {
	c := &VerifyCache{path: path, ttl: ttl, now: time.Now, m: map[string]cachedResult{}}
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(b, &c.m); err != nil {
		return nil, errors.New(path + ": not a verification cache: " + err.Error())
	}
	for k, v := range c.m {
		if c.now().Sub(v.At) > ttl || v.At.After(c.now().Add(time.Minute)) {
			delete(c.m, k)
		}
	}
	return c, nil
}

func (c *VerifyCache) get(key string) (*verify.Result, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[key]
	if !ok || c.now().Sub(v.At) > c.ttl {
		return nil, false
	}
	r := v.Result
	return &r, true
}

func (c *VerifyCache) put(key string, r verify.Result) {
	if c == nil || r.Status == verify.Indeterminate {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[key] = cachedResult{At: c.now().UTC(), Result: r}
}

// Save writes the cache (mode 0600) through a file renamed over it.
func (c *VerifyCache) Save() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := writeFileAtomic(c.path, func(w io.Writer) error {
		return json.NewEncoder(w).Encode(c.m)
	}); err != nil {
		return err
	}
	return os.Chmod(c.path, 0o600)
}
