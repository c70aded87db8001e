// Package emit writes the Go source of a generated file from a
// [model.Package], and from nothing else: no syntax, no loading.
//
// The output is deterministic (it depends on the model only, in source
// order), gofmt-clean, and starts with [model.Header].
package emit
