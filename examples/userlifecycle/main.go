// Command userlifecycle runs the user lifecycle of the state-management
// guide: three stages, one action each, passing a user's profile and
// status through the workflow's store.
//
//   - create-user puts a UserProfile under "user.profile" and "pending"
//     under "user.status";
//   - activate-user reads both and sets the status to "active";
//   - process-user-data reads both, does its work when the user is active,
//     and deletes "user.status".
//
// After the run the program reads the final store: the profile is there,
// the status is gone. Keys are plain strings here, used with Put, Get,
// GetOrDefault and Delete as the guide does; each action also declares its
// contract, so the runner checks the stage order before anything runs.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/gostage/gostage/runtime/store"
	"github.com/gostage/gostage/runtime/workflow"
)

// The store keys the actions share.
const (
	keyProfile = "user.profile"
	keyStatus  = "user.status"
)

// UserProfile is the user the workflow creates.
type UserProfile struct {
	ID    int
	Name  string
	Email string
}

// CreateUser stores a new user's profile with the status "pending".
type CreateUser struct {
	workflow.BaseAction
	Profile UserProfile
	Out     io.Writer
}

// Contract says what CreateUser provides to the actions after it.
func (a *CreateUser) Contract() workflow.Contract {
	return workflow.Contract{Writes: []string{keyProfile, keyStatus}}
}

// Execute puts the profile and the pending status.
func (a *CreateUser) Execute(ctx *workflow.ActionContext) error {
	if err := ctx.Store().Put(keyProfile, a.Profile); err != nil {
		return err
	}
	if err := ctx.Store().Put(keyStatus, "pending"); err != nil {
		return err
	}
	fmt.Fprintf(a.Out, "created user %d (%s), status pending\n", a.Profile.ID, a.Profile.Name)
	return nil
}

// ActivateUser marks a pending user active.
type ActivateUser struct {
	workflow.BaseAction
	Out io.Writer
}

// Contract says that ActivateUser needs a created user.
func (a *ActivateUser) Contract() workflow.Contract {
	return workflow.Contract{Reads: []string{keyProfile, keyStatus}, Writes: []string{keyStatus}}
}

// Execute sets the status to "active". A user that is not pending is an
// error: activating twice means the workflow is wrong.
func (a *ActivateUser) Execute(ctx *workflow.ActionContext) error {
	profile, err := store.Get[UserProfile](ctx.Store(), keyProfile)
	if err != nil {
		return err
	}
	status, err := store.Get[string](ctx.Store(), keyStatus)
	if err != nil {
		return err
	}
	if status != "pending" {
		return fmt.Errorf("user %d is %q, not pending", profile.ID, status)
	}
	if err := ctx.Store().Put(keyStatus, "active"); err != nil {
		return err
	}
	fmt.Fprintf(a.Out, "activated user %d, status active\n", profile.ID)
	return nil
}

// ProcessUserData does the work for an active user, then drops the
// status, which nothing after it needs.
type ProcessUserData struct {
	workflow.BaseAction
	Out io.Writer
}

// Contract says that ProcessUserData needs the profile and the status.
func (a *ProcessUserData) Contract() workflow.Contract {
	return workflow.Contract{Reads: []string{keyProfile, keyStatus}}
}

// Execute processes the user's data when the user is active. A missing
// status reads as "pending", so that a user never activated is skipped
// rather than failing the run.
func (a *ProcessUserData) Execute(ctx *workflow.ActionContext) error {
	profile, err := store.Get[UserProfile](ctx.Store(), keyProfile)
	if err != nil {
		return err
	}
	status, err := store.GetOrDefault(ctx.Store(), keyStatus, "pending")
	if err != nil {
		return err
	}
	if status == "active" {
		fmt.Fprintf(a.Out, "processing data of %s <%s>\n", profile.Name, profile.Email)
	} else {
		fmt.Fprintf(a.Out, "skipping user %d: status %s\n", profile.ID, status)
	}
	if ctx.Store().Delete(keyStatus) {
		fmt.Fprintln(a.Out, "removed user.status")
	}
	return nil
}

// newWorkflow returns the user lifecycle for profile, its actions writing
// what they do to out.
func newWorkflow(profile UserProfile, out io.Writer) *workflow.Workflow {
	wf := workflow.New("user-lifecycle", "user lifecycle", "creates, activates and processes a user")

	create := workflow.NewStage("create", "create", "creates the user")
	create.AddAction(&CreateUser{
		BaseAction: workflow.NewBaseAction("create-user", "stores a new user's profile as pending", "user"),
		Profile:    profile,
		Out:        out,
	})
	activate := workflow.NewStage("activate", "activate", "activates the user")
	activate.AddAction(&ActivateUser{
		BaseAction: workflow.NewBaseAction("activate-user", "marks a pending user active", "user"),
		Out:        out,
	})
	process := workflow.NewStage("process", "process", "processes the user's data")
	process.AddAction(&ProcessUserData{
		BaseAction: workflow.NewBaseAction("process-user-data", "processes an active user's data", "user"),
		Out:        out,
	})

	wf.AddStage(create, activate, process)
	return wf
}

// run runs the lifecycle for Alice, reports the final store to out, and
// returns it.
func run(ctx context.Context, out io.Writer) (*store.KVStore, error) {
	wf := newWorkflow(UserProfile{ID: 1, Name: "Alice", Email: "alice@example.com"}, out)
	if err := workflow.NewRunner().Execute(ctx, wf); err != nil {
		return nil, err
	}

	profile, err := store.Get[UserProfile](wf.Store, keyProfile)
	if err != nil {
		return nil, fmt.Errorf("final store: %w", err)
	}
	fmt.Fprintf(out, "final store: %s = %+v\n", keyProfile, profile)
	_, err = store.Get[string](wf.Store, keyStatus)
	switch {
	case errors.Is(err, store.ErrNotFound):
		fmt.Fprintf(out, "final store: %s is gone\n", keyStatus)
	case err != nil:
		return nil, fmt.Errorf("final store: %w", err)
	default:
		return nil, fmt.Errorf("final store: %s is still there", keyStatus)
	}
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
