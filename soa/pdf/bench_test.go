//go:build unix

package pdf_test

import (
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/soa-tool/soa/soa/pdf"
	"github.com/soa-tool/soa/soa/soatest"
)

// BenchmarkWrite renders the example and a register of 10,000 generated risks (whose
// appendix then lists 10,000 risks and whose controls each name hundreds of them).
func BenchmarkWrite(b *testing.B) {
	for _, bc := range []struct {
		name string
		dir  func(testing.TB) string
	}{
		{"example", func(testing.TB) string { return soatest.Example("acme-saas") }},
		{"risks-10000", func(tb testing.TB) string { return soatest.Generated(tb, 10_000) }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			s := derive(b, bc.dir(b))
			b.ReportAllocs()
			start, n := soatest.CPUTime(), 0
			for b.Loop() {
				if err := pdf.Write(io.Discard, s, nil, pdf.Options{}); err != nil {
					b.Fatal(err)
				}
				n++
			}
			// CPU time (all threads, GC included) tells more than wall time on a busy machine.
			b.ReportMetric(float64(soatest.CPUTime()-start)/float64(time.Millisecond)/float64(n), "cpu-ms/op")
		})
	}
}

// BenchmarkLongCell renders the example with one control listing n evidence items, beyond
// what the loader allows (workspace.MaxEvidence), to show that laying out one long cell over
// many pages costs the same per line however long the cell is (issue 17: 100k items took
// 6.8 s, 200k 22.7 s). Compare ns/item across the sizes.
func BenchmarkLongCell(b *testing.B) {
	for _, n := range []int{2_000, 20_000} {
		b.Run(fmt.Sprintf("items-%d", n), func(b *testing.B) {
			s := derive(b, soatest.Example("acme-saas"))
			ev := make([]string, n)
			for i := range ev {
				ev[i] = fmt.Sprintf("Evidence record %d kept in the document register", i)
			}
			s.Controls[0].Evidence = ev
			b.ReportAllocs()
			for b.Loop() {
				if err := pdf.Write(io.Discard, s, nil, pdf.Options{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/item")
		})
	}
}
