// Package benchgen writes the deterministic Rust inputs of the benchmarks:
// a crate source with n async traits and n impls in the shapes real code uses
// (receivers of every kind, elided lifetimes, generics, default bodies).
// bench/gen (the command) and the go test benchmarks share it.
package benchgen

import (
	"bytes"
	"fmt"
	"io"
)

// Write writes the input with n traits and n impls; native omits the
// #[async_trait] attributes (native async fn in traits), the baseline.
func Write(w io.Writer, n int, native bool) {
	attr := func(s string) {
		if !native {
			fmt.Fprintln(w, s)
		}
	}
	fmt.Fprintln(w, "#![allow(dead_code, unused_variables)]")
	if !native {
		fmt.Fprintln(w, "use async_trait::async_trait;")
	}
	fmt.Fprintln(w, "use std::collections::HashMap;")
	fmt.Fprintln(w, "use std::fmt::Display;")
	fmt.Fprintln(w)
	for i := 0; i < n; i++ {
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

// Source returns Write's output as bytes.
func Source(n int, native bool) []byte {
	var b bytes.Buffer
	Write(&b, n, native)
	return b.Bytes()
}
