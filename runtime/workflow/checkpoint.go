package workflow

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
)

// ErrRunInProgress is wrapped by the error of [Runner.ExecuteRun] for a
// run that another worker holds: another process, or another call in this
// one.
var ErrRunInProgress = errors.New("run in progress elsewhere")

// ErrRunLost is wrapped by the error of a checkpoint refused because the
// worker no longer holds its run: its lease lapsed (the process was paused
// or cut off) and the run may have been taken by another worker, whose
// state the refused write would have overwritten.
var ErrRunLost = errors.New("run no longer held by this worker")

// ErrWorkflowChanged is wrapped by the error of [Runner.ExecuteRun]
// refusing to resume a run whose workflow changed since the run started:
// its ID, or its stages or actions or their order. The error names the
// first difference.
var ErrWorkflowChanged = errors.New("workflow changed since the run started")

// Checkpointer keeps the checkpoints of durable runs ([WithCheckpointer],
// [Runner.ExecuteRun]). [NewFileCheckpointer] keeps them in a directory,
// and package redischeckpoint on a Redis server; implement it to keep them
// anywhere else (a SQL table, an object store).
type Checkpointer interface {
	// Claim makes the caller the only worker of the run runID until it
	// calls Release on the returned claim, or until its process dies.
	// It returns the run's checkpoints, oldest first: none for a run that
	// never started. While another worker holds the run, it fails with an
	// error wrapping [ErrRunInProgress].
	Claim(ctx context.Context, runID string) (RunClaim, []Checkpoint, error)
}

// RunClaim is one worker's hold on one run, returned by
// [Checkpointer.Claim].
type RunClaim interface {
	// Save records cp after the run's last checkpoint, atomically: after
	// a crash, all of it is there or none. cp.Seq is the number of
	// checkpoints saved before it; any other is an error and nothing is
	// written. When the worker lost its hold on the run, Save writes
	// nothing and fails with an error wrapping [ErrRunLost]. Like the
	// bytes passed to an io.Writer, cp.Store is only lent: Save must not
	// keep it once it returns, since the run reuses it for the next
	// checkpoint.
	Save(ctx context.Context, cp Checkpoint) error
	// Release lets other workers claim the run. It is called once, after
	// the last Save.
	Release(ctx context.Context) error
}

// LeasedClaim is a [RunClaim] whose hold on the run can be lost while an
// action runs: a lease that was not renewed in time, because the process
// was paused or cut off from the server. [Runner.ExecuteRun] then stops
// the running action at once, by cancelling its context, rather than
// letting it go on to a checkpoint that would be refused: another worker
// may be running the run already.
type LeasedClaim interface {
	RunClaim
	// Held returns a context that is live while the worker holds the
	// run. Once the hold is lost it is cancelled, with a cause
	// ([context.Cause]) that wraps [ErrRunLost]; it is cancelled too by
	// Release.
	Held() context.Context
}

// Checkpoint is what a durable run records: once when it starts, with the
// whole store, then after each action that completes, with what that
// action changed, and after a stage or the whole run when middleware
// changed the store after its last action.
type Checkpoint struct {
	// Seq is the checkpoint's place in its run: 0 for the one written when
	// the run starts, then 1, 2, ...
	Seq int
	// Completed is how many of the run's actions, counted in run order
	// across stages, had completed.
	Completed int
	// Store is a snapshot of the workflow's store (JSON): of the whole
	// store when Full, otherwise of the keys the last action changed, the
	// removed ones listed as such. Empty when the action changed nothing.
	Store []byte
	// Full says that Store holds the whole store and replaces it.
	Full bool
	// Plan is the workflow the run runs, in the first checkpoint only: a
	// resume of a workflow whose stages or actions changed is refused.
	Plan *Plan
}

// Plan is the shape of a workflow, as a durable run records it: its id
// and, in run order, the stages by id with their actions by name.
type Plan struct {
	// Workflow is the workflow's ID.
	Workflow string `json:"workflow"`
	// Stages are the stages, in run order.
	Stages []PlanStage `json:"stages"`
}

// PlanStage is one stage of a [Plan].
type PlanStage struct {
	// ID is the stage's ID.
	ID string `json:"id"`
	// Actions are the names of the stage's actions, in run order.
	Actions []string `json:"actions"`
}

// planOf returns the plan of wf.
func planOf(wf *Workflow) *Plan {
	p := &Plan{Workflow: wf.ID, Stages: make([]PlanStage, len(wf.Stages))}
	for i, st := range wf.Stages {
		p.Stages[i].ID = st.ID
		for _, a := range st.Actions {
			p.Stages[i].Actions = append(p.Stages[i].Actions, a.Name())
		}
	}
	return p
}

// actions returns how many actions the plan runs.
func (p *Plan) actions() int {
	n := 0
	for _, st := range p.Stages {
		n += len(st.Actions)
	}
	return n
}

// recorded says what checkpoint cp of a run of p records, for errors: a
// user who cannot restore a checkpoint needs the action that wrote it.
func (p *Plan) recorded(cp Checkpoint) string {
	if cp.Seq == 0 {
		return "the start of the run"
	}
	for n, i := cp.Completed, 0; n >= 1 && i < len(p.Stages); i++ {
		st := p.Stages[i]
		if n <= len(st.Actions) {
			return fmt.Sprintf("after action %q of stage %q", st.Actions[n-1], st.ID)
		}
		n -= len(st.Actions)
	}
	return fmt.Sprintf("after action %d", cp.Completed)
}

// diff returns nil when now is the same plan as p (the recorded one), and
// otherwise an error naming the first difference.
func (p *Plan) diff(now *Plan) error {
	if p.Workflow != now.Workflow {
		return fmt.Errorf("the run is of workflow %q, not %q", p.Workflow, now.Workflow)
	}
	for i := range max(len(p.Stages), len(now.Stages)) {
		if i >= len(now.Stages) {
			return fmt.Errorf("stage %d %q is gone (the run had %d stages, the workflow has %d)", i+1, p.Stages[i].ID, len(p.Stages), len(now.Stages))
		}
		if i >= len(p.Stages) {
			return fmt.Errorf("stage %d %q is new (the run had %d stages, the workflow has %d)", i+1, now.Stages[i].ID, len(p.Stages), len(now.Stages))
		}
		was, is := p.Stages[i], now.Stages[i]
		if was.ID != is.ID {
			return fmt.Errorf("stage %d was %q, is %q", i+1, was.ID, is.ID)
		}
		for j := range max(len(was.Actions), len(is.Actions)) {
			switch {
			case j >= len(is.Actions):
				return fmt.Errorf("stage %q: action %d %q is gone", is.ID, j+1, was.Actions[j])
			case j >= len(was.Actions):
				return fmt.Errorf("stage %q: action %d %q is new", is.ID, j+1, is.Actions[j])
			case was.Actions[j] != is.Actions[j]:
				return fmt.Errorf("stage %q: action %d was %q, is %q", is.ID, j+1, was.Actions[j], is.Actions[j])
			}
		}
	}
	return nil
}

// checkpointJSON is how a [Checkpoint] is written as JSON: with the store
// snapshot inline, readable with jq, instead of in base64.
type checkpointJSON struct {
	Seq       int             `json:"seq"`
	Completed int             `json:"completed"`
	Full      bool            `json:"full,omitempty"`
	Plan      *Plan           `json:"plan,omitempty"`
	Store     json.RawMessage `json:"store,omitempty"`
}

// MarshalJSON writes cp as a JSON object whose "store" member is the
// store snapshot itself, so a checkpoint kept as JSON stays readable. The
// snapshot is copied as it is, not parsed again: its cost is a copy of
// what the action changed. Checkpointers call it directly rather than
// through json.Marshal, which would parse the result again.
func (cp Checkpoint) MarshalJSON() ([]byte, error) {
	return cp.AppendJSON(make([]byte, 0, 64+len(cp.Store)))
}

// AppendJSON appends what [Checkpoint.MarshalJSON] returns to b and
// returns the extended slice, so that a checkpointer that sends each
// checkpoint before the next one reuses one buffer rather than
// allocating one per checkpoint. On an error it returns nil.
func (cp Checkpoint) AppendJSON(b []byte) ([]byte, error) {
	b = slices.Grow(b, 64+len(cp.Store))
	b = append(b, `{"seq":`...)
	b = strconv.AppendInt(b, int64(cp.Seq), 10)
	b = append(b, `,"completed":`...)
	b = strconv.AppendInt(b, int64(cp.Completed), 10)
	if cp.Full {
		b = append(b, `,"full":true`...)
	}
	if cp.Plan != nil {
		plan, err := json.Marshal(cp.Plan)
		if err != nil {
			return nil, err
		}
		b = append(b, `,"plan":`...)
		b = append(b, plan...)
	}
	if len(cp.Store) > 0 {
		b = append(b, `,"store":`...)
		b = append(b, cp.Store...)
	}
	return append(b, '}'), nil
}

// UnmarshalJSON reads a checkpoint written by [Checkpoint.MarshalJSON].
func (cp *Checkpoint) UnmarshalJSON(data []byte) error {
	var j checkpointJSON
	if err := json.Unmarshal(data, &j); err != nil {
		return err
	}
	*cp = Checkpoint{Seq: j.Seq, Completed: j.Completed, Full: j.Full, Plan: j.Plan, Store: j.Store}
	return nil
}
