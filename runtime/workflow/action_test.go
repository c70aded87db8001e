package workflow_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gostage/gostage/runtime/store"
	"github.com/gostage/gostage/runtime/workflow"
)

func TestBaseAction(t *testing.T) {
	tags := []string{"io", "mail"}
	b := workflow.NewBaseAction("send-mail", "mails the user", tags...)
	tags[0] = "changed"

	assert.Equal(t, "send-mail", b.Name())
	assert.Equal(t, "mails the user", b.Description())
	assert.Equal(t, []string{"io", "mail"}, b.Tags(), "the caller's slice is copied")
	b.Tags()[0] = "changed"
	assert.Equal(t, []string{"io", "mail"}, b.Tags(), "callers get a copy")
	assert.Empty(t, workflow.NewBaseAction("a", "").Tags())

	var a workflow.Action = &fnAction{BaseAction: b}
	assert.Equal(t, "send-mail", a.Name(), "embedding BaseAction gives the Action methods")
}

func TestNewAndAdd(t *testing.T) {
	wf := workflow.New("wf-id", "wf", "does things")
	assert.Equal(t, "wf-id", wf.ID)
	assert.Equal(t, "wf", wf.Name)
	assert.Equal(t, "does things", wf.Description)
	assert.NotNil(t, wf.Store)
	assert.Zero(t, wf.Store.Count())

	s1 := workflow.NewStage("s1-id", "s1", "first")
	s2 := workflow.NewStage("s2-id", "s2", "second")
	assert.Equal(t, workflow.Stage{ID: "s1-id", Name: "s1", Description: "first"}, *s1)
	wf.AddStage(s1)
	wf.AddStage(s2)
	assert.Equal(t, []*workflow.Stage{s1, s2}, wf.Stages)

	a, b, c := act("a", nil), act("b", nil), act("c", nil)
	s1.AddAction(a, b)
	s1.AddAction(c)
	assert.Equal(t, []workflow.Action{a, b, c}, s1.Actions)
}

func TestAddNilPanics(t *testing.T) {
	assert.PanicsWithValue(t, `workflow "wf": AddStage: nil stage`,
		func() { workflow.New("id", "wf", "").AddStage(nil) })
	assert.PanicsWithValue(t, `stage "s": AddAction: nil action`,
		func() { workflow.NewStage("id", "s", "").AddAction(act("a", nil), nil) })
}

func TestActionAloneWithAHandMadeContext(t *testing.T) {
	wf := workflow.New("wf-id", "wf", "")
	a := act("put", func(ac *workflow.ActionContext) error {
		ac.Logger().Info("logged nowhere")
		return ac.Store().Put("done", ac.Context().Err() == nil)
	})

	require.NoError(t, a.Execute(&workflow.ActionContext{Workflow: wf}))

	done, err := store.Get[bool](wf.Store, "done")
	require.NoError(t, err)
	assert.True(t, done)
}
