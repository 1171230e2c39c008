package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"

	"github.com/soa-tool/soa/soa/output"
	"github.com/soa-tool/soa/soa/soc2"
)

// stdin is what "-" reads as a file input; tests replace it.
var stdin io.Reader = os.Stdin

// stdinName names standard input in messages and findings.
const stdinName = "standard input"

// readStdin reads standard input, refusing more than limit bytes.
func readStdin(limit int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(stdin, limit+1))
	if err != nil {
		return nil, usage("cannot read standard input: %v", err)
	}
	if int64(len(b)) > limit {
		return nil, usage("standard input is over %d MiB; is this the right input?", limit>>20)
	}
	return b, nil
}

// writeFileOut writes data to path through a temporary file and a rename.
func writeFileOut(path string, data []byte) error {
	_, err := output.WriteAll(filepath.Dir(path), []output.File{{Name: filepath.Base(path), Render: func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	}}}, nil)
	if err != nil {
		return usage("%v", err)
	}
	return nil
}

// oneFileToStdout refuses "-o -" when n files would be written: standard output holds one.
func oneFileToStdout(n int, what, fix string) error {
	if n == 1 {
		return nil
	}
	return usage("-o - writes one file to standard output, and %s would write %d; %s", what, n, fix)
}

// renderToStdout renders f in memory first, so a failed render prints nothing.
func renderToStdout(w io.Writer, f output.File) error {
	var b bytes.Buffer
	if err := f.Render(&b); err != nil {
		return usage("%s: %v", f.Name, err)
	}
	_, err := w.Write(b.Bytes())
	return err
}

// readSOC2 reads a SOC 2 control list from file, or from standard input for "-".
func readSOC2(file string) (*soc2.Program, error) {
	if file != "-" {
		return soc2.Read(file)
	}
	b, err := readStdin(soc2.MaxFileSize)
	if err != nil {
		return nil, err
	}
	return soc2.Parse(stdinName, b)
}
