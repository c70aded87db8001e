package workflow

import "fmt"

// Stage is a named sequence of actions, one step of a [Workflow]. Create
// one with [NewStage] and add actions with [Stage.AddAction].
type Stage struct {
	// ID identifies the stage within its workflow.
	ID string
	// Name is what errors and log records call the stage.
	Name string
	// Description says what the stage does, for people.
	Description string
	// Actions run in this order.
	Actions []Action
}

// NewStage returns a stage without actions.
func NewStage(id, name, description string) *Stage {
	return &Stage{ID: id, Name: name, Description: description}
}

// AddAction appends actions to the stage; they run after those added
// before. A nil action panics here, where the mistake is made, rather than
// in the middle of a run.
func (st *Stage) AddAction(actions ...Action) {
	for _, a := range actions {
		if a == nil {
			panic(fmt.Sprintf("stage %q: AddAction: nil action", st.Name))
		}
	}
	st.Actions = append(st.Actions, actions...)
}
