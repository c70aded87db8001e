// Command printflog logs the way upstream gostage's logger was called,
// printf-style, through a *slog.Logger: it compiles, and logs
// "priced %d items" !BADKEY=3. go vet reports the call.
package main

import "log/slog"

func main() {
	n := 3
	logger := slog.Default()
	logger.Info("priced %d items", n)
}
