package reliability

import (
	"bytes"
	"fmt"
	"math/rand/v2"
)

// Generated Rust. Every chunk is a self-contained run of items that uses
// the attribute by its full path (no `use` to remove), so that the
// expansion of a file made of chunks is the concatenation of the chunks'
// expansions: that is how the large tests know the right answer.

// plainChunk is ordinary Rust without #[async_trait]: a struct, an enum, a
// function, an impl, a constant, comments and literals.
func plainChunk(i int) string {
	return fmt.Sprintf(`/// Documentation for Record%[1]d.
#[derive(Debug, Clone, PartialEq)]
pub struct Record%[1]d {
    id: u64,
    name: String,
    tags: Vec<&'static str>,
}

pub enum Shape%[1]d {
    Circle { r: f64 },
    Rect(f64, f64),
    Empty,
}

impl Record%[1]d {
    pub fn new(id: u64) -> Self {
        // a line comment with "quotes" and 'ticks'
        let name = format!("record-{}-{}", id, %[1]d);
        Record%[1]d { id, name, tags: vec!["a", "b\n", r#"raw "x""#] }
    }
}

pub const LIMIT_%[1]d: usize = %[1]d * 2 + 0x1f;

fn helper_%[1]d(x: &[u8]) -> Option<usize> {
    /* block /* nested */ comment */
    x.iter().position(|&b| b == b'\n' || b == %[2]d)
}

`, i, i%256)
}

// asyncChunk is one #[async_trait] trait with an impl.
func asyncChunk(i int) string { return asyncChunkAttr(i, "async_trait::async_trait") }

// asyncChunkAttr is asyncChunk with the attribute spelled attr.
func asyncChunkAttr(i int, attr string) string {
	return fmt.Sprintf(`#[%[2]s]
pub trait Store%[1]d: Send + Sync {
    async fn get(&self, key: &str) -> Option<Vec<u8>>;
    async fn put(&mut self, key: String, value: Vec<u8>) -> Result<(), String>;
    async fn count(&self) -> usize {
        %[1]d
    }
    fn name(&self) -> &str;
}

pub struct Mem%[1]d {
    map: std::collections::HashMap<String, Vec<u8>>,
}

#[%[2]s]
impl Store%[1]d for Mem%[1]d {
    async fn get(&self, key: &str) -> Option<Vec<u8>> {
        self.map.get(key).cloned()
    }

    async fn put(&mut self, key: String, value: Vec<u8>) -> Result<(), String> {
        self.map.insert(key, value);
        Ok(())
    }

    fn name(&self) -> &str {
        "mem%[1]d"
    }
}

`, i, attr)
}

// file builds a file of chunks until it holds at least size bytes: one
// async chunk every asyncEvery chunks (0: none). It returns the file and
// the chunks it is made of, in order.
func chunkedFile(size, asyncEvery int) (src []byte, chunks []string) {
	var buf bytes.Buffer
	buf.Grow(size + 4096)
	for i := 0; buf.Len() < size; i++ {
		var c string
		if asyncEvery > 0 && i%asyncEvery == 0 {
			c = asyncChunk(i)
		} else {
			c = plainChunk(i)
		}
		buf.WriteString(c)
		chunks = append(chunks, c)
	}
	return buf.Bytes(), chunks
}

// treeFile is one file of the fault-injection trees: about size bytes, with
// #[async_trait] items when withAsync. Files differ by seed.
func treeFile(r *rand.Rand, size int, withAsync bool) []byte {
	var buf bytes.Buffer
	if withAsync {
		buf.WriteString("use async_trait::async_trait;\n\n")
	}
	base := r.IntN(1 << 20)
	for i := 0; buf.Len() < size; i++ {
		n := base + i
		if withAsync && i%3 == 0 {
			buf.WriteString(asyncChunkAttr(n, "async_trait"))
		} else {
			buf.WriteString(plainChunk(n))
		}
	}
	return buf.Bytes()
}
