package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"strings"
	"testing"

	"github.com/soa-tool/soa/annexa"
)

func TestCrosswalkGolden(t *testing.T) {
	t.Setenv("COLUMNS", "")
	for _, f := range []string{"table", "csv", "json", "md"} {
		for _, from := range []string{"iso27001", "soc2"} {
			out, errs, code := runCLI(t, "crosswalk", "--from", from, "--format", f)
			if code != 0 || errs != "" {
				t.Fatalf("--from %s --format %s: exit %d: %s", from, f, code, errs)
			}
			golden(t, "crosswalk/"+from+"."+f, []byte(out))
			again, _, _ := runCLI(t, "crosswalk", "--from", from, "--format", f)
			if again != out {
				t.Errorf("--from %s --format %s: two runs differ", from, f)
			}
		}
	}
	out, errs, code := runCLI(t, "crosswalk", "A.9.2.1", "5.7", "a 8.5")
	if code != 0 || !strings.Contains(errs, "soa: note: A.9.2.1 is an ISO/IEC 27001:2013 control") {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	golden(t, "crosswalk/ids.table", []byte(out))
	out, _, code = runCLI(t, "crosswalk", "cc 6.4", "PI1.1")
	if code != 0 {
		t.Fatal(code)
	}
	golden(t, "crosswalk/criteria.table", []byte(out))
}

func TestCrosswalkDirections(t *testing.T) {
	var fromISO, fromSOC2 []map[string]any
	for from, dest := range map[string]*[]map[string]any{"iso27001": &fromISO, "soc2": &fromSOC2} {
		out, _, code := runCLI(t, "crosswalk", "--from", from, "--format", "json")
		if code != 0 {
			t.Fatal(code)
		}
		if err := json.Unmarshal([]byte(out), dest); err != nil {
			t.Fatal(err)
		}
	}
	key := func(p map[string]any) string { return p["iso"].(string) + " " + p["tsc"].(string) }
	set := func(list []map[string]any) map[string]bool {
		m := map[string]bool{}
		for _, p := range list {
			if p["iso"] != nil && p["tsc"] != nil {
				m[key(p)] = true
			}
		}
		return m
	}
	a, b := set(fromISO), set(fromSOC2)
	n := 0
	for _, c := range annexa.All() {
		n += len(annexa.SOC2(c.ID))
		for _, tsc := range annexa.SOC2(c.ID) {
			if !a[c.ID.String()+" "+tsc] || !b[c.ID.String()+" "+tsc] {
				t.Errorf("pair %s %s missing from a direction", c.ID, tsc)
			}
		}
	}
	if len(a) != n || len(b) != n {
		t.Errorf("%d and %d pairs, the crosswalk has %d", len(a), len(b), n)
	}
	nulls := 0
	for _, p := range fromISO {
		if p["tsc"] == nil {
			nulls++
			if p["note"] == "" || p["iso_title"] == "" {
				t.Errorf("no-counterpart entry %v", p)
			}
		}
	}
	if nulls != 6 {
		t.Errorf("%d controls without counterpart, want 6", nulls)
	}
	for _, p := range append(fromISO, fromSOC2...) {
		if p["tsc"] == nil || p["iso"] == nil {
			if p["fit"] != nil {
				t.Errorf("no-counterpart entry with a fit: %v", p)
			}
			continue
		}
		id, _ := annexa.ParseID(p["iso"].(string))
		l, ok := annexa.FitOf(id, p["tsc"].(string))
		if !ok || p["fit"] != l.Fit() {
			t.Errorf("pair %s %s: fit %v, crosswalk %v", p["iso"], p["tsc"], p["fit"], l.Fit())
		}
	}
	out, _, _ := runCLI(t, "crosswalk", "--format", "csv", "CC6.4")
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || rows[0][0] != "iso" || rows[0][5] != "fit" || len(rows) != 1+len(annexa.ControlsFor("CC6.4")) {
		t.Fatalf("csv for CC6.4: %v %v", rows, err)
	}
	for _, r := range rows[1:] {
		if want := map[bool]string{true: "full", false: "partial"}[r[0] == "A.7.2"]; r[5] != want {
			t.Errorf("CC6.4–%s: fit %s, want %s", r[0], r[5], want)
		}
	}
}

func TestCrosswalkErrors(t *testing.T) {
	tests := []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"crosswalk", "A.5.38"}, 1, `soa: "A.5.38" is not an ISO/IEC 27001:2022 Annex A control; did you mean A.5.36`},
		{[]string{"crosswalk", "--from", "soc2", "CC6.9"}, 1, `soa: "CC6.9" is not a Trust Services Criterion; did you mean CC6.7 Restricting and protecting data transmission or CC6.8`},
		{[]string{"crosswalk", "CC6.9"}, 1, `soa: "CC6.9" is not a control ID`},
		{[]string{"crosswalk", "5.1", "CC6.1"}, 1, "soa: for SOC 2 criteria such as CC6.1, run 'soa crosswalk --from soc2 ID...'"},
		{[]string{"crosswalk", "--from", "soc2", "CC6.1", "8.2"}, 1, "soa: 8.2 is an Annex A control: run 'soa crosswalk --from iso27001 8.2'"},
		{[]string{"crosswalk", "--from", "pci"}, 2, `soa: --from "pci" is not one of iso27001, soc2`},
		{[]string{"crosswalk", "--format", "xml"}, 2, `soa: --format "xml" is not one of table, csv, json, md`},
		{[]string{"crosswalk", "A1.2", "--format", "csv"}, 0, ""},
	}
	for _, tt := range tests {
		_, errs, code := runCLI(t, tt.args...)
		if code != tt.code || !strings.Contains(errs, tt.stderr) {
			t.Errorf("soa %v: exit %d, stderr %q; want %d and %q", tt.args, code, errs, tt.code, tt.stderr)
		}
	}
	out, _, _ := runCLI(t, "crosswalk", "A1.2", "--format", "csv")
	if !strings.Contains(out, "A.8.13,Information backup,A1.2,") {
		t.Errorf("A1.2 should read as the availability criterion:\n%s", out)
	}
}

func TestCrosswalkWriters(t *testing.T) {
	a57, _ := annexa.Lookup(annexa.ID{Clause: 5, Num: 32}) // no SOC 2 counterpart
	cc64, _ := annexa.LookupCriterion("CC6.4")
	for _, x := range []*annexa.Crosswalk{annexa.CrosswalkFromControls(annexa.All()), annexa.CrosswalkFromCriteria(annexa.Criteria()),
		annexa.CrosswalkFromControls([]annexa.Control{a57}), annexa.CrosswalkFromCriteria([]annexa.Criterion{cc64}), annexa.CrosswalkFromControls(nil)} {
		forms := map[string]func(io.Writer) error{
			"text": func(w io.Writer) error { return writeCrosswalkText(w, x, 80) },
			"csv":  func(w io.Writer) error { return writeCrosswalkCSV(w, x) },
			"json": func(w io.Writer) error { return writeCrosswalkJSON(w, x) },
			"md":   func(w io.Writer) error { return writeCrosswalkMarkdown(w, x) },
		}
		for name, write := range forms {
			var a, b bytes.Buffer
			if err := write(&a); err != nil {
				t.Fatal(err)
			}
			write(&b)
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Errorf("%s %d groups %s: two renderings differ", x.From, len(x.Groups), name)
			}
		}
	}
	var b bytes.Buffer
	writeCrosswalkJSON(&b, annexa.CrosswalkFromControls(nil))
	if b.String() != "[]\n" {
		t.Errorf("no groups: JSON %q, want []", b.String())
	}
	b.Reset()
	writeCrosswalkJSON(&b, annexa.CrosswalkFromCriteria([]annexa.Criterion{cc64}))
	var pairs []map[string]any
	if err := json.Unmarshal(b.Bytes(), &pairs); err != nil || len(pairs) != len(annexa.ControlsFor("CC6.4")) {
		t.Fatalf("CC6.4: %d pairs, %v", len(pairs), err)
	}
	b.Reset()
	writeCrosswalkText(&b, annexa.CrosswalkFromControls([]annexa.Control{a57}), 80)
	if flat := strings.Join(strings.Fields(b.String()), " "); !strings.Contains(flat, "A.5.32 none Intellectual property rights — No SOC 2 counterpart. Intellectual property") {
		t.Errorf("A.5.32: no \"none\" row:\n%s", b.String())
	}
}
