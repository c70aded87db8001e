package main

import (
	"errors"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// envArgs holds the command-line arguments of the program when the test
// binary runs as it (durable runs need a process that really crashes).
const envArgs = "DURABLE_EXAMPLE_ARGS"

func TestMain(m *testing.M) {
	if args, ok := os.LookupEnv(envArgs); ok {
		os.Args = append([]string{"durable"}, strings.Fields(args)...)
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// program runs the program with args and returns its output and exit
// status.
func program(t *testing.T, args string) (string, int) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), envArgs+"="+args)
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return string(out), exit.ExitCode()
	}
	require.NoError(t, err)
	return string(out), 0
}

var running = regexp.MustCompile(`running (\S+)`)

// ran returns the actions the output says ran.
func ran(out string) []string {
	var names []string
	for _, m := range running.FindAllStringSubmatch(out, -1) {
		names = append(names, m[1])
	}
	return names
}

func TestCrashThenResume(t *testing.T) {
	dir := t.TempDir()
	out, code := program(t, "-dir "+dir+" -crash")
	assert.Equal(t, 3, code, out)
	assert.Equal(t, []string{"reserve-stock", "charge-card"}, ran(out))
	assert.Contains(t, out, "crashing in the middle of charge-card")

	out, code = program(t, "-dir "+dir)
	require.Equal(t, 0, code, out)
	assert.Equal(t, []string{"charge-card", "create-shipment", "notify-customer"}, ran(out), "the interrupted action runs again, then the rest")
	assert.Contains(t, out, `run order-42 succeeded; final store:
  order.items = [book lamp]
  order.status = shipped
  order.total = 4599
  payment.id = ch_order-42_4599
  shipment.tracking = TRK-order-42
`)

	again, code := program(t, "-dir "+dir)
	require.Equal(t, 0, code, again)
	assert.Empty(t, ran(again), "a succeeded run runs nothing")
	assert.Contains(t, again, "payment.id = ch_order-42_4599")
}
