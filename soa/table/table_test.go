package table

import (
	"bytes"
	"strings"
	"testing"
)

func TestSafeCell(t *testing.T) {
	tests := []struct{ in, want string }{
		{"=1+1", "'=1+1"},
		{"+44 20", "'+44 20"},
		{"-x", "'-x"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tx", "'\tx"},
		{"\rx", "'\rx"},
		{"a=b", "a=b"},
		{"", ""},
		{"Größe", "Größe"},
		// Issue 17: whatever precedes the first visible character, a formula is neutralised.
		{"\x00=1+1", "'\x00=1+1"},
		{" =1+1", "' =1+1"},
		{"\u200b=1+1", "'\u200b=1+1"},
		{"\ufeff@x", "'\ufeff@x"},
		{"\u00a0-1", "'\u00a0-1"},
		{"＝1+1", "'＝1+1"},
		{" a=b", " a=b"},
		{"\x00", "\x00"},
	}
	for _, tt := range tests {
		if got := SafeCell(tt.in); got != tt.want {
			t.Errorf("SafeCell(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestText(t *testing.T) {
	tb := Table{Header: []string{"ID", "TITLE"}, Rows: [][]string{
		{"A.5.1", "Policies for information security"},
		{"A.5.21", "Managing information security in the information and communication technology (ICT) supply chain"},
	}}
	var b bytes.Buffer
	if err := tb.Text(&b, 42); err != nil {
		t.Fatal(err)
	}
	want := "ID      TITLE\n" +
		"A.5.1   Policies for information security\n" +
		"A.5.21  Managing information security in\n" +
		"        the information and communication\n" +
		"        technology (ICT) supply chain\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	for _, l := range strings.Split(b.String(), "\n") {
		if len([]rune(l)) > 42 {
			t.Errorf("line over 42 columns: %q", l)
		}
	}
}

func TestMarkdownEscapes(t *testing.T) {
	var b bytes.Buffer
	tb := Table{Header: []string{"a", "b"}, Rows: [][]string{{"x|y", "line\nbreak"}}}
	if err := tb.Markdown(&b); err != nil {
		t.Fatal(err)
	}
	want := "| a | b |\n| --- | --- |\n| x\\|y | line<br>break |\n"
	if b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
}

func TestCSV(t *testing.T) {
	var b bytes.Buffer
	tb := Table{Header: []string{"id", "text"}, Rows: [][]string{{"A.5.1", "=HYPERLINK(\"x\")"}, {"A.5.2", "a, \"b\""}}}
	if err := tb.CSV(&b); err != nil {
		t.Fatal(err)
	}
	want := "id,text\r\nA.5.1,\"'=HYPERLINK(\"\"x\"\")\"\r\nA.5.2,\"a, \"\"b\"\"\"\r\n"
	if b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
}
