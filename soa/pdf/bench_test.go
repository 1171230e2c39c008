//go:build unix

package pdf_test

import (
	"io"
	"syscall"
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
			start, n := cpuTime(), 0
			for b.Loop() {
				if err := pdf.Write(io.Discard, s, nil, pdf.Options{}); err != nil {
					b.Fatal(err)
				}
				n++
			}
			// CPU time (all threads, GC included) tells more than wall time on a busy machine.
			b.ReportMetric(float64(cpuTime()-start)/float64(time.Millisecond)/float64(n), "cpu-ms/op")
		})
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
