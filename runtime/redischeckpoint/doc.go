// Package redischeckpoint keeps the checkpoints of gostage's durable runs
// ([workflow.Runner.ExecuteRun]) on a Redis server, so that a run started
// on one machine can be resumed on another:
//
//	client := redis.NewClient(&redis.Options{Addr: "localhost:6379"})
//	cp := redischeckpoint.New(client, redischeckpoint.WithPrefix("shop"))
//	r := workflow.NewRunner(workflow.WithCheckpointer(cp))
//	err := r.ExecuteRun(ctx, wf, "order-42")
//
// It takes the go-redis client the program already configured (one
// server, Sentinel or Cluster, as a [redis.UniversalClient]) and never
// dials on its own. It is the only package of gostage that imports
// go-redis.
//
// # One worker per run
//
// A worker holds a run through a lease: a key holding a random token,
// which expires after the lease time ([WithLease], 30 seconds by
// default) unless renewed. The worker renews it a few times per lease
// time while the run goes on. When a worker stops renewing (its process
// died, was paused, or lost the network), another worker may take the
// run once the lease lapses.
//
// The run's log is named after the token of the claim that writes it,
// and a claim renames the log of the run's last owner after its own
// token. Every checkpoint after a run's first is one RPUSHX, which
// appends only to a list that exists: once another worker took the run,
// the old owner's log is gone, its write appends nothing and fails with
// an error wrapping [workflow.ErrRunLost], which stops its run, and none
// of its writes reaches the new owner's log. (The first checkpoint, for
// which no log exists yet, is a Lua script that checks the lease's
// token.) A worker does not wait for a write to learn it lost the lease:
// as soon as a renewal is refused, or a lease time has passed since the
// last one that succeeded (the process was paused, the server out of
// reach), it writes nothing more and the context of the running action
// is cancelled, with a cause wrapping [workflow.ErrRunLost]
// ([workflow.LeasedClaim]).
//
// # Layout
//
// The keys of run ID under prefix P (default "gostage") are:
//
//	P:{ID}:lease     string: the token of the worker holding the run, with the lease as its TTL
//	P:{ID}:owner     string: the token of the last worker that claimed the run, T
//	P:{ID}:log:T     list: the run's checkpoints, oldest first, each a JSON object
//	                 {"seq":N,"completed":N,"full":bool,"plan":{...},"store":{snapshot}}
//
// The keys of a run share the hash tag {ID}, so they live on one slot of
// a Redis Cluster, as the scripts that touch several need. So that the
// ID is the only hash tag, a prefix holding a brace is refused, and so is
// a run ID starting with "}" ("{}" is no hash tag). A checkpoint is one
// RPUSHX (one round trip). The worker knows its log's length, so one out
// of sequence is refused before it is sent; the RPUSHX's result, the
// log's length, also says whether the log was as the worker left it
// (when the server lost writes, the checkpoint is taken back out).
// A claim is a GET of the owner and one script. Nothing lists keys (no
// KEYS or SCAN). Finished runs stay until their keys are deleted: the
// owner, the log it names, and the lease if a worker still holds it.
//
// # What the server must keep
//
// A run is as durable as the server keeps its log. A server that restarts
// without persistence, or that evicts keys under memory pressure
// (maxmemory-policy allkeys-*), loses the logs: such a run then starts
// again from its first action, as a run that never started does. Run the
// server with appendonly yes and a maxmemory-policy that never evicts the
// logs (noeviction, or a volatile-* policy: the logs have no TTL).
//
// # Server versions
//
// It needs Lua scripting (EVALSHA), SET with NX and PX and RPUSHX with
// one value, as every Redis since 2.6.12 has; its tests run against
// Redis 7.0.
package redischeckpoint
