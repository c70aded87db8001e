// Package generator is gostage-gen's pipeline: load the packages
// (package load), read their declarations into a validated model (package
// model), and emit each package's generated file (package emit).
//
// [Generate] only computes results; [Commit] writes them, and only when
// the whole run generated cleanly, so bad input never leaves a broken or
// half-written file behind.
package generator
