// Command gen writes deterministic Rust inputs for the benchmarks: a crate
// source with N async traits and N impls in the shapes real code uses
// (receivers of every kind, elided lifetimes, generics, default bodies).
//
//	go run ./bench/gen -traits 2000 -o large.rs
//	go run ./bench/gen -traits 2000 -native -o large_native.rs   # same, attributes removed
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"

	"github.com/asynctrait/asynctrait/internal/benchgen"
)

func main() {
	n := flag.Int("traits", 200, "number of traits (and as many impls)")
	native := flag.Bool("native", false, "omit #[async_trait] (native async fn in traits), for the baseline")
	out := flag.String("o", "-", "output file")
	flag.Parse()
	w := bufio.NewWriter(os.Stdout)
	if *out != "-" {
		f, err := os.Create(*out)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		defer f.Close()
		w = bufio.NewWriter(f)
	}
	defer w.Flush()
	benchgen.Write(w, *n, *native)
}
