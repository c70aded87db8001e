package main

import (
	"fmt"
	"io"

	"github.com/gostage/gostage/examples/userlifecycle/userkeys"
	"github.com/gostage/gostage/runtime/workflow"
)

// CreateUser stores a new user's profile with the status "pending".
//
//gostage:action writes=userkeys.User.Profile,userkeys.User.Status
type CreateUser struct {
	Profile userkeys.UserProfile
	Out     io.Writer
}

// Run puts the profile and the pending status.
func (a *CreateUser) Run(ctx *workflow.ActionContext, io CreateUserIO) error {
	if err := io.SetUserProfile(a.Profile); err != nil {
		return err
	}
	if err := io.SetUserStatus(userkeys.StatusPending); err != nil {
		return err
	}
	fmt.Fprintf(a.Out, "created user %d (%s), status pending\n", a.Profile.ID, a.Profile.Name)
	return nil
}

// ActivateUser marks a pending user active.
//
//gostage:action reads=userkeys.User.Profile,userkeys.User.Status writes=userkeys.User.Status
type ActivateUser struct {
	Out io.Writer
}

// Run sets the status to "active". A user that is not pending is an
// error: activating twice means the workflow is wrong.
func (a *ActivateUser) Run(ctx *workflow.ActionContext, io ActivateUserIO) error {
	profile, err := io.UserProfile()
	if err != nil {
		return err
	}
	status, err := io.UserStatus()
	if err != nil {
		return err
	}
	if status != userkeys.StatusPending {
		return fmt.Errorf("user %d is %q, not pending", profile.ID, status)
	}
	if err := io.SetUserStatus(userkeys.StatusActive); err != nil {
		return err
	}
	fmt.Fprintf(a.Out, "activated user %d, status active\n", profile.ID)
	return nil
}

// ProcessUserData does the work for an active user, then drops the
// status, which nothing after it needs.
//
//gostage:action reads=userkeys.User.Profile,userkeys.User.Status
type ProcessUserData struct {
	Out io.Writer
}

// Run processes the user's data when the user is active. A missing
// status reads as its default, "pending", so that a user never activated
// is skipped rather than failing the run.
func (a *ProcessUserData) Run(ctx *workflow.ActionContext, io ProcessUserDataIO) error {
	profile, err := io.UserProfile()
	if err != nil {
		return err
	}
	status, err := io.UserStatus()
	if err != nil {
		return err
	}
	if status == userkeys.StatusActive {
		fmt.Fprintf(a.Out, "processing data of %s <%s>\n", profile.Name, profile.Email)
	} else {
		fmt.Fprintf(a.Out, "skipping user %d: status %s\n", profile.ID, status)
	}
	// A delete is not part of a contract, so the IO has no way to do it:
	// it goes through the key, on the run's store.
	if userkeys.UserStatusKey.Delete(ctx.Store()) {
		fmt.Fprintln(a.Out, "removed user.status")
	}
	return nil
}
