package lexer

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
)

// checkResult verifies the invariants every Result must hold, whatever the
// input: the tokens cover src exactly and in order (so their concatenation
// is src), exactly one zero-width EOF ends them, delimiter matches are
// symmetric and pair the right kinds, and errors are sorted and in bounds.
// It returns a description of the first violation, or "".
func checkResult(src []byte, res Result) string {
	msg, _ := checkResultAt(src, res)
	return msg
}

// checkResultAt is checkResult that also returns the byte offset the
// violation is at, for reporting it as file:line:col.
func checkResultAt(src []byte, res Result) (string, int) {
	toks := res.Tokens
	if len(toks) == 0 {
		return "no tokens", 0
	}
	if got := roundTrip(src, toks); !bytes.Equal(got, src) {
		i := 0
		for i < len(got) && i < len(src) && got[i] == src[i] {
			i++
		}
		return fmt.Sprintf("round trip differs at byte %d: got %q, want %q", i, clip(got, i), clip(src, i)), i
	}
	pos := uint32(0)
	for i, t := range toks {
		if t.Start != pos {
			return fmt.Sprintf("token %d (%v) starts at %d, want %d", i, t.Kind, t.Start, pos), int(t.Start)
		}
		if t.End < t.Start || int(t.End) > len(src) {
			return fmt.Sprintf("token %d (%v) has bad span %d..%d", i, t.Kind, t.Start, t.End), int(t.Start)
		}
		if t.End == t.Start && t.Kind != EOF {
			return fmt.Sprintf("token %d (%v) is empty", i, t.Kind), int(t.Start)
		}
		if (t.Kind == EOF) != (i == len(toks)-1) {
			return fmt.Sprintf("token %d is %v; EOF must be exactly the last token", i, t.Kind), int(t.Start)
		}
		switch {
		case t.Kind.IsOpen() || t.Kind.IsClose():
			if t.Match == -1 {
				break
			}
			if t.Match < 0 || int(t.Match) >= len(toks) {
				return fmt.Sprintf("token %d (%v) has Match %d out of range", i, t.Kind, t.Match), int(t.Start)
			}
			m := toks[t.Match]
			if int(m.Match) != i {
				return fmt.Sprintf("token %d (%v) matches %d, which matches %d", i, t.Kind, t.Match, m.Match), int(t.Start)
			}
			open, cls := t.Kind, m.Kind
			if t.Kind.IsClose() {
				open, cls = m.Kind, t.Kind
			}
			if !open.IsOpen() || cls != open+1 || (t.Kind.IsOpen() != (int(t.Match) > i)) {
				return fmt.Sprintf("token %d (%v) is paired with %d (%v)", i, t.Kind, t.Match, m.Kind), int(t.Start)
			}
		case t.Match != 0:
			return fmt.Sprintf("token %d (%v) is no delimiter but has Match %d", i, t.Kind, t.Match), int(t.Start)
		}
		pos = t.End
	}
	if int(pos) != len(src) {
		return fmt.Sprintf("tokens end at %d, input at %d", pos, len(src)), int(pos)
	}
	for i, e := range res.Errors {
		if e.Span.Start > e.Span.End || int(e.Span.End) > len(src) {
			return fmt.Sprintf("error %d %q has bad span %v", i, e.Msg, e.Span), int(e.Span.Start)
		}
		if i > 0 && e.Span.Start < res.Errors[i-1].Span.Start {
			return fmt.Sprintf("errors not sorted: %d %q before %d %q", i-1, res.Errors[i-1].Msg, i, e.Msg), int(e.Span.Start)
		}
		if e.Msg == "" {
			return fmt.Sprintf("error %d has no message", i), int(e.Span.Start)
		}
	}
	return "", 0
}

// roundTrip concatenates the token texts.
func roundTrip(src []byte, toks []Token) []byte {
	var b bytes.Buffer
	for _, t := range toks {
		if t.Start > t.End || int(t.End) > len(src) {
			return nil
		}
		b.Write(src[t.Start:t.End])
	}
	return b.Bytes()
}

// describe prints the tokens other than whitespace and EOF, one per line,
// as `Kind "text" flags`, the form the table tests are written in.
func describe(src []byte, toks []Token) []string {
	var out []string
	for _, t := range toks {
		if t.Kind == Whitespace || t.Kind == EOF {
			continue
		}
		s := t.Kind.String() + " " + strconv.Quote(string(src[t.Start:t.End]))
		for _, f := range []struct {
			f    Flags
			name string
		}{{FlagRaw, "raw"}, {FlagInnerDoc, "inner"}, {FlagSuffix, "suffix"}, {FlagUnterminated, "unterminated"}, {FlagCRLF, "crlf"}} {
			if t.Flags&f.f != 0 {
				s += " " + f.name
			}
		}
		out = append(out, s)
	}
	return out
}

func errorMsgs(errs []Error) []string {
	var out []string
	for _, e := range errs {
		out = append(out, e.Msg)
	}
	return out
}

func joinLines(s []string) string { return strings.Join(s, "\n") }

// clip returns up to 20 bytes of b from i, for messages.
func clip(b []byte, i int) []byte { return b[i:min(i+20, len(b))] }
