package sheetimport_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/soa-tool/soa/soa/sheetimport"
	"github.com/soa-tool/soa/soa/workspace"
	"github.com/soa-tool/soa/templates"
)

// FuzzImportCSV reads any CSV as an SoA: it must never panic, and whatever it imports must
// give a controls.yaml that the loader reads without a form finding (YAML, types,
// vocabulary, unknown keys or controls).
func FuzzImportCSV(f *testing.F) {
	for _, s := range []string{
		"ID,Control,Applicable,Justification,Status\nA.5.1,Policies,Yes,Mandate,Implemented\n",
		"Nr.;Maßnahme;Anwendbar;Begründung\n05.01.2001;Richtlinien;J;Vorgabe\n",
		"Control ID,Applicable,Reason for selection,Target date,Evidence\n5.1,✓,\"Legal, BP\",31/12/2026,\"a; b\"\n",
		"ID,Justification\nA.5.1,\"=cmd|' /C calc'!A0\"\nA.5.2,\"key: value\n- item\n# not a comment\"\n",
		"ID,Applicable,Owner\n5.10,yes,\"multi\nline\"\n5.1,N/A,\"'quoted'\"\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data string) {
		sheets, err := sheetimport.ReadCSV(strings.NewReader(data), "fuzz")
		if err != nil {
			return
		}
		res, err := sheetimport.Import(sheets, sheetimport.Options{})
		if err != nil {
			return
		}
		b, err := sheetimport.Write(res, "fuzz.csv", frame)
		if err != nil {
			t.Fatalf("Write: %v", err)
		}
		ws, err := workspace.LoadFS(fstest.MapFS{
			workspace.ISMSFile:     {Data: templates.ISMS()},
			workspace.RisksFile:    {Data: templates.Risks()},
			workspace.ControlsFile: {Data: b},
		}, "ws")
		if err != nil {
			t.Fatal(err)
		}
		for _, fd := range ws.Findings {
			switch fd.Rule {
			case "yaml", "type", "vocabulary", "unknown-control", "duplicate-control", "duplicate-key", "unknown-key":
				t.Fatalf("%v\n%s", fd, b)
			}
		}
	})
}
