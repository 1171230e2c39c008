// Package pdf renders the SoA as an auditor-ready A4 PDF with maroto. It is the only package
// that imports maroto.
package pdf

import (
	"errors"
	"io"

	"github.com/soa-tool/soa/soa"
)

// Options steer the PDF.
type Options struct {
	// Regular and Bold are TrueType fonts to embed instead of the built-in ones; Bold may be
	// nil, in which case Regular serves for bold text too.
	Regular, Bold []byte
	// SOC2 adds a column with the SOC 2 criteria of each control.
	SOC2 bool
}

// Write renders the PDF for s to w.
func Write(w io.Writer, s *soa.SoA, opt Options) error {
	return errors.New("the PDF renderer is not written yet")
}
