package redischeckpoint

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/gostage/gostage/runtime/workflow"
)

// Checkpointer is a [workflow.Checkpointer] over a Redis server. Create one
// with [New]; it is safe for concurrent use, by many runs at once.
type Checkpointer struct {
	client redis.UniversalClient
	prefix string
	lease  time.Duration
}

// Option configures a [Checkpointer] made by [New].
type Option func(*Checkpointer)

// DefaultLease is the lease time of a Checkpointer made without
// [WithLease].
const DefaultLease = 30 * time.Second

// WithPrefix makes the checkpointer's keys start with prefix instead of
// "gostage", so that several programs share a server without sharing runs.
// The prefix holds no brace: a hash tag in it would put every run on one
// Redis Cluster slot, or, empty ("{}"), the two keys of a run on two.
func WithPrefix(prefix string) Option {
	if strings.ContainsAny(prefix, "{}") {
		panic(fmt.Sprintf("redischeckpoint: WithPrefix: prefix %q holds a brace: the run's ID is the keys' hash tag", prefix))
	}
	return func(c *Checkpointer) { c.prefix = prefix }
}

// WithLease sets how long a worker holds a run without renewing its
// lease; once it lapses, another worker may take the run. A shorter lease
// lets another worker take over sooner after a crash, at the cost of more
// renewals. It panics when lease is under a millisecond, the least Redis
// keeps a key for.
func WithLease(lease time.Duration) Option {
	if lease < time.Millisecond {
		panic(fmt.Sprintf("redischeckpoint: WithLease: lease %v is under a millisecond", lease))
	}
	return func(c *Checkpointer) { c.lease = lease }
}

// New returns a checkpointer that keeps runs on the server of client. It
// panics on a nil client.
func New(client redis.UniversalClient, options ...Option) *Checkpointer {
	if client == nil {
		panic("redischeckpoint: New: nil client")
	}
	c := &Checkpointer{client: client, prefix: "gostage", lease: DefaultLease}
	for _, opt := range options {
		opt(c)
	}
	return c
}

// keys returns the lease and log keys of run runID, which share the hash
// tag {runID}.
func (c *Checkpointer) keys(runID string) []string {
	base := c.prefix + ":{" + runID + "}:"
	return []string{base + "lease", base + "log"}
}

// The scripts take KEYS[1] the lease and KEYS[2] the log, and ARGV[1] the
// token. Each one is one round trip and atomic.
var (
	// claimScript takes the lease for ARGV[2] ms if no one holds it, and
	// then returns the log; otherwise it returns the lease's time left.
	claimScript = redis.NewScript(`
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
	return redis.call('LRANGE', KEYS[2], 0, -1)
end
return redis.call('PTTL', KEYS[1])`)

	// saveScript appends checkpoint ARGV[3], whose seq is ARGV[2], and
	// renews the lease for ARGV[4] ms. It returns 'ok'; 'lost' when the
	// token is not the lease's; or the log's length when it is not the
	// checkpoint's seq. The length is the one RPUSH returns, which spares
	// an LLEN on every checkpoint; a checkpoint pushed out of sequence is
	// popped again before the script ends, so no one ever sees it.
	saveScript = redis.NewScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
	return 'lost'
end
local n = redis.call('RPUSH', KEYS[2], ARGV[3]) - 1
if n ~= tonumber(ARGV[2]) then
	redis.call('RPOP', KEYS[2])
	return n
end
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 'ok'`)

	// renewScript renews the lease for ARGV[2] ms; it returns 0 when the
	// token is not the lease's.
	renewScript = redis.NewScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
	return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0`)

	// releaseScript deletes the lease if the token is still its own.
	releaseScript = redis.NewScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
	return redis.call('DEL', KEYS[1])
end
return 0`)
)

// Claim takes the lease of run runID and reads its checkpoints. It fails
// with an error wrapping [workflow.ErrRunInProgress] while another worker
// holds the lease.
func (c *Checkpointer) Claim(ctx context.Context, runID string) (workflow.RunClaim, []workflow.Checkpoint, error) {
	if runID == "" {
		return nil, nil, fmt.Errorf("redischeckpoint: empty run id")
	}
	if strings.HasPrefix(runID, "}") {
		// "{}" is no hash tag: Redis Cluster would hash each key whole
		// and put the lease and the log on two slots, which one script
		// cannot touch. Refused on every server, so that a run ID that
		// works in development works on a Cluster.
		return nil, nil, fmt.Errorf("redischeckpoint: run id %q starts with '}', which leaves its keys no hash tag on Redis Cluster", runID)
	}
	keys := c.keys(runID)
	token, err := newToken()
	if err != nil {
		return nil, nil, err
	}
	sent := time.Now()
	res, err := claimScript.Run(ctx, c.client, keys, token, c.lease.Milliseconds()).Result()
	if err != nil {
		return nil, nil, fmt.Errorf("redischeckpoint: claim %s: %w", keys[0], err)
	}
	entries, ok := res.([]any)
	if !ok {
		left, _ := res.(int64)
		return nil, nil, fmt.Errorf("redischeckpoint: %s is held by another worker for %v more: %w",
			keys[0], time.Duration(left)*time.Millisecond, workflow.ErrRunInProgress)
	}
	cps, err := decode(keys[1], entries)
	if err != nil {
		releaseScript.Run(context.WithoutCancel(ctx), c.client, keys[:1], token)
		return nil, nil, err
	}
	return newClaim(c, keys, token, sent), cps, nil
}

// decode reads the checkpoints of the log key.
func decode(key string, entries []any) ([]workflow.Checkpoint, error) {
	cps := make([]workflow.Checkpoint, len(entries))
	for i, e := range entries {
		s, _ := e.(string)
		if err := json.Unmarshal([]byte(s), &cps[i]); err != nil {
			return nil, fmt.Errorf("redischeckpoint: %s: checkpoint %d: %w", key, i, err)
		}
	}
	return cps, nil
}

// newToken returns a random token, which no other claim has.
func newToken() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("redischeckpoint: token: %w", err)
	}
	return hex.EncodeToString(b[:]), nil
}
