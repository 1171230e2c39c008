package text

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestWrap(t *testing.T) {
	tests := []struct {
		in    string
		width int
		want  string
	}{
		{"", 10, ""},
		{"one two three", 80, "one two three"},
		{"one two three", 7, "one two\nthree"},
		{"one  two\nthree", 9, "one two\nthree"},
		{"averyveryverylongword short", 5, "averyveryverylongword\nshort"},
		{"état évalué", 5, "état\névalué"},
	}
	for _, tt := range tests {
		lines := Wrap(tt.in, tt.width)
		if got := strings.Join(lines, "\n"); got != tt.want {
			t.Errorf("Wrap(%q, %d) = %q, want %q", tt.in, tt.width, got, tt.want)
		}
		for _, l := range lines {
			if n := utf8.RuneCountInString(l); n > tt.width && strings.Contains(l, " ") {
				t.Errorf("Wrap(%q, %d): line %q is %d columns", tt.in, tt.width, l, n)
			}
		}
	}
}

func TestMarkdown(t *testing.T) {
	if got, want := Markdown(`my_[soc2]*program`+"`"+`\x<b>.csv`), `my\_\[soc2\]\*program`+"\\`"+`\\x&lt;b&gt;.csv`; got != want {
		t.Errorf("Markdown = %q, want %q", got, want)
	}
	if got, want := MarkdownCell("a|b"), `a\|b`; got != want {
		t.Errorf("MarkdownCell = %q, want %q", got, want)
	}
}

func TestWords(t *testing.T) {
	for _, tt := range []struct{ got, want string }{
		{Plural(1, "error"), "1 error"},
		{Plural(0, "error"), "0 errors"},
		{Plural(2, "risk"), "2 risks"},
		{JoinAnd(nil), ""},
		{JoinAnd([]string{"a"}), "a"},
		{JoinAnd([]string{"a", "b"}), "a and b"},
		{JoinAnd([]string{"a", "b", "c"}), "a, b and c"},
		{Capitalise("not implemented"), "Not implemented"},
		{Capitalise("état"), "État"},
		{Capitalise(""), ""},
		{OneLine(" a\n\tb  c "), "a b c"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

func TestDistanceAndSuggest(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		d    int
	}{{"", "", 0}, {"kitten", "sitting", 3}, {"élan", "elan", 1}, {"abc", "", 3}, {"bulid", "build", 1}, {"verison", "version", 1}, {"ab", "ba", 1}, {"ca", "abc", 3}} {
		if got := Distance(tt.a, tt.b); got != tt.d {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.d)
		}
	}
	keys := []string{"applicable", "justification", "status", "owner"}
	for _, tt := range []struct{ in, want string }{
		{"aplicable", "applicable"}, {"Status", "status"}, {"just", "justification"}, {"colour", ""},
	} {
		if got := Suggest(tt.in, keys); got != tt.want {
			t.Errorf("Suggest(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestControlCharAndPrintable(t *testing.T) {
	for _, tt := range []struct {
		in, printable string
		bad           bool
	}{
		{"plain — Größe 株", "plain — Größe 株", false},
		{"tab\tand\nnewline", "tab\tand\nnewline", false},
		{"\x00=1+1", `\x00=1+1`, true},
		{"R-02\x1b]0;x\a\x1b[2J", `R-02\x1b]0;x\a\x1b[2J`, true},
		{"a\rb", `a\rb`, true},
		{"del\x7f", `del\x7f`, true},
		{"next\u0085line", `next\u0085line`, true},
		{"nbsp\u00a0ok", "nbsp\u00a0ok", false},
	} {
		if _, _, bad := ControlChar(tt.in); bad != tt.bad {
			t.Errorf("ControlChar(%q) = %v, want %v", tt.in, bad, tt.bad)
		}
		if got := Printable(tt.in); got != tt.printable {
			t.Errorf("Printable(%q) = %q, want %q", tt.in, got, tt.printable)
		}
	}
}
