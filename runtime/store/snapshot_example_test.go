package store_test

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/gostage/gostage/runtime/store"
)

// OrderLine is a value type of the snapshot example.
type OrderLine struct {
	SKU string
	Qty int
}

// Keys as gostage-gen declares them: their types are known to snapshots.
var (
	OrderIDKey    = store.NewKey[int64]("order.id")
	OrderLinesKey = store.NewKey[[]OrderLine]("order.lines", store.WithTTL(time.Hour))
)

func Example_snapshot() {
	s := store.NewKVStore()
	_ = OrderIDKey.Put(s, 1<<53+1) // beyond what a float64 holds exactly
	_ = s.Put("order.note", "fragile")

	data, err := json.Marshal(s)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(data))

	_ = OrderLinesKey.Put(s, []OrderLine{{SKU: "a-1", Qty: 2}})
	data, _ = json.Marshal(s)
	restored := store.NewKVStore()
	if err := json.Unmarshal(data, restored); err != nil {
		fmt.Println(err)
		return
	}
	id, _ := OrderIDKey.Get(restored)
	lines, _ := OrderLinesKey.Get(restored)
	fmt.Println(id, lines)

	_ = s.Put("order.callback", func() {})
	_, err = json.Marshal(s)
	fmt.Println(err)
	// Output:
	// {"version":1,"entries":{"order.id":{"type":"int64","value":"9007199254740993"},"order.note":{"type":"string","value":"fragile"}}}
	// 9007199254740993 [{a-1 2}]
	// json: error calling MarshalJSON for type *store.KVStore: store: marshal: key "order.callback": func() is a func, which a snapshot cannot hold
}
