package sheet_test

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/soa-tool/soa/soa/clienttest"
	"github.com/soa-tool/soa/soa/label"
	"github.com/soa-tool/soa/soa/sheet"
	"github.com/soa-tool/soa/soa/soatest"
)

func write(t *testing.T, lang string, opt sheet.CSVOptions) []byte {
	t.Helper()
	dir := soatest.Copy(t, "acme-saas")
	if lang != "en" {
		dir = soatest.Branded(t, lang)
	}
	var b bytes.Buffer
	if err := sheet.WriteCSV(&b, soatest.Valid(t, dir), opt); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestCSV checks soa.csv: a byte order mark, then the columns in the document's language with
// the given delimiter, and the reasons worded as in the other formats.
func TestCSV(t *testing.T) {
	for _, c := range []struct {
		lang   string
		comma  rune
		header string
		a51    string // reasons of A.5.1
	}{
		{"en", ',', "ID,Control,Applicable,Reasons,Justification,Status", "Contractual, business"},
		{"de", ';', "Nr.;Maßnahme;Anwendbar;Gründe;Begründung;Status", "Vertrag, Geschäftsanforderung"},
		{"fr", ';', "Réf.;Mesure;Applicable;Raisons;Justification;Statut", "Contractuelle, métier"},
	} {
		b := write(t, c.lang, sheet.CSVOptions{Comma: c.comma})
		if !bytes.HasPrefix(b, []byte("\xef\xbb\xbf")) {
			t.Errorf("%s: no byte order mark", c.lang)
		}
		r := csv.NewReader(bytes.NewReader(b[3:]))
		r.Comma = c.comma
		recs, err := r.ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(recs[0][:6], string(c.comma)); got != c.header {
			t.Errorf("%s: header %q, want %q", c.lang, got, c.header)
		}
		if len(recs) != 1+93+3 || recs[1][3] != c.a51 { // the header, the 93 and the example's three additional controls
			t.Errorf("%s: %d rows, A.5.1 reasons %q, want %q", c.lang, len(recs), recs[1][3], c.a51)
		}
	}
	if got := sheet.Header(label.English); len(got) != len(sheet.Columns) || got[sheet.Printed-1] != "Evidence" {
		t.Errorf("columns %q: the printed ones end with Evidence", got)
	}
}

// TestCSVLibreOffice opens soa.csv in LibreOffice, leaving the character set to it (as its
// import dialog does), for a comma and a semicolon file: "Société" and "—" come out whole
// and the byte order mark does not show in the first heading.
func TestCSVLibreOffice(t *testing.T) {
	for _, c := range []struct {
		comma  rune
		filter string
	}{{',', "44,34,,1"}, {';', "59,34,,1"}} {
		path := filepath.Join(t.TempDir(), "soa.csv")
		if err := os.WriteFile(path, write(t, "en", sheet.CSVOptions{Comma: c.comma}), 0o644); err != nil {
			t.Fatal(err)
		}
		out := clienttest.ConvertWith(t, path, "xlsx", "CSV:"+c.filter)
		f, err := excelize.OpenFile(out)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := f.GetRows(f.GetSheetList()[0])
		if err != nil {
			t.Fatal(err)
		}
		if rows[0][0] != "ID" {
			t.Errorf("%q: first heading %q", c.comma, rows[0][0])
		}
		all := ""
		for _, r := range rows {
			all += strings.Join(r, "|")
		}
		for _, want := range []string{"Société Générale", "Friederike Schäfer", "Führungszeugnis", "Okta–Personio"} {
			if !strings.Contains(all, want) {
				t.Errorf("%q: LibreOffice shows no %q", c.comma, want)
			}
		}
		f.Close()
	}
}

func TestMain(m *testing.M) { os.Exit(clienttest.Main(m)) }

// TestRegister: the register's columns follow the PDF's, Current only when a risk gives a
// current rating; every row has a cell per column; Scales only when the method describes its
// levels.
func TestRegister(t *testing.T) {
	for _, c := range []struct {
		example string
		current bool
		scales  bool
	}{{"acme-saas", true, true}, {"acme-saas-2025", false, false}} {
		s := soatest.Valid(t, soatest.Example(c.example))
		rows := sheet.Register(label.English, s)
		if got := slices.Contains(rows[0], "Current"); got != c.current {
			t.Errorf("%s: Current column %v, want %v: %q", c.example, got, c.current, rows[0])
		}
		if len(rows) != len(s.Risks)+1 {
			t.Errorf("%s: %d rows for %d risks", c.example, len(rows)-1, len(s.Risks))
		}
		for i, r := range rows {
			if len(r) != len(rows[0]) {
				t.Errorf("%s: row %d has %d cells, the heading %d", c.example, i, len(r), len(rows[0]))
			}
		}
		if got := sheet.Scales(label.English, s) != nil; got != c.scales {
			t.Errorf("%s: scales %v, want %v", c.example, got, c.scales)
		}
	}
}
