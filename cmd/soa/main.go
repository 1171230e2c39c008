// Command soa checks an ISO/IEC 27001:2022 workspace and renders its Statement of Applicability.
// Run "soa --help" for the commands.
package main

import (
	"os"
	"runtime/debug"
)

// The garbage collector's settings, unless GOGC or GOMEMLIMIT say otherwise. A build keeps
// its model and the PDF's pages live while the PDF library makes much short-lived garbage
// (a compressor per page): collecting at 50 % growth instead of 100 % keeps a build of 10,000
// risks under 300 MB at about the same CPU time, as the collector runs on the other core; the
// soft limit holds the largest workspace the limits allow near 1 GiB.
const (
	gcPercent   = 50
	memoryLimit = 1 << 30
)

func main() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	os.Exit(run(os.Args, os.Stdout, os.Stderr))
}
