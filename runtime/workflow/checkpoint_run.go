package workflow

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/gostage/gostage/runtime/store"
)

// durableRun is the state of one run of [Runner.ExecuteRun] between its
// checkpoints.
type durableRun struct {
	id    string
	wf    *Workflow
	claim RunClaim
	plan  *Plan
	// seq is the Seq of the next checkpoint.
	seq int
	// completed is how many actions have completed, in run order.
	completed int
	// tracker says what each action changed in the store.
	tracker *store.ChangeTracker
	// snapshot is the buffer of the snapshots of what actions changed,
	// reused from one checkpoint to the next.
	snapshot []byte
}

// checkDurable returns an error when wf cannot run durably as runID: a
// durable run records the names of every stage and action first, so nil
// ones are refused before anything is written.
func checkDurable(wf *Workflow, runID string) error {
	if wf == nil {
		return errors.New("workflow: ExecuteRun: nil workflow")
	}
	if runID == "" {
		return fmt.Errorf("workflow %q: ExecuteRun: empty run id", wf.Name)
	}
	if wf.Store == nil {
		return fmt.Errorf("workflow %q: no store: create workflows with workflow.New", wf.Name)
	}
	for i, st := range wf.Stages {
		if st == nil {
			return fmt.Errorf("workflow %q: stage %d is nil", wf.Name, i)
		}
		for j, a := range st.Actions {
			if a == nil {
				return fmt.Errorf("workflow %q: stage %q: action %d is nil", wf.Name, st.Name, j)
			}
		}
	}
	return nil
}

// start records the first checkpoint of a new run: its plan and its whole
// store.
func (d *durableRun) start(ctx context.Context) error {
	data, err := d.wf.Store.MarshalJSON()
	if err != nil {
		return fmt.Errorf("run %q: checkpoint of the initial store: %w", d.id, err)
	}
	if err := d.write(ctx, Checkpoint{Store: data, Full: true, Plan: d.plan}); err != nil {
		return fmt.Errorf("run %q: first checkpoint: %w", d.id, err)
	}
	return nil
}

// save is called after each action that completed, with the number of
// actions completed so far: it checkpoints what the action changed. It is
// called too after each stage and at the end of the run, with the same
// number, to keep what middleware wrote after the last action; it writes
// nothing then when nothing changed.
func (d *durableRun) save(ctx context.Context, completed int) error {
	changes := d.tracker.Take()
	if completed == d.completed && !changes.Cleared && len(changes.Keys) == 0 {
		return nil
	}
	cp := Checkpoint{Completed: completed}
	var err error
	switch {
	case changes.Cleared:
		cp.Store, err = d.wf.Store.MarshalJSON()
		cp.Full = true
	case len(changes.Keys) > 0:
		// Save keeps no hold on cp.Store: the next checkpoint reuses it.
		d.snapshot, err = d.wf.Store.AppendSnapshotKeys(d.snapshot[:0], changes.Keys)
		cp.Store = d.snapshot
	}
	if err != nil {
		return err
	}
	return d.write(ctx, cp)
}

// write saves cp as the run's next checkpoint. A checkpoint records work
// already done, so it is written even when ctx was cancelled meanwhile:
// the run stops before its next action instead.
func (d *durableRun) write(ctx context.Context, cp Checkpoint) error {
	cp.Seq = d.seq
	if err := d.claim.Save(context.WithoutCancel(ctx), cp); err != nil {
		return err
	}
	d.seq++
	d.completed = cp.Completed
	return nil
}

// restore checks the run's checkpoints against the workflow, and brings
// wf.Store and the run's progress to where the last one left them. On an
// error wf.Store is left as it was.
func (d *durableRun) restore(cps []Checkpoint) error {
	first := cps[0]
	if first.Plan == nil || !first.Full || first.Seq != 0 {
		return fmt.Errorf("run %q: the first checkpoint is not the start of a run", d.id)
	}
	if err := first.Plan.diff(d.plan); err != nil {
		return fmt.Errorf("run %q: %w: %w", d.id, ErrWorkflowChanged, err)
	}
	// The checkpoints are applied to a store of their own, which replaces
	// wf.Store's content only once all of them could be read: a checkpoint
	// that cannot be (a type this program does not know) must not leave
	// the user's store half restored.
	restored := store.NewKVStore()
	completed, total := 0, d.plan.actions()
	for i, cp := range cps {
		if cp.Seq != i || cp.Completed < completed || cp.Completed > total {
			return fmt.Errorf("run %q: checkpoint %d (seq %d, %d of %d actions completed) does not follow the one before", d.id, i, cp.Seq, cp.Completed, total)
		}
		if err := apply(restored, cp); err != nil {
			return fmt.Errorf("run %q: checkpoint %d (%s): %w", d.id, i, d.plan.recorded(cp), err)
		}
		completed = cp.Completed
	}
	if err := d.wf.Store.ReplaceWith(restored); err != nil {
		return fmt.Errorf("run %q: restore: %w", d.id, err)
	}
	d.completed, d.seq = completed, len(cps)
	return nil
}

// apply brings s up to date with the store snapshot of cp.
func apply(s *store.KVStore, cp Checkpoint) error {
	switch {
	case cp.Full:
		return json.Unmarshal(cp.Store, s)
	case len(cp.Store) > 0:
		return s.ApplySnapshot(cp.Store)
	}
	return nil
}
