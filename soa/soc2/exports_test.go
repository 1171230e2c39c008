package soc2

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/soa-tool/soa/annexa"
	"github.com/soa-tool/soa/templates"
)

// TestRealExports reads the same four controls exported in the shapes GRC tools produce:
// CSV with a comma, a semicolon or a tab, a JSON array, a JSON object holding the array, and
// YAML; headers such as "Control ID", "TSC Criteria", "Control Owner", "Status", "Mapped
// Requirements"; points of focus, "CC6.2 User registration" cells, a family (CC1), and the
// status vocabularies of several tools.
func TestRealExports(t *testing.T) {
	type want struct {
		id       string
		criteria []string
		focus    []string
		status   string
		owner    string
		evidence []string
	}
	cc1 := []string{"CC1.1", "CC1.2", "CC1.3", "CC1.4", "CC1.5"}
	wants := []want{
		{"AC-01", []string{"CC6.1", "CC6.2", "CC6.3"}, []string{"CC6.1.3"}, StatusImplemented, "jane@acme.example", []string{"Access review export", "Review sign-off"}},
		{"BK-02", []string{"A1.2"}, nil, StatusPartial, "Ops", nil},
		{"GV-05", cc1, nil, StatusPlanned, "CISO", []string{"Board minutes"}},
		{"DR-01", []string{"CC6.5"}, []string{"CC6.5.2"}, StatusNotApplicable, "IT", nil},
	}
	for _, name := range []string{"grc-export.csv", "grc-export-semicolon.csv", "grc-export.tsv", "grc-export.json", "grc-export-wrapped.json", "grc-export.yaml"} {
		p, err := Read(filepath.Join("testdata", "exports", name))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if len(p.Controls) != len(wants) {
			t.Errorf("%s: %d controls", name, len(p.Controls))
			continue
		}
		for i, w := range wants {
			c := p.Controls[i]
			if c.ID != w.id || !slices.Equal(c.Criteria, w.criteria) || !slices.Equal(c.Focus, w.focus) || c.Status != w.status ||
				c.Owner != w.owner || !slices.Equal(c.Evidence, w.evidence) || c.Name == "" || c.Description == "" {
				t.Errorf("%s: control %d = %+v, want %+v", name, i, c, w)
			}
		}
		if len(p.Warnings) != 1 || !strings.Contains(p.Warnings[0].Message, "CC1 is a family of criteria, read as CC1.1, CC1.2, CC1.3, CC1.4, CC1.5") {
			t.Errorf("%s: warnings %v, want the one on the family CC1", name, p.Warnings)
		}
		// Only the mixed-framework column maps to ISO 27001: 2013 IDs come back as 2022
		// controls (A.9.2.5 is A.5.18; A.8.3.2 is A.7.10 and A.7.14), other frameworks are
		// skipped.
		var iso [][]annexa.ID
		for _, c := range p.Controls {
			iso = append(iso, c.ISO)
		}
		wantISO := [][]annexa.ID{nil, nil, nil, nil}
		if name == "grc-export.tsv" {
			wantISO = [][]annexa.ID{{{Clause: 5, Num: 18}}, {{Clause: 8, Num: 13}}, nil, {{Clause: 7, Num: 10}, {Clause: 7, Num: 14}}}
		}
		if !slices.EqualFunc(iso, wantISO, slices.Equal) {
			t.Errorf("%s: ISO mapping %v, want %v", name, iso, wantISO)
		}
	}
}

// TestExportISOMapping: when the export maps its controls to ISO/IEC 27001, that mapping
// decides which program controls implement an Annex A control, and the draft says so; a
// control scoped out (N/A) implements nothing.
func TestExportISOMapping(t *testing.T) {
	p, err := Read(filepath.Join("testdata", "exports", "grc-export.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	if !p.ISOMapped() {
		t.Fatal("ISOMapped is false")
	}
	cov := map[annexa.ID]Coverage{}
	for _, cv := range Cover(p) {
		cov[cv.Control.ID] = cv
	}
	if cv := cov[annexa.ID{Clause: 5, Num: 18}]; cv.Level != Covered || len(cv.By) != 1 || cv.By[0].ID != "AC-01" || cv.Status() != StatusImplemented {
		t.Errorf("A.5.18: %+v", cv)
	}
	if cv := cov[annexa.ID{Clause: 8, Num: 13}]; cv.Level != Covered || cv.Status() != StatusPartial {
		t.Errorf("A.8.13: %+v", cv)
	}
	// AC-01 meets CC6.1, which the crosswalk ties to A.5.15, but the export does not map it
	// there.
	if cv := cov[annexa.ID{Clause: 5, Num: 15}]; cv.Level != NotCovered || len(cv.By) != 0 {
		t.Errorf("A.5.15: %+v", cv)
	}
	if cv := cov[annexa.ID{Clause: 7, Num: 14}]; cv.Level != NotCovered || len(cv.By) != 0 {
		t.Errorf("A.7.14: %+v (DR-01 is not applicable)", cv)
	}
	text := string(ControlsYAML(NewReport(p), "grc-export.tsv", templates.Modeline("controls")))
	if !strings.Contains(text, "as the export maps them to ISO/IEC 27001") || !strings.Contains(text, "Covered: the export maps these program controls to it.") {
		t.Errorf("the draft does not say the export's mapping was used:\n%s", text)
	}
}

// TestCriteriaCells checks the criteria cells real exports carry, and the answers to typos.
func TestCriteriaCells(t *testing.T) {
	for _, tc := range []struct {
		cell     string
		criteria []string
		focus    []string
		problem  string // in the error or warning
	}{
		{cell: "CC6.1 Logical Access", criteria: []string{"CC6.1"}},
		{cell: "CC6.1.3; CC6.1.10, cc 6.2", criteria: []string{"CC6.1", "CC6.2"}, focus: []string{"CC6.1.3", "CC6.1.10"}},
		{cell: "CC06.01", criteria: []string{"CC6.1"}},
		{cell: "CC5", criteria: []string{"CC5.1", "CC5.2", "CC5.3"}, problem: "CC5 is a family of criteria, read as CC5.1, CC5.2, CC5.3"},
		{cell: "SOC 2: CC7.2; ISO 27001: A.12.4.1; NIST CSF: DE.CM-1", criteria: []string{"CC7.2"}},
		{cell: "CC6.6|A1.2", criteria: []string{"CC6.6", "A1.2"}},
		{cell: "C6.5", problem: `"C6.5" is not a Trust Services Criterion; did you mean CC6.5 Data removal before asset disposal?`},
		{cell: "CC6.9", problem: "did you mean CC6.7 Restricting and protecting data transmission or CC6.8"},
		{cell: "CC10", problem: `"CC10" is not a Trust Services Criterion`},
		{cell: "TBD", problem: `"TBD" is not a Trust Services Criterion ID`},
	} {
		p, err := Parse("x.csv", []byte("Control ID,Control Name,TSC Criteria\nX-1,Something,\""+tc.cell+"\"\n"))
		var msgs string
		if err != nil {
			msgs = err.Error()
		} else {
			for _, w := range p.Warnings {
				msgs += w.String() + "\n"
			}
			if c := p.Controls[0]; !slices.Equal(c.Criteria, tc.criteria) || !slices.Equal(c.Focus, tc.focus) {
				t.Errorf("%q: criteria %v focus %v, want %v %v", tc.cell, c.Criteria, c.Focus, tc.criteria, tc.focus)
			}
		}
		if tc.problem == "" && msgs != "" || tc.problem != "" && !strings.Contains(msgs, tc.problem) {
			t.Errorf("%q: messages %q, want %q", tc.cell, msgs, tc.problem)
		}
	}
}

// TestParseStatus maps the vocabularies of common GRC tools.
func TestParseStatus(t *testing.T) {
	for in, want := range map[string]string{
		"Operating Effectively": StatusImplemented, "IMPLEMENTED": StatusImplemented, "passing": StatusImplemented,
		"In Progress": StatusPartial, "in_progress": StatusPartial, "Partially implemented": StatusPartial, "Needs attention": StatusPartial,
		"Not Started": StatusPlanned, "planned": StatusPlanned, "To do": StatusPlanned,
		"N/A": StatusNotApplicable, "Not applicable": StatusNotApplicable, "": "",
	} {
		if got, ok := ParseStatus(in); !ok || got != want {
			t.Errorf("ParseStatus(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	if _, ok := ParseStatus("banana"); ok {
		t.Error(`ParseStatus("banana") is ok`)
	}
	p, err := Parse("s.csv", []byte("id,name,criteria,status\nX,Y,CC6.1,banana\n"))
	if err != nil || len(p.Warnings) != 1 || !strings.Contains(p.Warnings[0].Message, `status "banana" is not understood`) || p.Controls[0].Status != "" {
		t.Errorf("unknown status: %v %v", err, p)
	}
}

// TestJSONEscapes: exporters that escape every slash (\/) and indent with tabs are read; an
// escaped backslash before a slash stays one.
func TestJSONEscapes(t *testing.T) {
	p, err := Parse("e.json", []byte("[\n\t{\"id\": \"A\\/1\", \"name\": \"C:\\\\\\/x \\u00e9\", \"criteria\": [\"CC6.1\"]}\n]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if c := p.Controls[0]; c.ID != "A/1" || c.Name != `C:\/x é` {
		t.Errorf("read %q and %q", c.ID, c.Name)
	}
	p, err = Read(filepath.Join("testdata", "exports", "grc-export.json"))
	if err != nil || !strings.Contains(p.Controls[0].Description, "(SSO/IdP)") {
		t.Errorf("grc-export.json: %v %+v", err, p)
	}
}

// TestExportPartlyISOMapped checks an export whose mapped-requirements cells name ISO/IEC
// 27001 on some rows only: the rows with an ISO mapping are tied as mapped, the others by
// relevance, so one ISO cell does not leave the rest of the program tied to nothing.
func TestExportPartlyISOMapped(t *testing.T) {
	csv := "Control ID,Control Name,Description,Mapped Requirements,Status\n" +
		"BK-01,Daily backups,Databases are backed up daily and restores are tested.,SOC 2: A1.2,Operating\n" +
		"AC-01,User access reviews,System owners review user access each quarter.,SOC 2: CC6.2; ISO 27001: A.5.18,Operating\n"
	p, err := Parse("partly-mapped.csv", []byte(csv))
	if err != nil {
		t.Fatal(err)
	}
	cov := map[annexa.ID]Coverage{}
	for _, cv := range Cover(p) {
		cov[cv.Control.ID] = cv
	}
	if cv := cov[annexa.ID{Clause: 8, Num: 13}]; cv.Level != Covered || len(cv.By) != 1 || cv.By[0].ID != "BK-01" || cv.ByISO {
		t.Errorf("A.8.13 (BK-01 has no ISO mapping, tied by relevance): level %v, by %v, by ISO %v", cv.Level, cv.By, cv.ByISO)
	}
	if cv := cov[annexa.ID{Clause: 5, Num: 18}]; cv.Level != Covered || len(cv.By) != 1 || cv.By[0].ID != "AC-01" || !cv.ByISO {
		t.Errorf("A.5.18 (AC-01 is mapped to it): level %v, by %v, by ISO %v", cv.Level, cv.By, cv.ByISO)
	}
	// AC-01 is mapped to A.5.18 only: it is not tied to another control through CC6.2.
	if cv := cov[annexa.ID{Clause: 5, Num: 16}]; len(cv.By) != 0 {
		t.Errorf("A.5.16: tied to %v, want nothing (AC-01 is mapped elsewhere)", cv.By)
	}
	text := string(ControlsYAML(NewReport(p), "partly-mapped.csv", templates.Modeline("controls")))
	if !strings.Contains(text, "The export maps 1 of its controls to no Annex A control") {
		t.Errorf("the draft does not say how unmapped controls were tied:\n%s", text)
	}
}
