package main

import "time"

// Level is a named string.
type Level string

// Retries is a named integer.
type Retries uint8

// Timeout is a duration of this package.
type Timeout time.Duration

// Settings has a default of every supported kind, and no prefix.
//
//gostage:keys prefix=
type Settings struct {
	Verbose  bool          `gostage:"default=true"`
	Level    Level         `gostage:"default=info"`
	Empty    string        `gostage:"default="`
	Retries  Retries       `gostage:"default=3"`
	Offset   int64         `gostage:"default=-12"`
	Mask     uint32        `gostage:"default=0xff"`
	Ratio    float32       `gostage:"default=0.25"`
	Big      float64       `gostage:"default=1e6"`
	Wait     time.Duration `gostage:"default=1m30s"`
	Timeout  Timeout       `gostage:"default=2h"`
	Tiny     time.Duration `gostage:"default=1500ns"`
	Millis   int           `gostage:"default=1_000"`
	Negative time.Duration `gostage:"default=-5s,ttl=1h"`
	// Scale is written as an int, and must still read as a float64.
	Scale float64 `gostage:"default=3"`
	// Thousand is written as a float, and must still read as an int.
	Thousand int `gostage:"default=1e3"`
}

// Job is a second group in the package.
//
//gostage:keys
type Job struct {
	// Name names the job.
	//
	// It is free text.
	Name string `gostage:"default=nightly,tags=ops"`
}
