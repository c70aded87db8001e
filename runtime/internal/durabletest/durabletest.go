// Package durabletest is what the tests of durable runs share, for every
// checkpointer: a workflow whose store holds values of many kinds, and
// workers, real processes that run it and that the tests kill, pause and
// race against each other.
//
// A test binary becomes a worker when its TestMain calls [WorkerMain]
// first: with the environment variables set by [Start] it runs one run and
// exits, and without them it returns at once.
package durabletest

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gostage/gostage/runtime/store"
	"github.com/gostage/gostage/runtime/workflow"
)

// Environment variables that make a test binary a worker.
const (
	envRun  = "DURABLETEST_RUN"  // the run ID
	envName = "DURABLETEST_NAME" // the worker's name, written by the held action
	envHold = "DURABLETEST_HOLD" // the action that waits for a line on stdin
	envStop = "DURABLETEST_STOP" // the held action also ends when its context is cancelled
	envArg  = "DURABLETEST_ARG"  // what the checkpointer is made of (directory, server address)
)

// Held is the action that a worker may hold ([Worker.Hold]): it writes
// before it waits, so a worker killed there dies in the middle of it.
const Held = "tag-and-hold"

// Profile is a struct value of the test workflow.
type Profile struct {
	ID    int
	Name  string
	Roles []string
}

var (
	profileKey = store.NewKey[Profile]("user.profile", store.WithTags("pii"), store.WithDescription("the user"))
	otpKey     = store.NewKey[string]("user.otp", store.WithTTL(time.Hour))
)

// Workflow returns the workflow of the tests, as the worker named name
// runs it: three stages whose actions write, overwrite, tag and delete
// keys, one of which (Held) calls hold between its writes, and fails with
// its error. Every action gives the same result when it runs again, as
// actions of durable runs must.
func Workflow(name string, hold func(ctx *workflow.ActionContext) error) *workflow.Workflow {
	wf := workflow.New("durable-test", "durable test", "writes values of many kinds")
	_ = wf.Store.Put("tenant", "acme")
	_ = wf.Store.Put("scratch", 1)
	create := workflow.NewStage("create", "create", "creates the user")
	create.AddAction(
		act("put-profile", func(s *store.KVStore) error {
			return profileKey.Put(s, Profile{ID: 42, Name: "Ada", Roles: []string{"admin"}})
		}),
		act("put-otp", func(s *store.KVStore) error { return otpKey.Put(s, "4821") }),
		act("put-kinds", func(s *store.KVStore) error {
			return errors.Join(
				s.Put("big", uint64(1)<<63+1),
				s.Put("when", time.Date(2026, 3, 1, 12, 30, 0, 5, time.FixedZone("", 3600))),
				s.Put("raw", []byte{0xff, 0, 'x'}),
				s.Put("attrs", map[string]any{"n": int64(1), "list": []any{"x", 2.5}}),
			)
		}),
	)
	update := workflow.NewStage("update", "update", "changes the user")
	update.AddAction(
		&action{BaseAction: workflow.NewBaseAction(Held, "tags the user, then may wait"), run: func(ctx *workflow.ActionContext) error {
			s := ctx.Store()
			if err := s.Put("held.by", name); err != nil {
				return err
			}
			if err := s.AddTag("user.profile", "active"); err != nil {
				return err
			}
			if hold != nil {
				if err := hold(ctx); err != nil {
					return err
				}
			}
			return s.SetProperty("user.profile", "source", "test")
		}},
		act("delete-scratch", func(s *store.KVStore) error { s.Delete("scratch"); return nil }),
	)
	finish := workflow.NewStage("finish", "finish", "records the result")
	finish.AddAction(
		act("put-status", func(s *store.KVStore) error {
			return s.PutWithMetadata("user.status", "active", &store.Metadata{Description: "status", Tags: []string{"state"}})
		}),
	)
	wf.AddStage(create, update, finish)
	return wf
}

// action runs a function.
type action struct {
	workflow.BaseAction
	run func(ctx *workflow.ActionContext) error
}

// Execute runs the action's function.
func (a *action) Execute(ctx *workflow.ActionContext) error { return a.run(ctx) }

// act returns an action that runs f on the store.
func act(name string, f func(s *store.KVStore) error) *action {
	return &action{BaseAction: workflow.NewBaseAction(name, name), run: func(ctx *workflow.ActionContext) error {
		return f(ctx.Store())
	}}
}

// Dump describes every live entry of s, one sorted line per key: its
// value with its Go type, whether it expires, and its metadata without
// the times, which differ from run to run (as expiry times do). Two runs
// of the test workflow left the same store when their dumps are equal.
func Dump(s *store.KVStore) string {
	var b strings.Builder
	for _, k := range s.ListKeys() {
		v, _ := store.Get[any](s, k)
		md, _ := s.GetMetadata(k)
		tags := slices.Sorted(slices.Values(md.Tags))
		snap, err := s.SnapshotKeys([]string{k})
		expires := err == nil && strings.Contains(string(snap), `"expires":`)
		fmt.Fprintf(&b, "%s = %T %#v expires=%v tags=%v props=%v desc=%q\n", k, v, v, expires, tags, md.Properties, md.Description)
	}
	return b.String()
}

// ranPrefix starts the line a worker prints as it starts an action.
const ranPrefix = "ran "

// Results a worker prints last, on a line of its own.
const (
	Done       = "done"
	InProgress = "in-progress"
	Lost       = "lost"
)

// WorkerMain runs one run of [Workflow] and exits when the process was
// started by [Start], and returns at once otherwise. open makes the
// checkpointer from the worker's argument. The worker prints "hold" when
// it reaches the held action, "ran NAME" as it starts each action,
// "stopped" when the held action's context was cancelled, then the final
// store's [Dump] and a result:
// Done, InProgress, Lost, or "error: ..." (with exit status 1).
func WorkerMain(open func(arg string) (workflow.Checkpointer, error)) {
	runID := os.Getenv(envRun)
	if runID == "" {
		return
	}
	err := work(runID, open)
	switch {
	case err == nil:
		fmt.Println(Done)
	case errors.Is(err, workflow.ErrRunInProgress):
		fmt.Println(InProgress)
	case errors.Is(err, workflow.ErrRunLost):
		fmt.Println(Lost)
	default:
		fmt.Println("error:", err)
		os.Exit(1)
	}
	os.Exit(0)
}

// work runs the worker's run.
func work(runID string, open func(arg string) (workflow.Checkpointer, error)) error {
	cp, err := open(os.Getenv(envArg))
	if err != nil {
		return err
	}
	var hold func(*workflow.ActionContext) error
	if os.Getenv(envHold) != "" {
		hold = holdUntilReleased(os.Getenv(envStop) != "")
	}
	wf := Workflow(os.Getenv(envName), hold)
	announce := func(next workflow.ActionHandler) workflow.ActionHandler {
		return func(ctx *workflow.ActionContext) error {
			fmt.Println(ranPrefix + ctx.Action.Name())
			return next(ctx)
		}
	}
	r := workflow.NewRunner(workflow.WithCheckpointer(cp), workflow.WithActionMiddleware(announce))
	if err := r.ExecuteRun(context.Background(), wf, runID); err != nil {
		return err
	}
	fmt.Print(Dump(wf.Store))
	return nil
}

// holdUntilReleased returns the hold of a worker: it prints "hold" and
// waits for a line on stdin ([Worker.Release]). When stoppable, it also
// ends when the action's context is cancelled, printing "stopped" and
// returning the context's cause; otherwise it waits for the line whatever
// happens, as an action that never looks at its context does.
func holdUntilReleased(stoppable bool) func(*workflow.ActionContext) error {
	released := make(chan struct{})
	go func() {
		_, _ = bufio.NewReader(os.Stdin).ReadString('\n')
		close(released)
	}()
	return func(ctx *workflow.ActionContext) error {
		fmt.Println("hold")
		if !stoppable {
			<-released
			return nil
		}
		select {
		case <-released:
			return nil
		case <-ctx.Context().Done():
			fmt.Println("stopped")
			return context.Cause(ctx.Context())
		}
	}
}

// Worker is a worker process started by [Start].
type Worker struct {
	t     testing.TB
	cmd   *exec.Cmd
	stdin io.WriteCloser
	lines chan string
	out   []string
}

// Options say how a worker runs.
type Options struct {
	// Name is what the held action writes under "held.by".
	Name string
	// Hold makes the worker wait in the held action until [Worker.Release].
	Hold bool
	// Stoppable makes a held worker also stop waiting, and fail the held
	// action, when the action's context is cancelled.
	Stoppable bool
	// Arg is handed to the open function of [WorkerMain].
	Arg string
}

// Start starts the test binary as a worker of the run runID.
func Start(t testing.TB, runID string, o Options) *Worker {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), envRun+"="+runID, envName+"="+o.Name, envArg+"="+o.Arg)
	if o.Hold {
		cmd.Env = append(cmd.Env, envHold+"=1")
	}
	if o.Stoppable {
		cmd.Env = append(cmd.Env, envStop+"=1")
	}
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	w := &Worker{t: t, cmd: cmd, stdin: stdin, lines: make(chan string, 100)}
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			w.lines <- sc.Text()
		}
		close(w.lines)
	}()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	return w
}

// WaitHold waits until the worker is held in the held action.
func (w *Worker) WaitHold() {
	w.t.Helper()
	if line := w.Await(); line != "hold" {
		w.t.Fatalf("worker did not reach %s: %q", Held, w.out)
	}
}

// Await returns the first line the worker prints from now on that is not
// the start of an action: "hold" when it is held, or its result line.
// Call it from one goroutine at a time.
func (w *Worker) Await() string {
	for {
		line := w.Line()
		if !strings.HasPrefix(line, ranPrefix) {
			return line
		}
	}
}

// Line returns the next line the worker prints, "" once it is done.
// Call it from one goroutine at a time.
func (w *Worker) Line() string {
	line, ok := <-w.lines
	if ok {
		w.out = append(w.out, line)
	}
	return line
}

// Output returns the lines the worker printed so far.
func (w *Worker) Output() []string { return w.out }

// Release lets a held worker go on.
func (w *Worker) Release() {
	w.t.Helper()
	if _, err := io.WriteString(w.stdin, "go\n"); err != nil {
		w.t.Fatal(err)
	}
}

// Signal sends sig to the worker.
func (w *Worker) Signal(sig os.Signal) {
	w.t.Helper()
	if err := w.cmd.Process.Signal(sig); err != nil {
		w.t.Fatal(err)
	}
}

// Kill kills the worker with SIGKILL and waits for it to die.
func (w *Worker) Kill() {
	w.t.Helper()
	_ = w.cmd.Process.Kill()
	for range w.lines {
	}
	_ = w.cmd.Wait()
}

// Outcome is what a worker printed.
type Outcome struct {
	// Result is Done, InProgress, Lost or "error: ...".
	Result string
	// Ran are the actions the worker started, in order.
	Ran []string
	// Dump is the [Dump] of the final store, after Done.
	Dump string
}

// Finish waits for the worker to exit and returns what it printed.
func (w *Worker) Finish() Outcome {
	w.t.Helper()
	for w.Line() != "" {
	}
	if err := w.cmd.Wait(); err != nil {
		w.t.Logf("worker: %v", err)
	}
	var o Outcome
	for _, l := range w.out {
		switch {
		case l == "hold", l == "stopped":
		case strings.HasPrefix(l, ranPrefix):
			o.Ran = append(o.Ran, strings.TrimPrefix(l, ranPrefix))
		default:
			o.Dump += l + "\n"
		}
	}
	if o.Dump == "" {
		w.t.Fatalf("worker printed no result: %q", w.out)
	}
	o.Dump = strings.TrimSuffix(o.Dump, "\n")
	i := strings.LastIndexByte(o.Dump, '\n')
	o.Result, o.Dump = o.Dump[i+1:], o.Dump[:i+1]
	return o
}
