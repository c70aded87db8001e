// Command gostage-gen generates typed accessors for the keys a package
// declares with //gostage:keys, so that workflow code reads and writes its
// store without spelling key strings.
//
// Usage:
//
//	gostage-gen [-output file] [-tags t1,t2] [-check] [packages]
//
// With no packages it works on the package in the current directory, as
// //go:generate gostage-gen runs it; it also takes package patterns such as
// ./..., all loaded at once. Each package that declares keys gets one
// generated file, gostage_gen.go unless -output says otherwise, rewritten
// only when its content changes.
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
// For each key it generates a store.Key variable (UserID), and on the
// view returned by UserOf(s) the methods ID, SetID, IDOr, HasID and
// DeleteID; Load and Save read and write the whole group; Keys lists
// every key of the package.
//
// Problems are reported as path/file.go:LINE:COL: message lines, all of
// them, and nothing is written. -check writes nothing and names every
// generated file that is stale or missing.
//
// Exit status: 0 on success, 1 for problems in the input or stale files
// under -check, 2 for a usage error.
package main

import "os"

func main() {
	os.Exit(Run(os.Args[1:], os.Stdout, os.Stderr))
}
