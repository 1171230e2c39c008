package main

import (
	"io"
	"testing"

	"github.com/soa-tool/soa/soa/finding"
	"github.com/soa-tool/soa/soa/pdf"
	"github.com/soa-tool/soa/soa/sheet"
	"github.com/soa-tool/soa/soa/soatest"
)

// BenchmarkBuild measures what "soa build" does: load, check, derive, and render every format
// (into memory, so the disk is not measured).
func BenchmarkBuild(b *testing.B) {
	for _, bc := range []struct {
		name string
		dir  func(testing.TB) string
	}{
		{"example", func(tb testing.TB) string { return soatest.Example("acme-saas") }},
		{"risks-10000", func(tb testing.TB) string { return soatest.Generated(tb, 10_000) }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			dir := bc.dir(b)
			b.ReportAllocs()
			for b.Loop() {
				s := soatest.Derive(b, dir)
				if n := s.Findings.Count(finding.Error); n > 0 {
					b.Fatalf("%d errors: %v", n, s.Findings[0])
				}
				for _, f := range renderers(s, nil, defaultFormats, pdf.Options{}, sheet.CSVOptions{}) {
					if err := f.Render(io.Discard); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
