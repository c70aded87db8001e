package main

import (
	"bytes"
	"context"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gostage/gostage/examples/userlifecycle/userkeys"
	"github.com/gostage/gostage/runtime/store"
	"github.com/gostage/gostage/runtime/workflow"
)

func TestRun(t *testing.T) {
	var out bytes.Buffer

	s, err := run(context.Background(), &out)

	require.NoError(t, err)
	assert.Equal(t, `created user 1 (Alice), status pending
activated user 1, status active
processing data of Alice <alice@example.com>
removed user.status
final store: user.profile = {ID:1 Name:Alice Email:alice@example.com}
final store: user.status is gone
`, out.String())

	profile, err := userkeys.UserProfileKey.Get(s)
	require.NoError(t, err)
	assert.Equal(t, userkeys.UserProfile{ID: 1, Name: "Alice", Email: "alice@example.com"}, profile)
	_, err = store.Get[userkeys.UserStatus](s, userkeys.UserStatusKey.Name())
	assert.ErrorIs(t, err, store.ErrNotFound)
	assert.False(t, userkeys.UserOf(s).HasStatus())
	assert.Equal(t, []string{"user.profile"}, s.ListKeys())
}

func TestRunCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out bytes.Buffer

	s, err := run(ctx, &out)

	require.ErrorIs(t, err, context.Canceled)
	assert.Nil(t, s)
	assert.Empty(t, out.String(), "no action runs")
}

func TestWorkflowContractsHold(t *testing.T) {
	wf := newWorkflow(userkeys.UserProfile{ID: 1}, io.Discard)
	require.NoError(t, workflow.Validate(wf))
}

func TestWorkflowStagesOutOfOrder(t *testing.T) {
	wf := newWorkflow(userkeys.UserProfile{ID: 1}, io.Discard)
	wf.Stages[0], wf.Stages[1] = wf.Stages[1], wf.Stages[0] // activate before create

	err := workflow.NewRunner().Execute(context.Background(), wf)

	require.ErrorIs(t, err, workflow.ErrUnsatisfiedRead)
	// user.status has a declared default, so reading it first is sound.
	assert.Equal(t,
		`workflow "user lifecycle": stage "activate": action "activate-user": reads key "user.profile", which no earlier action writes and the store does not hold`,
		err.Error())
	assert.Zero(t, wf.Store.Count(), "nothing ran")
}

func TestActionsOnAStoreGivenBeforeTheRun(t *testing.T) {
	tests := []struct {
		name    string
		status  userkeys.UserStatus // user.status before the run; "" for none
		wantOut string
	}{
		{
			name:    "active user is processed",
			status:  "active",
			wantOut: "processing data of Bob <bob@example.com>\nremoved user.status\n",
		},
		{
			name:    "missing status reads as pending and is skipped",
			wantOut: "skipping user 2: status pending\n",
		},
		{
			name:    "suspended user is skipped",
			status:  "suspended",
			wantOut: "skipping user 2: status suspended\nremoved user.status\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			wf := workflow.New("process-only", "process only", "")
			st := workflow.NewStage("process", "process", "")
			st.AddAction(&ProcessUserData{Out: &out})
			wf.AddStage(st)
			require.NoError(t, userkeys.UserProfileKey.Put(wf.Store, userkeys.UserProfile{ID: 2, Name: "Bob", Email: "bob@example.com"}))
			if tt.status != "" {
				require.NoError(t, userkeys.UserStatusKey.Put(wf.Store, tt.status))
			}

			// Without validation: the contract reads user.status, which
			// this run may lack on purpose.
			err := workflow.NewRunner(workflow.WithoutValidation()).Execute(context.Background(), wf)

			require.NoError(t, err)
			assert.Equal(t, tt.wantOut, out.String())
			assert.False(t, userkeys.UserStatusKey.Has(wf.Store), "processing always drops the status")
			assert.True(t, userkeys.UserProfileKey.Has(wf.Store))
		})
	}
}

func TestActivateTwiceFails(t *testing.T) {
	wf := newWorkflow(userkeys.UserProfile{ID: 3, Name: "Eve"}, io.Discard)
	wf.Stages[1].AddAction(wf.Stages[1].Actions[0]) // activate-user twice

	err := workflow.NewRunner().Execute(context.Background(), wf)

	assert.EqualError(t, err, `workflow "user lifecycle": stage "activate": action "activate-user": user 3 is "active", not pending`)
}

func TestGeneratedActions(t *testing.T) {
	a := &ActivateUser{}

	assert.Equal(t, "activate-user", a.Name())
	assert.Equal(t, "ActivateUser marks a pending user active.", a.Description())
	assert.Equal(t, workflow.Contract{
		Reads:    []string{"user.profile", "user.status"},
		Writes:   []string{"user.status"},
		Defaults: []string{"user.status"},
		Types: map[string]reflect.Type{
			"user.profile": reflect.TypeFor[userkeys.UserProfile](),
			"user.status":  reflect.TypeFor[userkeys.UserStatus](),
		},
	}, a.Contract())
	assert.Equal(t, workflow.Contract{
		Writes: []string{"user.profile", "user.status"},
		Types:  workflow.KeyTypes(userkeys.UserProfileKey, userkeys.UserStatusKey),
	}, (&CreateUser{}).Contract())
	assert.Equal(t, "process-user-data", (&ProcessUserData{}).Name())
}

func TestValidateRefusesProcessingBeforeCreating(t *testing.T) {
	wf := newWorkflow(userkeys.UserProfile{ID: 4}, io.Discard)
	wf.Stages[0], wf.Stages[2] = wf.Stages[2], wf.Stages[0] // process, activate, create

	err := workflow.Validate(wf)

	var ce *workflow.ContractError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, workflow.ContractError{Workflow: "user lifecycle", Stage: "process", Action: "process-user-data", Key: "user.profile"}, *ce)
	assert.Len(t, strings.Split(err.Error(), "\n"), 2,
		"process and activate each read the profile before create writes it; the status has a default")
}
