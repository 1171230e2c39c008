//go:build !unix

package output

import "io/fs"

// lock is a no-op where flock is not available: concurrent soa runs into one directory are
// not serialised there.
func lock(dir string) (unlock func(), err error) { return func() {}, nil }

// links is 1 where the link count is not available.
func links(fs.FileInfo) uint64 { return 1 }
