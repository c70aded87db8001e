package load

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/packages"
)

// checkMatched returns an error for the patterns that matched no loaded
// package: the go command's own error when it failed, or the list of
// patterns that match nothing.
//
// go/packages, when it reads dependencies from export data, hides a
// failure of the go command (go.mod needing go mod tidy, say) and returns
// no packages and no error; it says nothing either of a pattern such as
// ./... that matches no package. Only then, for the patterns that found
// nothing, gostage-gen runs go list itself to learn why, so a load that
// worked costs no second go command.
func checkMatched(ctx context.Context, cfg *packages.Config, pkgs []*packages.Package, patterns []string) error {
	var unmatched []string
	for _, p := range patterns {
		if !matchesAny(p, cfg.Dir, pkgs) {
			unmatched = append(unmatched, p)
		}
	}
	if len(unmatched) == 0 {
		return nil
	}
	cmd := goList(ctx, cfg, []string{"-f", "{{.ImportPath}}"}, unmatched)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return &GoError{Message: msg}
	}
	if none := noMatches(stderr.String()); len(none) > 0 {
		return &GoError{Message: "pattern " + strings.Join(none, ", ") + " matches no packages"}
	}
	if strings.TrimSpace(stdout.String()) == "" {
		return &GoError{Message: "pattern " + strings.Join(unmatched, ", ") + " matches no packages"}
	}
	return nil
}

// goList is the command go list -e, with the load's build flags and then
// flags, for patterns, run where the load ran and with its environment.
func goList(ctx context.Context, cfg *packages.Config, flags, patterns []string) *exec.Cmd {
	args := append(append([]string{"list", "-e"}, cfg.BuildFlags...), flags...)
	cmd := exec.CommandContext(ctx, "go", append(append(args, "--"), patterns...)...)
	cmd.Dir, cmd.Env = cfg.Dir, cfg.Env
	return cmd
}

// GoError is a failure of the go command, or patterns that match no
// package: the load as a whole did not happen.
type GoError struct{ Message string }

// Error returns the go command's message.
func (e *GoError) Error() string { return e.Message }

var noMatchRE = regexp.MustCompile(`warning: "([^"]*)" matched no packages`)

// noMatches returns the patterns the go command warned about in stderr.
func noMatches(stderr string) []string {
	var out []string
	for _, m := range noMatchRE.FindAllStringSubmatch(stderr, -1) {
		out = append(out, m[1])
	}
	return out
}

// matchesAny reports whether pattern could have matched one of pkgs. A
// pattern without "..." always yields a package from go list -e, with an
// error when it names nothing; a pattern with "..." is matched against
// directories (relative patterns) or import paths. A meta-pattern (all,
// std, cmd, tool) is taken as matched.
func matchesAny(pattern, dir string, pkgs []*packages.Package) bool {
	if !strings.Contains(pattern, "...") {
		return len(pkgs) > 0
	}
	if pattern == "all" || pattern == "std" || pattern == "cmd" || pattern == "tool" {
		return true
	}
	if isDirPattern(pattern) {
		base := pattern
		if !filepath.IsAbs(base) {
			d, err := commandDir(dir)
			if err != nil {
				return true
			}
			base = filepath.Join(d, base)
		}
		re := patternRE(filepath.ToSlash(base))
		for _, p := range pkgs {
			if p.Dir != "" && re.MatchString(filepath.ToSlash(p.Dir)) {
				return true
			}
		}
		return false
	}
	re := patternRE(pattern)
	for _, p := range pkgs {
		if re.MatchString(p.PkgPath) {
			return true
		}
	}
	return false
}

// patternRE compiles a go command pattern, in which ... matches any
// string and a trailing /... also matches nothing at all (x/... matches x).
func patternRE(pattern string) *regexp.Regexp {
	re := regexp.QuoteMeta(pattern)
	re = strings.ReplaceAll(re, `/\.\.\.`, `(/.*)?`)
	re = strings.ReplaceAll(re, `\.\.\.`, `.*`)
	return regexp.MustCompile(`^` + re + `$`)
}

// depsErrors returns, by package path, the errors of the go command about
// the imports of the packages of pkgs that type checking could not
// import: a module that is not required (go get needed), a package that
// does not exist. go/packages keeps of them only a type error, which says
// neither why nor how to fix it, so go list is asked, only for such
// packages. An import that failed for another reason, such as a
// dependency that does not compile, is not the go command's and is left
// to the type errors the model tolerates.
func depsErrors(ctx context.Context, cfg *packages.Config, pkgs []*packages.Package) map[string][]packages.Error {
	var paths []string
	for _, p := range pkgs {
		if slices.ContainsFunc(p.Errors, importFailed) {
			paths = append(paths, p.PkgPath)
		}
	}
	if len(paths) == 0 {
		return nil
	}
	flags := []string{"-json=ImportPath,Dir,DepsErrors"}
	// With the load's overlay, which hides the old generated files, the
	// go command names the user's import, not the generated file's.
	if file, err := writeOverlay(cfg.Overlay); err == nil && file != "" {
		defer os.RemoveAll(filepath.Dir(file))
		flags = append(flags, "-overlay="+file)
	}
	out, err := goList(ctx, cfg, flags, paths).Output()
	if err != nil {
		return nil // the load itself went through; its own errors stand
	}
	// Positions are relative to the go command's directory.
	base, _ := commandDir(cfg.Dir)
	errs := make(map[string][]packages.Error)
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p struct {
			ImportPath string
			Dir        string
			DepsErrors []struct{ Pos, Err string }
		}
		if dec.Decode(&p) != nil {
			break
		}
		for _, e := range p.DepsErrors {
			pos := e.Pos
			if pos != "" && !filepath.IsAbs(pos) {
				pos = filepath.Join(base, pos)
			}
			errs[p.ImportPath] = append(errs[p.ImportPath], packages.Error{Pos: pos, Msg: e.Err, Kind: packages.ListError})
		}
	}
	return errs
}

// commandDir returns the directory the go command runs in for a
// configuration whose Dir is dir: dir, or the current directory when dir
// is "".
func commandDir(dir string) (string, error) {
	if dir != "" {
		return dir, nil
	}
	return filepath.Abs(".")
}

// importFailed reports whether e is how go/packages shows an import the
// go command could not resolve: "could not import P" when the package
// alone fails, and, when several packages load together, the failed
// import bound to another package of the load, which the file then
// does not use under that package's name ("P" imported as Q and not
// used).
func importFailed(e packages.Error) bool {
	if e.Kind != packages.TypeError {
		return false
	}
	return strings.HasPrefix(e.Msg, "could not import ") ||
		strings.Contains(e.Msg, "\" imported as ") && strings.HasSuffix(e.Msg, " and not used")
}

// writeOverlay writes overlay as the go command's -overlay file, in a new
// temporary directory, and returns its path; "" when there is no overlay.
func writeOverlay(overlay map[string][]byte) (string, error) {
	if len(overlay) == 0 {
		return "", nil
	}
	dir, err := os.MkdirTemp("", "gostage-gen-overlay")
	if err != nil {
		return "", err
	}
	replace := make(map[string]string, len(overlay))
	i := 0
	for path, content := range overlay {
		name := filepath.Join(dir, strconv.Itoa(i)+".go")
		i++
		if err := os.WriteFile(name, content, 0o600); err != nil {
			os.RemoveAll(dir)
			return "", err
		}
		replace[path] = name
	}
	b, err := json.Marshal(struct{ Replace map[string]string }{replace})
	if err == nil {
		err = os.WriteFile(filepath.Join(dir, "overlay.json"), b, 0o600)
	}
	if err != nil {
		os.RemoveAll(dir)
		return "", err
	}
	return filepath.Join(dir, "overlay.json"), nil
}
