package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/soa-tool/soa/soa/finding"
	"github.com/soa-tool/soa/soa/output"
	"github.com/soa-tool/soa/soa/pdf"
	"github.com/soa-tool/soa/soa/sheet"
	"github.com/soa-tool/soa/soa/soatest"
	"github.com/soa-tool/soa/soa/workspace"
)

// BenchmarkBuild measures what "soa build" does: load, check, derive, and write every format
// (concurrently, through output.WriteAll, as the command does) for the example, for
// generated registers of 1,000, 10,000 and 30,000 risks selecting 3–8 controls each, and for
// the worst case the limits allow (soatest.WorstCase). It reports CPU time besides wall
// time, which on a shared machine tells more, and the peak heap.
func BenchmarkBuild(b *testing.B) {
	for _, bc := range []struct {
		name string
		dir  func(testing.TB) string
	}{
		{"example", func(tb testing.TB) string { return soatest.Example("acme-saas") }},
		{"risks-1000", func(tb testing.TB) string { return soatest.Generated(tb, 1_000) }},
		{"risks-10000", func(tb testing.TB) string { return soatest.Generated(tb, 10_000) }},
		{"risks-30000", func(tb testing.TB) string { return soatest.Generated(tb, 30_000) }},
		{"worst-case", soatest.WorstCase},
	} {
		b.Run(bc.name, func(b *testing.B) {
			dir := bc.dir(b)
			out := b.TempDir()
			b.ReportAllocs()
			start, n := soatest.CPUTime(), 0
			for b.Loop() {
				s := soatest.Derive(b, dir)
				if n := s.Findings.Count(finding.Error); n > 0 {
					b.Fatalf("%d errors: %v", n, s.Findings[0])
				}
				if err := pdf.CheckGlyphs(s, nil, pdf.Options{}); err != nil {
					b.Fatal(err)
				}
				if _, err := output.WriteAll(out, renderers(s, nil, defaultFormats, pdf.Options{}, sheet.CSVOptions{}), nil); err != nil {
					b.Fatal(err)
				}
				n++
			}
			b.ReportMetric(float64(soatest.CPUTime()-start)/float64(time.Millisecond)/float64(n), "cpu-ms/op")
		})
	}
}

// BenchmarkDiff measures soa diff (text output) of two workspaces of 20,000 generated risks
// that differ in every fifth risk's title.
func BenchmarkDiff(b *testing.B) {
	old := soatest.Generated(b, 20_000)
	new := soatest.Generated(b, 20_000)
	risks := filepath.Join(new, workspace.RisksFile)
	data, err := os.ReadFile(risks)
	if err != nil {
		b.Fatal(err)
	}
	changed := regexp.MustCompile(`title: Generated risk (\d*[05]) `).ReplaceAll(data, []byte("title: Changed risk $1 "))
	if err := os.WriteFile(risks, changed, 0o644); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	start, n := soatest.CPUTime(), 0
	for b.Loop() {
		var out bytes.Buffer
		if code := run([]string{"soa", "diff", old, new}, &out, io.Discard); code != 0 || !bytes.Contains(out.Bytes(), []byte("Changed risk 20000")) {
			b.Fatalf("exit %d\n%.500s", code, out.Bytes())
		}
		n++
	}
	b.ReportMetric(float64(soatest.CPUTime()-start)/float64(time.Millisecond)/float64(n), "cpu-ms/op")
}
