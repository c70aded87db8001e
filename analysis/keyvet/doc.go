// Package keyvet defines an Analyzer that finds store calls spelling a key
// string that has a typed accessor, and rewrites them to use it.
//
// # Analyzer keyvet
//
// keyvet: report string keys that have typed accessors
//
// Keys declared in a //gostage:keys group get a generated accessor: for
// group User, field ID, the key "user.id" and the variable
// userkeys.UserIDKey of type store.Key[int]. Code written before the
// declaration, or in spite of it, still spells the string:
//
//	id, err := store.Get[int](s, "user.id")
//	err = s.Put("user.id", 42)
//
// keyvet reports such calls, and offers the accessor instead:
//
//	id, err := userkeys.UserIDKey.Get(s)
//	err = userkeys.UserIDKey.Put(s, 42)
//
// # Which keys
//
// A key counts when a //gostage:keys group declares it anywhere in the
// main module, or in a package the checked package imports directly,
// whether or not the checked package imports the package that declares
// it: legacy code is exactly the code that does not import the keys yet.
//
// Declarations are read with the generator's own reader
// (github.com/gostage/gostage/generator/model), never guessed from
// generated code. Those of the package itself and of its direct imports
// come from its type information and from analysis facts. Those of the
// module's other packages are read from disk: the module is found from
// the go.mod above the package's files, its packages are listed as the go
// command lists them (no testdata, vendor, _ or . directories, no nested
// modules), and each package whose files mention //gostage:keys is
// type-checked from its files. Facts cannot carry these keys, since they
// flow only from a package to its importers; reading the files is the
// same under every driver, so go vet and a standalone run agree. The
// module is read only when a call names a key that the package and its
// imports do not declare.
//
// Such a package's imports are taken from the packages the checked
// package knows; an import it does not know is type-checked from its
// files too when it belongs to the module, so that the types and the
// constants a key names (default=ship.PostOffice) are there, and
// otherwise stands in with opaque types. A default that names a constant
// of such a stand-in (default=slog.LevelWarn) does not hide its key:
// only whether a key has a default matters here, not its value.
// A key whose type mentions one is compared by its spelling only: a call
// with that type agrees with it, any other is not judged, and the fix
// only spells the key through the accessor.
//
// A key declared by two packages is taken from the package being checked,
// then from the imported package first by import path, then from the
// module's package first by import path.
//
// The key must be a constant string: a literal, a constant (typed or not,
// of this package or another) or a constant expression. Keys computed at
// run time are not checked, which is also the way to keep a string-keyed
// call on purpose, as a benchmark of the untyped path does: pass
// userkeys.UserIDKey.Name() rather than "user.id".
//
// # Which calls
//
// store.Get, store.GetOrDefault, and the *store.KVStore methods Put,
// PutWithTTL, PutWithMetadata, PutWithTTLAndMetadata, Delete and Has, on
// any expression of the store type: a variable, a field such as wf.Store,
// ctx.Store() of an action, or a struct that embeds the store. Generated
// files are not checked.
//
// # Diagnostics
//
// A declared key reports
//
//	"user.id" has a typed accessor: userkeys.UserIDKey
//
// with a suggested fix. The accessor is named as the file imports its
// package (a renamed or dot import is kept), without qualifier in the
// package that declares it, and the import is added when the file lacks
// it, named only when the package name differs from the one goimports
// assumes from the path, and in a group of its own after the standard
// library's. Imports the rewrite leaves unused, such as the store package
// or the package of a key constant, are removed by the drivers that apply
// fixes.
//
// A key whose package has no generated file yet, or a stale one without
// the key, reports that instead, without a fix:
//
//	"user.id" is declared by userkeys.User.ID, but its accessor
//	userkeys.UserIDKey is not generated yet: run gostage-gen
//
// When the package that declares the key imports the checked package,
// directly or through others, importing it would make an import cycle:
// the finding says so, naming the chain, and has no fix:
//
//	"user.id" has a typed accessor: userkeys.UserIDKey; no fix: importing
//	example.com/app/userkeys would make an import cycle
//	(example.com/app/userkeys -> example.com/app/legacy)
//
// A call that reads a declared key as another type, or writes a value of
// another type to it, is a bug rather than a style matter, and reports
//
//	user.id holds int, not string
//
// instead, without a fix. Untyped constants count as their default type:
// s.Put("user.ratio", 1) writes an int. A value of interface type, and an
// interface type argument, agree with every type that could be in it; a
// nil agrees with the types that have one (pointers, slices, maps,
// channels, functions, interfaces). Type parameters are not judged.
//
// A key string that no group declares but that is one edit (a byte
// inserted, deleted, replaced, or two adjacent bytes swapped) away from a
// declared key, or differs from one only in case, reports without a fix,
// since the other key may be meant:
//
//	"user.idd" is not a declared key: did you mean "user.id"?
//
// # Fixes
//
// A fix never changes what a program does. The call is rewritten to the
// accessor's method when that method does exactly what the call did:
//
//	store.Get[int](s, "user.id")             userkeys.UserIDKey.Get(s)
//	store.GetOrDefault[int](s, "user.id", 7) userkeys.UserIDKey.GetOrDefault(s, 7)
//	s.Put("user.id", 42)                     userkeys.UserIDKey.Put(s, 42)
//	s.Delete("user.id")                      userkeys.UserIDKey.Delete(s)
//	s.Has("user.id")                         userkeys.UserIDKey.Has(s)
//
// The results keep their types: Get and GetOrDefault return the same
// (T, error), Put an error, Delete and Has a bool. When the accessor's
// method would behave differently, the fix keeps the call and spells only
// the key through the accessor, as in
//
//	s.PutWithMetadata(userkeys.UserIDKey.Name(), v, md)
//
// which is what it does for:
//
//   - store.Get of a key with a default: Key.Get reads a missing key as
//     the default, store.Get as an error wrapping store.ErrNotFound.
//   - Put of a key with a TTL: Key.Put makes the entry expire, Put does
//     not. PutWithTTL becomes Key.Put only when its TTL is a constant equal
//     to the declared one.
//   - PutWithMetadata and PutWithTTLAndMetadata: they replace the entry's
//     metadata, which no accessor method does.
//   - a type argument or value that agrees with the declared type without
//     being it (an interface, a type parameter), and a Put of an untyped
//     nil for a key of pointer, slice, map, channel or function type,
//     which Key.Put would store as a typed nil.
//
// Key.Put adds the key's declared tags and description to the entry's
// metadata where s.Put kept the previous metadata alone: that is the
// declaration taking effect, and the only difference a rewrite makes.
//
// No fix is offered while the accessor is not generated (run go
// generate), when a local name hides the accessor or its package at the
// call, or when the accessor is unexported and the call in another
// package; that finding says instead that the key's group is unexported,
// and to export it.
//
// # Running
//
// The command gostage-vet runs this analyzer alone, or as the analysis
// tool of the go command:
//
//	gostage-vet ./...                                    # report; exit 3 if anything is
//	gostage-vet -fix ./...                               # apply the fixes; list what is left, exit 3 if anything is
//	gostage-vet -diff ./...                              # print the fixes as a unified diff
//	go vet -vettool=$(go tool -n gostage-vet) ./...      # report; exit 1 if anything is
//	go fix -fixtool=$(go tool -n gostage-vet) ./...      # apply the fixes
//
// A standalone run is go vet with gostage-vet as its tool, so both report
// the same findings, and go vet's cache serves both.
//
// gopls runs only the analyzers compiled into it, so editors do not show
// these diagnostics as you type. Run the command as an editor task instead
// (its output is the usual file:line:col: message, which editors link to
// the code), or through go vet where the editor runs go vet on save.
package keyvet
