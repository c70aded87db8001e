// Command catalog keeps a shop's catalog in a gostage store. It was
// written against upstream gostage's store package
// (github.com/davidroman0O/gostage/store), in that package's style:
// porting it to this module changed its import path and nothing else.
// The test beside it builds and runs it.
package main

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/gostage/gostage/runtime/store"
)

// Product is one entry of the catalog.
type Product struct {
	SKU   string
	Name  string
	Price float64
	Stock int
}

// must stops the program on an error the catalog does not expect.
func must(err error) {
	if err != nil {
		panic(err)
	}
}

func main() {
	catalog := store.NewKVStore()

	// Entries with metadata, built with NewMetadata and its methods.
	meta := store.NewMetadata()
	meta.AddTag("featured")
	meta.AddTag("kitchen")
	meta.SetProperty("supplier", "acme")
	meta.Description = "best-selling kettle"
	must(catalog.PutWithMetadata("product:kettle", Product{"K-1", "Kettle", 39.90, 12}, meta))
	must(catalog.Put("product:mug", Product{"M-1", "Mug", 7.50, 40}))
	must(catalog.AddTag("product:mug", "kitchen"))

	// A TTL of 0 means the entry never expires.
	must(catalog.PutWithTTL("promo:spring", "10% off", 0))
	must(catalog.PutWithTTL("session:42", "alice", time.Millisecond))

	md, err := catalog.GetMetadata("product:kettle")
	must(err)
	fmt.Println("kettle is featured and kitchen:", md.HasAllTags([]string{"featured", "kitchen"}))
	fmt.Println("kettle is on sale or featured:", md.HasAnyTag([]string{"sale", "featured"}))
	supplier, _ := md.GetProperty("supplier")
	fmt.Println("kettle supplier:", supplier)

	mugInKitchen, err := catalog.HasTag("product:mug", "kitchen")
	must(err)
	fmt.Println("mug is kitchen:", mugInKitchen)

	kitchen := catalog.FindKeysByTag("kitchen")
	sort.Strings(kitchen)
	fmt.Println("kitchen:", strings.Join(kitchen, ", "))

	// The kettle is no longer featured, nor supplied by acme.
	md.RemoveTag("featured")
	md.RemoveProperty("supplier")
	md.SetProperty("discontinued", true)
	must(catalog.SetMetadata("product:kettle", md))
	fmt.Println("featured:", catalog.FindKeysByTag("featured"))
	fmt.Println("discontinued:", catalog.FindKeysByProperty("discontinued", true))

	// Errors.
	_, err = store.Get[string](catalog, "product:mug")
	if strings.Contains(err.Error(), "type mismatch") {
		fmt.Println("mug is not a string:", err)
	}
	time.Sleep(20 * time.Millisecond)
	if _, err := store.Get[string](catalog, "session:42"); errors.Is(err, store.ErrExpired) {
		fmt.Println("session 42 expired")
	}
	if _, err := store.Get[string](catalog, "session:43"); errors.Is(err, store.ErrNotFound) {
		fmt.Println("session 43 not found")
	}
	promo, err := store.Get[string](catalog, "promo:spring")
	must(err)
	fmt.Println("promo:", promo)

	// Copies.
	backup := store.CloneFrom(catalog)
	prices := store.NewKVStore()
	must(prices.Put("product:mug", Product{"M-1", "Mug", 6.90, 40}))
	must(prices.Put("product:teapot", Product{"T-1", "Teapot", 24.00, 5}))
	collisions := catalog.FindKeyCollisions(prices)
	fmt.Println("price update collides on:", collisions)
	copied, overwritten, err := catalog.CopyFromWithOverwrite(prices)
	must(err)
	fmt.Printf("price update: %d new, %d replaced\n", copied, overwritten)

	all := catalog.ExportAll()
	keys := make([]string, 0, len(all))
	for k := range all {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Printf("%s = %v\n", k, all[k])
	}
	old, err := store.Get[Product](backup, "product:mug")
	must(err)
	fmt.Printf("backup: %d keys, mug at %.2f\n", backup.Count(), old.Price)
}
