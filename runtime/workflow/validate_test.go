package workflow_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gostage/gostage/runtime/store"
	"github.com/gostage/gostage/runtime/workflow"
)

func TestValidate(t *testing.T) {
	readWrite := func(name string, r, w []string) workflow.Action {
		return &contracted{fnAction: *act(name, nil), contract: workflow.Contract{Reads: r, Writes: w}}
	}
	tests := []struct {
		name   string
		wf     func() *workflow.Workflow
		want   []string // the problems, in order; none for a sound workflow
		wantAt []workflow.ContractError
	}{
		{
			name: "every read written earlier",
			wf: func() *workflow.Workflow {
				return build(
					stage("s1", writes("create", "user.id", "user.name")),
					stage("s2", readWrite("rename", []string{"user.name"}, []string{"user.name"}), reads("show", "user.id", "user.name")),
				)
			},
		},
		{
			name: "read before write",
			wf: func() *workflow.Workflow {
				return build(stage("s1", reads("show", "user.id"), writes("create", "user.id")))
			},
			want: []string{`workflow "wf": stage "s1": action "show": reads key "user.id", which no earlier action writes and the store does not hold`},
			wantAt: []workflow.ContractError{
				{Workflow: "wf", Stage: "s1", Action: "show", Key: "user.id"},
			},
		},
		{
			name: "key in the store before the run",
			wf: func() *workflow.Workflow {
				wf := build(stage("s1", reads("show", "user.id")))
				require.NoError(t, wf.Store.Put("user.id", 1))
				return wf
			},
		},
		{
			name: "a read with a declared default needs no earlier write",
			wf: func() *workflow.Workflow {
				withDefault := &contracted{fnAction: *act("show", nil), contract: workflow.Contract{
					Reads:    []string{"user.status", "user.id"},
					Defaults: []string{"user.status"},
				}}
				return build(stage("s1", withDefault))
			},
			want: []string{`workflow "wf": stage "s1": action "show": reads key "user.id", which no earlier action writes and the store does not hold`},
		},
		{
			name: "an action's own write does not satisfy its read",
			wf: func() *workflow.Workflow {
				return build(stage("s1", readWrite("bump", []string{"count"}, []string{"count"})))
			},
			want: []string{`workflow "wf": stage "s1": action "bump": reads key "count", which no earlier action writes and the store does not hold`},
		},
		{
			name: "an action without a contract may write anything: a read after it passes",
			wf: func() *workflow.Workflow {
				return build(stage("s1", act("hand-written", nil), reads("show", "order.total")))
			},
		},
		{
			name: "a read before every action without a contract is still reported",
			wf: func() *workflow.Workflow {
				return build(stage("s1", reads("show", "order.total"), act("hand-written", nil), reads("again", "order.total")))
			},
			want: []string{`workflow "wf": stage "s1": action "show": reads key "order.total", which no earlier action writes and the store does not hold`},
		},
		{
			name: "contracts are checked up to the first action without one, across stages",
			wf: func() *workflow.Workflow {
				return build(
					stage("load", writes("fetch", "order.id"), reads("price", "order.id", "order.items")),
					stage("legacy", act("hand-written", nil)),
					stage("charge", reads("charge", "order.total", "customer.card")),
				)
			},
			want: []string{`workflow "wf": stage "load": action "price": reads key "order.items", which no earlier action writes and the store does not hold`},
		},
		{
			name: "all problems, in run order, each key once per action",
			wf: func() *workflow.Workflow {
				return build(
					stage("load", reads("fetch", "user.id", "tenant", "user.id")),
					stage("save", writes("create", "user.id"), reads("store", "tenant", "user.id", "db")),
				)
			},
			want: []string{
				`workflow "wf": stage "load": action "fetch": reads key "user.id", which no earlier action writes and the store does not hold`,
				`workflow "wf": stage "load": action "fetch": reads key "tenant", which no earlier action writes and the store does not hold`,
				`workflow "wf": stage "save": action "store": reads key "tenant", which no earlier action writes and the store does not hold`,
				`workflow "wf": stage "save": action "store": reads key "db", which no earlier action writes and the store does not hold`,
			},
			wantAt: []workflow.ContractError{
				{Workflow: "wf", Stage: "load", Action: "fetch", Key: "user.id"},
				{Workflow: "wf", Stage: "load", Action: "fetch", Key: "tenant"},
				{Workflow: "wf", Stage: "save", Action: "store", Key: "tenant"},
				{Workflow: "wf", Stage: "save", Action: "store", Key: "db"},
			},
		},
		{
			name: "nil stages and actions are left to the runner",
			wf: func() *workflow.Workflow {
				wf := build(stage("s1"))
				wf.Stages[0].Actions = append(wf.Stages[0].Actions, nil)
				wf.Stages = append(wf.Stages, nil)
				return wf
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := workflow.Validate(tt.wf())
			if tt.want == nil {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Equal(t, strings.Join(tt.want, "\n"), err.Error())
			assert.ErrorIs(t, err, workflow.ErrUnsatisfiedRead)
			problems := err.(interface{ Unwrap() []error }).Unwrap()
			require.Len(t, problems, len(tt.want), "one error per problem")
			for i, p := range problems {
				var ce *workflow.ContractError
				require.ErrorAs(t, p, &ce)
				if tt.wantAt != nil {
					assert.Equal(t, tt.wantAt[i], *ce)
				}
			}
		})
	}
}

func TestValidateNilWorkflow(t *testing.T) {
	assert.EqualError(t, workflow.Validate(nil), "workflow: Validate: nil workflow")
}

func TestExecuteValidatesFirst(t *testing.T) {
	var rec recorder
	first := &contracted{fnAction: *rec.action("first", nil), contract: workflow.Contract{Writes: []string{"other"}}}
	show := &contracted{
		fnAction: *act("show", func(ac *workflow.ActionContext) error {
			_, err := store.Get[int](ac.Store(), "user.id")
			return err
		}),
		contract: workflow.Contract{Reads: []string{"user.id"}},
	}
	wf := build(stage("s1", first, show))

	err := workflow.NewRunner().Execute(context.Background(), wf)

	var ce *workflow.ContractError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, "user.id", ce.Key)
	assert.Empty(t, rec.trace, "no action runs in a workflow that fails validation")

	t.Run("without validation", func(t *testing.T) {
		err := workflow.NewRunner(workflow.WithoutValidation()).Execute(context.Background(), wf)

		assert.Equal(t, []string{"first"}, rec.trace, "the run starts")
		require.ErrorIs(t, err, store.ErrNotFound, "and fails where the read happens")
		assert.False(t, errors.Is(err, workflow.ErrUnsatisfiedRead))
		assert.Equal(t, `workflow "wf": stage "s1": action "show": store: key "user.id": not found`, err.Error())
	})
}
