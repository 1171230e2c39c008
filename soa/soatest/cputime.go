package soatest

import (
	"syscall"
	"time"
)

// CPUTime is the user and system time this process has used, all threads and the garbage
// collector included: benchmarks report it per operation beside wall time, which tells less
// on a busy machine. It is 0 where the system does not say.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
