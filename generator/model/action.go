package model

import (
	"go/token"
	"go/types"
	"strings"
)

// Action is a struct type declared with //gostage:action: a workflow
// action whose store access is generated from the keys it declares.
type Action struct {
	TypeName string   // Go type name, "ActivateUser"
	Name     string   // action name, "activate-user"
	Doc      string   // the type's doc comment, directives removed: its description
	Tags     []string // from tags=a|b, what Tags returns
	Pos      token.Pos
	Reads    []*KeyRef // in directive order
	Writes   []*KeyRef // in directive order
}

// KeyRef is one key an action reads or writes, resolved to the key group
// that declares it, in the action's package or in an imported one.
type KeyRef struct {
	Ref     string // as written in the directive, "User.ID" or "userkeys.User.ID"
	PkgPath string // import path of the package declaring the group
	PkgName string // that package's name
	Group   string // "User"
	Field   string // "ID"
	// Key is the key's name in the store, "user.id"; "" when the group was
	// found from its generated code rather than from its declaration.
	Key  string
	Type types.Type
	// HasDefault says whether the key is declared with default=, so that
	// reading it needs no earlier write.
	HasDefault bool
	// Facts are what docs say of the key; only the part its declaration
	// tells when the key is of another package.
	Facts KeyFacts
	Pos   token.Pos // of the reference in the directive
}

// IOName returns the name of the generated type through which Run reads
// and writes the store, "ActivateUserIO".
func (a *Action) IOName() string { return a.TypeName + "IO" }

// RunSignature returns the signature the user writes, for messages.
func (a *Action) RunSignature() string {
	return "func (a *" + a.TypeName + ") " + RunMethod + "(ctx *workflow.ActionContext, io " + a.IOName() + ") error"
}

// VarName returns the name of the store.Key variable generated for the
// key in its package, "UserIDKey".
func (k *KeyRef) VarName() string { return KeyVarName(k.Group, k.Field) }

// Getter returns the name of the IO method that reads the key, "UserID".
func (k *KeyRef) Getter() string { return k.Group + k.Field }

// Setter returns the name of the IO method that writes the key,
// "SetUserID".
func (k *KeyRef) Setter() string { return "Set" + k.Group + k.Field }

// ActionMethods are the methods generated on *<Action>: those of
// workflow.Action, and Contract.
var ActionMethods = []string{"Name", "Description", "Tags", "Execute", "Contract"}

// RunMethod is the method of an action that the user writes and the
// generated Execute calls.
const RunMethod = "Run"

// WorkflowPath is the import path of the runtime package generated
// actions implement.
const WorkflowPath = "github.com/gostage/gostage/runtime/workflow"

// KebabCase returns name in kebab-case, the default name of an action:
// "ActivateUser" is "activate-user", "SendHTTPRequest" is
// "send-http-request".
func KebabCase(name string) string {
	return strings.ReplaceAll(SnakeCase(name), "_", "-")
}
