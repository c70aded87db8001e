package redischeckpoint_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/gostage/gostage/runtime/internal/durabletest"
	"github.com/gostage/gostage/runtime/redischeckpoint"
	"github.com/gostage/gostage/runtime/workflow"
)

// serverAddr is the address of the redis-server that TestMain started,
// "" when there is none (outside CI, on a machine without redis-server).
var serverAddr string

// TestMain starts a real redis-server on a free loopback port for the
// package's tests and benchmarks, and stops it after. In CI (CI=true) a
// machine without redis-server fails the package; elsewhere its Redis
// tests are skipped, saying why.
func TestMain(m *testing.M) {
	durabletest.WorkerMain(openWorker)
	stop, err := startServer()
	if err != nil {
		if os.Getenv("CI") == "true" {
			fmt.Fprintln(os.Stderr, "redischeckpoint: CI needs redis-server:", err)
			os.Exit(1)
		}
		fmt.Fprintln(os.Stderr, "redischeckpoint: skipping the Redis tests:", err)
	}
	code := m.Run()
	stop()
	os.Exit(code)
}

// openWorker makes the checkpointer of a worker process from its
// argument, "ADDR LEASE".
func openWorker(arg string) (workflow.Checkpointer, error) {
	addr, lease, _ := strings.Cut(arg, " ")
	d, err := time.ParseDuration(lease)
	if err != nil {
		return nil, err
	}
	client := redis.NewClient(&redis.Options{Addr: addr})
	return redischeckpoint.New(client, redischeckpoint.WithLease(d)), nil
}

// workerArg is the argument of a worker process using the test server
// with lease.
func workerArg(lease time.Duration) string { return serverAddr + " " + lease.String() }

// startServer starts redis-server on a free port of 127.0.0.1, without
// persistence, sets serverAddr, and returns the function that stops it.
// A port taken between finding it free and the server binding it is
// retried with another.
func startServer() (stop func(), err error) {
	path, err := exec.LookPath("redis-server")
	if err != nil {
		return func() {}, err
	}
	for range 5 {
		var port int
		if port, err = freePort(); err != nil {
			return func() {}, err
		}
		dir, err := os.MkdirTemp("", "redischeckpoint-")
		if err != nil {
			return func() {}, err
		}
		cmd := exec.Command(path, "--bind", "127.0.0.1", "--port", strconv.Itoa(port),
			"--save", "", "--appendonly", "no", "--dir", dir)
		if err = cmd.Start(); err != nil {
			os.RemoveAll(dir)
			return func() {}, err
		}
		stop = func() {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
			os.RemoveAll(dir)
		}
		addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
		if err = waitReady(addr); err == nil {
			serverAddr = addr
			return stop, nil
		}
		stop()
	}
	return func() {}, fmt.Errorf("redis-server did not start: %w", err)
}

// freePort returns a TCP port of 127.0.0.1 that nothing listens on.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// waitReady waits until the server at addr answers PING, for up to 10
// seconds.
func waitReady(addr string) error {
	client := redis.NewClient(&redis.Options{Addr: addr, MaxRetries: -1})
	defer client.Close()
	deadline := time.Now().Add(10 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		err := client.Ping(ctx).Err()
		cancel()
		if err == nil {
			return nil
		}
		if time.Now().After(deadline) {
			return errors.Join(errors.New("no answer to PING"), err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// newClient returns a client of the test server, skipping the test when
// there is none (TestMain said why).
func newClient(tb testing.TB) *redis.Client {
	tb.Helper()
	if serverAddr == "" {
		tb.Skip("no redis-server (see the start of the output)")
	}
	client := redis.NewClient(&redis.Options{Addr: serverAddr})
	tb.Cleanup(func() { client.Close() })
	return client
}
