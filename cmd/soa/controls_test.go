package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/soa-tool/soa/soa/clienttest"
	"github.com/xuri/excelize/v2"
)

func TestControlsGolden(t *testing.T) {
	t.Setenv("COLUMNS", "")
	for _, f := range []string{"table", "csv", "json", "md"} {
		out, errs, code := runCLI(t, "controls", "--format", f)
		if code != 0 {
			t.Fatalf("--format %s: exit %d: %s", f, code, errs)
		}
		golden(t, "controls."+f, []byte(out))
	}
	out, _, _ := runCLI(t, "controls", "--new", "--theme", "technological", "--attribute", "control_type=Detective")
	golden(t, "controls-filtered.table", []byte(out))
}

func TestControlsJSON(t *testing.T) {
	out, _, code := runCLI(t, "controls", "--format", "json")
	if code != 0 {
		t.Fatal(code)
	}
	var list []map[string]any
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatal(err)
	}
	if len(list) != 93 {
		t.Fatalf("%d objects, want 93", len(list))
	}
	ids, themes, news := map[any]bool{}, map[any]int{}, 0
	for _, c := range list {
		for _, k := range []string{"id", "title", "theme", "new_in_2022", "attributes", "iso2013"} {
			if _, ok := c[k]; !ok {
				t.Errorf("%v has no %q", c["id"], k)
			}
		}
		ids[c["id"]] = true
		themes[c["theme"]]++
		if c["new_in_2022"] == true {
			news++
		}
	}
	if len(ids) != 93 || news != 11 || themes["organizational"] != 37 || themes["people"] != 8 ||
		themes["physical"] != 14 || themes["technological"] != 34 {
		t.Errorf("ids %d, new %d, themes %v", len(ids), news, themes)
	}
}

// TestControlsCSVLibreOffice opens the CSV in LibreOffice, saves it as XLSX, and checks that
// every cell came through as written: commas in titles, accents, IDs not turned into numbers.
func TestControlsCSVLibreOffice(t *testing.T) {
	out, _, _ := runCLI(t, "controls", "--format", "csv")
	src := filepath.Join(t.TempDir(), "controls.csv")
	if err := os.WriteFile(src, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	// 44 = comma, 34 = quote, 76 = UTF-8, line 1; every column as text (format 2).
	xlsx := clienttest.Convert(t, src, "xlsx", `Calc MS Excel 2007 XML`)
	_ = xlsx
	want, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := f.GetRows(f.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("LibreOffice read %d rows, want %d", len(got), len(want))
	}
	for i := range want {
		for j := range want[i] {
			g := ""
			if j < len(got[i]) {
				g = got[i][j]
			}
			if g != want[i][j] {
				t.Errorf("row %d col %d: LibreOffice has %q, CSV has %q", i+1, j+1, g, want[i][j])
			}
		}
	}
}
