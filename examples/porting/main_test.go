package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"os/exec"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gostage/gostage/examples/porting/orderkeys"
	"github.com/gostage/gostage/runtime/workflow"
)

func TestRun(t *testing.T) {
	var out, logs bytes.Buffer

	s, err := run(context.Background(), &out, slog.New(slog.NewTextHandler(&logs, nil)))

	require.NoError(t, err)
	assert.Equal(t, "stage price\nstage charge\ncharged 69.90 EUR, receipt R-6990\n", out.String())
	assert.Contains(t, logs.String(), `msg="priced order" workflow=order stage=price action=price-order items=2 total=69.9`)
	assert.NotContains(t, logs.String(), "!BADKEY")
	receipt, err := orderkeys.OrderOf(s).Receipt()
	require.NoError(t, err)
	assert.Equal(t, "R-6990", receipt)
}

// The hand-written price-order declares no contract, so it may write any
// key: the generated charge-order that reads order.total after it passes
// the check.
func TestGeneratedReaderAfterHandWrittenAction(t *testing.T) {
	wf, err := newWorkflow(nil, io.Discard)
	require.NoError(t, err)
	require.NoError(t, workflow.Validate(wf))
}

// With the stages the wrong way round, nothing can have written
// order.total before charge-order reads it: the check still says so.
func TestGeneratedReaderBeforeHandWrittenAction(t *testing.T) {
	wf, err := newWorkflow(nil, io.Discard)
	require.NoError(t, err)
	wf.Stages[0], wf.Stages[1] = wf.Stages[1], wf.Stages[0]

	err = workflow.Validate(wf)

	assert.EqualError(t, err, `workflow "order": stage "charge": action "charge-order": reads key "order.total", which no earlier action writes and the store does not hold`)
}

// Upstream's logger took printf-style calls. Against *slog.Logger,
// Info("priced %d items", n) compiles and logs !BADKEY=3; go vet reports
// it, which is why README's porting section tells porters to run it.
func TestPrintfStyleLoggingCompilesButVetReportsIt(t *testing.T) {
	logged, err := exec.Command("go", "run", "./testdata/printflog").CombinedOutput()
	require.NoError(t, err, "it compiles and runs: %s", logged)
	assert.Contains(t, string(logged), `INFO priced %d items !BADKEY=3`)

	vetted, err := exec.Command("go", "vet", "./testdata/printflog").CombinedOutput()
	require.Error(t, err, "go vet fails: %s", vetted)
	assert.Equal(t, "testdata/printflog/main.go:11:33: slog.Logger.Info arg \"n\" should be a string or a slog.Attr (possible missing key or value)\n", string(vetted))
}
