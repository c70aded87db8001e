package workflow_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/gostage/gostage/runtime/store"
	"github.com/gostage/gostage/runtime/workflow"
)

// Greet reads a name from the store and writes a greeting.
type Greet struct{ workflow.BaseAction }

// Contract says that Greet needs user.name, so that a workflow without it
// fails before running.
func (g *Greet) Contract() workflow.Contract {
	return workflow.Contract{Reads: []string{"user.name"}, Writes: []string{"greeting"}}
}

// Execute greets the user named in the store.
func (g *Greet) Execute(ctx *workflow.ActionContext) error {
	name, err := store.Get[string](ctx.Store(), "user.name")
	if err != nil {
		return err
	}
	return ctx.Store().Put("greeting", "hello "+name)
}

func Example() {
	wf := workflow.New("greet", "greet", "greets the user")
	st := workflow.NewStage("hello", "hello", "says hello")
	st.AddAction(&Greet{workflow.NewBaseAction("greet", "greets the user")})
	wf.AddStage(st)

	// The initial store.
	_ = wf.Store.Put("user.name", "Alice")

	if err := workflow.NewRunner().Execute(context.Background(), wf); err != nil {
		fmt.Println(err)
		return
	}
	// The final store.
	greeting, _ := store.Get[string](wf.Store, "greeting")
	fmt.Println(greeting)
	// Output: hello Alice
}

func ExampleValidate() {
	wf := workflow.New("greet", "greet", "greets the user")
	st := workflow.NewStage("hello", "hello", "says hello")
	st.AddAction(&Greet{workflow.NewBaseAction("greet", "greets the user")})
	wf.AddStage(st)

	err := workflow.Validate(wf)
	fmt.Println(err)
	fmt.Println(errors.Is(err, workflow.ErrUnsatisfiedRead))
	// Output:
	// workflow "greet": stage "hello": action "greet": reads key "user.name", which no earlier action writes and the store does not hold
	// true
}

func ExampleWithActionMiddleware() {
	trace := func(next workflow.ActionHandler) workflow.ActionHandler {
		return func(ctx *workflow.ActionContext) error {
			fmt.Println("start", ctx.Stage.Name, ctx.Action.Name())
			err := next(ctx)
			fmt.Println("end", ctx.Action.Name(), err)
			return err
		}
	}
	wf := workflow.New("greet", "greet", "greets the user")
	st := workflow.NewStage("hello", "hello", "says hello")
	st.AddAction(&Greet{workflow.NewBaseAction("greet", "greets the user")})
	wf.AddStage(st)

	err := workflow.NewRunner(workflow.WithActionMiddleware(trace), workflow.WithoutValidation()).
		Execute(context.Background(), wf)
	fmt.Println(err)
	// Output:
	// start hello greet
	// end greet store: key "user.name": not found
	// workflow "greet": stage "hello": action "greet": store: key "user.name": not found
}
