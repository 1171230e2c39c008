//go:build unix

package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"syscall"
	"time"
)

// lock takes an exclusive lock on directory dir (flock on the directory itself, so no lock
// file is left behind), waiting up to [LockWait] for another soa to finish. The lock goes
// with the process, so a killed soa never leaves the directory locked.
func lock(dir string) (unlock func(), err error) {
	d, err := os.Open(dir)
	if err != nil {
		return nil, fmt.Errorf("cannot lock %s: %w", dir, errors.Unwrap(err))
	}
	deadline := time.Now().Add(LockWait)
	for {
		err = syscall.Flock(int(d.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return func() { d.Close() }, nil
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) || time.Now().After(deadline) {
			d.Close()
			if errors.Is(err, syscall.EWOULDBLOCK) {
				return nil, fmt.Errorf("another soa has been writing to %s for %v; wait for it to finish, or write elsewhere with -o", dir, LockWait)
			}
			if errors.Is(err, syscall.ENOTSUP) || errors.Is(err, syscall.ENOLCK) {
				// A file system without locks (some network mounts): write without one.
				return func() {}, nil
			}
			return nil, fmt.Errorf("cannot lock %s: %w", dir, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// links is the number of hard links of the file st describes.
func links(st fs.FileInfo) uint64 {
	if s, ok := st.Sys().(*syscall.Stat_t); ok {
		return uint64(s.Nlink)
	}
	return 1
}
