package expand

import (
	"slices"
	"strings"

	"github.com/asynctrait/asynctrait/internal/lexer"
)

// Layout of generated code. rustfmt's defaults: 100 columns, 4-space
// indentation, attributes over 70 columns broken one item per line,
// signatures that do not fit broken one parameter per line, long types
// broken at their last generic argument list or between bounds. These
// rules were read off rustfmt 1.95's output and are checked against it by
// the tests.
const (
	maxWidth   = 100
	indentUnit = "    "
	attrWidth  = 70
)

// joinTokens re-lexes a snippet and prints its tokens on one line with
// rustfmt's spacing for types, bounds, patterns and attributes.
func joinTokens(s string) string {
	res := lexer.Lex([]byte(s))
	var b strings.Builder
	prev := lexer.Invalid
	prevText := ""
	for _, t := range res.Tokens {
		if t.Kind.IsTrivia() || t.Kind == lexer.EOF {
			continue
		}
		text := s[t.Start:t.End]
		if b.Len() > 0 && needSpace(prev, prevText, t.Kind, text) {
			b.WriteByte(' ')
		}
		b.WriteString(text)
		prev, prevText = t.Kind, text
	}
	return b.String()
}

func isWord(k lexer.Kind) bool {
	return k == lexer.Ident || k == lexer.Lifetime || k.IsLiteral() || k == lexer.Underscore
}

// spacedKeywords are followed by a space even before `::`.
var spacedKeywords = map[string]bool{
	"dyn": true, "impl": true, "as": true, "mut": true, "const": true, "where": true, "for": true,
	"in": true, "move": true, "return": true, "let": true, "unsafe": true, "extern": true, "static": true,
}

func needSpace(a lexer.Kind, at string, b lexer.Kind, bt string) bool {
	switch a {
	case lexer.LParen, lexer.LBracket, lexer.Lt, lexer.PathSep, lexer.Dot, lexer.Pound, lexer.Dollar, lexer.Question, lexer.And, lexer.AndAnd, lexer.Star:
		if a == lexer.Star && b == lexer.Ident {
			return false
		}
		return false
	case lexer.Comma, lexer.Semi, lexer.Colon, lexer.Plus, lexer.Eq, lexer.RArrow, lexer.FatArrow, lexer.Or, lexer.LBrace:
		return b != lexer.RParen && b != lexer.RBracket && b != lexer.Gt
	case lexer.Not:
		return false
	}
	if b == lexer.PathSep && a == lexer.Ident && spacedKeywords[at] {
		return true // `dyn ::core::…`, `&mut ::x`, `T as ::Tr`
	}
	switch b {
	case lexer.RParen, lexer.RBracket, lexer.Gt, lexer.Comma, lexer.Semi, lexer.Colon, lexer.PathSep, lexer.Dot, lexer.Question:
		if b == lexer.Question {
			return a != lexer.LParen && a != lexer.Lt
		}
		return false
	case lexer.Plus, lexer.Eq, lexer.RArrow, lexer.FatArrow, lexer.Or, lexer.RBrace, lexer.LBrace:
		return true
	case lexer.Lt, lexer.LParen, lexer.LBracket:
		// `Vec<`, `Fn(`, `m![`; but `dyn (A)` and `impl (A)`
		if a == lexer.Ident && (at == "dyn" || at == "impl") {
			return true
		}
		return false
	case lexer.Not:
		return false
	}
	if isWord(a) || a == lexer.Gt || a == lexer.RParen || a == lexer.RBracket || a == lexer.RBrace {
		return isWord(b) || b == lexer.And || b == lexer.AndAnd || b == lexer.Star || b == lexer.Pound
	}
	return false
}

// ---------------------------------------------------------------------------
// Types

// typeNode is a type's token structure for breaking: a sequence of atoms
// and bracketed groups.
type tyTok struct {
	kind  lexer.Kind
	text  string
	group []tyTok // for `<…>`, `(…)`, `[…]`: the inside
	close string
}

func parseTy(s string) []tyTok {
	res := lexer.Lex([]byte(s))
	var flat []tyTok
	for _, t := range res.Tokens {
		if t.Kind.IsTrivia() || t.Kind == lexer.EOF {
			continue
		}
		text := s[t.Start:t.End]
		// In types `>>` only closes two generic lists.
		switch t.Kind {
		case lexer.Shr:
			flat = append(flat, tyTok{kind: lexer.Gt, text: ">"}, tyTok{kind: lexer.Gt, text: ">"})
			continue
		case lexer.Ge:
			flat = append(flat, tyTok{kind: lexer.Gt, text: ">"}, tyTok{kind: lexer.Eq, text: "="})
			continue
		case lexer.ShrEq:
			flat = append(flat, tyTok{kind: lexer.Gt, text: ">"}, tyTok{kind: lexer.Gt, text: ">"}, tyTok{kind: lexer.Eq, text: "="})
			continue
		case lexer.Shl:
			flat = append(flat, tyTok{kind: lexer.Lt, text: "<"}, tyTok{kind: lexer.Lt, text: "<"})
			continue
		}
		flat = append(flat, tyTok{kind: t.Kind, text: text})
	}
	out, _ := nestTy(flat, 0, "")
	return out
}

func nestTy(flat []tyTok, i int, close string) ([]tyTok, int) {
	var out []tyTok
	for i < len(flat) {
		t := flat[i]
		switch t.kind {
		case lexer.Lt, lexer.LParen, lexer.LBracket, lexer.LBrace:
			c := map[lexer.Kind]string{lexer.Lt: ">", lexer.LParen: ")", lexer.LBracket: "]", lexer.LBrace: "}"}[t.kind]
			inner, j := nestTy(flat, i+1, c)
			t.group = inner
			t.close = c
			if t.group == nil {
				t.group = []tyTok{}
			}
			out = append(out, t)
			i = j
			continue
		case lexer.Gt, lexer.RParen, lexer.RBracket, lexer.RBrace:
			if t.text == close {
				return out, i + 1
			}
		}
		out = append(out, t)
		i++
	}
	return out, i
}

// flatText prints tokens on one line.
func flatText(ts []tyTok) string {
	var b strings.Builder
	var prev tyTok
	for i, t := range ts {
		if i > 0 && needSpace(prevKind(prev), prev.text, t.kind, t.text) {
			b.WriteByte(' ')
		}
		b.WriteString(t.text)
		if t.group != nil {
			b.WriteString(flatText(t.group))
			b.WriteString(t.close)
		}
		prev = t
	}
	return b.String()
}

// prevKind is the kind a token presents to the token after it: a group
// presents its closing delimiter.
func prevKind(t tyTok) lexer.Kind {
	if t.group != nil {
		switch t.close {
		case ">":
			return lexer.Gt
		case ")":
			return lexer.RParen
		case "]":
			return lexer.RBracket
		case "}":
			return lexer.RBrace
		}
	}
	return t.kind
}

// splitAt splits a token sequence at top-level tokens of the given kind.
func splitAt(ts []tyTok, k lexer.Kind) [][]tyTok {
	var parts [][]tyTok
	start := 0
	for i, t := range ts {
		if t.kind == k && t.group == nil {
			parts = append(parts, ts[start:i])
			start = i + 1
		}
	}
	return append(parts, ts[start:])
}

func spaces(n int) string { return strings.Repeat(" ", n) }

// formatType lays out a type whose first line starts at column col (after
// some prefix), continuation lines indented by indent; trailer is the
// number of characters that follow the type on its last line.
func formatType(ts []tyTok, indent, col, trailer int) []string {
	flat := flatText(ts)
	if col+len(flat)+trailer <= maxWidth {
		return []string{flat}
	}
	// Bounds: `dyn A + B`, `impl A + B`, `A + B`.
	prefix := ""
	body := ts
	if len(ts) > 0 && ts[0].kind == lexer.Ident && (ts[0].text == "dyn" || ts[0].text == "impl") && ts[0].group == nil {
		prefix = ts[0].text + " "
		body = ts[1:]
	}
	if bounds := splitAt(body, lexer.Plus); len(bounds) > 1 {
		bi := indent + 4
		lines := formatType(bounds[0], bi, col+len(prefix), 0)
		lines[0] = prefix + lines[0]
		for j, bd := range bounds[1:] {
			tr := 0
			if j == len(bounds)-2 {
				tr = trailer
			}
			last := lines[len(lines)-1]
			if len(lines) > 1 && extendable(last) {
				lines[len(lines)-1] = last + " + " + flatText(bd)
				continue
			}
			sub := formatType(bd, bi, bi+2, tr)
			lines = append(lines, spaces(bi)+"+ "+sub[0])
			lines = append(lines, sub[1:]...)
		}
		return lines
	}
	// References and pointers: break inside the pointee.
	if len(ts) > 1 && (ts[0].kind == lexer.And || ts[0].kind == lexer.AndAnd) {
		n := 1
		for n < len(ts) && (ts[n].kind == lexer.Lifetime || ts[n].kind == lexer.Ident && ts[n].text == "mut") {
			n++
		}
		pre := flatText(ts[:n])
		if n < len(ts) && n > 1 {
			pre += " "
		}
		sub := formatType(ts[n:], indent, col+len(pre), trailer)
		sub[0] = pre + sub[0]
		return sub
	}
	// A path ending in a generic argument list, or a tuple: break the list.
	last := ts[len(ts)-1]
	if last.group != nil && (last.kind == lexer.Lt || last.kind == lexer.LParen && len(ts) == 1) && len(last.group) > 0 {
		head := flatText(ts[:len(ts)-1]) + last.text
		args := splitAt(last.group, lexer.Comma)
		if len(args) > 0 && len(args[len(args)-1]) == 0 {
			args = args[:len(args)-1]
		}
		ai := indent + 4
		lines := []string{head}
		for _, a := range args {
			sub := formatArg(a, ai, 1)
			sub[len(sub)-1] += ","
			lines = append(lines, spaces(ai)+sub[0])
			lines = append(lines, sub[1:]...)
		}
		lines = append(lines, spaces(indent)+last.close)
		return lines
	}
	return []string{flat}
}

// formatArg lays out one generic argument, `T` or `Name = T`.
func formatArg(a []tyTok, indent, trailer int) []string {
	if len(a) > 2 && a[0].kind == lexer.Ident && a[1].kind == lexer.Eq {
		pre := a[0].text + " = "
		sub := formatType(a[2:], indent, indent+len(pre), trailer)
		sub[0] = pre + sub[0]
		return sub
	}
	return formatType(a, indent, indent, trailer)
}

// extendable: rustfmt appends ` + Bound` to a last line made only of
// closing delimiters.
func extendable(line string) bool {
	t := strings.TrimSpace(line)
	if t == "" {
		return false
	}
	for _, c := range t {
		if c != '>' && c != ')' && c != ']' {
			return false
		}
	}
	return true
}

// ---------------------------------------------------------------------------
// Methods

// layoutAttr lays out `#[allow(a, b, …)]` at the given indentation.
func layoutAttr(attr, indent string) string {
	if len(attr) <= attrWidth && len(indent)+len(attr) <= maxWidth {
		return attr
	}
	inner := strings.TrimSuffix(strings.TrimPrefix(attr, "#[allow("), ")]")
	items := strings.Split(inner, ", ")
	var b strings.Builder
	b.WriteString("#[allow(\n")
	for i, it := range items {
		b.WriteString(indent + indentUnit + it)
		if i < len(items)-1 {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	b.WriteString(indent + ")]")
	return b.String()
}

// returnType is the boxed future type for output R.
func returnType(r string, mode Mode) string {
	return futurePrefix + r + futureSuffix(mode)
}

const futurePrefix = "::core::pin::Pin<Box<dyn ::core::future::Future<Output = "

// futureSuffix is what follows R in the boxed future type.
func futureSuffix(mode Mode) string {
	if mode == ModeLocal {
		return "> + 'async_trait>>"
	}
	return "> + ::core::marker::Send + 'async_trait>>"
}

// layoutSig prints a rewritten signature starting at the column after
// indent (the caller has already written indent and any `pub `/`default `
// prefix of prefixLen characters), ending just before the body or `;`.
// It returns the text and whether the body's `{` must go on its own line.
func layoutSig(b *textBuf, sp sigParts, indent string, prefixLen int, hasBody, exact bool) {
	generics := sp.generics
	if exact && sp.hasTypeParams {
		// upstream prints a trailing comma after type and const parameters
		generics = append([]string(nil), generics...)
		generics[len(generics)-1] += ","
	}
	// The head `fn name<…>`, written by writeHead, and its length.
	headLen := len(sp.quals) + len("fn ") + len(sp.name) + len("<>") + joinedLen(generics)
	writeHead := func() {
		b.WriteString(sp.quals)
		b.WriteString("fn ")
		b.WriteString(sp.name)
		b.WriteString("<")
		writeJoined(b, generics, ", ")
		b.WriteString(">")
	}
	ret := sp.ret
	where := sp.where
	if !exact && slices.ContainsFunc(where, func(w string) bool { return strings.HasSuffix(w, " +") }) {
		where = make([]string, len(sp.where))
		for i, w := range sp.where {
			where[i] = strings.TrimSuffix(w, " +")
		}
	}
	col := len(indent) + prefixLen
	after := 0 // what follows the return type on its line
	if len(where) == 0 {
		if hasBody {
			after = 2 // " {"
		} else {
			after = 1 // ";"
		}
	}
	trailingComma := exact && sp.trailing && len(sp.params) > 0
	paramsLen := len("()") + joinedLen(sp.params)
	if trailingComma {
		paramsLen++
	}
	if col+headLen+paramsLen+len(" -> ")+len(ret)+after <= maxWidth {
		writeHead()
		b.WriteString("(")
		writeJoined(b, sp.params, ", ")
		if trailingComma {
			b.WriteString(",")
		}
		b.WriteString(") -> ")
		b.WriteString(ret)
	} else {
		writeHead()
		b.WriteString("(\n")
		for i, p := range sp.params {
			b.WriteString(indent)
			b.WriteString(indentUnit)
			b.WriteString(p)
			if i < len(sp.params)-1 || !exact || sp.trailing {
				b.WriteString(",")
			}
			b.WriteString("\n")
		}
		b.WriteString(indent)
		b.WriteString(") -> ")
		// rustfmt measures the return type from `) ->` without the space.
		if exact {
			// rustfmt's breaking adds trailing commas: keep the tokens.
			b.WriteString(ret)
		} else {
			writeReturn(b, ret, indent, after)
		}
	}
	if len(where) > 0 {
		b.WriteString("\n")
		b.WriteString(indent)
		b.WriteString("where")
		for i, w := range where {
			b.WriteString("\n")
			b.WriteString(indent)
			b.WriteString(indentUnit)
			b.WriteString(w)
			last := i == len(where)-1
			// rustfmt ends a where clause before a body with a comma;
			// upstream keeps the user's trailing comma only when nothing
			// was appended after it.
			if !last || hasBody && !exact || exact && sp.whereTC && sp.userPreds == len(where) {
				b.WriteString(",")
			}
		}
	}
}

// joinedLen is len(strings.Join(list, ", ")).
func joinedLen(list []string) int {
	n := 0
	for i, s := range list {
		if i > 0 {
			n += len(", ")
		}
		n += len(s)
	}
	return n
}

// writeJoined writes strings.Join(list, sep).
func writeJoined(b *textBuf, list []string, sep string) {
	for i, s := range list {
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteString(s)
	}
}

// futureBounds are the bound lists the boxed future ends with.
var futureBounds = []struct {
	list   []string
	suffix string // " + " and the list joined by " + "
}{
	{[]string{"::core::marker::Send", "'async_trait"}, " + ::core::marker::Send + 'async_trait"},
	{[]string{"'async_trait"}, " + 'async_trait"},
}

// layoutReturn lays out the boxed future type after `) -> `. The two
// shapes nearly every signature takes are computed directly; the rest go
// through the general type formatter (BenchmarkExpandLarge: 2× faster).
func layoutReturn(ret, indent string, after int) string {
	var b textBuf
	writeReturn(&b, ret, indent, after)
	return b.String()
}

// writeReturn writes layoutReturn's result to b.
func writeReturn(b *textBuf, ret, indent string, after int) {
	// rustfmt measures the return type from `) ->` without the space.
	if len(indent)+4+len(ret)+after <= maxWidth {
		b.WriteString(ret)
		return
	}
	const pin = "::core::pin::Pin<"
	if inner := ret[len(pin) : len(ret)-1]; strings.HasPrefix(ret, pin) && len(indent)+4+len(inner)+1 <= maxWidth && !strings.Contains(inner, "\n") {
		b.WriteString(pin + "\n")
		b.WriteString(indent)
		b.WriteString(indentUnit)
		b.WriteString(inner)
		b.WriteString(",\n")
		b.WriteString(indent)
		b.WriteString(">")
		return
	}
	// Box broken too, its `dyn` on one line or with one bound per line.
	const box, fut = "Box<", "dyn ::core::future::Future<Output = "
	if strings.HasPrefix(ret, pin+box+fut) && !strings.Contains(ret, "\n") {
		dyn := ret[len(pin)+len(box) : len(ret)-2]
		head := func() {
			b.WriteString(pin + "\n")
			b.WriteString(indent)
			b.WriteString(indentUnit + box + "\n")
		}
		tail := func() {
			b.WriteString(indent)
			b.WriteString(indentUnit + ">,\n")
			b.WriteString(indent)
			b.WriteString(">")
		}
		in2 := len(indent) + 2*len(indentUnit)
		if in2+len(dyn)+1 <= maxWidth {
			head()
			b.WriteString(indent)
			b.WriteString(indentUnit + indentUnit)
			b.WriteString(dyn)
			b.WriteString(",\n")
			tail()
			return
		}
		for _, bounds := range futureBounds {
			suffix := bounds.suffix
			if !strings.HasSuffix(dyn, suffix) {
				continue
			}
			first := strings.TrimSuffix(dyn, suffix)
			if in2+len(first) > maxWidth {
				break
			}
			head()
			b.WriteString(indent)
			b.WriteString(indentUnit + indentUnit)
			b.WriteString(first)
			for i, bd := range bounds.list {
				b.WriteString("\n")
				b.WriteString(indent)
				b.WriteString(indentUnit + indentUnit + indentUnit + "+ ")
				b.WriteString(bd)
				if i == len(bounds.list)-1 {
					b.WriteString(",")
				}
			}
			b.WriteString("\n")
			tail()
			return
		}
	}
	writeJoined(b, formatType(parseTy(ret), len(indent), len(indent)+4, after), "\n")
}

// layoutBody prints the new body block, starting with `{`.
func layoutBody(b *textBuf, bp *bodyParts, indent string, exact bool) {
	in1 := indent + indentUnit
	in2 := in1 + indentUnit
	b.WriteString("{\n")
	for _, a := range bp.inner {
		b.WriteString(in1)
		b.WriteString(a)
		b.WriteByte('\n')
	}
	b.WriteString(in1)
	b.WriteString("Box::pin(async move {\n")
	if bp.special {
		for _, d := range bp.decls {
			writeLines(b, in2, d)
		}
		b.WriteString(in2)
		writeReindented(b, bp.block, bp.blockIndent, in2)
		b.WriteString("\n")
	} else {
		if bp.hasRet {
			writeEarlyReturn(b, in2, bp.earlyRt)
		}
		for _, d := range bp.decls {
			writeLines(b, in2, d)
		}
		const unitLHS, retPre, retPost = "let _: () = ", "let __ret: ", " = "
		lhsLen := len(unitLHS)
		if bp.hasRet {
			lhsLen = len(retPre) + len(bp.earlyRt) + len(retPost)
		}
		b.WriteString(in2)
		if bp.hasRet {
			b.WriteString(retPre)
			b.WriteString(bp.earlyRt)
			b.WriteString(retPost)
		} else {
			b.WriteString(unitLHS)
		}
		if one, ok := collapseBlock(bp.block); ok && one == "" {
			b.WriteString("{}")
		} else if ok && len(in2)+lhsLen+len("{  }")+len(one)+1 <= maxWidth {
			b.WriteString("{ ")
			b.WriteString(one)
			b.WriteString(" }")
		} else {
			writeReindented(b, bp.block, bp.blockIndent, in2)
		}
		b.WriteString(";\n")
		if bp.hasRet {
			b.WriteString(in2)
			b.WriteString("#[allow(unreachable_code)]\n")
			b.WriteString(in2)
			b.WriteString("__ret\n")
		}
	}
	b.WriteString(in1)
	b.WriteString("})\n")
	b.WriteString(indent)
	b.WriteString("}")
}

func writeLines(b *textBuf, indent, s string) {
	for l := range strings.SplitSeq(s, "\n") {
		b.WriteString(indent)
		b.WriteString(l)
		b.WriteString("\n")
	}
}

// writeEarlyReturn prints the never-taken guard that pins the future's
// output type (spec §5.1b) in rustfmt's shapes.
func writeEarlyReturn(b *textBuf, indent, r2 string) {
	const pre, nonePre = "if let ::core::option::Option::Some(__ret) = ", "::core::option::Option::None::<"
	noneLen := len(nonePre) + len(r2) + 1
	if len(indent)+len(pre)+noneLen+2 <= maxWidth {
		b.WriteString(indent)
		b.WriteString(pre)
		b.WriteString(nonePre)
		b.WriteString(r2)
		b.WriteString("> {\n")
	} else {
		writeLongEarlyReturn(b, indent, pre, nonePre, r2) // too long for a line
	}
	b.WriteString(indent)
	b.WriteString(indentUnit + "#[allow(unreachable_code)]\n")
	b.WriteString(indent)
	b.WriteString(indentUnit + "return __ret;\n")
	b.WriteString(indent)
	b.WriteString("}\n")
}

// writeLongEarlyReturn prints the guard's first line(s) when they do not
// fit on one line; the type after `=` is nonePre, r2 and `>`.
func writeLongEarlyReturn(b *textBuf, indent, pre, nonePre, r2 string) {
	switch {
	case len(indent)+4+len(nonePre)+len(r2)+1 <= maxWidth:
		b.WriteString(indent)
		b.WriteString(strings.TrimSuffix(pre, " "))
		b.WriteString("\n")
		b.WriteString(indent)
		b.WriteString(indentUnit)
		b.WriteString(nonePre)
		b.WriteString(r2)
		b.WriteString(">\n")
		b.WriteString(indent)
		b.WriteString("{\n")
	default:
		b.WriteString(indent)
		b.WriteString(pre)
		writeJoined(b, formatType(parseTy(nonePre+r2+">"), len(indent), len(indent)+len(pre), 2), "\n")
		b.WriteString(" {\n")
	}
}

// collapseBlock returns expr when rustfmt would print the block as
// `{ expr }` on one line (an empty expr for `{}`): a single expression, no
// statements, comments or nested blocks.
func collapseBlock(block string) (string, bool) {
	if len(block) >= 2 && strings.Contains(strings.TrimSpace(block[1:len(block)-1]), "\n") {
		// A body on several lines, or a comment on a line of its own.
		return "", false
	}
	if one, ok, sure := collapsePlain(block); sure {
		return one, ok
	}
	return collapseLexed(block)
}

// collapseLexed is collapseBlock deciding on the block's tokens.
func collapseLexed(block string) (string, bool) {
	inner := lexer.LexMode([]byte(block), 0, lexer.SkipWhitespace).Tokens
	inner = inner[:len(inner)-1] // EOF
	for _, t := range inner {
		if t.Kind == lexer.LineComment || t.Kind == lexer.BlockComment || t.Kind == lexer.DocComment {
			return "", false
		}
	}
	if len(inner) < 2 {
		return "", false
	}
	if len(inner) == 2 {
		return "", true
	}
	body := inner[1 : len(inner)-1]
	for _, t := range body {
		if t.Kind == lexer.Semi || t.Kind == lexer.LBrace || t.Kind == lexer.Pound {
			return "", false
		}
	}
	text := block[body[0].Start:body[len(body)-1].End]
	if strings.Contains(text, "\n") {
		return "", false
	}
	return text, true
}

// collapsePlain is collapseBlock for a block of plain ASCII code: no
// literal, comment, attribute or raw identifier, so that its bytes say what
// its tokens would. sure is false when the block needs the lexer.
func collapsePlain(block string) (one string, ok, sure bool) {
	if len(block) < 2 || block[0] != '{' || block[len(block)-1] != '}' {
		return "", false, false
	}
	inner := block[1 : len(block)-1]
	for i := 0; i < len(inner); i++ {
		switch c := inner[i]; {
		case c == '"':
			end, ok := skipString(inner, i)
			if !ok {
				return "", false, false
			}
			i = end - 1
		case c >= 0x80, c == '\'', c == '/', c == '#', c == '\r':
			return "", false, false
		case c == ';', c == '{':
			return "", false, true
		}
	}
	one = strings.Trim(inner, " \t\n\v\f")
	if strings.Contains(one, "\n") {
		return "", false, true
	}
	return one, true, true
}

// skipString returns the index after the plain string literal (`"…"`,
// `b"…"`, `c"…"`) whose opening quote is at s[i], and true; false when it
// is not one the bytes can be sure of: a raw string, a string on several
// lines (or continued with `\`), an unterminated one.
func skipString(s string, i int) (int, bool) {
	if i > 0 && s[i-1] == 'r' {
		return 0, false // r"…" has no escapes; let the lexer read it
	}
	for j := i + 1; j < len(s); j++ {
		switch s[j] {
		case '\\':
			if j+1 < len(s) && (s[j+1] == '\n' || s[j+1] == '\r') {
				return 0, false
			}
			j++
		case '\n', '\r':
			return 0, false
		case '"':
			return j + 1, true
		}
	}
	return 0, false
}

// oneLineLiterals reports whether the bytes of s show that no literal or
// comment in it spans lines: strings are plain (skipString), line comments
// end at the line's end, and there is no block comment or `'` (a char
// literal `'"'` would throw off the string quotes). False means the lexer
// must tell.
func oneLineLiterals(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"':
			end, ok := skipString(s, i)
			if !ok {
				return false
			}
			i = end - 1
		case '\'':
			return false
		case '/':
			if i+1 < len(s) && s[i+1] == '*' {
				return false
			}
			if i+1 < len(s) && s[i+1] == '/' {
				nl := strings.IndexByte(s[i:], '\n')
				if nl < 0 {
					return true
				}
				i += nl
			}
		}
	}
	return true
}

// writeReindented writes reindent's result to b.
func writeReindented(b *textBuf, block, from, to string) {
	if !strings.Contains(block, "\n") || !strings.HasPrefix(to, from) || len(to) == len(from) {
		b.WriteString(block)
		return
	}
	extra := to[len(from):]
	// Only line starts inside a literal or comment keep their indentation;
	// the bytes usually show there are none, else the lexer tells.
	var inside map[int]bool
	if !oneLineLiterals(block) {
		inside = insideLines(block)
	}
	b.ensure(len(block) + len(extra)*strings.Count(block, "\n"))
	for off := 0; ; {
		i := strings.IndexByte(block[off:], '\n')
		if i < 0 {
			b.WriteString(block[off:])
			return
		}
		b.WriteString(block[off : off+i+1])
		off += i + 1
		// Blank lines stay blank.
		j := off
		for j < len(block) && (block[j] == ' ' || block[j] == '\t') {
			j++
		}
		if j < len(block) && block[j] != '\n' && block[j] != '\r' && !inside[off] {
			b.WriteString(extra)
		}
	}
}

// insideLines returns the offsets of the line starts of block that lie
// inside a token: only string literals and block comments span lines.
func insideLines(block string) map[int]bool {
	inside := map[int]bool{}
	for _, t := range lexer.LexMode([]byte(block), 0, lexer.SkipWhitespace).Tokens {
		for i := t.Start; i < t.End; i++ {
			if block[i] == '\n' && i+1 < t.End {
				inside[int(i)+1] = true
			}
		}
	}
	return inside
}

// reindent moves a block written at indentation from to indentation to:
// every line after the first gets the difference added, except lines that
// start inside a multi-line literal or comment.
func reindent(block, from, to string) string {
	var b textBuf
	writeReindented(&b, block, from, to)
	return b.String()
}
