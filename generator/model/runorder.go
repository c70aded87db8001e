package model

import (
	"go/ast"
	"go/types"
)

// ActionID names an action type by its package and type name.
type ActionID struct {
	PkgPath  string
	TypeName string
}

// AddedActions returns the action types that files add to workflow
// stages, st.AddAction(&ActivateUser{}), in source order: the order the
// actions run in when one function builds the workflow, which is how
// workflows are written. An argument whose type is an interface (a loop
// over actions) names no type and is skipped.
func AddedActions(files []*ast.File, info *types.Info) []ActionID {
	var ids []ActionID
	for _, f := range files {
		if IsGenerated(f) {
			continue
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || !isAddAction(call, info) {
				return true
			}
			for _, arg := range call.Args {
				if id, ok := actionType(info.TypeOf(arg)); ok {
					ids = append(ids, id)
				}
			}
			return true
		})
	}
	return ids
}

// isAddAction reports whether call calls (*workflow.Stage).AddAction.
func isAddAction(call *ast.CallExpr, info *types.Info) bool {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "AddAction" {
		return false
	}
	fn, ok := info.Uses[sel.Sel].(*types.Func)
	return ok && fn.Pkg() != nil && fn.Pkg().Path() == WorkflowPath
}

// actionType returns the named type of t, or of what t points to.
func actionType(t types.Type) (ActionID, bool) {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	named, ok := types.Unalias(t).(*types.Named)
	if !ok || named.Obj().Pkg() == nil {
		return ActionID{}, false
	}
	if _, isInterface := named.Underlying().(*types.Interface); isInterface {
		return ActionID{}, false
	}
	return ActionID{named.Obj().Pkg().Path(), named.Obj().Name()}, true
}
