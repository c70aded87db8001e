// Command userlifecycle runs the user lifecycle of the state-management
// guide: three stages, one action each, passing a user's profile and
// status through the workflow's store.
//
//   - create-user puts a profile under "user.profile" and "pending" under
//     "user.status";
//   - activate-user reads both and sets the status to "active";
//   - process-user-data reads both, does its work when the user is active,
//     and deletes "user.status".
//
// The keys are declared once, as the fields of userkeys.User, and the
// actions as structs with a //gostage:action directive (actions.go);
// gostage-gen generates the typed store accessors, each action's IO and
// its workflow.Action methods and contract, so no key string or type
// argument appears at a call site. The runner checks the contracts, and so
// the stage order, before anything runs. After the run the program reads
// the final store: the profile is there, the status is gone.
package main

//go:generate go tool gostage-gen

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/gostage/gostage/examples/userlifecycle/userkeys"
	"github.com/gostage/gostage/runtime/store"
	"github.com/gostage/gostage/runtime/workflow"
)

// newWorkflow returns the user lifecycle for profile, its actions writing
// what they do to out.
func newWorkflow(profile userkeys.UserProfile, out io.Writer) *workflow.Workflow {
	wf := workflow.New("user-lifecycle", "user lifecycle", "creates, activates and processes a user")

	create := workflow.NewStage("create", "create", "creates the user")
	create.AddAction(&CreateUser{Profile: profile, Out: out})
	activate := workflow.NewStage("activate", "activate", "activates the user")
	activate.AddAction(&ActivateUser{Out: out})
	process := workflow.NewStage("process", "process", "processes the user's data")
	process.AddAction(&ProcessUserData{Out: out})

	wf.AddStage(create, activate, process)
	return wf
}

// run runs the lifecycle for Alice, reports the final store to out, and
// returns it.
func run(ctx context.Context, out io.Writer) (*store.KVStore, error) {
	wf := newWorkflow(userkeys.UserProfile{ID: 1, Name: "Alice", Email: "alice@example.com"}, out)
	if err := workflow.NewRunner().Execute(ctx, wf); err != nil {
		return nil, err
	}

	user := userkeys.UserOf(wf.Store)
	profile, err := user.Profile()
	if err != nil {
		return nil, fmt.Errorf("final store: %w", err)
	}
	fmt.Fprintf(out, "final store: %s = %+v\n", userkeys.UserProfileKey.Name(), profile)
	if user.HasStatus() {
		return nil, fmt.Errorf("final store: %s is still there", userkeys.UserStatusKey.Name())
	}
	fmt.Fprintf(out, "final store: %s is gone\n", userkeys.UserStatusKey.Name())
	return wf.Store, nil
}

func main() {
	// Ctrl-C cancels the run between actions.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	_, err := run(ctx, os.Stdout)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "userlifecycle:", err)
		os.Exit(1)
	}
}
