package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/soa-tool/soa/soa/clienttest"
	"github.com/soa-tool/soa/soa/label"
	"github.com/soa-tool/soa/soa/sheet"
	"github.com/soa-tool/soa/soa/soatest"
	"github.com/soa-tool/soa/soa/workspace"
	"github.com/soa-tool/soa/soa/xlsx"
	"github.com/xuri/excelize/v2"
)

// formRules are the rules of findings about a file's form rather than its content: after
// soa import, soa check must report none of them.
var formRules = regexp.MustCompile(`\[(yaml|type|vocabulary|unknown-control|duplicate-control|duplicate-key|unknown-key|limit)\]`)

func readText(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestImportSavedFiles imports the saved spreadsheets (a GRC tool's CSV export, the same
// saved as XLSX by LibreOffice, and a German Excel CSV of a 2013-numbered SoA with IDs
// Excel turned into dates) and checks the report and the workspace.
func TestImportSavedFiles(t *testing.T) {
	for _, name := range []string{"grc-export.csv", "grc-export-libreoffice.xlsx", "iso2013-de.csv"} {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "ws")
			out, errs, code := runCLI(t, "import", filepath.Join("testdata", "import", name), dir)
			if code != 0 || errs != "" {
				t.Fatalf("exit %d, stderr %s", code, errs)
			}
			golden(t, filepath.Join("import", name+".report.golden"), []byte(strings.ReplaceAll(out, dir, "DIR")))
			golden(t, filepath.Join("import", name+".controls.yaml.golden"), []byte(readText(t, filepath.Join(dir, workspace.ControlsFile))))
			check, _, code := runCLI(t, "check", dir)
			if code != 1 || formRules.MatchString(check) || !strings.Contains(check, "[undecided]") {
				t.Errorf("soa check after import: exit %d (want 1, content findings only):\n%s", code, check)
			}
		})
	}
}

func TestImportExitCodes(t *testing.T) {
	tmp := t.TempDir()
	budget := filepath.Join(tmp, "budget.csv")
	if err := os.WriteFile(budget, []byte("Item,Cost\nLaptops,1200\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	xls := filepath.Join(tmp, "old.xls")
	if err := os.WriteFile(xls, []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest"), 0o644); err != nil {
		t.Fatal(err)
	}
	zip := filepath.Join(tmp, "broken.xlsx")
	if err := os.WriteFile(zip, []byte("PK\x03\x04 not really a zip"), 0o644); err != nil {
		t.Fatal(err)
	}
	notZip := filepath.Join(tmp, "SoA.xlsx")
	if err := os.WriteFile(notZip, []byte("Control,Applicable\n5.1,Yes\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	utf16 := filepath.Join(tmp, "soa.txt")
	if err := os.WriteFile(utf16, []byte("\xff\xfe5\x00.\x001\x00\t\x00Y\x00"), 0o644); err != nil {
		t.Fatal(err)
	}
	grc := filepath.Join("testdata", "import", "grc-export.csv")
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no control rows", []string{"import", budget, filepath.Join(tmp, "a")}, 1, `no control rows found: no column holds Annex A control IDs (5.1, A.5.1, A.9.2.1 ...)
soa: sheet "budget": 2 rows, 0 distinct control IDs in its best column`},
		{"missing file", []string{"import", filepath.Join(tmp, "nope.xlsx"), filepath.Join(tmp, "b")}, 2, "cannot read"},
		{"old xls", []string{"import", xls, filepath.Join(tmp, "c")}, 2, "save it as .xlsx"},
		{"no file", []string{"import"}, 2, "takes the spreadsheet FILE"},
		{"broken zip", []string{"import", zip, filepath.Join(tmp, "d")}, 2, "not a readable XLSX workbook"},
		{"xlsx that is no zip", []string{"import", notZip, filepath.Join(tmp, "g")}, 2, "not a readable XLSX workbook (it is not a zip file)"},
		{"binary or UTF-16", []string{"import", utf16, filepath.Join(tmp, "h")}, 2, "it holds NUL bytes"},
		{"a directory", []string{"import", tmp, filepath.Join(tmp, "e")}, 2, "is not a regular file"},
		{"edits of a missing workbook", []string{"import", "--edits", filepath.Join(tmp, "nope.xlsx"), filepath.Join(tmp, "f")}, 2, "cannot read"},
		{"bad column flag", []string{"import", grc, "--column", "colour=E"}, 2, `unknown field "colour"`},
		{"unknown sheet", []string{"import", grc, "--sheet", "SoA"}, 2, `there is no sheet "SoA"; the sheets are "grc-export"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, errs, code := runCLI(t, tc.args...)
			if code != tc.code || !strings.Contains(errs, tc.want) {
				t.Errorf("exit %d, stderr:\n%s\nwant exit %d and %q", code, errs, tc.code, tc.want)
			}
		})
	}
	for _, d := range []string{"a", "b", "c", "d", "e", "f", "g", "h"} {
		if _, err := os.Stat(filepath.Join(tmp, d)); err == nil {
			t.Errorf("%s was created by a failed import", d)
		}
	}
}

func TestImportNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	mine := "# my own isms.yaml\n"
	if err := os.WriteFile(filepath.Join(dir, workspace.ISMSFile), []byte(mine), 0o644); err != nil {
		t.Fatal(err)
	}
	grc := filepath.Join("testdata", "import", "grc-export.csv")
	out, _, code := runCLI(t, "import", grc, dir, "--dry-run")
	if code != 0 || !strings.Contains(out, "would write "+filepath.Join(dir, workspace.ControlsFile)) || strings.Contains(out, "would write "+filepath.Join(dir, workspace.ISMSFile)) {
		t.Fatalf("--dry-run: exit %d\n%s", code, out)
	}
	if _, err := os.Stat(filepath.Join(dir, workspace.ControlsFile)); err == nil {
		t.Fatal("--dry-run wrote controls.yaml")
	}
	if _, _, code := runCLI(t, "import", grc, dir); code != 0 {
		t.Fatalf("first import: exit %d", code)
	}
	if got := readText(t, filepath.Join(dir, workspace.ISMSFile)); got != mine {
		t.Errorf("isms.yaml was overwritten:\n%s", got)
	}
	if _, err := os.Stat(filepath.Join(dir, workspace.RisksFile)); err != nil {
		t.Errorf("the missing risks.yaml was not written: %v", err)
	}
	controls := filepath.Join(dir, workspace.ControlsFile)
	if err := os.WriteFile(controls, []byte("# edited\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errs, code := runCLI(t, "import", grc, dir)
	if code != 2 || !strings.Contains(errs, "already exists; soa import does not overwrite it") || readText(t, controls) != "# edited\n" {
		t.Errorf("second import: exit %d, stderr %s", code, errs)
	}
	if _, _, code := runCLI(t, "import", "--force", grc, dir); code != 0 || readText(t, controls) == "# edited\n" {
		t.Errorf("--force: exit %d, controls.yaml not replaced", code)
	}
	if got := readText(t, filepath.Join(dir, workspace.ISMSFile)); got != mine {
		t.Errorf("--force overwrote isms.yaml")
	}
}

// TestImportColumnFlags imports a header over two merged rows in Estonian, which soa does
// not know, with --sheet and --column given after the positional arguments.
func TestImportColumnFlags(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	sh := "Kohaldatavuse avaldus"
	if _, err := f.NewSheet(sh); err != nil {
		t.Fatal(err)
	}
	rows := [][]any{
		{"Kontrollimeede", nil, "Otsus", nil, "Olek"},
		{"Tunnus", "Nimetus", "Kohaldatav", "Selgitus"},
		{"5.1", "Infoturbe poliitikad", "Jah", "Juhatuse otsus", "Umgesetzt"},
		{"7.12", "Kaablite turve", "Ei", "Ruume pole"},
	}
	for r, row := range rows {
		for c, v := range row {
			ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if v != nil {
				if err := f.SetCellValue(sh, ref, v); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	for _, m := range [][2]string{{"A1", "B1"}, {"C1", "D1"}, {"E1", "E2"}} {
		if err := f.MergeCell(sh, m[0], m[1]); err != nil {
			t.Fatal(err)
		}
	}
	file := filepath.Join(t.TempDir(), "ee.xlsx")
	if err := f.SaveAs(file); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "ws")
	out, errs, code := runCLI(t, "import", file, dir, "--sheet", sh, "--column", "applicable=Kohaldatav", "--column", "justification=D", "--column", "status=Olek")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"header: rows 1-2", `C   "Otsus / Kohaldatav"`, "-> applicable (--column)", "rows read: 2; controls: 1 applicable, 1 excluded, 91 undecided"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	y := readText(t, filepath.Join(dir, workspace.ControlsFile))
	for _, want := range []string{"  A.5.1: # Policies for information security\n    applicable: true\n    justification: Juhatuse otsus\n    status: implemented\n",
		"  A.7.12: # Cabling security\n    applicable: false\n    justification: Ruume pole\n"} {
		if !strings.Contains(y, want) {
			t.Errorf("controls.yaml lacks\n%s", want)
		}
	}
}

// builtWorkspace copies the example, builds its workbook and returns the workspace and the
// workbook's path.
func builtWorkspace(t *testing.T) (dir, book string) {
	t.Helper()
	dir = soatest.Copy(t, "acme-saas")
	out := filepath.Join(t.TempDir(), "out")
	if _, errs, code := runCLI(t, "build", dir, "-o", out, "-f", "xlsx"); code != 0 {
		t.Fatalf("build: exit %d: %s", code, errs)
	}
	return dir, filepath.Join(out, "soa.xlsx")
}

// soaRow is the row of a control in the SoA sheet (catalogue order below the header).
func soaRow(t *testing.T, book, id string) int {
	t.Helper()
	f, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(xlsx.SheetSoA)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if len(r) > 0 && r[0] == id {
			return i + 1
		}
	}
	t.Fatalf("%s not in the SoA sheet", id)
	return 0
}

// changedLines lists the lines of a that b does not have (as many times as a has them more).
func changedLines(a, b string) []string {
	have := map[string]int{}
	for _, l := range strings.Split(b, "\n") {
		have[l]++
	}
	var out []string
	for _, l := range strings.Split(a, "\n") {
		if have[l] > 0 {
			have[l]--
			continue
		}
		out = append(out, l)
	}
	return out
}

func comments(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), "#") || strings.Contains(l, " # ") {
			out = append(out, l)
		}
	}
	return out
}

// TestImportEditsLibreOffice is the round trip through a real client: soa build, cells
// edited by LibreOffice (a Python-UNO script) as a control owner would, a justification
// changed in controls.yaml meanwhile, then soa import --edits.
func TestImportEditsLibreOffice(t *testing.T) {
	clienttest.Require(t, "soffice", "libreoffice")
	// The distribution's python3 has the UNO bridge; a python3 earlier on PATH (pyenv,
	// a virtualenv) usually does not.
	python := ""
	for _, p := range []string{"python3", "/usr/bin/python3"} {
		if err := exec.Command(p, "-c", "import uno").Run(); err == nil {
			python = p
			break
		}
	}
	if python == "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("python3-uno is not installed; .ci/run installs it under CI=true")
		}
		t.Skip("python3-uno not installed")
	}
	dir, book := builtWorkspace(t)
	sh := xlsx.SheetSoA + "!"
	just, status, owner, due := soaColumn(label.Justification), soaColumn(label.StatusCol), soaColumn(label.Owner), soaColumn(label.TargetDate)
	edits := []string{
		sh + just + itoa(soaRow(t, book, "A.5.1")) + "=Customer contracts require it.\nBoard mandate 2026.",
		sh + status + itoa(soaRow(t, book, "A.5.2")) + "=Partial",
		sh + owner + itoa(soaRow(t, book, "A.5.3")) + "=Head of Engineering",
		sh + due + itoa(soaRow(t, book, "A.5.4")) + "=date:2027-01-31",
		sh + status + itoa(soaRow(t, book, "A.5.5")) + "=Done-ish",
		sh + just + itoa(soaRow(t, book, "A.5.6")) + "=Edited in the workbook.",
	}
	edited := filepath.Join(t.TempDir(), "edited.xlsx")
	args := append([]string{filepath.Join("testdata", "import", "edit_cells.py"), book, edited, filepath.Join(t.TempDir(), "profile")}, edits...)
	clienttest.Run(t, python, args...)

	// Meanwhile, A.5.6's justification changes in controls.yaml: the workbook edit of that
	// cell is a conflict.
	controls := filepath.Join(dir, workspace.ControlsFile)
	before := readText(t, controls)
	const old56 = "      A small security team needs peer groups for early warnings and to compare practice."
	if !strings.Contains(before, old56) {
		t.Fatalf("the example's A.5.6 justification changed; update the test")
	}
	before = strings.Replace(before, old56, "      Changed in YAML after the build.", 1)
	if err := os.WriteFile(controls, []byte(before), 0o644); err != nil {
		t.Fatal(err)
	}

	out, errs, code := runCLI(t, "import", "--edits", edited, dir)
	if code != 1 || !strings.Contains(errs, "2 edited cells not applied") {
		t.Errorf("exit %d, stderr %s; want 1 for the conflict and the invalid status", code, errs)
	}
	for _, want := range []string{
		"the workspace changed since " + edited + " was built",
		"conflict: Statement of Applicability!" + just + itoa(soaRow(t, book, "A.5.6")) + ` A.5.6 Justification: the workbook says "Edited in the workbook."`,
		`invalid: Statement of Applicability!` + status + itoa(soaRow(t, book, "A.5.5")) + ` A.5.5 Status "Done-ish": Status must be one of Implemented, Partial, Planned, Not implemented, or empty; not applied`,
		"4 edits applied to " + controls,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	after := readText(t, controls)
	removed, added := changedLines(before, after), changedLines(after, before)
	wantRemoved := []string{"    justification: >-",
		"      Customer MSAs and our SOC 2 commitments require a management-approved set of security",
		"      policies; the policy framework anchors the ISMS.",
		"    status: implemented", "    owner: CTO"}
	wantAdded := []string{"    justification: |-", "      Customer contracts require it.", "      Board mandate 2026.",
		"    status: partial", "    owner: Head of Engineering", "    due: 2027-01-31"}
	slices.Sort(removed)
	slices.Sort(added)
	slices.Sort(wantRemoved)
	slices.Sort(wantAdded)
	if !slices.Equal(removed, wantRemoved) || !slices.Equal(added, wantAdded) {
		t.Errorf("controls.yaml changed\n-%q\n+%q\nwant\n-%q\n+%q", removed, added, wantRemoved, wantAdded)
	}
	if !slices.Equal(comments(before), comments(after)) {
		t.Error("comments of controls.yaml did not survive")
	}
	if !strings.Contains(out, "--- "+controls+"\n+++ "+controls+"\n@@ ") {
		t.Errorf("no unified diff in the output:\n%s", out)
	}
	check, _, _ := runCLI(t, "check", dir)
	if formRules.MatchString(check) {
		t.Errorf("soa check after the edits:\n%s", check)
	}

	// Imported again, the applied edits are already in controls.yaml; the conflict stays.
	out, _, code = runCLI(t, "import", "--edits", edited, dir, "--dry-run")
	if code != 1 || !strings.Contains(out, "no edits to apply") || !strings.Contains(out, "conflict:") {
		t.Errorf("second import: exit %d\n%s", code, out)
	}
	if readText(t, controls) != after {
		t.Error("the second import changed controls.yaml")
	}
}

// TestImportEditsDryRun edits cells with excelize (no LibreOffice needed): --dry-run shows
// the diff and writes nothing; an unedited workbook has nothing to apply.
func TestImportEditsDryRun(t *testing.T) {
	dir, book := builtWorkspace(t)
	controls := filepath.Join(dir, workspace.ControlsFile)
	before := readText(t, controls)
	out, _, code := runCLI(t, "import", "--edits", book, dir)
	if code != 0 || !strings.Contains(out, "no edits to apply") || strings.Contains(out, "changed since") {
		t.Errorf("unedited workbook: exit %d\n%s", code, out)
	}
	f, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	row := itoa(soaRow(t, book, "A.8.8"))
	if err := f.SetCellStr(xlsx.SheetSoA, soaColumn(label.Applicable)+row, "No"); err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellStr(xlsx.SheetSoA, soaColumn(label.Evidence)+row, "Scan report Q4; Patch SLA dashboard"); err != nil {
		t.Fatal(err)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	out, errs, code := runCLI(t, "import", "--edits", book, dir, "--dry-run")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"+    applicable: false", "+    evidence:\n+      - Scan report Q4\n+      - Patch SLA dashboard", "2 edits to apply (--dry-run: nothing written)"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if readText(t, controls) != before {
		t.Error("--dry-run wrote controls.yaml")
	}
	// A workbook soa build did not write.
	_, errs, code = runCLI(t, "import", "--edits", filepath.Join("testdata", "import", "grc-export-libreoffice.xlsx"), dir)
	if code != 2 || !strings.Contains(errs, `has no "soa build" sheet`) {
		t.Errorf("foreign workbook: exit %d, %s", code, errs)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// soaColumn is the letter of the SoA sheet's column k.
func soaColumn(k label.Key) string {
	name, err := excelize.ColumnNumberToName(sheet.Index(k) + 1)
	if err != nil {
		panic(err)
	}
	return name
}
