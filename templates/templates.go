// Package templates holds the scaffolds gostage-gen writes for its users:
// files written once, by gostage-gen new, that then belong to the user and
// are never rewritten. The shape of each scaffold lives in its template
// only; code here fills it in and formats the result.
//
// Generated code, which gostage-gen rewrites on every run, is not made
// from these templates but by package generator/emit.
package templates

import (
	"bytes"
	"embed"
	"fmt"
	"go/format"
	"strings"
	"text/template"
)

//go:embed *.go.tmpl
var files embed.FS

var parsed = template.Must(template.New("").Funcs(template.FuncMap{"join": strings.Join}).ParseFS(files, "*.go.tmpl"))

// Action is what the scaffold of an action is written from.
type Action struct {
	Package  string   // package name of the file
	TypeName string   // the action's Go type, "ActivateUser"
	Name     string   // the action's name, "activate-user"
	Reads    []string // key references of reads=, as the directive writes them
	Writes   []string // key references of writes=
	// Getters and Setters are the IO methods the references give Run,
	// as "io.UserID()" and "io.SetUserID(v)".
	Getters, Setters []string
}

// RenderAction returns the gofmt-formatted source of the action scaffold.
func RenderAction(a Action) ([]byte, error) {
	var buf bytes.Buffer
	if err := parsed.ExecuteTemplate(&buf, "action.go.tmpl", a); err != nil {
		return nil, fmt.Errorf("action scaffold: %w", err)
	}
	src, err := format.Source(buf.Bytes())
	if err != nil {
		return nil, fmt.Errorf("action scaffold: %w", err)
	}
	return src, nil
}
