package lexer

import (
	"bytes"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/asynctrait/asynctrait/internal/testenv"
)

// benchSource is a chunk of ordinary Rust that touches most of the lexer:
// doc and plain comments, attributes, generics, lifetimes, literals of all
// kinds and nested delimiters.
const benchSource = `//! Campaign storage.
#![allow(dead_code)]

use std::{collections::HashMap, sync::Arc};

/// A repository of ad campaigns.
#[async_trait]
pub trait Repository: Send + Sync + 'static {
    /// Loads one campaign by id.
    async fn load(&self, id: u64) -> Result<Option<Campaign>, Error>;
    async fn save<'a>(&'a mut self, c: &'a Campaign) -> Result<(), Error>;
}

#[derive(Debug, Clone, PartialEq)]
pub struct Campaign {
    pub id: u64,
    pub name: String,
    pub budget: f64, // in euros
    pub tags: Vec<Vec<u8>>,
}

impl<T: Repository + ?Sized> Repository for Arc<T> {
    async fn load(&self, id: u64) -> Result<Option<Campaign>, Error> {
        /* delegate */
        (**self).load(id).await
    }
    async fn save<'a>(&'a mut self, c: &'a Campaign) -> Result<(), Error> {
        let r#type = b'x';
        let limit = 0x_FFu8 as usize + 1_000 * 2;
        let ratio = 1.5e3f64 / 2.0;
        let s = "quoted \"text\" with \\ escapes\n";
        let raw = r#"raw "string""#;
        match (limit, ratio) {
            (0..=9, _) => Err(Error::new('\'')),
            (n, x) if n >= 10 && x != 0. => Ok(()),
            _ => todo!("{}", s.len() + raw.len() + r#type as usize),
        }
    }
}
`

// generated returns about n bytes of Rust made of benchSource copies with
// renamed identifiers, so the benchmark does not depend on the corpus.
func generated(n int) []byte {
	var b bytes.Buffer
	for i := 0; b.Len() < n; i++ {
		suffix := strconv.Itoa(i)
		b.WriteString(strings.NewReplacer("Repository", "Repository"+suffix, "Campaign", "Campaign"+suffix).Replace(benchSource))
	}
	return b.Bytes()
}

func BenchmarkLexGenerated(b *testing.B) {
	src := generated(1 << 20)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		Lex(src)
	}
}

// BenchmarkLexCorpus lexes every corpus file once per iteration.
func BenchmarkLexCorpus(b *testing.B) {
	var srcs [][]byte
	var eds []Edition
	total := 0
	for _, path := range testenv.CorpusFiles(b) {
		src, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		srcs = append(srcs, src)
		eds = append(eds, Edition(testenv.CrateEdition(path)))
		total += len(src)
	}
	b.SetBytes(int64(total))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for i, src := range srcs {
			LexEdition(src, eds[i])
		}
	}
}
