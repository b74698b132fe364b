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
	attr := func(s string) {
		if !*native {
			fmt.Fprintln(w, s)
		}
	}
	fmt.Fprintln(w, "#![allow(dead_code, unused_variables)]")
	if !*native {
		fmt.Fprintln(w, "use async_trait::async_trait;")
	}
	fmt.Fprintln(w, "use std::collections::HashMap;")
	fmt.Fprintln(w, "use std::fmt::Display;")
	fmt.Fprintln(w)
	for i := 0; i < *n; i++ {
		fmt.Fprintf(w, "pub struct Item%d {\n    name: String,\n    values: Vec<u32>,\n}\n\n", i)
		attr("#[async_trait]")
		fmt.Fprintf(w, "pub trait Service%d: Send + Sync {\n", i)
		fmt.Fprintf(w, "    async fn get(&self, key: &str) -> Option<String>;\n")
		fmt.Fprintf(w, "    async fn put(&mut self, key: String, value: Vec<u8>) -> Result<(), String>;\n")
		fmt.Fprintf(w, "    async fn stats(&self) -> HashMap<String, u64> {\n")
		fmt.Fprintf(w, "        HashMap::from([(self.name().to_owned(), %d)])\n    }\n", i)
		fmt.Fprintf(w, "    fn name(&self) -> &str;\n")
		fmt.Fprintf(w, "}\n\n")
		attr("#[async_trait]")
		fmt.Fprintf(w, "impl Service%d for Item%d {\n", i, i)
		fmt.Fprintf(w, "    async fn get(&self, key: &str) -> Option<String> {\n")
		fmt.Fprintf(w, "        self.values.first().map(|v| format!(\"{}:{}\", key, v))\n    }\n\n")
		fmt.Fprintf(w, "    async fn put(&mut self, key: String, value: Vec<u8>) -> Result<(), String> {\n")
		fmt.Fprintf(w, "        self.name = key;\n        self.values.push(value.len() as u32);\n        Ok(())\n    }\n\n")
		fmt.Fprintf(w, "    fn name(&self) -> &str {\n        &self.name\n    }\n}\n\n")
		if i%10 == 0 {
			attr("#[async_trait]")
			fmt.Fprintf(w, "pub trait Generic%d {\n", i)
			fmt.Fprintf(w, "    async fn scan<T: Display + Send>(&self, prefix: T, limit: usize) -> Vec<String>;\n}\n\n")
		}
	}
}
