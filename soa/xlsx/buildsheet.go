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
const BuildFormat = "soa-build/2"

// EditableColumns are the columns of the SoA sheet whose edits soa import --edits carries
// back into controls.yaml, by their English names; editableKeys are their labels, by which
// they are found in a workbook of any language.
var EditableColumns = []string{"Applicable", "Justification", "Status", "Owner", "Implementation", "Evidence", "Target date"}

var editableKeys = []label.Key{label.Applicable, label.Justification, label.StatusCol, label.Owner,
	label.Implementation, label.Evidence, label.TargetDate}

// EditableKey gives the label of an editable column named in [EditableColumns].
func EditableKey(column string) label.Key { return editableKeys[slices.Index(EditableColumns, column)] }

// buildHeaderRow is the row of [SheetBuild] that names its columns: ID, then EditableColumns.
const buildHeaderRow = 5

// buildSheet writes the hidden sheet (hidden by build, before the register is streamed). Values are text, dates as YYYY-MM-DD, exactly as
// [soa.Entry.Cells] gives them.
func (b *book) buildSheet() {
	const sh = SheetBuild
	b.str(sh, 1, 1, "fingerprint", 0)
	b.str(sh, 2, 1, b.s.Fingerprint, 0)
	b.str(sh, 1, 2, "format", 0)
	b.str(sh, 2, 2, BuildFormat, 0)
	b.str(sh, 1, 3, "language", 0)
	b.str(sh, 2, 3, b.l.Code, 0)
	b.str(sh, 1, 4, "This sheet records what the workbook was built from, for soa import --edits; do not edit it.", 0)
	b.str(sh, 1, buildHeaderRow, "ID", 0)
	cols := make([]int, len(EditableColumns))
	for i, name := range EditableColumns {
		b.str(sh, i+2, buildHeaderRow, name, 0)
		cols[i] = sheet.Index(editableKeys[i])
	}
	for r, e := range b.s.Controls {
		cells := sheet.Cells(b.l, e)
		row := buildHeaderRow + 1 + r
		b.str(sh, 1, row, cells[0], 0)
		for i, c := range cols {
			if c >= 0 && cells[c] != "" {
				b.str(sh, i+2, row, cells[c], 0)
			}
		}
	}
}

// Built is what a workbook written by soa build says about itself and what its SoA sheet
// holds now: read by [ReadBuilt] from the sheets [Read] returned.
type Built struct {
	Fingerprint string
	// Language is the language the workbook was built in (its labels and values).
	Language string
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
		if sheets[i].Name == SheetBuild {
			build = &sheets[i]
		}
	}
	if build == nil || strings.TrimSpace(build.At(1, 1).Text) != BuildFormat {
		return nil, fmt.Errorf("the workbook has no %q sheet of format %s: it was not written by this version of soa build; build the workbook with 'soa build', let owners edit it, then import it", SheetBuild, BuildFormat)
	}
	out := &Built{Fingerprint: strings.TrimSpace(build.At(0, 1).Text), Language: strings.TrimSpace(build.At(2, 1).Text)}
	l := label.For(out.Language)
	soaName := l.T(label.SheetSoA)
	for i := range sheets {
		if sheets[i].Name == soaName {
			main = &sheets[i]
		}
	}
	if main == nil {
		return nil, fmt.Errorf("the workbook has no %q sheet; was it renamed? give it back its name, then try again", soaName)
	}
	// Columns of the SoA sheet, by header text.
	hdr := soaHeaderRow - 1
	if len(main.Rows) <= hdr {
		return nil, fmt.Errorf("%s: the sheet is empty; the workbook was changed too much to read its edits", SheetSoA)
	}
	mainCol := map[string]int{}
	idCol := -1
	for c := range main.Rows[hdr] {
		name := strings.TrimSpace(main.At(hdr, c).Text)
		if name == l.T(label.ID) && idCol < 0 {
			idCol = c
		}
		for i, k := range editableKeys {
			if _, seen := mainCol[EditableColumns[i]]; !seen && name == l.T(k) {
				mainCol[EditableColumns[i]] = c
			}
		}
	}
	if idCol < 0 {
		return nil, fmt.Errorf("%s: row %d has no %s column; the header row was changed — restore it, then try again", soaName, soaHeaderRow, l.T(label.ID))
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
				v = l.Date(cl.Date)
			}
			bc.Now[name] = v
			bc.Ref[name] = soaName + "!" + cell(c+1, mr+1)
		}
		out.Controls = append(out.Controls, bc)
	}
	return out, nil
}
