package main

import (
	"fmt"
	htmltemplate "html/template"
	"net/url"
	texttemplate "text/template"
	"time"

	"github.com/gostage/gostage/runtime/store"
)

func main() {
	s := store.NewKVStore()
	v := AllOf(s)
	check(v.SetMap(map[string][]time.Duration{"a": {time.Second}}))
	check(v.SetText(texttemplate.Must(texttemplate.New("t").Parse("{{.}}"))))
	check(v.SetHTML(htmltemplate.Must(htmltemplate.New("h").Parse("<b>{{.}}</b>"))))
	check(v.SetGeneric(Pair[string, *url.URL]{Key: "home", Val: &url.URL{Host: "example.com"}}))
	check(v.SetFunc(func(a int, rest ...string) (int, error) { return a + len(rest), nil }))
	check(v.SetAlias(Counts{"x": 1}))
	check(v.SetErr(fmt.Errorf("boom")))
	m, err := v.Map()
	check(err)
	text, err := v.Text()
	check(err)
	html, err := v.HTML()
	check(err)
	g, err := v.Generic()
	check(err)
	f, err := v.Func()
	check(err)
	n, _ := f(1, "a", "b")
	fmt.Println(m["a"], text.Name(), html.Name(), g.Key, g.Val.Host, n, v.AliasOr(nil)["x"], v.ErrOr(nil))
	fmt.Println(len(Keys), "keys")
	for _, k := range Keys {
		fmt.Println(k.Name, k.Type)
	}
}

func check(err error) {
	if err != nil {
		panic(err)
	}
}
