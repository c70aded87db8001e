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

// runKeys are the keys of one run, which share the hash tag {runID}.
type runKeys struct {
	base  string // P:{ID}:
	lease string // P:{ID}:lease
	owner string // P:{ID}:owner
}

// keysOf returns the keys of run runID.
func (c *Checkpointer) keysOf(runID string) runKeys {
	base := c.prefix + ":{" + runID + "}:"
	return runKeys{base: base, lease: base + "lease", owner: base + "owner"}
}

// log returns the key of the log written under token.
func (k runKeys) log(token string) string { return k.base + "log:" + token }

// The log of a run is named after the token of the claim that writes it:
// a claim renames the log of the run's last owner after its own token, so
// that a worker that lost the run to another finds its log gone. Every
// checkpoint after the first is then one plain RPUSHX, which appends only
// to a list that exists: no script, and no write ever reaches the new
// owner's log. The scripts below are atomic, and each is one round trip.
var (
	// claimScript takes the lease (KEYS[1]) for ARGV[2] ms with token
	// ARGV[1] if no one holds it. If the run's owner (KEYS[2]) is still
	// ARGV[3], as the caller read it, it renames that owner's log
	// (KEYS[3]) to this claim's (KEYS[4]), records the new owner and
	// returns the log. It returns the lease's time left when someone
	// holds it, and 'moved' (letting the lease go) when the owner changed
	// since the caller read it.
	claimScript = redis.NewScript(`
if not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
	return redis.call('PTTL', KEYS[1])
end
local owner = redis.call('GET', KEYS[2]) or ''
if owner ~= ARGV[3] then
	redis.call('DEL', KEYS[1])
	return 'moved'
end
if owner ~= '' and redis.call('EXISTS', KEYS[3]) == 1 then
	redis.call('RENAME', KEYS[3], KEYS[4])
end
redis.call('SET', KEYS[2], ARGV[1])
return redis.call('LRANGE', KEYS[4], 0, -1)`)

	// startScript writes checkpoint ARGV[2], the first of a run, to the
	// claim's log (KEYS[2]) if the lease (KEYS[1]) holds the claim's token
	// ARGV[1] and the log is empty. It returns 'ok'; 'lost' when the token
	// is not the lease's; or the log's length when it holds checkpoints.
	startScript = redis.NewScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
	return 'lost'
end
local n = redis.call('LLEN', KEYS[2])
if n ~= 0 then
	return n
end
redis.call('RPUSH', KEYS[2], ARGV[2])
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

// claimTries bounds how often Claim reads the run's owner again when
// another worker claimed the run between that read and its own claim.
const claimTries = 10

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
	keys := c.keysOf(runID)
	token, err := newToken()
	if err != nil {
		return nil, nil, err
	}
	for range claimTries {
		owner, err := c.client.Get(ctx, keys.owner).Result()
		if err != nil && err != redis.Nil {
			return nil, nil, fmt.Errorf("redischeckpoint: claim %s: %w", keys.lease, err)
		}
		sent := time.Now()
		res, err := claimScript.Run(ctx, c.client,
			[]string{keys.lease, keys.owner, keys.log(owner), keys.log(token)},
			token, c.lease.Milliseconds(), owner).Result()
		if err != nil {
			return nil, nil, fmt.Errorf("redischeckpoint: claim %s: %w", keys.lease, err)
		}
		switch res := res.(type) {
		case []any:
			cps, err := decode(keys.log(token), res)
			if err != nil {
				releaseScript.Run(context.WithoutCancel(ctx), c.client, []string{keys.lease}, token)
				return nil, nil, err
			}
			return newClaim(c, keys, token, sent, len(cps)), cps, nil
		case int64:
			return nil, nil, fmt.Errorf("redischeckpoint: %s is held by another worker for %v more: %w",
				keys.lease, time.Duration(res)*time.Millisecond, workflow.ErrRunInProgress)
		}
		// "moved": another worker claimed the run since its owner was
		// read; read it again.
	}
	return nil, nil, fmt.Errorf("redischeckpoint: claim %s: its owner kept changing while it was claimed: %w", keys.lease, workflow.ErrRunInProgress)
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
