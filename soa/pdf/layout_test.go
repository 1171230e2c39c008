package pdf

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/soa-tool/soa/soa/clienttest"
	"github.com/soa-tool/soa/soa/soatest"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
)

func testDoc(t *testing.T) *doc {
	t.Helper()
	meas, err := newMeasurer(goregular.TTF, gobold.TTF)
	if err != nil {
		t.Fatal(err)
	}
	return &doc{meas: meas}
}

// TestRun: doc.run joins the lines of a paragraph that maroto would break at the same
// places, and nothing else.
func TestRun(t *testing.T) {
	d := testDoc(t)
	const width = 40.0
	para := "Key cards issued by the operator only to three named staff; visitors sign in at reception and are escorted."
	wrapped := d.wrap(para, style{size: 7.5}, width+wrapSlack, false)
	if len(wrapped) < 3 {
		t.Fatalf("the paragraph wraps into %d lines", len(wrapped))
	}
	two := d.wrap("First paragraph\nSecond", style{size: 7.5}, width+wrapSlack, false)
	bold := append(d.wrap("Title", style{size: 7.5, bold: true}, width+wrapSlack, false), d.wrap("plain text", style{size: 7.5}, width+wrapSlack, false)...)
	// A line that maroto would continue with the next line's first word.
	short := []line{{text: "Short", more: true}, {text: "line"}}
	for _, c := range []struct {
		name  string
		lines []line
		want  int
	}{
		{"a paragraph", wrapped, len(wrapped)},
		{"two paragraphs", two, 1},
		{"bold then plain", bold, 1},
		{"a line maroto would fill further", short, 1},
		{"one line", wrapped[:1], 1},
	} {
		if got := d.run(c.lines, width, 7.5); got != c.want {
			t.Errorf("%s: run = %d, want %d", c.name, got, c.want)
		}
	}
}

// TestRunsDrawTheSameText renders documents with and without runs: pdftotext reads the
// same text at the same places, and the runs save font changes (read with qpdf, the content
// streams uncompressed).
func TestRunsDrawTheSameText(t *testing.T) {
	pdftotext, qpdf := clienttest.Require(t, "pdftotext"), clienttest.Require(t, "qpdf")
	for _, dir := range []string{soatest.Example("acme-saas"), soatest.Generated(t, 200)} {
		s := soatest.Derive(t, dir)
		render := func(runs bool) (text string, fonts int) {
			drawRuns = runs
			defer func() { drawRuns = true }()
			var b bytes.Buffer
			if err := Write(&b, s, nil, Options{}); err != nil {
				t.Fatal(err)
			}
			tmp := t.TempDir()
			path, plain := filepath.Join(tmp, "soa.pdf"), filepath.Join(tmp, "plain.pdf")
			if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			clienttest.Run(t, qpdf, "--stream-data=uncompress", path, plain)
			raw, err := os.ReadFile(plain)
			if err != nil {
				t.Fatal(err)
			}
			return string(clienttest.Run(t, pdftotext, "-enc", "UTF-8", "-layout", path, "-")), bytes.Count(raw, []byte(" Tf ET"))
		}
		lines, without := render(false)
		joined, with := render(true)
		if lines != joined {
			t.Errorf("%s: the text differs with runs", dir)
		}
		if with >= without*9/10 {
			t.Errorf("%s: %d font changes with runs, %d without: runs should save more", dir, with, without)
		}
	}
}
