// Package graph draws the data flow of a program's actions and keys as a
// Mermaid flowchart: which action writes each key and which reads it, for
// a README or a design review.
//
// Actions are rounded boxes named by their action name, keys are
// cylinders named by their key name, each inside a subgraph of the package
// that declares it. An arrow from an action to a key writes it; an arrow
// from a key to an action reads it.
//
// Actions come in run order where the code that builds a workflow is among
// the packages (the order of its st.AddAction calls), and by name
// otherwise, the known ones first. The output depends on the models only,
// so it is stable from run to run.
package graph

import (
	"cmp"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/gostage/gostage/generator/model"
)

// node is one box of the chart.
type node struct {
	id, label, shape string // shape: "action" or "key"
}

// chart collects nodes by package, and edges, in first-seen order.
type chart struct {
	keys     map[string]*node   // key nodes by package path, group and field
	byPkg    map[string][]*node // package path -> its nodes
	pkgs     []string
	edges    []string
	nactions int // action nodes so far
	nkeys    int // key nodes so far
}

// Mermaid writes the flowchart of the actions and keys of pkgs.
func Mermaid(w io.Writer, pkgs []*model.Package) error {
	c := &chart{keys: make(map[string]*node), byPkg: make(map[string][]*node)}
	sorted := slices.Clone(pkgs)
	slices.SortFunc(sorted, func(a, b *model.Package) int { return cmp.Compare(a.Path, b.Path) })
	actions, inRunOrder := runOrder(sorted)
	for _, pa := range actions {
		act := c.action(pa.pkg, pa.action)
		for _, k := range pa.action.Reads {
			c.edges = append(c.edges, c.key(k.PkgPath, k.Group, k.Field, k.Key).id+" --> "+act.id)
		}
		for _, k := range pa.action.Writes {
			c.edges = append(c.edges, act.id+" --> "+c.key(k.PkgPath, k.Group, k.Field, k.Key).id)
		}
	}
	for _, p := range sorted {
		for _, g := range p.Groups {
			for _, k := range g.Keys {
				c.key(p.Path, g.Name, k.Field, k.Name)
			}
		}
	}
	var b strings.Builder
	b.WriteString("flowchart LR\n")
	b.WriteString("    %% actions write the keys they point to and read the keys that point to them\n")
	if inRunOrder {
		b.WriteString("    %% actions are numbered in run order, as the code adds them to stages\n")
	} else {
		b.WriteString("    %% actions are numbered by name: no code adds them to stages\n")
	}
	for i, path := range c.pkgs {
		fmt.Fprintf(&b, "    subgraph p%d [%s]\n", i, quote(path))
		for _, n := range c.byPkg[path] {
			if n.shape == "action" {
				fmt.Fprintf(&b, "        %s([%s])\n", n.id, quote(n.label))
			} else {
				fmt.Fprintf(&b, "        %s[(%s)]\n", n.id, quote(n.label))
			}
		}
		b.WriteString("    end\n")
	}
	for _, e := range c.edges {
		b.WriteString("    " + e + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// pkgAction is an action with the path of its package.
type pkgAction struct {
	pkg    string
	action *model.Action
}

// runOrder returns the actions of pkgs in the order the packages' code
// adds them to stages, each once, then those it does not add, by name;
// inRunOrder is false when the code adds none.
func runOrder(pkgs []*model.Package) (actions []pkgAction, inRunOrder bool) {
	byID := make(map[model.ActionID]pkgAction)
	for _, p := range pkgs {
		for _, a := range p.Actions {
			byID[model.ActionID{PkgPath: p.Path, TypeName: a.TypeName}] = pkgAction{p.Path, a}
		}
	}
	for _, p := range pkgs {
		for _, id := range p.Added {
			if pa, ok := byID[id]; ok {
				actions = append(actions, pa)
				delete(byID, id)
			}
		}
	}
	inRunOrder = len(actions) > 0
	rest := slices.Collect(maps.Values(byID))
	slices.SortFunc(rest, func(a, b pkgAction) int {
		return cmp.Or(cmp.Compare(a.action.Name, b.action.Name), cmp.Compare(a.pkg, b.pkg), cmp.Compare(a.action.TypeName, b.action.TypeName))
	})
	return append(actions, rest...), inRunOrder
}

// action adds the node of action a of package pkg.
func (c *chart) action(pkg string, a *model.Action) *node {
	n := &node{id: fmt.Sprintf("a%d", c.nactions), label: a.Name, shape: "action"}
	c.nactions++
	c.add(pkg, n)
	return n
}

// key returns the node of key group.field of package pkg, adding it on
// first sight. name is the key's name, "" when unknown.
func (c *chart) key(pkg, group, field, name string) *node {
	id := pkg + "#" + group + "." + field
	n, ok := c.keys[id]
	if !ok {
		n = &node{id: fmt.Sprintf("k%d", c.nkeys), label: group + "." + field, shape: "key"}
		c.nkeys++
		c.keys[id] = n
		c.add(pkg, n)
	}
	if name != "" {
		n.label = name
	}
	return n
}

// add puts n in the subgraph of package pkg.
func (c *chart) add(pkg string, n *node) {
	if _, ok := c.byPkg[pkg]; !ok {
		c.pkgs = append(c.pkgs, pkg)
		slices.Sort(c.pkgs)
	}
	c.byPkg[pkg] = append(c.byPkg[pkg], n)
}

// quote makes s a Mermaid string, which cannot hold a double quote.
func quote(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, "#quot;") + `"`
}
