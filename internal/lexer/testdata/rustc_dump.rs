#![feature(proc_macro_span)]
extern crate proc_macro;
use proc_macro::*;
use std::io::Write;

#[proc_macro]
pub fn dump(input: TokenStream) -> TokenStream {
    let mut out = String::new();
    walk(input, &mut out);
    let path = std::env::var("DUMP_OUT").unwrap();
    let mut f = std::fs::OpenOptions::new().append(true).create(true).open(path).unwrap();
    f.write_all(out.as_bytes()).unwrap();
    f.write_all(b"END\n").unwrap();
    TokenStream::new()
}

fn walk(ts: TokenStream, out: &mut String) {
    let mut iter = ts.into_iter().peekable();
    while let Some(tt) = iter.next() {
        match tt {
            TokenTree::Group(g) => {
                let r = g.span_open().byte_range();
                let rc = g.span_close().byte_range();
                match g.delimiter() {
                    Delimiter::None => { walk(g.stream(), out); continue; }
                    _ => {}
                }
                out.push_str(&format!("O {} {}\n", r.start, r.end));
                walk(g.stream(), out);
                out.push_str(&format!("C {} {}\n", rc.start, rc.end));
            }
            TokenTree::Ident(i) => { let r = i.span().byte_range(); out.push_str(&format!("I {} {}\n", r.start, r.end)); }
            TokenTree::Literal(l) => { let r = l.span().byte_range(); out.push_str(&format!("L {} {}\n", r.start, r.end)); }
            TokenTree::Punct(p) => {
                let r = p.span().byte_range();
                let text = p.span().source_text().unwrap_or_default();
                if text.starts_with("//") || text.starts_with("/*") {
                    out.push_str(&format!("D {} {}\n", r.start, r.end));
                    if let Some(TokenTree::Punct(q)) = iter.peek() { if q.as_char() == '!' { iter.next(); } }
                    iter.next(); // the [doc = …] group
                    continue;
                }
                let _ = Spacing::Joint;
                out.push_str(&format!("P {} {} {}\n", r.start, r.end, p.as_char()));
            }
        }
    }
}
