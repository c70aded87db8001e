// Command gostage-gen generates typed accessors for the keys a package
// declares with //gostage:keys, and workflow actions for the structs it
// declares with //gostage:action, so that workflow code reads and writes
// its store without spelling key strings.
//
// Usage:
//
//	gostage-gen [-output file] [-tags t1,t2] [-check] [packages]
//	gostage-gen new action NAME [-reads keys] [-writes keys] [-dir D]
//	gostage-gen graph [-tags t1,t2] [packages]
//	gostage-gen help [new | graph]
//
// With no packages it works on the package in the current directory, as
// //go:generate gostage-gen runs it; it also takes package patterns such as
// ./..., all loaded at once. Each package that declares keys or actions
// gets one generated file, gostage_gen.go unless -output says otherwise,
// rewritten only when its content changes, and removed once the package
// declares neither.
//
// A key group is a struct type with the directive in its doc comment:
//
//	// User is the state of one user's lifecycle.
//	//
//	//gostage:keys prefix=user
//	type User struct {
//		ID     int                                  // key "user.id"
//		Roles  []string `gostage:"ttl=10m,tags=auth|pii"`
//		Config Config   `gostage:"key=user.cfg"`
//		Status string   `gostage:"default=pending"`
//		Cache  []byte   `gostage:"-"`             // not a key
//	}
//
// For each key it generates a store.Key variable (UserIDKey), and on the
// view returned by UserOf(s) the methods ID, SetID, IDOr, HasID and
// DeleteID; Load and Save read and write the whole group; Keys lists
// every key of the package.
//
// An action is a struct type with the directive in its doc comment, which
// is also the action's description, and a Run method:
//
//	// ActivateUser marks a pending user active.
//	//
//	//gostage:action reads=userkeys.User.Profile,userkeys.User.Status writes=userkeys.User.Status
//	type ActivateUser struct{}
//
//	func (a *ActivateUser) Run(ctx *workflow.ActionContext, io ActivateUserIO) error
//
// reads= and writes= list keys as Group.Field, pkg.Group.Field for a
// group of a package the file imports as pkg, or
// example.com/shop/shipping.Shipment.Tracking, by import path, which
// needs no import; spaces may follow their commas, and a directive may go
// on over several //gostage:action lines, whose reads and writes add up.
// name= sets the action's name (kebab-case of the type name by default),
// tags= what its Tags method returns. It generates
// ActivateUserIO, with a getter per key read (UserProfile) and a setter
// per key written (SetUserStatus) and nothing else, and on *ActivateUser
// the methods of workflow.Action (Name, Description, Tags, and Execute,
// which calls Run) and Contract, which workflow.Validate checks before a
// run.
//
// new action writes NAME's scaffold, once, from the templates of package
// templates: snake_name.go with the directive, the struct and a Run stub.
// It checks the references first, takes pkg.Group.Field for a package
// another file of the package imports and importpath.Group.Field for any,
// writes the keys of other packages by import path (the new file needs
// no import), never overwrites a file, and prints the path it wrote. graph prints
// which action writes and which reads each key, as a Mermaid flowchart,
// with the actions in the order the code adds them to stages, or by name.
//
// Problems are reported as path/file.go:LINE:COL: message lines, all of
// them, and nothing is written; a near miss of a directive, such as
// "// gostage:keys", is one. A failure of the go command (a go.mod that
// needs go mod tidy) or a pattern that matches no package is an error too,
// and so is a run whose packages declare nothing and have no generated
// file to remove, such as a //go:generate line with ./... in a
// subdirectory of the module. -check writes nothing and names every
// generated file that is stale or missing.
//
// Exit status: 0 on success, 1 for problems in the input or stale files
// under -check, 2 for a usage error.
package main

import "os"

func main() {
	os.Exit(Run(os.Args[1:], os.Stdout, os.Stderr))
}
