package xlsx

import (
	"fmt"
	"slices"
	"strings"

	"github.com/soa-tool/soa/soa/label"
	"github.com/soa-tool/soa/soa/sheet"
)

// SheetBuild is the hidden last sheet that records what the workbook was built from, so that
// soa import --edits can tell a cell a control owner edited from one the build wrote, and a
// YAML value changed since the build from one that was not. It holds the workspace
// fingerprint and, per control, the values the build wrote into [EditableColumns].
const SheetBuild = "soa build"

// BuildFormat names the layout of [SheetBuild]; it is written in B2 and checked on reading.
const BuildFormat = "soa-build/1"

// EditableColumns are the columns of the SoA sheet whose edits soa import --edits carries
// back into controls.yaml.
var EditableColumns = []string{"Applicable", "Justification", "Status", "Owner", "Implementation", "Evidence", "Target date"}

// buildHeaderRow is the row of [SheetBuild] that names its columns: ID, then EditableColumns.
const buildHeaderRow = 4

// buildSheet writes the hidden sheet. Values are text, dates as YYYY-MM-DD, exactly as
// [soa.Entry.Cells] gives them.
func (b *book) buildSheet() {
	const sh = SheetBuild
	b.str(sh, 1, 1, "fingerprint", 0)
	b.str(sh, 2, 1, b.s.Fingerprint, 0)
	b.str(sh, 1, 2, "format", 0)
	b.str(sh, 2, 2, BuildFormat, 0)
	b.str(sh, 1, 3, "This sheet records what the workbook was built from, for soa import --edits; do not edit it.", 0)
	b.str(sh, 1, buildHeaderRow, "ID", 0)
	cols := make([]int, len(EditableColumns))
	for i, name := range EditableColumns {
		b.str(sh, i+2, buildHeaderRow, name, 0)
		cols[i] = slices.Index(sheet.Columns, name)
	}
	for r, e := range b.s.Controls {
		cells := sheet.Cells(e)
		row := buildHeaderRow + 1 + r
		b.str(sh, 1, row, cells[0], 0)
		for i, c := range cols {
			if c >= 0 && cells[c] != "" {
				b.str(sh, i+2, row, cells[c], 0)
			}
		}
	}
	b.check(b.f.SetSheetVisible(sh, false))
}

// Built is what a workbook written by soa build says about itself and what its SoA sheet
// holds now: read by [ReadBuilt] from the sheets [Read] returned.
type Built struct {
	Fingerprint string
	// Controls are the controls of the hidden sheet, in its order.
	Controls []BuiltControl
}

// BuiltControl is one control of a built workbook: per editable column, the value the build
// wrote, the value the SoA sheet has now, and the cell's reference ("Statement of
// Applicability!H12"). A column missing from the SoA sheet now has no reference.
type BuiltControl struct {
	ID    string
	Built map[string]string
	Now   map[string]string
	Ref   map[string]string
}

// ReadBuilt finds the hidden build sheet and the SoA sheet among sheets and pairs, for each
// control, the built values with the current ones. Rows are matched by the ID column, so a
// sorted or filtered sheet reads the same; columns by their header.
func ReadBuilt(sheets []Sheet) (*Built, error) {
	var build, main *Sheet
	for i := range sheets {
		switch sheets[i].Name {
		case SheetBuild:
			build = &sheets[i]
		case SheetSoA:
			main = &sheets[i]
		}
	}
	if build == nil || strings.TrimSpace(build.At(1, 1).Text) != BuildFormat {
		return nil, fmt.Errorf("the workbook has no %q sheet of format %s: it was not written by this version of soa build; build the workbook with 'soa build', let owners edit it, then import it", SheetBuild, BuildFormat)
	}
	if main == nil {
		return nil, fmt.Errorf("the workbook has no %q sheet; was it renamed? give it back its name, then try again", SheetSoA)
	}
	out := &Built{Fingerprint: strings.TrimSpace(build.At(0, 1).Text)}
	// Columns of the SoA sheet, by header text.
	hdr := soaHeaderRow - 1
	if len(main.Rows) <= hdr {
		return nil, fmt.Errorf("%s: the sheet is empty; the workbook was changed too much to read its edits", SheetSoA)
	}
	mainCol := map[string]int{}
	idCol := -1
	for c := range main.Rows[hdr] {
		name := strings.TrimSpace(main.At(hdr, c).Text)
		if name == "ID" && idCol < 0 {
			idCol = c
		}
		if _, seen := mainCol[name]; !seen && slices.Contains(EditableColumns, name) {
			mainCol[name] = c
		}
	}
	if idCol < 0 {
		return nil, fmt.Errorf("%s: row %d has no ID column; the header row was changed — restore it, then try again", SheetSoA, soaHeaderRow)
	}
	rowOf := map[string]int{}
	for r := hdr + 1; r < len(main.Rows); r++ {
		id := strings.TrimSpace(main.At(r, idCol).Text)
		if _, dup := rowOf[id]; id != "" && !dup {
			rowOf[id] = r
		}
	}
	for r := buildHeaderRow; r < len(build.Rows); r++ {
		id := strings.TrimSpace(build.At(r, 0).Text)
		if id == "" {
			continue
		}
		bc := BuiltControl{ID: id, Built: map[string]string{}, Now: map[string]string{}, Ref: map[string]string{}}
		mr, inMain := rowOf[id]
		for i, name := range EditableColumns {
			bc.Built[name] = build.At(r, i+1).Text
			c, ok := mainCol[name]
			if !ok || !inMain {
				continue
			}
			cl := main.At(mr, c)
			v := cl.Text
			if cl.IsDate {
				v = label.Date(cl.Date)
			}
			bc.Now[name] = v
			bc.Ref[name] = SheetSoA + "!" + cell(c+1, mr+1)
		}
		out.Controls = append(out.Controls, bc)
	}
	return out, nil
}
