package soc2

import (
	"bytes"
	"encoding/json"
	"io"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestGapReportTwice renders each form twice and compares the bytes; the goldens of soa gap
// (cmd/soa/testdata/gap) pin the content.
func TestGapReportTwice(t *testing.T) {
	forms := map[string]func(*Report, io.Writer) error{
		"text": func(r *Report, w io.Writer) error { return r.WriteText(w, 80) },
		"md":   (*Report).WriteMarkdown,
		"json": (*Report).WriteJSON,
	}
	for name, write := range forms {
		var a, b bytes.Buffer
		if err := write(NewReport(example(t, "soc2-program.yaml")), &a); err != nil {
			t.Fatal(err)
		}
		if err := write(NewReport(example(t, "soc2-program.yaml")), &b); err != nil {
			t.Fatal(err)
		}
		if a.Len() == 0 || !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("%s: two renderings differ (or are empty)", name)
		}
		if !strings.Contains(a.String(), "A control is covered when") {
			t.Errorf("%s: no coverage definition", name)
		}
	}
}

// TestGapReportJSONEmpty: a program addressing no criterion gives [] rather than null.
func TestGapReportJSONEmpty(t *testing.T) {
	r := NewReport(&Program{File: "empty.csv"})
	var b bytes.Buffer
	if err := r.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	var out struct {
		Criteria []string `json:"tsc_addressed"`
		Partly   []string `json:"partly"`
		ToDecide []string `json:"to_decide"`
	}
	if err := json.Unmarshal(b.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	if out.Criteria == nil || out.Partly == nil || len(out.ToDecide) != 93 {
		t.Errorf("criteria %v, partly %v, %d to decide", out.Criteria, out.Partly, len(out.ToDecide))
	}
}

func TestWrapText(t *testing.T) {
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
		got := wrapText(tt.in, tt.width)
		if got != tt.want {
			t.Errorf("wrapText(%q, %d) = %q, want %q", tt.in, tt.width, got, tt.want)
		}
		for _, l := range strings.Split(got, "\n") {
			if n := utf8.RuneCountInString(l); n > tt.width && strings.Contains(l, " ") {
				t.Errorf("wrapText(%q, %d): line %q is %d columns", tt.in, tt.width, l, n)
			}
		}
	}
}

func TestMdEscape(t *testing.T) {
	if got, want := mdEscape(`my_[soc2]*program`+"`"+`\x.csv`), `my\_\[soc2\]\*program`+"\\`"+`\\x.csv`; got != want {
		t.Errorf("mdEscape = %q, want %q", got, want)
	}
}
