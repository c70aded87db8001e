package main

// The generated file needs packages named errors, store and time; this
// package declares those names itself, so the imports must be renamed.

type store struct{ name string }

var errors = []string{"none"}

func time() string { return "now" }

// Job is a job.
//
//gostage:keys
type Job struct {
	Owner store
	Every int `gostage:"ttl=1m"`
}
