package shard_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/saddle-dev/saddle/shard"
)

// A study supplies its header and item types and its summary: here item i
// is i², and the summary is the sum of all items.
type header struct {
	N int `json:"n"`
}

type item struct {
	Square int `json:"square"`
}

var sumOfSquares = shard.Study[header, item, int]{Name: "squares", Index: "square",
	Summarize: func(h header, items []item) (int, error) {
		sum := 0
		for _, it := range items {
			sum += it.Square
		}
		return sum, nil
	}}

// Three shards of a study of 10 items each write a part file; the merge
// reads, checks and joins them and summarises all items.
func Example() {
	dir, err := os.MkdirTemp("", "shard-example")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	const total, shards = 10, 3
	var paths []string
	for k := range shards {
		first, end := shard.Range(k, shards, total)
		var items []item
		for i := first; i < end; i++ {
			items = append(items, item{Square: i * i})
		}
		meta := shard.Meta{Study: "squares", Index: "square", Params: map[string]string{"n": "10"}, Shard: k, Shards: shards, Total: total}
		part, err := shard.New(meta, header{N: total}, items)
		if err != nil {
			panic(err)
		}
		path := filepath.Join(dir, shard.PartName("squares", k, shards))
		if err := part.Write(path); err != nil {
			panic(err)
		}
		fmt.Printf("%s: items %d..%d\n", filepath.Base(path), first, end-1)
		paths = append(paths, path)
	}
	sum, h, err := sumOfSquares.MergeFiles(paths...)
	if err != nil {
		panic(err)
	}
	fmt.Printf("sum of i² for i < %d: %d\n", h.N, sum)

	_, _, err = sumOfSquares.MergeFiles(paths[0], paths[2])
	fmt.Println(err)
	// Output:
	// squares.part-0-of-3.json: items 0..2
	// squares.part-1-of-3.json: items 3..5
	// squares.part-2-of-3.json: items 6..9
	// sum of i² for i < 10: 285
	// missing shard 1 of 3 (2 of 3 parts given)
}
