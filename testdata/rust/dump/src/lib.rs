//! `#[dump(ID)]` / `#[dump(ID, consume)]`: writes the tokens of the item it is
//! attached to into the file `$ASYNCTRAIT_DUMP_DIR/ID.tokens` (or to stderr
//! between marker lines when that variable is unset) and returns the item
//! unchanged, or returns nothing with `consume`.
//!
//! The asynctrait oracle puts `#[::dump::dump(N)]` directly after an
//! `#[async_trait]` attribute. async-trait runs first and keeps the item's
//! remaining attributes, so `dump` receives the tokens async-trait produced.
//!
//! Format of the `.tokens` file: one token per record, each record being the
//! token's byte length in decimal, `:`, the token text and `\n`. A token is:
//! an identifier (`r#raw` kept), a lifetime (`'a`: the `'` punct joined with
//! the identifier after it), a literal exactly as `Literal::to_string` prints
//! it, one punctuation character (proc_macro's one-`Punct`-per-char
//! convention, spacing ignored), or a delimiter `(` `)` `[` `]` `{` `}`.
//! Invisible (`Delimiter::None`) groups contribute only their contents.
//! The `.pretty` file next to it holds `TokenStream::to_string()`.

use proc_macro::{Delimiter, TokenStream, TokenTree};
use std::fmt::Write as _;

#[proc_macro_attribute]
pub fn dump(args: TokenStream, input: TokenStream) -> TokenStream {
    let mut id = String::new();
    let mut consume = false;
    for tt in args {
        match tt {
            TokenTree::Literal(l) => id = l.to_string(),
            TokenTree::Ident(i) if i.to_string() == "consume" => consume = true,
            _ => {}
        }
    }
    let mut toks = Vec::new();
    render(input.clone(), &mut toks);
    let mut rec = String::new();
    for t in &toks {
        let _ = write!(rec, "{}:{}\n", t.len(), t);
    }
    match std::env::var_os("ASYNCTRAIT_DUMP_DIR") {
        Some(dir) => {
            let dir = std::path::PathBuf::from(dir);
            std::fs::write(dir.join(format!("{}.tokens", id)), rec).expect("dump: writing tokens");
            std::fs::write(dir.join(format!("{}.pretty", id)), input.to_string())
                .expect("dump: writing pretty");
        }
        None => eprint!("<<<dump {}>>>\n{}<<<end {}>>>\n", id, rec, id),
    }
    if consume {
        TokenStream::new()
    } else {
        input
    }
}

fn render(ts: TokenStream, out: &mut Vec<String>) {
    let mut iter = ts.into_iter().peekable();
    while let Some(tt) = iter.next() {
        match tt {
            TokenTree::Group(g) => {
                let (open, close) = match g.delimiter() {
                    Delimiter::Parenthesis => ("(", ")"),
                    Delimiter::Brace => ("{", "}"),
                    Delimiter::Bracket => ("[", "]"),
                    Delimiter::None => ("", ""),
                };
                if !open.is_empty() {
                    out.push(open.to_string());
                }
                render(g.stream(), out);
                if !close.is_empty() {
                    out.push(close.to_string());
                }
            }
            TokenTree::Ident(i) => out.push(i.to_string()),
            TokenTree::Literal(l) => out.push(l.to_string()),
            TokenTree::Punct(p) => {
                if p.as_char() == '\'' {
                    if let Some(TokenTree::Ident(_)) = iter.peek() {
                        if let Some(TokenTree::Ident(i)) = iter.next() {
                            out.push(format!("'{}", i));
                            continue;
                        }
                    }
                }
                out.push(p.as_char().to_string());
            }
        }
    }
}
