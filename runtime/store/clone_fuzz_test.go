package store_test

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/gostage/gostage/runtime/store"
)

// gnode is a node of a value graph with every kind of reference a deep copy
// must follow: slices, maps, interfaces, arrays, and unexported fields.
type gnode struct {
	N      int
	Kids   []*gnode
	ByName map[string]*gnode
	Any    any // nil, a *gnode or a []any holding one
	next   *gnode
	pair   [2]*gnode
}

// buildGraph builds a graph from data: each pair of bytes links two nodes,
// made as needed, through one kind of reference, so that shared nodes and
// cycles of every kind come out.
func buildGraph(data []byte) *gnode {
	nodes := []*gnode{{N: 0}}
	node := func(b byte) *gnode {
		i := int(b) % (len(nodes) + 1)
		if i == len(nodes) {
			nodes = append(nodes, &gnode{N: len(nodes)})
		}
		return nodes[i]
	}
	for ; len(data) >= 3; data = data[3:] {
		from, to := node(data[1]), node(data[2])
		switch data[0] % 6 {
		case 0:
			from.Kids = append(from.Kids, to)
		case 1:
			if from.ByName == nil {
				from.ByName = map[string]*gnode{}
			}
			from.ByName[fmt.Sprint(to.N)] = to
		case 2:
			from.Any = to
		case 3:
			from.Any = []any{to, nil}
		case 4:
			from.next = to
		case 5:
			from.pair[to.N%2] = to
		}
	}
	return nodes[0]
}

// graphWalk visits every node reachable from root once, in an order that
// depends only on the graph's shape, and returns them with a description
// of the shape in which nodes are numbered by first visit.
func graphWalk(root *gnode) ([]*gnode, string) {
	ids := map[*gnode]int{}
	var order []*gnode
	var b strings.Builder
	var visit func(n *gnode) string
	visit = func(n *gnode) string {
		if n == nil {
			return "nil"
		}
		if id, ok := ids[n]; ok {
			return fmt.Sprint("#", id)
		}
		id := len(order)
		ids[n] = id
		order = append(order, n)
		var refs []string
		for _, k := range n.Kids {
			refs = append(refs, "kid "+visit(k))
		}
		names := make([]string, 0, len(n.ByName))
		for name := range n.ByName {
			names = append(names, name)
		}
		slices.Sort(names)
		for _, name := range names {
			refs = append(refs, "name "+name+" "+visit(n.ByName[name]))
		}
		switch a := n.Any.(type) {
		case *gnode:
			refs = append(refs, "any "+visit(a))
		case []any:
			refs = append(refs, fmt.Sprintf("anys %d %s", len(a), visit(a[0].(*gnode))))
		}
		refs = append(refs, "next "+visit(n.next), "pair "+visit(n.pair[0])+" "+visit(n.pair[1]))
		fmt.Fprintf(&b, "#%d N=%d: %s\n", id, n.N, strings.Join(refs, ", "))
		return fmt.Sprint("#", id)
	}
	visit(root)
	return order, b.String()
}

// FuzzCloneIsDeep clones a store holding a random value graph and checks
// that the clone has the same shape, shares no node, slice or map with the
// original, and that changing all of it leaves the original as it was.
func FuzzCloneIsDeep(f *testing.F) {
	f.Add([]byte{0, 0, 1, 0, 1, 0}) // a child pointing back at its parent
	f.Add([]byte{2, 0, 0, 3, 0, 1, 4, 1, 1, 5, 1, 0, 1, 0, 1})
	f.Add([]byte{0, 0, 1, 0, 0, 1, 1, 1, 2, 1, 2, 1, 3, 2, 0, 4, 0, 2, 5, 2, 2})
	f.Fuzz(func(t *testing.T, data []byte) {
		root := buildGraph(data)
		nodes, shape := graphWalk(root)
		s := store.NewKVStore()
		mustNot(t, s.Put("graph", root))

		croot, err := store.Get[*gnode](s.Clone(), "graph")
		mustNot(t, err)
		cnodes, cshape := graphWalk(croot)
		if cshape != shape {
			t.Fatalf("the clone has another shape:\n%s\nwant:\n%s", cshape, shape)
		}
		original := map[*gnode]bool{}
		for _, n := range nodes {
			original[n] = true
		}
		for i, c := range cnodes {
			n := nodes[i]
			switch {
			case original[c]:
				t.Fatalf("node #%d is shared", i)
			case len(c.Kids) > 0 && &c.Kids[0] == &n.Kids[0]:
				t.Fatalf("the kids of node #%d are shared", i)
			case c.ByName != nil && reflect.ValueOf(c.ByName).UnsafePointer() == reflect.ValueOf(n.ByName).UnsafePointer():
				t.Fatalf("the names of node #%d are shared", i)
			}
			if a, ok := c.Any.([]any); ok && &a[0] == &n.Any.([]any)[0] {
				t.Fatalf("the []any of node #%d is shared", i)
			}
		}
		for _, c := range cnodes {
			c.N = -1
			for i := range c.Kids {
				c.Kids[i] = nil
			}
			for name := range c.ByName {
				c.ByName[name] = nil
			}
			c.ByName = map[string]*gnode{"new": c}
			if a, ok := c.Any.([]any); ok {
				a[0] = &gnode{}
			}
			c.next, c.pair = nil, [2]*gnode{}
		}
		if _, after := graphWalk(root); after != shape {
			t.Fatalf("changing the clone changed the original:\n%s\nwant:\n%s", after, shape)
		}
	})
}
