package workflow

import (
	"errors"
	"fmt"
	"iter"
	"reflect"
	"slices"

	"github.com/gostage/gostage/runtime/store"
)

// ErrUnsatisfiedRead is wrapped by every [ContractError], so that
// errors.Is tells contract problems from other errors.
var ErrUnsatisfiedRead = errors.New("key read before it is written")

// ErrKeyTypeConflict is wrapped by every [KeyTypeConflictError].
var ErrKeyTypeConflict = errors.New("key used as two types")

// ErrStoredTypeMismatch is wrapped by every [StoredTypeMismatchError].
var ErrStoredTypeMismatch = errors.New("key held in the store as another type")

// ContractError reports one read that nothing before it provides: an
// action's contract reads Key, no earlier action's contract writes it, and
// the workflow's store did not hold it when it was checked.
type ContractError struct {
	// Workflow, Stage and Action are the names of the action that reads.
	Workflow, Stage, Action string
	// Key is the key read.
	Key string
}

// Error returns the place and the key, as
// `workflow "w": stage "s": action "a": reads key "k", which ...`.
func (e *ContractError) Error() string {
	return fmt.Sprintf("workflow %q: stage %q: action %q: reads key %q, which no earlier action writes and the store does not hold",
		e.Workflow, e.Stage, e.Action, e.Key)
}

// Unwrap returns [ErrUnsatisfiedRead].
func (e *ContractError) Unwrap() error { return ErrUnsatisfiedRead }

// KeyTypeConflictError reports a key that two actions of one workflow read
// or write as different Go types: two key packages declared one name with
// two types, and whichever action comes second would read a value of the
// wrong type, or write one that the other cannot read.
type KeyTypeConflictError struct {
	// Workflow is the name of the workflow.
	Workflow string
	// Key is the key's name.
	Key string
	// Stage and Action name the action that uses Key as Type.
	Stage, Action string
	// Type is the type the action reads or writes Key as.
	Type reflect.Type
	// FirstStage and FirstAction name the first action, in run order,
	// that gives Key a type.
	FirstStage, FirstAction string
	// FirstType is the type the first action reads or writes Key as.
	FirstType reflect.Type
}

// Error returns both places and both types, and the fix, as
// `workflow "w": stage "s": action "a": uses key "k" as T, but stage "s0":
// action "a0" uses it as U: two keys share the name; ...`. Two types
// whose short names are alike are named by their import paths.
func (e *KeyTypeConflictError) Error() string {
	t, first := typeNames(e.Type, e.FirstType)
	return fmt.Sprintf("workflow %q: stage %q: action %q: uses key %q as %s, but stage %q: action %q uses it as %s"+
		": two keys share the name; give one another (a key group, a prefix of its own: //gostage:keys prefix=...)",
		e.Workflow, e.Stage, e.Action, e.Key, t, e.FirstStage, e.FirstAction, first)
}

// Unwrap returns [ErrKeyTypeConflict].
func (e *KeyTypeConflictError) Unwrap() error { return ErrKeyTypeConflict }

// StoredTypeMismatchError reports a key that the workflow's store holds
// before the run, as a value that an action reading it cannot read as the
// type it declares: the read would fail with store.ErrTypeMismatch.
type StoredTypeMismatchError struct {
	// Workflow, Stage and Action are the names of the action that reads.
	Workflow, Stage, Action string
	// Key is the key read.
	Key string
	// Type is the type the action reads Key as.
	Type reflect.Type
	// Stored is the type of the value the store holds; nil for a stored
	// nil.
	Stored reflect.Type
}

// Error returns the place, the key and both types, as
// `workflow "w": stage "s": action "a": reads key "k" as T, but the store
// holds it as U`.
func (e *StoredTypeMismatchError) Error() string {
	t, stored := typeNames(e.Type, e.Stored)
	return fmt.Sprintf("workflow %q: stage %q: action %q: reads key %q as %s, but the store holds it as %s",
		e.Workflow, e.Stage, e.Action, e.Key, t, stored)
}

// Unwrap returns [ErrStoredTypeMismatch].
func (e *StoredTypeMismatchError) Unwrap() error { return ErrStoredTypeMismatch }

// Validate checks the contracts of wf's actions before a run. It walks the
// stages and their actions in the order they run and reports:
//
//   - every key an action reads that no earlier action writes and that
//     wf.Store does not already hold, as a *[ContractError];
//   - every key an action reads as a type, that no earlier action writes
//     and that wf.Store holds as a value the read would not accept, as a
//     *[StoredTypeMismatchError]. A read accepts what a store.Get of its
//     type accepts: a value of that very type, of a type that implements
//     it when it is an interface, or a stored nil when it has one;
//   - every key the contract's Types gives a type that an earlier action's
//     contract gave another, as a *[KeyTypeConflictError] naming this
//     action and the first that gave the key a type: one name is one
//     entry of the store, so it can hold only one of them.
//
// All problems come back at once, joined with errors.Join, in run order
// and, within an action, unsatisfied reads first, then type mismatches
// with the store, then type conflicts, each in the order its contract
// lists its keys (Reads, then Writes). errors.Is tells them apart with
// [ErrUnsatisfiedRead], [ErrStoredTypeMismatch] and [ErrKeyTypeConflict].
// It returns nil for a sound workflow.
//
// Hand-written and generated actions mix. An action that does not
// implement [Contracted] (a hand-written one that embeds [BaseAction],
// say) says nothing of what it reads and may write any key, so no read
// after it is reported, nor checked against the store; a read before
// every such action is still checked as above. Type conflicts are checked
// across the whole workflow: two declarations of one key disagree
// wherever their actions run. A hand-written action gets the full check
// by declaring its keys itself, with a Contract method:
//
//	func (a *LoadOrder) Contract() workflow.Contract {
//		return workflow.Contract{
//			Reads:  []string{"order.id"},
//			Writes: []string{"order.total"},
//			Types:  workflow.KeyTypes(orderkeys.OrderIDKey, orderkeys.OrderTotalKey),
//		}
//	}
//
// Without Types, its keys are not checked for types. A read listed in the
// contract's Defaults needs no earlier write. A key an action reads must
// be written by an earlier action, not by itself. Deletes are not part of
// a contract, so a read after an action deleted the key passes here and
// fails when it runs.
func Validate(wf *Workflow) error {
	if wf == nil {
		return errors.New("workflow: Validate: nil workflow")
	}
	v := validation{wf: wf, written: make(map[string]bool), typed: make(map[string]keyUse)}
	open := true // no action without a contract has come yet
	for st, a := range runOrder(wf) {
		c, ok := a.(Contracted)
		if !ok {
			open = false
			continue
		}
		contract := c.Contract()
		if open {
			v.checkReads(st, a, contract)
		}
		v.checkTypes(st, a, contract)
	}
	return errors.Join(v.problems...)
}

// validation is the state of one [Validate] walk.
type validation struct {
	wf       *Workflow
	problems []error
	// written holds the keys that an earlier action's contract writes.
	written map[string]bool
	// typed holds, for each key given a type so far, the first action
	// that gave it one.
	typed map[string]keyUse
}

// keyUse is where a key was first given a type, and which.
type keyUse struct {
	stage, action string
	t             reflect.Type
}

// checkReads reports the reads of contract that nothing provides, then
// those the store provides as a value of another type, and records the
// contract's writes for the actions after it. A read written by an
// earlier action is provided by it; any other is provided by the store
// (which may be nil) when it holds the key, or else by a declared
// default. Each key is looked at once, in the order the contract lists
// its reads.
func (v *validation) checkReads(st *Stage, a Action, contract Contract) {
	var unsatisfied, mismatched []error
	for i, key := range contract.Reads {
		if v.written[key] || slices.Contains(contract.Reads[:i], key) {
			continue
		}
		if v.wf.Store == nil || !v.wf.Store.Has(key) {
			if !slices.Contains(contract.Defaults, key) {
				unsatisfied = append(unsatisfied, &ContractError{
					Workflow: v.wf.Name, Stage: st.Name, Action: a.Name(), Key: key,
				})
			}
			continue
		}
		t := contract.Types[key]
		if t == nil {
			continue
		}
		if stored, _ := store.Get[any](v.wf.Store, key); !fits(stored, t) {
			mismatched = append(mismatched, &StoredTypeMismatchError{
				Workflow: v.wf.Name, Stage: st.Name, Action: a.Name(), Key: key,
				Type: t, Stored: reflect.TypeOf(stored),
			})
		}
	}
	v.problems = append(append(v.problems, unsatisfied...), mismatched...)
	for _, key := range contract.Writes {
		v.written[key] = true
	}
}

// checkTypes reports each key of contract whose type differs from the
// one the first action to give the key a type gave it, and records the
// types of the keys not given one yet.
func (v *validation) checkTypes(st *Stage, a Action, contract Contract) {
	for _, key := range contractKeys(contract) {
		t := contract.Types[key]
		if t == nil {
			continue
		}
		first, ok := v.typed[key]
		if !ok {
			v.typed[key] = keyUse{stage: st.Name, action: a.Name(), t: t}
			continue
		}
		if first.t != t {
			v.problems = append(v.problems, &KeyTypeConflictError{
				Workflow: v.wf.Name, Key: key, Stage: st.Name, Action: a.Name(), Type: t,
				FirstStage: first.stage, FirstAction: first.action, FirstType: first.t,
			})
		}
	}
}

// runOrder yields wf's actions in run order, with their stages. Nil stages
// and actions are skipped; the runner reports them where they would run.
func runOrder(wf *Workflow) iter.Seq2[*Stage, Action] {
	return func(yield func(*Stage, Action) bool) {
		for _, st := range wf.Stages {
			if st == nil {
				continue
			}
			for _, a := range st.Actions {
				if a != nil && !yield(st, a) {
					return
				}
			}
		}
	}
}

// contractKeys returns the keys contract reads or writes, each once, in
// the order it lists them: Reads, then Writes.
func contractKeys(contract Contract) []string {
	keys := make([]string, 0, len(contract.Reads)+len(contract.Writes))
	for _, key := range slices.Concat(contract.Reads, contract.Writes) {
		if !slices.Contains(keys, key) {
			keys = append(keys, key)
		}
	}
	return keys
}

// fits reports whether a read of type t accepts the stored value v, as
// store.Get does: v of type t itself, of a type that implements t when t
// is an interface, or nil when t has a nil.
func fits(v any, t reflect.Type) bool {
	if v == nil {
		switch t.Kind() {
		case reflect.Pointer, reflect.Map, reflect.Slice, reflect.Chan,
			reflect.Func, reflect.Interface, reflect.UnsafePointer:
			return true
		}
		return false
	}
	vt := reflect.TypeOf(v)
	if t.Kind() == reflect.Interface {
		return vt.Implements(t)
	}
	return vt == t
}

// typeNames returns how an error names a and b: as Go prints them, or,
// when that is the same text for two different types (two packages
// named keys declaring ID), by import path and name. A nil type is nil.
func typeNames(a, b reflect.Type) (string, string) {
	name := func(t reflect.Type) string {
		if t == nil {
			return "nil"
		}
		return t.String()
	}
	na, nb := name(a), name(b)
	if na != nb || a == b {
		return na, nb
	}
	return qualified(a), qualified(b)
}

// qualified names t by its import path, as example.com/shop/billing.OrderID,
// when it is a named type; as Go prints it otherwise.
func qualified(t reflect.Type) string {
	if t.Name() == "" || t.PkgPath() == "" {
		return t.String()
	}
	return t.PkgPath() + "." + t.Name()
}
