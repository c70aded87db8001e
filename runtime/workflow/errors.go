package workflow

import "fmt"

// ActionError is the error of a run that stopped because an action
// failed. Its text names the workflow, stage and action, and it wraps the
// action's error, so errors.Is and errors.As reach what the action
// returned.
type ActionError struct {
	// Workflow, Stage and Action are the names of where the run stopped.
	Workflow, Stage, Action string
	// Err is what the action, or the action middleware around it,
	// returned; a *PanicError when the action panicked.
	Err error
}

// Error returns the place and the action's error, as
// `workflow "w": stage "s": action "a": error`.
func (e *ActionError) Error() string {
	return fmt.Sprintf("workflow %q: stage %q: action %q: %v", e.Workflow, e.Stage, e.Action, e.Err)
}

// Unwrap returns the action's error.
func (e *ActionError) Unwrap() error { return e.Err }

// PanicError is the error of an action that panicked. The runner recovers
// the panic so that one broken action fails its run instead of the whole
// program; the stack is kept because the error is all that is left of the
// panic.
type PanicError struct {
	// Value is what the action passed to panic.
	Value any
	// Stack is the goroutine's stack where the panic was recovered.
	Stack []byte
}

// Error returns the panic value, as `panic: value`.
func (e *PanicError) Error() string { return fmt.Sprintf("panic: %v", e.Value) }

// Unwrap returns the panic value when it is an error, so that errors.Is
// and errors.As see through a panic(err).
func (e *PanicError) Unwrap() error {
	err, _ := e.Value.(error)
	return err
}
