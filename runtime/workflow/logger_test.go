package workflow_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gostage/gostage/runtime/workflow"
)

// logRecords decodes the JSON lines of buf into level, message and the
// attributes the runner and actions set, dropping the time.
func logRecords(t *testing.T, buf *bytes.Buffer) []map[string]any {
	t.Helper()
	var recs []map[string]any
	for line := range strings.SplitSeq(strings.TrimSpace(buf.String()), "\n") {
		var rec map[string]any
		require.NoError(t, json.Unmarshal([]byte(line), &rec), line)
		delete(rec, slog.TimeKey)
		recs = append(recs, rec)
	}
	return recs
}

func TestLogger(t *testing.T) {
	var buf bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	wf := build(stage("s1",
		act("greet", func(ac *workflow.ActionContext) error {
			ac.Logger().Info("hello", "who", "Alice")
			return nil
		}),
		act("fail", func(*workflow.ActionContext) error { return errors.New("no") }),
	))

	err := workflow.NewRunner(workflow.WithLogger(logger)).Execute(context.Background(), wf)
	require.Error(t, err)

	assert.Equal(t, []map[string]any{
		{"level": "DEBUG", "msg": "workflow started", "workflow": "wf", "stages": 1.0},
		{"level": "DEBUG", "msg": "stage started", "workflow": "wf", "stage": "s1", "actions": 2.0},
		{"level": "DEBUG", "msg": "action started", "workflow": "wf", "stage": "s1", "action": "greet"},
		{"level": "INFO", "msg": "hello", "workflow": "wf", "stage": "s1", "action": "greet", "who": "Alice"},
		{"level": "DEBUG", "msg": "action finished", "workflow": "wf", "stage": "s1", "action": "greet"},
		{"level": "DEBUG", "msg": "action started", "workflow": "wf", "stage": "s1", "action": "fail"},
		{"level": "DEBUG", "msg": "action failed", "workflow": "wf", "stage": "s1", "action": "fail", "error": "no"},
		{"level": "DEBUG", "msg": "workflow stopped", "workflow": "wf",
			"error": `workflow "wf": stage "s1": action "fail": no`},
	}, logRecords(t, &buf))
}

func TestLoggerRunnerRecordsAreDebug(t *testing.T) {
	var buf bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&buf, nil)) // info and above
	wf := build(stage("s1", act("quiet", nil)))

	require.NoError(t, workflow.NewRunner(workflow.WithLogger(logger)).Execute(context.Background(), wf))
	assert.Empty(t, buf.String(), "a successful run says nothing above debug")
}

func TestWithoutLoggerActionsStillLog(t *testing.T) {
	for _, opts := range [][]workflow.RunnerOption{nil, {workflow.WithLogger(nil)}} {
		wf := build(stage("s1", act("a", func(ac *workflow.ActionContext) error {
			require.NotNil(t, ac.Logger())
			ac.Logger().Error("dropped")
			return nil
		})))
		require.NoError(t, workflow.NewRunner(opts...).Execute(context.Background(), wf))
	}
}
