package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/gostage/gostage/analysis/keyvet"
)

// Exit statuses.
const (
	exitOK       = 0
	exitError    = 1
	exitUsage    = 2
	exitFindings = 3
)

// fixRounds bounds how often -fix runs the analysis again to apply fixes
// that could not be applied together with others in one round (two
// imports added at the same place).
const fixRounds = 4

// run is the command: it parses args, runs the analysis and reports,
// fixes or prints the diff, and returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("gostage-vet", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fix := fs.Bool("fix", false, "apply the suggested fixes, then list the findings left without one")
	diff := fs.Bool("diff", false, "print the fixes as a unified diff on stdout instead of applying them")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: gostage-vet [-fix] [-diff] [packages]\n\ngostage-vet: %s\n\nFlags:\n", keyvet.Analyzer.Doc)
		fs.PrintDefaults()
		fmt.Fprintf(stderr, "\nExit status: 0 when nothing is reported, 3 when something is (with -fix:\nwhen findings without a fix are left), 1 on errors, 2 on bad usage.\n")
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	patterns := fs.Args()
	if len(patterns) == 0 {
		patterns = []string{"."}
	}
	cwd, err := os.Getwd()
	if err != nil {
		return fail(stderr, err)
	}
	p := &printer{cwd: cwd, w: stderr}
	findings, err := analyze(patterns, stderr)
	if err != nil {
		return fail(stderr, err)
	}
	switch {
	case *diff:
		fixed, left := applyFixes(findings)
		if err := printDiffs(stdout, cwd, fixed); err != nil {
			return fail(stderr, err)
		}
		p.print(left)
		if len(fixed) > 0 || len(left) > 0 {
			return exitFindings
		}
		return exitOK
	case *fix:
		return fixAll(findings, patterns, p, stderr)
	}
	p.print(findings)
	if len(findings) > 0 {
		return exitFindings
	}
	return exitOK
}

// fixAll applies the fixes of findings, runs the analysis again while
// some fixes could not be applied in the same round, and lists what is
// left without a fix.
func fixAll(findings []finding, patterns []string, p *printer, stderr io.Writer) int {
	for round := 1; ; round++ {
		fixed, left := applyFixes(findings)
		for _, f := range fixed {
			if err := os.WriteFile(f.name, f.new, f.mode); err != nil {
				return fail(stderr, err)
			}
		}
		if !hasFix(left) || len(fixed) == 0 || round == fixRounds {
			p.print(left)
			if len(left) > 0 {
				return exitFindings
			}
			return exitOK
		}
		var err error
		if findings, err = analyze(patterns, stderr); err != nil {
			return fail(stderr, err)
		}
	}
}

// hasFix reports whether one of findings has a fix.
func hasFix(findings []finding) bool {
	for _, f := range findings {
		if f.fix != nil {
			return true
		}
	}
	return false
}

// finding is one diagnostic, as go vet -json reports it.
type finding struct {
	Posn    string `json:"posn"`
	Message string `json:"message"`
	Fixes   []struct {
		Edits []edit `json:"edits"`
	} `json:"suggested_fixes"`

	file      string
	line, col int
	fix       []edit // the edits of the first fix, nil for none
}

// edit is one text edit of a fix: bytes start to end of file become new.
type edit struct {
	Filename string `json:"filename"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	New      string `json:"new"`
}

// analyze runs go vet with this program as its analysis tool on
// patterns, and returns the findings, each once (a file of a package and
// of its test variant is analyzed twice), sorted by position.
func analyze(patterns []string, stderr io.Writer) ([]finding, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	args := append([]string{"vet", "-vettool=" + self, "-json"}, patterns...)
	cmd := exec.Command("go", args...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		stderr.Write(errOut.Bytes())
		return nil, fmt.Errorf("go vet failed: %v", err)
	}
	return decode(&out)
}

// decode reads the JSON that go vet -json prints: one object per package,
// mapping the package to the analyzer to its findings or its error.
func decode(r io.Reader) ([]finding, error) {
	seen := make(map[string]bool)
	var findings []finding
	dec := json.NewDecoder(r)
	for {
		var tree map[string]map[string]json.RawMessage
		if err := dec.Decode(&tree); err == io.EOF {
			break
		} else if err != nil {
			return nil, fmt.Errorf("reading go vet output: %v", err)
		}
		for pkg, byAnalyzer := range tree {
			for _, raw := range byAnalyzer {
				var failed struct{ Error string }
				if json.Unmarshal(raw, &failed) == nil && failed.Error != "" {
					return nil, fmt.Errorf("%s: %s", pkg, failed.Error)
				}
				var fs []finding
				if err := json.Unmarshal(raw, &fs); err != nil {
					return nil, fmt.Errorf("reading go vet output: %v", err)
				}
				for _, f := range fs {
					if k := f.Posn + "\x00" + f.Message; !seen[k] {
						seen[k] = true
						findings = append(findings, f.parse())
					}
				}
			}
		}
	}
	sort.Slice(findings, func(i, j int) bool {
		a, b := findings[i], findings[j]
		if a.file != b.file {
			return a.file < b.file
		}
		if a.line != b.line {
			return a.line < b.line
		}
		if a.col != b.col {
			return a.col < b.col
		}
		return a.Message < b.Message
	})
	return findings, nil
}

// parse splits f.Posn, file:line:col, and picks the first fix.
func (f finding) parse() finding {
	f.file = f.Posn
	if i := strings.LastIndexByte(f.file, ':'); i > 0 {
		f.col, _ = strconv.Atoi(f.file[i+1:])
		f.file = f.file[:i]
		if j := strings.LastIndexByte(f.file, ':'); j > 0 {
			f.line, _ = strconv.Atoi(f.file[j+1:])
			f.file = f.file[:j]
		}
	}
	if len(f.Fixes) > 0 {
		f.fix = f.Fixes[0].Edits
	}
	return f
}

// printer prints findings as go vet does.
type printer struct {
	cwd string
	w   io.Writer
}

// print writes one line per finding, its file relative to the current
// directory.
func (p *printer) print(findings []finding) {
	for _, f := range findings {
		fmt.Fprintf(p.w, "%s:%d:%d: %s\n", shortPath(p.cwd, f.file), f.line, f.col, f.Message)
	}
}

// shortPath returns name relative to dir when that is shorter, as the go
// command shortens the paths it prints.
func shortPath(dir, name string) string {
	if rel, err := filepath.Rel(dir, name); err == nil && len(rel) < len(name) {
		return rel
	}
	return name
}

// fail prints err as the command's error and returns exitError.
func fail(stderr io.Writer, err error) int {
	fmt.Fprintf(stderr, "gostage-vet: %v\n", err)
	return exitError
}
