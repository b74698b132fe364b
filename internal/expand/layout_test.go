package expand

import (
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/asynctrait/asynctrait/internal/lexer"
	"github.com/asynctrait/asynctrait/internal/testenv"
)

// The expected layouts below were produced by rustfmt 1.95 on the same
// signatures; TestLayoutAgainstRustfmt (golden tests) checks whole files.
func TestFormatReturnType(t *testing.T) {
	tests := []struct {
		r    string
		mode Mode
		want string
	}{
		{"u8", ModeSend, `::core::pin::Pin<
        Box<dyn ::core::future::Future<Output = u8> + ::core::marker::Send + 'async_trait>,
    >`},
		{"u8", ModeLocal, `::core::pin::Pin<Box<dyn ::core::future::Future<Output = u8> + 'async_trait>>`},
		{"Result<(), Error>", ModeLocal, `::core::pin::Pin<Box<dyn ::core::future::Future<Output = Result<(), Error>> + 'async_trait>>`},
		{"Result<(), Error>", ModeSend, `::core::pin::Pin<
        Box<
            dyn ::core::future::Future<Output = Result<(), Error>>
                + ::core::marker::Send
                + 'async_trait,
        >,
    >`},
		{"Result<Vec<u8>, std::io::Error>", ModeLocal, `::core::pin::Pin<
        Box<dyn ::core::future::Future<Output = Result<Vec<u8>, std::io::Error>> + 'async_trait>,
    >`},
		{"Result<Vec<HashMap<String, u32>>, Box<dyn std::error::Error>>", ModeSend, `::core::pin::Pin<
        Box<
            dyn ::core::future::Future<
                    Output = Result<Vec<HashMap<String, u32>>, Box<dyn std::error::Error>>,
                > + ::core::marker::Send
                + 'async_trait,
        >,
    >`},
		{"Result<Vec<HashMap<String, u32>>, Box<dyn std::error::Error>>", ModeLocal, `::core::pin::Pin<
        Box<
            dyn ::core::future::Future<
                    Output = Result<Vec<HashMap<String, u32>>, Box<dyn std::error::Error>>,
                > + 'async_trait,
        >,
    >`},
		{"Result<Vec<HashMap<String, u32>>, Box<dyn std::error::Error + Send + Sync + 'static>>", ModeSend, `::core::pin::Pin<
        Box<
            dyn ::core::future::Future<
                    Output = Result<
                        Vec<HashMap<String, u32>>,
                        Box<dyn std::error::Error + Send + Sync + 'static>,
                    >,
                > + ::core::marker::Send
                + 'async_trait,
        >,
    >`},
		{"impl Iterator<Item = u8> + Send", ModeLocal, `::core::pin::Pin<
        Box<dyn ::core::future::Future<Output = impl Iterator<Item = u8> + Send> + 'async_trait>,
    >`},
	}
	for _, tt := range tests {
		// A trait method with a where clause, at indentation 4: `    ) -> `.
		got := strings.Join(formatType(parseTy(returnType(tt.r, tt.mode)), 4, 8, 0), "\n")
		if got != tt.want {
			t.Errorf("R = %s (mode %d):\ngot:\n%s\nwant:\n%s", tt.r, tt.mode, got, tt.want)
		}
	}
}

func TestJoinTokens(t *testing.T) {
	tests := map[string]string{
		"Vec<\n    u8,\n>":            "Vec<u8,>",
		"&'a mut\n T":                 "&'a mut T",
		"dyn Fn(&u8)\n -> u8 + Send":  "dyn Fn(&u8) -> u8 + Send",
		"<T as\n Trait>::X":           "<T as Trait>::X",
		"[u8;\n 4]":                   "[u8; 4]",
		"for<'a>\n Fn(&'a u8)":        "for<'a> Fn(&'a u8)",
		"T: ?Sized\n + Send":          "T: ?Sized + Send",
		"*const\n T":                  "*const T",
		"#[cfg(\n feature = \"x\")]":  "#[cfg(feature = \"x\")]",
		"Item = impl\n Display":       "Item = impl Display",
		"(a,\n mut b)":                "(a, mut b)",
		"S { a,\n b: ref mut c, .. }": "S { a, b: ref mut c, .. }",
	}
	for in, want := range tests {
		if got := joinTokens(in); got != want {
			t.Errorf("joinTokens(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCollapseBlock(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"{\n        1\n    }", "1", true},
		{"{}", "", true},
		{"{\n    }", "", true},
		{"{\n        x;\n    }", "", false},
		{"{\n        // c\n        1\n    }", "", false},
		{"{\n        if a { b } else { c }\n    }", "", false},
		{"{\n        format!(\"{}\", x)\n    }", "format!(\"{}\", x)", true},
		{"{ format!(\"{};\", x) }", "format!(\"{};\", x)", true},
		{"{ r#type }", "r#type", true},
		{"{ #[cfg(a)] x }", "", false},
		{"{ 'a: loop {} }", "", false},
		{"{ x /* c */ }", "", false},
		{"{ a\u00a0b }", "a\u00a0b", true},
		{"{ a.b(c) }", "a.b(c)", true},
	}
	for _, tt := range tests {
		got, ok := collapseBlock(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("collapseBlock(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
		// The byte-level fast path agrees with the tokens where it is sure.
		if one, ok, sure := collapsePlain(tt.in); sure && (one != got || ok != tt.ok) {
			t.Errorf("collapsePlain(%q) = %q, %v; collapseBlock says %q, %v", tt.in, one, ok, got, tt.ok)
		}
	}
	// Without literals (the bytes decide) and with a block comment over
	// two lines (the lexer decides).
	for in, want := range map[string]string{
		"{\n        let s = a;\n\n        s\n    }":         "{\n            let s = a;\n\n            s\n        }",
		"{\n        /* a\n  b */ s // \"\n        t\n    }": "{\n            /* a\n  b */ s // \"\n            t\n        }",
	} {
		var b textBuf
		writeReindented(&b, in, "    ", "        ")
		if got := b.String(); got != want {
			t.Errorf("writeReindented(%q):\ngot  %q\nwant %q", in, got, want)
		}
	}
}

func TestReindent(t *testing.T) {
	in := "{\n        let s = \"a\nb\";\n\n        s\n    }"
	want := "{\n            let s = \"a\nb\";\n\n            s\n        }"
	if got := reindent(in, "    ", "        "); got != want {
		t.Errorf("reindent:\ngot  %q\nwant %q", got, want)
	}
}

// The fast paths of layoutReturn agree with the general formatter.
func TestLayoutReturnFastPaths(t *testing.T) {
	rs := []string{"u8", "()", "Option<String>", "Result<(), String>", "Result<Vec<HashMap<String, u32>>, Box<dyn std::error::Error>>",
		"Result<Vec<HashMap<String, u32>>, Box<dyn std::error::Error + Send + Sync + 'static>>", "impl Iterator<Item = u8> + Send", "&'a str",
		strings.Repeat("VeryLongTypeName", 5)}
	for _, r := range rs {
		for _, mode := range []Mode{ModeSend, ModeLocal} {
			for _, indent := range []string{"", "    ", "        ", "                "} {
				for _, after := range []int{0, 1, 2} {
					ret := returnType(r, mode)
					want := strings.Join(formatType(parseTy(ret), len(indent), len(indent)+4, after), "\n")
					if got := layoutReturn(ret, indent, after); got != want {
						t.Errorf("R=%s mode=%d indent=%d after=%d:\ngot\n%s\nwant\n%s", r, mode, len(indent), after, got, want)
					}
				}
			}
		}
	}
}

func TestTextBuf(t *testing.T) {
	var b textBuf
	var texts []string
	var want []string
	// 3 MB of texts: past bigText, chunks are cut from blocks.
	for i := range 20000 {
		s := strings.Repeat(string(rune('a'+i%26)), i%300)
		if i%7 == 0 {
			b.WriteString("partial, then discarded")
			b.discard()
		}
		b.WriteString(s)
		b.WriteByte('!')
		texts = append(texts, b.String())
		want = append(want, s+"!")
	}
	big := strings.Repeat("x", 3*textChunk)
	b.WriteString("head")
	b.WriteString(big) // moves the text to a chunk of its own
	texts = append(texts, b.String())
	want = append(want, "head"+big)
	for i := range want {
		if texts[i] != want[i] {
			t.Fatalf("text %d = %q…, want %q…", i, texts[i][:min(20, len(texts[i]))], want[i][:min(20, len(want[i]))])
		}
	}
	if b.made < 2*bigText {
		t.Fatalf("made %d bytes of chunks: none came from blocks", b.made)
	}
}

// The byte-level fast paths of collapseBlock and writeReindented agree with
// the token-level ones on every brace group of the corpus (up to 4 KiB).
func TestLayoutFastPathsCorpus(t *testing.T) {
	files := testenv.CorpusFiles(t)
	groups, plain, reindented := 0, 0, 0
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil || !utf8.Valid(src) {
			continue
		}
		toks := lexer.LexMode(src, 0, lexer.SkipWhitespace).Tokens
		for _, tk := range toks {
			if tk.Kind != lexer.LBrace || tk.Match <= 0 {
				continue
			}
			end := toks[tk.Match].End
			if end-tk.Start > 4<<10 {
				continue
			}
			block := string(src[tk.Start:end])
			groups++
			if one, ok, sure := collapsePlain(block); sure {
				plain++
				if lone, lok := collapseLexed(block); lone != one || lok != ok {
					t.Fatalf("%s: collapsePlain(%q) = %q, %v; the tokens say %q, %v", path, block, one, ok, lone, lok)
				}
			}
			if oneLineLiterals(block) {
				reindented++
				if inside := insideLines(block); len(inside) > 0 {
					t.Fatalf("%s: oneLineLiterals(%q) is true, but the tokens span line starts %v", path, block, inside)
				}
			}
		}
	}
	if plain == 0 || reindented == 0 {
		t.Fatal("no block took a fast path: the test checks nothing")
	}
	t.Logf("%d brace groups, %d collapsed by bytes, %d reindented by bytes", groups, plain, reindented)
}
