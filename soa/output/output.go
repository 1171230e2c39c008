// Package output is the one place where soa writes files, always to a temporary name in the
// target directory first and then renamed over the target, so that a failure leaves what was
// there as it was: [WriteAll] for the set of outputs of soa build (all renamed only when
// every one succeeded), [Replace] for a file edited in place (isms.yaml, controls.yaml). It
// knows nothing of what it writes and imports nothing of soa's.
//
// # The transaction
//
// Both hold a lock on the directory while they write (a second soa waits for it, then fails
// clearly), remove the temporary files a killed run left there, rename each file straight
// over its target (a rename replaces atomically: there is no moment without the file) and
// sync the directory, so the new names survive a crash.
package output

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// File is one output: its name in the directory and the function that renders it.
type File struct {
	Name   string
	Render func(io.Writer) error
}

// Written reports a file written and its size in bytes.
type Written struct {
	Path string
	Size int64
}

// LockWait is how long [WriteAll] and [Replace] wait for another soa writing to the same
// directory before they give up.
var LockWait = 2 * time.Minute

// WriteAll renders files into dir (created 0755 if missing, respecting the umask),
// concurrently, and renames them into place only when every one succeeded. Files are created
// 0644 (respecting the umask). An existing output that is a symbolic link is replaced, not
// followed. It refuses to write over any of inputs (compared after resolving links and ..).
// A panic in a Render function is an error like any other: the temporary files are removed.
func WriteAll(dir string, files []File, inputs []string) ([]Written, error) {
	if st, err := os.Stat(dir); err == nil && !st.IsDir() {
		return nil, fmt.Errorf("output %s is a file, not a directory; give a directory with -o", dir)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("cannot create output directory: %w; choose a directory you can write with -o", err)
	}
	protected := map[string]bool{}
	for _, in := range inputs {
		if p, err := resolve(in); err == nil {
			protected[p] = true
		}
	}
	for _, f := range files {
		// The directory is resolved, the file name is not: an output that is a link is
		// replaced by the rename, never followed.
		target, err := resolve(dir)
		if err != nil {
			return nil, err
		}
		if target = filepath.Join(target, f.Name); protected[target] {
			return nil, fmt.Errorf("refusing to write %s: it is the input %s; choose another output directory with -o", filepath.Join(dir, f.Name), target)
		}
	}
	unlock, err := lock(dir)
	if err != nil {
		return nil, err
	}
	defer unlock()
	for _, f := range files {
		removeStale(dir, f.Name)
	}
	temps := make([]string, len(files))
	out := make([]Written, len(files))
	errs := make([]error, len(files))
	var wg sync.WaitGroup
	for i, f := range files {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var size int64
			temps[i], size, errs[i] = render(dir, f)
			out[i] = Written{Path: filepath.Join(dir, f.Name), Size: size}
		}()
	}
	wg.Wait()
	cleanup := func() {
		for _, t := range temps {
			if t != "" {
				os.Remove(t)
			}
		}
	}
	if err := errors.Join(errs...); err != nil {
		cleanup()
		return nil, err
	}
	if err := place(dir, files, temps); err != nil {
		cleanup()
		return nil, err
	}
	return out, syncDir(dir)
}

// tempInfix marks soa's temporary files: "."+name+tempInfix+pid-n, and +".old" for the
// links that keep the previous outputs while the new ones move in.
const tempInfix = ".tmp"

// removeStale removes the temporary files of name that an earlier soa left in dir when it
// was killed. It runs under the directory's lock, so no other soa is writing them.
func removeStale(dir, name string) {
	m, _ := filepath.Glob(filepath.Join(dir, "."+globEscape(name)+tempInfix+"*"))
	for _, p := range m {
		if st, err := os.Lstat(p); err == nil && st.Mode().IsRegular() {
			os.Remove(p)
		}
	}
}

func globEscape(s string) string {
	return strings.NewReplacer("*", "\\*", "?", "\\?", "[", "\\[", "\\", "\\\\").Replace(s)
}

// place renames the rendered files over their targets. A target that cannot be replaced (a
// directory, say) is found before anything moves. The previous outputs are kept under a
// second (hard) link while the new ones move in, so that should a rename still fail, the
// files already replaced are put back and the outputs stay all old or all new; at no moment
// is a target missing.
func place(dir string, files []File, temps []string) error {
	for _, f := range files {
		if st, err := os.Lstat(filepath.Join(dir, f.Name)); err == nil && st.IsDir() {
			return fmt.Errorf("cannot write %s: it is a directory; move it away or choose another output directory with -o", filepath.Join(dir, f.Name))
		}
	}
	type kept struct{ target, backup string } // backup "" when there was no earlier output
	var done []kept
	restore := func() {
		for i := len(done) - 1; i >= 0; i-- {
			if done[i].backup == "" {
				os.Remove(done[i].target)
			} else {
				os.Rename(done[i].backup, done[i].target)
			}
		}
	}
	var backups []string
	defer func() {
		for _, b := range backups {
			os.Remove(b)
		}
	}()
	for i, f := range files {
		target := filepath.Join(dir, f.Name)
		backup := ""
		if _, err := os.Lstat(target); err == nil {
			backup = temps[i] + ".old"
			if err := os.Link(target, backup); err != nil {
				// No links here (some file systems): the earlier output cannot be put back
				// should a later rename fail, but it is never missing either.
				backup = "keep"
			} else {
				backups = append(backups, backup)
			}
		}
		if err := rename(temps[i], target); err != nil {
			restore()
			return fmt.Errorf("cannot put %s in place: %w", f.Name, err)
		}
		if backup != "keep" {
			done = append(done, kept{target, backup})
		}
	}
	return nil
}

// syncDir makes the renames in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return nil
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) && !errors.Is(err, errors.ErrUnsupported) {
		return fmt.Errorf("cannot sync %s: %w", dir, err)
	}
	return nil
}

// resolve gives an absolute path with links and .. resolved.
func resolve(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	return filepath.EvalSymlinks(abs)
}

func render(dir string, f File) (tmp string, size int64, err error) {
	var file *os.File
	for i := 0; ; i++ {
		name := filepath.Join(dir, "."+f.Name+tempInfix+strconv.Itoa(os.Getpid())+"-"+strconv.Itoa(i))
		file, err = os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil || !errors.Is(err, os.ErrExist) || i > 100 {
			break
		}
	}
	if err != nil {
		return "", 0, fmt.Errorf("cannot write in %s: %w", dir, errors.Unwrap(err))
	}
	tmp = file.Name()
	defer func() {
		if r := recover(); r != nil {
			file.Close()
			err = fmt.Errorf("%s: internal error: %v; please report it with the workspace that causes it", f.Name, r)
		}
	}()
	cw := &counter{w: file}
	bw := bufio.NewWriterSize(cw, 256<<10)
	if err := f.Render(bw); err != nil {
		file.Close()
		return tmp, 0, fmt.Errorf("%s: %w", f.Name, err)
	}
	err = bw.Flush()
	if err == nil {
		err = file.Sync()
	}
	if cerr := file.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return tmp, 0, fmt.Errorf("cannot write %s: %w", filepath.Join(dir, f.Name), err)
	}
	return tmp, cw.n, nil
}

type counter struct {
	w io.Writer
	n int64
}

func (c *counter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// Replace replaces the existing file at path with data: it writes a temporary file in the same
// directory, gives it the original's mode, syncs it and renames it into place, so a failure
// leaves the original as it was. A symbolic link is followed: its target is replaced. It
// refuses a read-only file (the mode says it is not to be changed) and a file with other
// hard links (a new file in its place would leave them holding the old content).
func Replace(path string, data []byte) (err error) {
	if p, err := filepath.EvalSymlinks(path); err == nil {
		path = p
	}
	st, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, errors.Unwrap(err))
	}
	if st.Mode().Perm()&0o222 == 0 {
		return fmt.Errorf("%s is read-only (mode %v); the file was not changed — make it writable (chmod u+w) if it is to be edited", path, st.Mode().Perm())
	}
	if n := links(st); n > 1 {
		return fmt.Errorf("%s has %d hard links; replacing it would leave the other links with the old content, so the file was not changed — copy it to a file of its own (cp %s tmp && mv tmp %s) and run again", path, n, path, path)
	}
	dir := filepath.Dir(path)
	unlock, err := lock(dir)
	if err != nil {
		return err
	}
	defer unlock()
	removeStale(dir, filepath.Base(path))
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+tempInfix+"*")
	if err != nil {
		return fmt.Errorf("cannot write %s: %w; the file was not changed", path, errors.Unwrap(err))
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if _, err = f.Write(data); err != nil {
		return fmt.Errorf("cannot write %s: %w; the file was not changed", path, err)
	}
	if err = f.Chmod(st.Mode().Perm()); err != nil {
		return fmt.Errorf("cannot write %s: %w; the file was not changed", path, err)
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("cannot write %s: %w; the file was not changed", path, err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("cannot write %s: %w; the file was not changed", path, err)
	}
	if err = rename(f.Name(), path); err != nil {
		return fmt.Errorf("cannot write %s: %w; the file was not changed", path, err)
	}
	return syncDir(dir)
}

// rename is os.Rename, replaced in tests to make the last step fail.
var rename = os.Rename
