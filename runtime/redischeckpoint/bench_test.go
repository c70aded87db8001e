package redischeckpoint_test

// BenchmarkCheckpoint measures what checkpointing adds to each action of
// durable runs of 1,000 actions: the same actions run without a checkpointer (none), with
// the file checkpointer, and with this one on a loopback server. Next to
// them, raw-roundtrip runs the actions without a checkpointer but with one
// plain go-redis SET each, of as many bytes as the action's checkpoint:
// the floor of any checkpoint kept on Redis. Read
// the overheads as differences from none, and their ratios
// (`make bench`):
//
//	file overhead  = file - none     (the same for stores of 100 and 10,000 keys)
//	redis overhead = redis - none    against raw-roundtrip - none

import (
	"context"
	"fmt"
	"strconv"
	"testing"

	"github.com/gostage/gostage/runtime/redischeckpoint"
	"github.com/gostage/gostage/runtime/store"
	"github.com/gostage/gostage/runtime/workflow"
)

func BenchmarkCheckpoint(b *testing.B) {
	for _, size := range []struct{ store, writes int }{{100, 1}, {10000, 1}, {10000, 100}} {
		name := fmt.Sprintf("store=%d/writes=%d", size.store, size.writes)
		b.Run(name+"/none", func(b *testing.B) {
			benchActions(b, size.store, size.writes, nil, nil)
		})
		b.Run(name+"/file", func(b *testing.B) {
			cp, err := workflow.NewFileCheckpointer(b.TempDir())
			if err != nil {
				b.Fatal(err)
			}
			benchActions(b, size.store, size.writes, cp, nil)
		})
		b.Run(name+"/redis", func(b *testing.B) {
			cp := redischeckpoint.New(newClient(b), redischeckpoint.WithPrefix(prefixOf(b)))
			benchActions(b, size.store, size.writes, cp, nil)
		})
		b.Run(name+"/raw-roundtrip", func(b *testing.B) {
			client := newClient(b)
			key := prefixOf(b) + ":raw"
			payload := checkpointOf(b, size.writes)
			roundTrip := func() {
				if err := client.Set(context.Background(), key, payload, 0).Err(); err != nil {
					b.Fatal(err)
				}
			}
			benchActions(b, size.store, size.writes, nil, roundTrip)
		})
	}
}

// checkpointOf returns a checkpoint of an action that wrote writes keys,
// as a checkpointer writes it.
func checkpointOf(b *testing.B, writes int) []byte {
	s := store.NewKVStore()
	keys := make([]string, writes)
	for j := range keys {
		keys[j] = "out." + strconv.Itoa(j)
		if err := s.Put(keys[j], 1000+j); err != nil {
			b.Fatal(err)
		}
	}
	snap, err := s.SnapshotKeys(keys)
	if err != nil {
		b.Fatal(err)
	}
	data, err := workflow.Checkpoint{Seq: 1000, Completed: 1000, Store: snap}.MarshalJSON()
	if err != nil {
		b.Fatal(err)
	}
	return data
}

// runLength is how many actions one run of the benchmark has: b.N
// actions are timed as runs of that many, each starting from the same
// store, so that the store and the checkpoint log stay the same size
// however large b.N grows.
const runLength = 1000

// benchActions times b.N actions that each write writes keys into a
// store that holds storeSize keys before the run: durable runs with cp,
// plain ones without. Each action calls extra, when given. The start of
// each run (claiming it, and its first checkpoint, of the whole store) is
// not timed.
func benchActions(b *testing.B, storeSize, writes int, cp workflow.Checkpointer, extra func()) {
	keys := make([]string, writes)
	for j := range keys {
		keys[j] = "out." + strconv.Itoa(j)
	}
	write := func(s *store.KVStore, n int) error {
		for _, k := range keys {
			if err := s.Put(k, n); err != nil {
				return err
			}
		}
		if extra != nil {
			extra()
		}
		return nil
	}
	options := []workflow.RunnerOption{workflow.WithoutValidation()}
	if cp != nil {
		options = append(options, workflow.WithCheckpointer(cp))
	}
	r := workflow.NewRunner(options...)
	b.StopTimer()
	b.ResetTimer()
	for run, left := 0, b.N; left > 0; run, left = run+1, left-runLength {
		wf := workflow.New("bench", "bench", "writes keys")
		for i := range storeSize {
			if err := wf.Store.Put("k"+strconv.Itoa(i), i); err != nil {
				b.Fatal(err)
			}
		}
		st := workflow.NewStage("s", "s", "the actions")
		st.AddAction(&benchAction{BaseAction: workflow.NewBaseAction("start", ""), run: func(*store.KVStore, int) error {
			b.StartTimer()
			return nil
		}})
		for i := range min(left, runLength) {
			st.AddAction(&benchAction{BaseAction: workflow.NewBaseAction("write-"+strconv.Itoa(i), ""), n: i, run: write})
		}
		wf.AddStage(st)
		var err error
		if cp == nil {
			err = r.Execute(context.Background(), wf)
		} else {
			err = r.ExecuteRun(context.Background(), wf, "run-"+strconv.Itoa(run))
		}
		b.StopTimer()
		if err != nil {
			b.Fatal(err)
		}
	}
}

// benchAction runs a function with the store and its number.
type benchAction struct {
	workflow.BaseAction
	n   int
	run func(s *store.KVStore, n int) error
}

func (a *benchAction) Execute(ctx *workflow.ActionContext) error { return a.run(ctx.Store(), a.n) }
