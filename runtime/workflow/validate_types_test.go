package workflow_test

import (
	"errors"
	"fmt"
	htemplate "html/template"
	"reflect"
	"strings"
	"testing"
	ttemplate "text/template"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gostage/gostage/runtime/store"
	"github.com/gostage/gostage/runtime/workflow"
)

// Two declarations of the key "order.id", as two key packages would
// make them: billing's as a named string, shipping's as an int.
type billingOrderID string

var (
	billingOrderIDKey  = store.NewKey[billingOrderID]("order.id")
	shippingOrderIDKey = store.NewKey[int]("order.id")
	orderLabelKey      = store.NewKey[fmt.Stringer]("order.label")
	orderNoteKey       = store.NewKey[*string]("order.note")
	orderTotalKey      = store.NewKey[int]("order.total")
	orderTagsKey       = store.NewKey[orderTags]("order.tags")
)

// orderTags is a named slice type: a []string is assignable to it, yet a
// read of it does not accept one.
type orderTags []string

// label is a fmt.Stringer, for the key read as an interface.
type label struct{ text string }

func (l label) String() string { return l.text }

// typed returns an action whose contract reads and writes keys with their
// types.
func typed(name string, reads, writes []workflow.TypedKey) *contracted {
	c := workflow.Contract{Types: workflow.KeyTypes(append(reads, writes...)...)}
	for _, k := range reads {
		c.Reads = append(c.Reads, k.Name())
	}
	for _, k := range writes {
		c.Writes = append(c.Writes, k.Name())
	}
	return &contracted{fnAction: *act(name, nil), contract: c}
}

func keys(ks ...workflow.TypedKey) []workflow.TypedKey { return ks }

func TestValidateKeyTypes(t *testing.T) {
	tests := []struct {
		name string
		wf   func() *workflow.Workflow
		want []string // the problems, in order; none for a sound workflow
	}{
		{
			name: "one key written as one type and read as another",
			wf: func() *workflow.Workflow {
				return build(
					stage("bill", typed("open-invoice", nil, keys(billingOrderIDKey))),
					stage("ship", typed("ship-order", keys(shippingOrderIDKey), nil)),
				)
			},
			want: []string{`workflow "wf": stage "ship": action "ship-order": uses key "order.id" as int, but stage "bill": action "open-invoice" uses it as workflow_test.billingOrderID: two keys share the name; give one another (a key group, a prefix of its own: //gostage:keys prefix=...)`},
		},
		{
			name: "one type used by many actions",
			wf: func() *workflow.Workflow {
				return build(
					stage("s1", typed("create", nil, keys(shippingOrderIDKey, orderTotalKey))),
					stage("s2", typed("update", keys(shippingOrderIDKey, orderTotalKey), keys(orderTotalKey)),
						typed("show", keys(shippingOrderIDKey, orderTotalKey), nil)),
				)
			},
		},
		{
			name: "each action of another type is reported once, against the first to give the key a type",
			wf: func() *workflow.Workflow {
				return build(stage("s1",
					typed("open-invoice", nil, keys(billingOrderIDKey)),
					typed("ship-order", keys(shippingOrderIDKey), keys(shippingOrderIDKey)),
					typed("label", keys(shippingOrderIDKey), nil),
					typed("close-invoice", keys(billingOrderIDKey), nil),
				))
			},
			want: []string{
				`workflow "wf": stage "s1": action "ship-order": uses key "order.id" as int, but stage "s1": action "open-invoice" uses it as workflow_test.billingOrderID: two keys share the name; give one another (a key group, a prefix of its own: //gostage:keys prefix=...)`,
				`workflow "wf": stage "s1": action "label": uses key "order.id" as int, but stage "s1": action "open-invoice" uses it as workflow_test.billingOrderID: two keys share the name; give one another (a key group, a prefix of its own: //gostage:keys prefix=...)`,
			},
		},
		{
			name: "type conflicts are checked past an action without a contract",
			wf: func() *workflow.Workflow {
				return build(stage("s1",
					typed("open-invoice", nil, keys(billingOrderIDKey)),
					act("hand-written", nil),
					typed("ship-order", keys(shippingOrderIDKey), nil),
				))
			},
			want: []string{`workflow "wf": stage "s1": action "ship-order": uses key "order.id" as int, but stage "s1": action "open-invoice" uses it as workflow_test.billingOrderID: two keys share the name; give one another (a key group, a prefix of its own: //gostage:keys prefix=...)`},
		},
		{
			name: "contracts without types are not checked for types",
			wf: func() *workflow.Workflow {
				wf := build(stage("s1", writes("open-invoice", "order.id"), reads("ship-order", "order.id"), reads("label", "order.total")))
				require.NoError(t, wf.Store.Put("order.total", "12.50"))
				return wf
			},
		},
		{
			name: "types alike in name are told apart by import path",
			wf: func() *workflow.Workflow {
				text := store.NewKey[ttemplate.Template]("page.template")
				html := store.NewKey[htemplate.Template]("page.template")
				return build(stage("s1", typed("parse", nil, keys(text)), typed("render", keys(html), nil)))
			},
			want: []string{`workflow "wf": stage "s1": action "render": uses key "page.template" as html/template.Template, but stage "s1": action "parse" uses it as text/template.Template: two keys share the name; give one another (a key group, a prefix of its own: //gostage:keys prefix=...)`},
		},
		{
			name: "the store holds a key as another type than it is read as",
			wf: func() *workflow.Workflow {
				wf := build(stage("ship", typed("ship-order", keys(shippingOrderIDKey, orderTotalKey), nil)))
				require.NoError(t, billingOrderIDKey.Put(wf.Store, "A-17"))
				require.NoError(t, orderTotalKey.Put(wf.Store, 1250))
				return wf
			},
			want: []string{`workflow "wf": stage "ship": action "ship-order": reads key "order.id" as int, but the store holds it as workflow_test.billingOrderID`},
		},
		{
			name: "a value of a type merely assignable to the one read is a mismatch",
			wf: func() *workflow.Workflow {
				wf := build(stage("pack", typed("pack", keys(orderTagsKey), nil)))
				require.NoError(t, wf.Store.Put("order.tags", []string{"fragile"}))
				_, err := orderTagsKey.Get(wf.Store)
				require.ErrorIs(t, err, store.ErrTypeMismatch, "the read that Validate foresees")
				return wf
			},
			want: []string{`workflow "wf": stage "pack": action "pack": reads key "order.tags" as workflow_test.orderTags, but the store holds it as []string`},
		},
		{
			name: "a read with a declared default is checked against the store too",
			wf: func() *workflow.Workflow {
				withDefault := typed("ship-order", keys(shippingOrderIDKey), nil)
				withDefault.contract.Defaults = []string{"order.id"}
				wf := build(stage("ship", withDefault))
				require.NoError(t, wf.Store.Put("order.id", "A-17"))
				return wf
			},
			want: []string{`workflow "wf": stage "ship": action "ship-order": reads key "order.id" as int, but the store holds it as string`},
		},
		{
			name: "a key read as an interface its stored value implements",
			wf: func() *workflow.Workflow {
				wf := build(stage("s1", typed("print", keys(orderLabelKey), nil)))
				require.NoError(t, wf.Store.Put("order.label", label{"fragile"}))
				return wf
			},
		},
		{
			name: "a key read as an interface its stored value does not implement",
			wf: func() *workflow.Workflow {
				wf := build(stage("s1", typed("print", keys(orderLabelKey), nil)))
				require.NoError(t, wf.Store.Put("order.label", 7))
				return wf
			},
			want: []string{`workflow "wf": stage "s1": action "print": reads key "order.label" as fmt.Stringer, but the store holds it as int`},
		},
		{
			name: "a stored nil reads as a type that has a nil, not as one that has none",
			wf: func() *workflow.Workflow {
				wf := build(stage("s1", typed("note", keys(orderNoteKey), nil), typed("total", keys(orderTotalKey), nil)))
				require.NoError(t, wf.Store.Put("order.note", nil))
				require.NoError(t, wf.Store.Put("order.total", nil))
				return wf
			},
			want: []string{`workflow "wf": stage "s1": action "total": reads key "order.total" as int, but the store holds it as nil`},
		},
		{
			name: "a read after an earlier write does not read what the store held",
			wf: func() *workflow.Workflow {
				wf := build(stage("s1", typed("create", nil, keys(shippingOrderIDKey)), typed("ship-order", keys(shippingOrderIDKey), nil)))
				require.NoError(t, wf.Store.Put("order.id", "A-17"))
				return wf
			},
		},
		{
			name: "a read after an action without a contract is not checked against the store",
			wf: func() *workflow.Workflow {
				wf := build(stage("s1", act("hand-written", nil), typed("ship-order", keys(shippingOrderIDKey), nil)))
				require.NoError(t, wf.Store.Put("order.id", "A-17"))
				return wf
			},
		},
		{
			name: "all kinds of problems, in run order",
			wf: func() *workflow.Workflow {
				wf := build(
					stage("bill", typed("open-invoice", keys(orderTotalKey), keys(billingOrderIDKey))),
					stage("ship", typed("ship-order", keys(shippingOrderIDKey, orderLabelKey), nil)),
				)
				require.NoError(t, wf.Store.Put("order.total", int64(1250)))
				return wf
			},
			want: []string{
				`workflow "wf": stage "bill": action "open-invoice": reads key "order.total" as int, but the store holds it as int64`,
				`workflow "wf": stage "ship": action "ship-order": reads key "order.label", which no earlier action writes and the store does not hold`,
				`workflow "wf": stage "ship": action "ship-order": uses key "order.id" as int, but stage "bill": action "open-invoice" uses it as workflow_test.billingOrderID: two keys share the name; give one another (a key group, a prefix of its own: //gostage:keys prefix=...)`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := workflow.Validate(tt.wf())
			if tt.want == nil {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Equal(t, strings.Join(tt.want, "\n"), err.Error())
			require.Len(t, err.(interface{ Unwrap() []error }).Unwrap(), len(tt.want), "one error per problem")
		})
	}
}

func TestKeyTypeConflictError(t *testing.T) {
	wf := build(
		stage("bill", typed("open-invoice", nil, keys(billingOrderIDKey))),
		stage("ship", typed("ship-order", keys(shippingOrderIDKey), nil)),
	)

	err := workflow.Validate(wf)

	var conflict *workflow.KeyTypeConflictError
	require.ErrorAs(t, err, &conflict)
	assert.Equal(t, workflow.KeyTypeConflictError{
		Workflow: "wf", Key: "order.id",
		Stage: "ship", Action: "ship-order", Type: reflect.TypeFor[int](),
		FirstStage: "bill", FirstAction: "open-invoice", FirstType: reflect.TypeFor[billingOrderID](),
	}, *conflict)
	assert.ErrorIs(t, err, workflow.ErrKeyTypeConflict)
	assert.False(t, errors.Is(err, workflow.ErrUnsatisfiedRead), "a conflict is not an unsatisfied read")
	assert.False(t, errors.Is(err, workflow.ErrStoredTypeMismatch))
}

func TestStoredTypeMismatchError(t *testing.T) {
	wf := build(stage("ship", typed("ship-order", keys(shippingOrderIDKey), nil)))
	require.NoError(t, billingOrderIDKey.Put(wf.Store, "A-17"))

	err := workflow.Validate(wf)

	var mismatch *workflow.StoredTypeMismatchError
	require.ErrorAs(t, err, &mismatch)
	assert.Equal(t, workflow.StoredTypeMismatchError{
		Workflow: "wf", Stage: "ship", Action: "ship-order", Key: "order.id",
		Type: reflect.TypeFor[int](), Stored: reflect.TypeFor[billingOrderID](),
	}, *mismatch)
	assert.ErrorIs(t, err, workflow.ErrStoredTypeMismatch)
	assert.False(t, errors.Is(err, workflow.ErrUnsatisfiedRead), "the key is held, so its read is satisfied")
	assert.False(t, errors.Is(err, workflow.ErrKeyTypeConflict))

	t.Run("the run would fail at that read", func(t *testing.T) {
		_, err := shippingOrderIDKey.Get(wf.Store)
		assert.ErrorIs(t, err, store.ErrTypeMismatch)
	})
}

func TestKeyTypes(t *testing.T) {
	assert.Equal(t, map[string]reflect.Type{
		"order.id":    reflect.TypeFor[int](),
		"order.label": reflect.TypeFor[fmt.Stringer](),
	}, workflow.KeyTypes(shippingOrderIDKey, orderLabelKey, shippingOrderIDKey))
	assert.Empty(t, workflow.KeyTypes())

	assert.PanicsWithValue(t, `workflow: KeyTypes: key "order.id" given as both int and workflow_test.billingOrderID`, func() {
		workflow.KeyTypes(shippingOrderIDKey, billingOrderIDKey)
	})
}
