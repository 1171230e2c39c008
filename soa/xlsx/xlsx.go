// Package xlsx renders the SoA as an Excel workbook with excelize. It is the only package
// that imports excelize.
package xlsx

import (
	"errors"
	"io"

	"github.com/soa-tool/soa/soa"
)

// Write renders the workbook for s to w.
func Write(w io.Writer, s *soa.SoA) error {
	return errors.New("the XLSX renderer is not written yet")
}
