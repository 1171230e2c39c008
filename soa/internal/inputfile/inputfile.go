// Package inputfile reads the files soa is given besides the workspace (a soa.json side of
// a comparison, a SOC 2 control list, a font) so that no input can block or exhaust it: only
// a regular file is opened, and its size is bounded before and while it is read.
package inputfile

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// Read reads the regular file at path. A named pipe, device or socket is refused before it
// is opened (opening a pipe waits for a writer; /dev/zero never ends), and so is a file
// larger than limit bytes; what names the file in that message ("a font", "a soa.json").
func Read(path string, limit int64, what string) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", path, errors.Unwrap(err))
	}
	if st.IsDir() {
		return nil, fmt.Errorf("%s is a directory; give %s", path, what)
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file (a device, pipe or socket); give %s saved as a file", path, what)
	}
	if st.Size() > limit {
		return nil, tooLarge(path, limit, what)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", path, errors.Unwrap(err))
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", path, err)
	}
	if int64(len(b)) > limit { // grew since the Stat
		return nil, tooLarge(path, limit, what)
	}
	return b, nil
}

func tooLarge(path string, limit int64, what string) error {
	return fmt.Errorf("%s is larger than %d MiB, the limit for %s; is this the right file?", path, limit>>20, what)
}
