package soc2

import (
	"bytes"
	"encoding/json"
	"io"
	"strings"
	"testing"
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
