package xlsx_test

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/soa-tool/soa/soa/label"
	"github.com/soa-tool/soa/soa/sheet"
	"github.com/soa-tool/soa/soa/xlsx"
)

// TestBuildSheet reads the workbook back: the hidden sheet holds the fingerprint and, per
// control, the editable cells exactly as the SoA sheet shows them; after a sort of the SoA
// sheet and an edit, ReadBuilt still pairs each control with its row.
func TestBuildSheet(t *testing.T) {
	s := derive(t, example())
	b := render(t, s)
	sheets, err := xlsx.Read(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if last := sheets[len(sheets)-1]; last.Name != xlsx.SheetBuild || !last.Hidden {
		t.Fatalf("last sheet %q hidden %v, want the hidden %q", last.Name, last.Hidden, xlsx.SheetBuild)
	}
	built, err := xlsx.ReadBuilt(sheets)
	if err != nil {
		t.Fatal(err)
	}
	if built.Fingerprint != s.Fingerprint || len(built.Controls) != 93 {
		t.Fatalf("fingerprint %q, %d controls; want %q, 93", built.Fingerprint, len(built.Controls), s.Fingerprint)
	}
	for i, bc := range built.Controls {
		e := s.Controls[i]
		cells := sheet.Cells(label.English, e)
		if bc.ID != e.Control.ID.String() {
			t.Fatalf("control %d is %s, want %s", i, bc.ID, e.Control.ID)
		}
		for _, col := range xlsx.EditableColumns {
			want := cells[sheet.Index(xlsx.EditableKey(col))]
			if bc.Built[col] != want || bc.Now[col] != want {
				t.Errorf("%s %s: built %q, now %q; want %q", bc.ID, col, bc.Built[col], bc.Now[col], want)
			}
		}
	}
	status := cellName(sheet.Index(label.StatusCol)+1, 4)
	if got := built.Controls[0].Ref["Status"]; got != "Statement of Applicability!"+status {
		t.Errorf("A.5.1 Status cell %q, want Statement of Applicability!%s", got, status)
	}

	// Rows sorted the other way round, one status edited: matched by ID.
	f := open(t, b)
	rows, err := f.GetRows(xlsx.SheetSoA)
	if err != nil {
		t.Fatal(err)
	}
	data := rows[3:]
	slices.Reverse(data)
	for i, r := range data {
		for j, v := range r {
			if err := f.SetCellStr(xlsx.SheetSoA, cellName(j+1, 4+i), v); err != nil {
				t.Fatal(err)
			}
		}
	}
	at834 := slices.IndexFunc(data, func(r []string) bool { return len(r) > 0 && r[0] == "A.8.34" })
	row834, row51 := 4+at834, 4+len(data)-1 // after the sort, A.5.1 is the last row
	if err := f.SetCellStr(xlsx.SheetSoA, cellName(sheet.Index(label.StatusCol)+1, row834), "Planned"); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := f.Write(&out); err != nil {
		t.Fatal(err)
	}
	sheets, err = xlsx.Read(&out)
	if err != nil {
		t.Fatal(err)
	}
	built, err = xlsx.ReadBuilt(sheets)
	if err != nil {
		t.Fatal(err)
	}
	last := built.Controls[92]
	col := sheet.Index(label.StatusCol) + 1
	if last.ID != "A.8.34" || last.Now["Status"] != "Planned" || last.Ref["Status"] != "Statement of Applicability!"+cellName(col, row834) ||
		built.Controls[0].Ref["Status"] != "Statement of Applicability!"+cellName(col, row51) {
		t.Errorf("after the sort: A.8.34 %+v; A.5.1 at %s", last, built.Controls[0].Ref["Status"])
	}

	if _, err := xlsx.ReadBuilt(sheets[:1]); err == nil || !strings.Contains(err.Error(), "was not written by this version of soa build") {
		t.Errorf("workbook without the build sheet: %v", err)
	}
}

func cellName(col, row int) string {
	return string(rune('A'+col-1)) + strconv.Itoa(row)
}
