package soc2

import (
	"errors"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	goldenfile "github.com/soa-tool/soa/soa/golden"
	"github.com/soa-tool/soa/soa/workspace"

	"github.com/soa-tool/soa/annexa"
	"github.com/soa-tool/soa/soa"
	"github.com/soa-tool/soa/soa/finding"
	"github.com/soa-tool/soa/templates"
)

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", name), got)
}

func parse(t *testing.T, name, text string) *Program {
	t.Helper()
	p, err := Parse(name, []byte(text))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return p
}

// parseErr parses text that must fail and returns the error's lines.
func parseErr(t *testing.T, name, text string) []string {
	t.Helper()
	_, err := Parse(name, []byte(text))
	var le finding.ListError
	if !errors.As(err, &le) {
		t.Fatalf("%s: error %v, want a finding list", name, err)
	}
	return strings.Split(err.Error(), "\n")
}

func TestCSVHeaderVariants(t *testing.T) {
	want := []Control{
		{ID: "AC-1", Name: "Unique IDs", Criteria: []string{"CC6.1", "CC6.2"}, Owner: "IT", Evidence: []string{"Okta export", "Review log"}},
		{ID: "AC-2", Name: "MFA", Criteria: []string{"CC6.1", "CC6.6", "A1.2"}},
	}
	inputs := map[string]string{
		"plain.csv": "id,name,criteria,owner,evidence\n" +
			"AC-1,Unique IDs,CC6.1; CC6.2,IT,Okta export; Review log\n" +
			"AC-2,MFA,\"CC6.6, cc6.1 A1.2\",,\n",
		"export.csv": "Framework,Control Name,TSC,Control ID,Control Owner,Evidence Requests,Notes\n" +
			"SOC 2,Unique IDs,CC 6.2 CC 6.1,AC-1,IT,\"Okta export\nReview log\",x\n" +
			"SOC 2,MFA,CC6.1|CC6.6|A1.2,AC-2,,,\n\n",
		"bom.csv": "\ufeffID,NAME,CRITERIA,OWNER,EVIDENCE\r\n" +
			"AC-1,Unique IDs,\"CC6.1,CC6.2,CC6.1\",IT,Okta export;Review log\r\n" +
			"AC-2,MFA,CC6.1 ; CC6.6 ; A1.2,,\r\n",
		"semicolon.csv": "id;name;criteria;owner;evidence\n" +
			"AC-1;Unique IDs;CC6.1, CC6.2;IT;Okta export\nAC-2;MFA;CC6.1 CC6.6 A1.2;;\n",
		"controls.yaml": "# export\n- id: AC-1\n  name: Unique IDs\n  criteria: [CC6.1, cc6.2]\n  owner: IT\n  evidence: [Okta export, Review log]\n" +
			"- id: AC-2\n  name: MFA\n  criteria: CC6.1; CC6.6, A1.2\n  notes: ignored\n",
		"wrapped.yml": "controls:\n  - {id: AC-1, name: Unique IDs, criteria: [CC 6.1, CC6.2], owner: IT, evidence: Okta export; Review log}\n" +
			"  - {Control ID: AC-2, Control Name: MFA, TSC: [CC6.1, CC6.6 A1.2]}\n",
		"noext": "- id: AC-1\n  name: Unique IDs\n  criteria: [CC6.1, CC6.2]\n  owner: IT\n  evidence: [Okta export, Review log]\n" +
			"- id: AC-2\n  name: MFA\n  criteria: [CC6.1, CC6.6, A1.2]\n",
	}
	for name, text := range inputs {
		p := parse(t, name, text)
		if len(p.Controls) != 2 {
			t.Errorf("%s: %d controls", name, len(p.Controls))
			continue
		}
		for i, c := range p.Controls {
			w := want[i]
			if name == "semicolon.csv" && i == 0 {
				w.Evidence = []string{"Okta export"}
			}
			if c.ID != w.ID || c.Name != w.Name || c.Owner != w.Owner ||
				!slices.Equal(c.Criteria, w.Criteria) || !slices.Equal(c.Evidence, w.Evidence) {
				t.Errorf("%s: control %d = %+v, want %+v", name, i, c, w)
			}
		}
	}
	p := parse(t, "x.yaml", "- id: 12\n  name: Numeric id\n  criteria: [CC6.1]\n")
	if p.Controls[0].ID != "12" || p.Controls[0].Pos.Line != 1 {
		t.Errorf("numeric id: %+v", p.Controls[0])
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // each must appear in some line
	}{
		{"a.csv", "id,title,owner\nAC-1,x,y\n", []string{
			`a.csv:1: error: no criteria column: the header row has "id", "title", "owner"; name a column "criteria" (or "TSC")`}},
		{"b.csv", "ref,criteria\nAC-1,CC6.1\n", []string{"b.csv:1: error: no name column"}},
		{"c.csv", "id,name,criteria\nAC-1,MFA,CC6.1\nAC-2,Logs,CC7.2; CC6.9\nAC-3,Keys,CC16.1\n", []string{
			`c.csv:3:11: error: control AC-2: "CC6.9" is not a Trust Services Criterion; did you mean CC6.7 Restricting and protecting data transmission or CC6.8 Preventing unauthorized or malicious software? [unknown-criterion]`,
			`c.csv:4:11: error: control AC-3: "CC16.1" is not a Trust Services Criterion; did you mean`}},
		{"d.csv", "id,name,criteria\nAC-1,MFA,CC6.1\nac-1,Again,CC6.2\n", []string{"d.csv:3: error: control ID ac-1 is used twice (first at d.csv:2)"}},
		{"e.csv", "id,name,criteria\n,MFA,CC6.1\nAC-2,,CC6.1\n", []string{"e.csv:2:1: error: row 2 has no control ID", "e.csv:3:6: error: control AC-2 has no name"}},
		{"f.csv", "id,name,criteria\nAC-1,\"MFA,CC6.1\n", []string{"f.csv:2:", "CSV syntax"}},
		{"g.csv", "id,name,criteria,Control ID\nx,y,CC6.1,z\n", []string{`columns "id" and "Control ID" both read as id`}},
		{"h.yaml", "- id: AC-1\n  name: MFA\n  criteria: [CC6.1, XX1]\n", []string{`h.yaml:3:21: error: control AC-1: "XX1" is not a Trust Services Criterion ID`}},
		{"i.yaml", "- id: AC-1\n  name: MFA\n  criteria: [CC6.1\n", []string{"i.yaml:", "YAML syntax"}},
		{"j.yaml", "id: AC-1\nname: MFA\n", []string{"j.yaml:1:1: error: the file must be a list of controls"}},
		{"k.yaml", "- name: MFA\n  criteria: CC6.1\n- id: X\n  criteria: {a: b}\n  name: [1]\n", []string{
			"k.yaml:1:3: error: this control has no id", "k.yaml:4:13: error: criteria must be a list or text", "k.yaml:5:9: error: name must be text"}},
		{"l.csv", "", []string{"l.csv:1: error: the file is empty"}},
		{"m.csv", "id,name,criteria\n", []string{"m.csv:1: error: the file lists no controls"}},
		{"n.csv", "id,name,criteria\nAC-1,caf\xe9,CC6.1\n", []string{"n.csv:2: error: the file is not UTF-8"}},
		{"o.yaml", "- &a {id: A, name: B, criteria: [CC6.1]}\n- *a\n", []string{"o.yaml:2:3: error: each control must be a mapping"}},
	}
	for _, tt := range tests {
		lines := parseErr(t, tt.name, tt.text)
		for _, w := range tt.want {
			found := false
			for _, l := range lines {
				found = found || strings.Contains(l, w)
			}
			if !found {
				t.Errorf("%s: no line contains %q in\n%s", tt.name, w, strings.Join(lines, "\n"))
			}
		}
	}
}

func TestWarnings(t *testing.T) {
	p := parse(t, "w.yaml", "- id: AC-1\n  name: MFA\n  critera: [CC6.1]\n- id: AC-2\n  name: Logs\n  criteria: [CC7.2]\n")
	got := p.Warnings.Err()
	if len(p.Warnings) != 2 || got != nil {
		t.Fatalf("warnings %v", p.Warnings)
	}
	s := finding.ListError(p.Warnings).Error()
	for _, w := range []string{`w.yaml:3:3: warning: key "critera" is ignored; did you mean "criteria"?`, "w.yaml:1:3: warning: control AC-1 lists no Trust Services Criteria"} {
		if !strings.Contains(s, w) {
			t.Errorf("warnings lack %q:\n%s", w, s)
		}
	}
}

func TestReadFile(t *testing.T) {
	if _, err := Read(filepath.Join(t.TempDir(), "none.csv")); err == nil || errors.As(err, new(finding.ListError)) {
		t.Errorf("missing file: %v", err)
	}
	if _, err := Read(t.TempDir()); err == nil || !strings.Contains(err.Error(), "is a directory") {
		t.Errorf("directory: %v", err)
	}
}

func example(t *testing.T, name string) *Program {
	t.Helper()
	p, err := Read(filepath.Join("..", "..", "examples", name))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Warnings) > 0 {
		t.Errorf("%s: warnings %v", name, p.Warnings)
	}
	return p
}

// TestExamplesAgree: the YAML and CSV forms of the example program are the same program.
func TestExamplesAgree(t *testing.T) {
	y, c := example(t, "soc2-program.yaml"), example(t, "soc2-program.csv")
	if len(y.Controls) < 50 || len(y.Controls) != len(c.Controls) {
		t.Fatalf("%d and %d controls", len(y.Controls), len(c.Controls))
	}
	for i := range y.Controls {
		a, b := y.Controls[i], c.Controls[i]
		if a.ID != b.ID || a.Name != b.Name || !slices.Equal(a.Criteria, b.Criteria) || a.Owner != b.Owner || !slices.Equal(a.Evidence, b.Evidence) {
			t.Errorf("control %d differs:\n%+v\n%+v", i, a, b)
		}
	}
}

func TestCoverDefinitions(t *testing.T) {
	// A.5.15 maps to CC6.1 and CC6.3 (full), CC6.2 and CC6.4 (partial); A.8.6 to A1.1 only;
	// A.5.30 to CC9.1, A1.2 and A1.3; A.8.13 to A1.2; A.5.32 has no counterpart.
	p := parse(t, "p.yaml", "- {id: X, name: Quarterly access reviews, criteria: [CC6.1, CC6.2]}\n"+
		"- {id: Y, name: Capacity monitoring, criteria: [A1.1]}\n"+
		"- {id: Z, name: Board oversight, criteria: [CC1.2]}\n"+
		"- {id: W, name: Cyber insurance, criteria: [CC9.1]}\n"+
		"- {id: V, name: Daily backups, criteria: [A1.2], status: Not started}\n"+
		"- {id: U, name: Disaster recovery plan, criteria: [A1.3], status: N/A}\n"+
		"- {id: T, name: Change approval, criteria: [CC8.1], status: In progress}\n")
	cov := map[annexa.ID]Coverage{}
	for _, cv := range Cover(p) {
		cov[cv.Control.ID] = cv
	}
	if len(cov) != 93 {
		t.Fatalf("%d entries", len(cov))
	}
	// Met and missing follow the program controls tied to the control; only full links are
	// asked of them.
	cv := cov[annexa.ID{Clause: 5, Num: 15}]
	if cv.Level != Partly || !slices.Equal(cv.Met, []string{"CC6.1", "CC6.2"}) || !slices.Equal(cv.Missing, []string{"CC6.3"}) ||
		len(cv.By) != 1 || cv.By[0].ID != "X" || cv.Status() != StatusPartial {
		t.Errorf("A.5.15: %+v", cv)
	}
	if cv := cov[annexa.ID{Clause: 8, Num: 6}]; cv.Level != Covered || cv.By[0].ID != "Y" || cv.Status() != StatusImplemented {
		t.Errorf("A.8.6: %+v", cv)
	}
	if cv := cov[annexa.ID{Clause: 5, Num: 32}]; cv.Level != NotCovered || cv.NoSOC2 == "" || len(cv.By) != 0 || cv.Status() != "" {
		t.Errorf("A.5.32: %+v", cv)
	}
	if cv := cov[annexa.ID{Clause: 5, Num: 19}]; cv.Level != NotCovered || len(cv.Related) != 0 {
		t.Errorf("A.5.19: %+v", cv)
	}
	// Cyber insurance meets CC9.1 but is not about continuity: related, not tied; the planned
	// backups are tied but count for nothing; the N/A plan is neither.
	if cv := cov[annexa.ID{Clause: 5, Num: 30}]; cv.Level != NotCovered || len(cv.By) != 1 || cv.By[0].ID != "V" || len(cv.Related) != 1 || cv.Related[0].Control.ID != "W" {
		t.Errorf("A.5.30: %+v", cv)
	}
	// A planned backup control counts for nothing, but the draft says it is planned.
	if cv := cov[annexa.ID{Clause: 8, Num: 13}]; cv.Level != NotCovered || len(cv.By) != 1 || cv.Status() != StatusPlanned {
		t.Errorf("A.8.13: %+v", cv)
	}
	// A covered control whose program control is in progress is partial.
	if cv := cov[annexa.ID{Clause: 8, Num: 32}]; cv.Level != Covered || cv.Status() != StatusPartial {
		t.Errorf("A.8.32: %+v", cv)
	}
	if cv := cov[annexa.ID{Clause: 7, Num: 7}]; cv.Level != NotCovered || cv.NoSOC2 == "" {
		t.Errorf("A.7.7: %+v", cv)
	}
	if (Counts{Controls: 3, Covered: 1, Partly: 1, NotCovered: 1}).Percent(Covered) != 34 ||
		(Counts{Controls: 3, Covered: 1, Partly: 1, NotCovered: 1}).Percent(Partly) != 33 ||
		(Counts{Controls: 37, Covered: 18, Partly: 14, NotCovered: 5}).Percent(NotCovered) != 13 ||
		(Counts{Controls: 8, Covered: 1}).Percent(Covered) != 13 || (Counts{}).Percent(Covered) != 0 {
		t.Error("Percent")
	}
}

// TestReportAgreesWithCrosswalk recomputes the report's figures straight from annexa.
func TestReportAgreesWithCrosswalk(t *testing.T) {
	p := example(t, "soc2-program.yaml")
	r := NewReport(p)
	level := map[annexa.ID]Level{}
	var total [3]int
	perTheme := map[annexa.Theme][3]int{}
	for _, c := range annexa.All() {
		attached, _ := Attach(p, c.ID)
		have := map[string]bool{}
		for _, m := range attached {
			if m.Control.Status != StatusPlanned {
				for _, t := range m.Control.Criteria {
					have[t] = true
				}
			}
		}
		full, fullMissing, counting := 0, false, len(have) > 0
		for _, l := range annexa.SOC2Fit(c.ID) {
			if l.Full {
				full++
				fullMissing = fullMissing || !have[l.TSC]
			}
		}
		l := NotCovered
		if counting && full > 0 && !fullMissing {
			l = Covered
		} else if counting {
			l = Partly
		}
		level[c.ID] = l
		total[l]++
		th := perTheme[c.Theme]
		th[l]++
		perTheme[c.Theme] = th
	}
	check := func(what string, got Counts, want [3]int) {
		if got.Covered != want[Covered] || got.Partly != want[Partly] || got.NotCovered != want[NotCovered] ||
			got.Controls != want[0]+want[1]+want[2] {
			t.Errorf("%s: report %+v, recomputed %v", what, got, want)
		}
	}
	check("total", r.Total, total)
	for _, tc := range r.Themes {
		check(string(tc.Theme), tc.Counts, perTheme[tc.Theme])
	}
	for _, d := range r.Domains {
		var want [3]int
		for _, id := range d.ISO {
			want[level[id]]++
		}
		check(d.Name, d.Counts, want)
	}
	for _, cv := range r.Undecided() {
		if level[cv.Control.ID] != NotCovered {
			t.Errorf("%s listed as undecided", cv.Control.ID)
		}
	}
	if len(r.Undecided()) != total[NotCovered] || len(r.PartlyCovered()) != total[Partly] {
		t.Error("lists disagree with counts")
	}
	refs := map[string]bool{}
	for _, q := range r.ISOOnly {
		refs[q.Ref] = true
	}
	for _, ref := range []string{"4.3", "4.4", "5", "6.1.2", "6.1.3", "6.1.3 d", "6.2", "9.2", "9.3", "10.1", "10.2", "A.5.7", "A.7.1–A.7.14"} {
		if !refs[ref] {
			t.Errorf("checklist lacks %s", ref)
		}
	}
}

// TestControlsYAMLLoads writes a workspace with the generated controls.yaml and the starter
// isms.yaml and risks.yaml, and checks soa finds only what the user must still do.
func TestControlsYAMLLoads(t *testing.T) {
	for _, name := range []string{"soc2-program.yaml", "soc2-program.csv"} {
		r := NewReport(example(t, name))
		text := ControlsYAML(r, name, templates.Modeline("controls"))
		if name == "soc2-program.yaml" {
			golden(t, "controls.yaml", text)
		}
		if !strings.HasPrefix(string(text), "# yaml-language-server: $schema=.schema/controls.schema.json\n") {
			t.Errorf("no modeline")
		}
		ws, err := workspace.LoadFS(fstest.MapFS{
			"isms.yaml":     {Data: templates.ISMS()},
			"risks.yaml":    {Data: templates.Risks()},
			"controls.yaml": {Data: text},
		}, "ws")
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range ws.Findings {
			if f.Pos.File == filepath.Join("ws", "controls.yaml") {
				t.Errorf("loading the generated file: %s", f)
			}
		}
		if len(ws.Decisions) != 93 {
			t.Errorf("%d decisions", len(ws.Decisions))
		}
		for _, cv := range r.Controls {
			d := ws.Decisions[cv.Control.ID]
			switch {
			case d == nil:
				t.Errorf("%s missing", cv.Control.ID)
			case cv.Status() == "" && d.Decided:
				t.Errorf("%s not covered but decided", cv.Control.ID)
			case cv.Status() != "" && (!d.Applicable || !slices.Equal(d.Reasons, InitReasons) || !slices.Equal(d.Evidence, evidenceOf(cv.By)) ||
				!strings.Contains(d.Implementation, cv.By[0].ID) || strings.Contains(d.Implementation, name)):
				t.Errorf("%s: decision %+v", cv.Control.ID, d)
			case d.Status != cv.Status():
				t.Errorf("%s: %s with status %q, want %q", cv.Control.ID, cv.Level, d.Status, cv.Status())
			case cv.Level == Covered && cv.Status() == StatusImplemented && slices.ContainsFunc(cv.By, func(c *Control) bool { return c.Status != StatusImplemented }):
				t.Errorf("%s: implemented, but not every program control is", cv.Control.ID)
			}
		}
		s := soa.Derive(ws, soa.Options{Today: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)})
		if s.Summary.Excluded != 0 {
			t.Errorf("%d excluded", s.Summary.Excluded)
		}
		for _, f := range s.Findings {
			if f.Pos.File == filepath.Join("ws", "controls.yaml") && !slices.Contains([]string{"undecided", "justification", "no-owner", "no-due"}, f.Rule) {
				t.Errorf("unexpected finding %s", f)
			}
		}
	}
}

// evidenceOf is the evidence a generated decision lists: the export's, never made up.
func evidenceOf(by []*Control) []string {
	var out []string
	for _, c := range by {
		for _, e := range c.Evidence {
			if e := e + " (" + c.ID + ")"; !slices.Contains(out, e) {
				out = append(out, e)
			}
		}
	}
	return out
}

func TestControlsYAMLQuoting(t *testing.T) {
	p := parse(t, "q.csv", "id,name,criteria,owner,evidence\n"+
		"\"X: 1\",\"#weird: perimeter - 'q' \"\"d\"\"\",CC5.2 CC6.4,\"- yes\",\"@report; 'quoted'; a: b; null\"\n")
	text := ControlsYAML(NewReport(p), "q.csv", templates.Modeline("controls"))
	ws, err := workspace.LoadFS(fstest.MapFS{"isms.yaml": {Data: templates.ISMS()}, "risks.yaml": {Data: templates.Risks()}, "controls.yaml": {Data: text}}, "ws")
	if err != nil {
		t.Fatal(err)
	}
	d := ws.Decisions[annexa.ID{Clause: 7, Num: 1}]
	if d == nil || d.Owner != "- yes" || !slices.Equal(d.Evidence, []string{"@report (X: 1)", "'quoted' (X: 1)", "a: b (X: 1)", "null (X: 1)"}) ||
		!strings.Contains(d.Implementation, `X: 1 #weird: perimeter - 'q' "d" (CC6.4)`) {
		t.Errorf("A.7.1: %+v\n%s", d, text)
	}
}

// TestPhysicalNotCoveredByCC64CC65 is the case that started the fit column: a program whose
// only physical controls are badge access (CC6.4) and media disposal (CC6.5) covers physical
// entry and secure disposal, which is what those criteria ask for, and no other physical
// control; the office control partly covers securing offices, and the draft says what is
// missing.
func TestPhysicalNotCoveredByCC64CC65(t *testing.T) {
	p := parse(t, "p.yaml", "- {id: PH-1, name: Office badge access, criteria: [CC6.4]}\n- {id: PH-2, name: Media wiped before disposal, criteria: [CC6.5]}\n")
	for _, cv := range Cover(p) {
		if cv.Control.Theme != annexa.Physical {
			continue
		}
		switch cv.Control.ID {
		case annexa.ID{Clause: 7, Num: 2}, annexa.ID{Clause: 7, Num: 14}:
			if cv.Level != Covered {
				t.Errorf("%s %s: %s, want covered", cv.Control.ID, cv.Control.Title, cv.Level)
			}
		case annexa.ID{Clause: 7, Num: 3}:
			if cv.Level != Partly {
				t.Errorf("%s %s: %s, want partly covered", cv.Control.ID, cv.Control.Title, cv.Level)
			}
		default:
			if cv.Level == Covered {
				t.Errorf("%s %s: covered by badge access and media disposal", cv.Control.ID, cv.Control.Title)
			}
		}
	}
	var all []string
	for _, c := range annexa.Criteria() {
		all = append(all, c.ID)
	}
	everything := parse(t, "all.yaml", "- {id: ALL, name: Everything, criteria: ["+strings.Join(all, ", ")+"]}\n")
	covered := 0
	for _, cv := range Cover(everything) {
		switch {
		case cv.Control.Theme == annexa.Physical && cv.Level == Covered:
			covered++
			if cv.OnlyPartial() {
				t.Errorf("%s covered through partial links", cv.Control.ID)
			}
		case cv.OnlyPartial() && cv.Level == Covered:
			t.Errorf("%s has only partial links but is covered", cv.Control.ID)
		}
	}
	if covered > 7 {
		t.Errorf("a program with every criterion covers %d of the 14 physical controls; the seed puts the overlap near 40%%", covered)
	}
	text := string(ControlsYAML(NewReport(p), "p.yaml", templates.Modeline("controls")))
	i := strings.Index(text, "  A.7.3:")
	if i < 0 || !strings.Contains(text[i:i+600], "status: partial") {
		t.Fatalf("A.7.3 not written as partial:\n%s", text)
	}
	if j := strings.LastIndex(text[:i], "  # Partly covered:"); j < 0 || !strings.Contains(text[j:i], "still missing, ISO 27001 expects offices") || !strings.Contains(text[j:i], "CC6.4") {
		t.Errorf("A.7.3 comment does not say what SOC 2 leaves out:\n%s", text[max(j, 0):i])
	}
	if strings.Contains(text, "p.yaml)") || strings.Count(text, "p.yaml") != 1 {
		t.Errorf("the export's file name is outside the header comment:\n%s", text)
	}
}

// TestBeyondMatchesCrosswalk keeps the texts of beyond.go in step with soc2.csv: a text for
// every control whose links are all partial, none for the others, and only criteria of the
// control named in it.
func TestBeyondMatchesCrosswalk(t *testing.T) {
	crit := regexp.MustCompile(`\b(CC|PI|A|C|P)\d+\.\d+\b`)
	for _, c := range annexa.All() {
		links := annexa.SOC2Fit(c.ID)
		onlyPartial := len(links) > 0
		for _, l := range links {
			onlyPartial = onlyPartial && !l.Full
		}
		text, ok := beyond[c.ID]
		switch {
		case onlyPartial && !ok:
			t.Errorf("%s: every link is partial but beyond.go says nothing about it", c.ID)
		case !onlyPartial && ok:
			t.Errorf("%s: has a full link or no criteria, but beyond.go has a text", c.ID)
		case ok && (!strings.HasPrefix(text, "SOC 2 asks for ") || !strings.Contains(text, "; ISO 27001 expects ") || !strings.HasSuffix(text, ".")):
			t.Errorf("%s: text %q is not in the usual form", c.ID, text)
		}
		for _, id := range crit.FindAllString(text, -1) {
			if !slices.Contains(annexa.SOC2(c.ID), id) {
				t.Errorf("%s: text names %s, which the crosswalk does not pair with it", c.ID, id)
			}
		}
	}
}
