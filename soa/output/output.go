// Package output is the one place where soa writes files, always to a temporary name in the
// target directory first and then renamed into place, so that a failure leaves what was
// there as it was: [WriteAll] for the set of outputs of soa build (all renamed only when
// every one succeeded), [Replace] for a file edited in place (isms.yaml, controls.yaml). It
// knows nothing of what it writes and imports nothing of soa's.
package output

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
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

// WriteAll renders files into dir (created 0755 if missing, respecting the umask) and
// renames them into place only when every one succeeded. Files are created 0644 (respecting
// the umask). An existing output that is a symbolic link is replaced, not followed. It refuses
// to write over any of inputs (compared after resolving links and ..).
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
	var temps []string
	cleanup := func() {
		for _, t := range temps {
			os.Remove(t)
		}
	}
	var out []Written
	for _, f := range files {
		tmp, size, err := render(dir, f)
		if tmp != "" {
			temps = append(temps, tmp)
		}
		if err != nil {
			cleanup()
			return nil, err
		}
		out = append(out, Written{Path: filepath.Join(dir, f.Name), Size: size})
	}
	if err := place(dir, files, temps); err != nil {
		cleanup()
		return nil, err
	}
	return out, nil
}

// place renames the rendered files into place. A target that cannot be replaced (a directory,
// say) is found before anything moves; should a rename still fail, the files already
// replaced are put back, so the outputs stay all old or all new.
func place(dir string, files []File, temps []string) error {
	for _, f := range files {
		if st, err := os.Lstat(filepath.Join(dir, f.Name)); err == nil && st.IsDir() {
			return fmt.Errorf("cannot write %s: it is a directory; move it away or choose another output directory with -o", filepath.Join(dir, f.Name))
		}
	}
	var backups []string // "" where there was no earlier output
	restore := func() {
		for i := len(backups) - 1; i >= 0; i-- {
			target := filepath.Join(dir, files[i].Name)
			if backups[i] == "" {
				os.Remove(target)
			} else {
				os.Rename(backups[i], target)
			}
		}
	}
	for i, f := range files {
		target := filepath.Join(dir, f.Name)
		backup := ""
		if _, err := os.Lstat(target); err == nil {
			backup = temps[i] + ".old"
			if err := os.Rename(target, backup); err != nil {
				restore()
				return fmt.Errorf("cannot replace %s: %w", target, err)
			}
		}
		backups = append(backups, backup)
		if err := os.Rename(temps[i], target); err != nil {
			restore()
			return fmt.Errorf("cannot put %s in place: %w", f.Name, err)
		}
	}
	for _, b := range backups {
		if b != "" {
			os.Remove(b)
		}
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

func render(dir string, f File) (string, int64, error) {
	var file *os.File
	var err error
	for i := 0; ; i++ {
		name := filepath.Join(dir, "."+f.Name+".tmp"+strconv.Itoa(os.Getpid())+"-"+strconv.Itoa(i))
		file, err = os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil || !errors.Is(err, os.ErrExist) || i > 100 {
			break
		}
	}
	if err != nil {
		return "", 0, fmt.Errorf("cannot write in %s: %w", dir, errors.Unwrap(err))
	}
	tmp := file.Name()
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
// leaves the original as it was. A symbolic link is followed: its target is replaced.
func Replace(path string, data []byte) (err error) {
	if p, err := filepath.EvalSymlinks(path); err == nil {
		path = p
	}
	st, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, errors.Unwrap(err))
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
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
	return nil
}

// rename is os.Rename, replaced in tests to make the last step fail.
var rename = os.Rename
