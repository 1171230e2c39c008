package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/soa-tool/soa/annexa"
	"gopkg.in/yaml.v3"
)

var exampleProgram = filepath.Join("..", "..", "examples", "soc2-program.yaml")

func TestGapGolden(t *testing.T) {
	t.Setenv("COLUMNS", "")
	for _, f := range []string{"text", "md", "json"} {
		out, errs, code := runCLI(t, "gap", "--soc2", exampleProgram, "--format", f)
		if code != 0 || errs != "" {
			t.Fatalf("--format %s: exit %d: %s", f, code, errs)
		}
		golden(t, "gap/soc2-program."+f, []byte(out))
		again, _, _ := runCLI(t, "gap", "--format", f, "--soc2", exampleProgram)
		if again != out {
			t.Errorf("--format %s: two runs differ", f)
		}
	}
	csvOut, _, code := runCLI(t, "gap", "--soc2", filepath.Join("..", "..", "examples", "soc2-program.csv"), "--format", "json")
	yamlOut, _, _ := runCLI(t, "gap", "--soc2", exampleProgram, "--format", "json")
	if code != 0 || strings.Replace(csvOut, "soc2-program.csv", "soc2-program.yaml", 1) != yamlOut {
		t.Error("the CSV and YAML examples give different reports")
	}
}

// TestGapAgreesWithCrosswalk recomputes the report's figures from the example file and the
// crosswalk file annexa/soc2.csv read here as plain CSV, without package soc2 and without the
// annexa loader: covered needs every criterion addressed and one full pair, partly some
// criterion addressed.
func TestGapAgreesWithCrosswalk(t *testing.T) {
	b, err := os.ReadFile(exampleProgram)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join("..", "..", "annexa", "soc2.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil || len(rows) < 200 || strings.Join(rows[0], ",") != "iso,tsc,fit" {
		t.Fatalf("soc2.csv: %d rows, %v", len(rows), err)
	}
	type pair struct {
		tsc  string
		full bool
	}
	crosswalk := map[string][]pair{} // key "A.5.1"
	for _, r := range rows[1:] {
		if r[2] != "full" && r[2] != "partial" {
			t.Fatalf("soc2.csv: pair %s %s has fit %q", r[0], r[1], r[2])
		}
		crosswalk["A."+r[0]] = append(crosswalk["A."+r[0]], pair{r[1], r[2] == "full"})
	}
	var prog []struct {
		ID, Name string
		Criteria []string
		Status   string
	}
	if err := yaml.Unmarshal(b, &prog); err != nil {
		t.Fatal(err)
	}
	out, _, code := runCLI(t, "gap", "--soc2", exampleProgram, "--format", "json")
	if code != 0 {
		t.Fatal(code)
	}
	var rep struct {
		Total    map[string]int
		Themes   []map[string]any
		Domains  []map[string]any
		ToDecide []string `json:"to_decide"`
		AnnexA   []struct {
			ID, Coverage string
			SOC2         []string `json:"soc2_controls"`
		} `json:"annex_a"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	// The report chooses the program controls tied to each Annex A control (by relevance);
	// the level is recomputed here from them, the program file and soc2.csv: covered when
	// they meet every full pair (and there is one), partly when they meet something, not
	// covered when none counts. Planned and not applicable controls count for nothing.
	tied := map[string][]string{}
	for _, c := range rep.AnnexA {
		if len(c.SOC2) > 5 {
			t.Errorf("%s: %d program controls tied, at most 5", c.ID, len(c.SOC2))
		}
		tied[c.ID] = c.SOC2
	}
	level := func(id annexa.ID) string {
		have := map[string]bool{}
		for _, pc := range prog {
			if !slices.Contains(tied[id.String()], pc.ID) || pc.Status == "Not started" || pc.Status == "N/A" {
				continue
			}
			shares := false
			for _, tsc := range pc.Criteria {
				have[tsc] = true
				shares = shares || slices.ContainsFunc(crosswalk[id.String()], func(p pair) bool { return p.tsc == tsc })
			}
			if !shares && !namesSubject(pc.Name, id) {
				t.Errorf("%s: tied to %s, which shares no criterion with it and whose name does not say its subject", id, pc.ID)
			}
		}
		full, missing := 0, false
		for _, p := range crosswalk[id.String()] {
			if p.full {
				full++
				missing = missing || !have[p.tsc]
			}
		}
		switch {
		case len(have) == 0:
			return "not_covered"
		case full > 0 && !missing:
			return "covered"
		}
		return "partly"
	}
	type counts map[string]int
	total, themes := counts{}, map[string]counts{}
	var toDecide []string
	for _, c := range annexa.All() {
		l := level(c.ID)
		total[l]++
		if themes[string(c.Theme)] == nil {
			themes[string(c.Theme)] = counts{}
		}
		themes[string(c.Theme)][l]++
		if l == "not_covered" {
			toDecide = append(toDecide, c.ID.String())
		}
	}
	// The shares are rounded by largest remainder: each exact share, then the points short of
	// 100 to the largest fractions.
	exact := map[string]float64{}
	sum := 0
	for _, l := range []string{"covered", "partly", "not_covered"} {
		exact[l] = 100 * float64(total[l]) / 93
		sum += int(exact[l])
	}
	order := []string{"covered", "partly", "not_covered"}
	sort.SliceStable(order, func(i, j int) bool {
		fi, fj := exact[order[i]]-float64(int(exact[order[i]])), exact[order[j]]-float64(int(exact[order[j]]))
		return fi > fj
	})
	pcts := map[string]int{}
	for i, l := range order {
		pcts[l] = int(exact[l])
		if i < 100-sum {
			pcts[l]++
		}
	}
	for _, l := range []string{"covered", "partly", "not_covered"} {
		if rep.Total[l] != total[l] {
			t.Errorf("total %s: report %d, recomputed %d", l, rep.Total[l], total[l])
		}
		if pct := pcts[l]; rep.Total[l+"_percent"] != pct {
			t.Errorf("total %s: report %d%%, recomputed %d%%", l, rep.Total[l+"_percent"], pct)
		}
		for _, th := range rep.Themes {
			if int(th[l].(float64)) != themes[th["theme"].(string)][l] {
				t.Errorf("theme %s %s: report %v, recomputed %d", th["theme"], l, th[l], themes[th["theme"].(string)][l])
			}
		}
	}
	for _, d := range rep.Domains {
		want := counts{}
		for _, id := range d["iso"].([]any) {
			cid, _ := annexa.ParseID(id.(string))
			want[level(cid)]++
		}
		for _, l := range []string{"covered", "partly", "not_covered"} {
			if int(d[l].(float64)) != want[l] {
				t.Errorf("domain %s %s: report %v, recomputed %d", d["domain"], l, d[l], want[l])
			}
		}
	}
	if themes["physical"]["covered"] > 7 || themes["physical"]["partly"] == 0 {
		t.Errorf("physical controls: %v; SOC 2 covers them with far less granularity", themes["physical"])
	}
	if strings.Join(rep.ToDecide, " ") != strings.Join(toDecide, " ") {
		t.Errorf("to decide: report %v, recomputed %v", rep.ToDecide, toDecide)
	}
	for _, c := range rep.AnnexA {
		id, _ := annexa.ParseID(c.ID)
		if want := strings.ReplaceAll(level(id), "_", "-"); c.Coverage != want {
			t.Errorf("%s: report %s, recomputed %s", c.ID, c.Coverage, want)
		}
	}
}

func TestGapErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("id,name,criteria\nAC-1,MFA,CC6.1\nAC-2,Logs,CC 7.9\n"), 0o644)
	noCol := filepath.Join(dir, "nocol.csv")
	os.WriteFile(noCol, []byte("Control ID,Title,Owner\nAC-1,MFA,IT\n"), 0o644)
	tests := []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"gap"}, 2, "soa: soa gap needs the SOC 2 control list: soa gap --soc2 FILE"},
		{[]string{"gap", "--soc2", filepath.Join(dir, "none.yaml")}, 2, "soa: cannot read " + filepath.Join(dir, "none.yaml") + ": no such file or directory"},
		{[]string{"gap", "--soc2", bad}, 1, "bad.csv:3:11: error: control AC-2: \"CC 7.9\" is not a Trust Services Criterion; did you mean CC7.4 Security incident response or CC7.5 Security incident recovery? [unknown-criterion]\nsoa: fix the SOC 2 control list"},
		{[]string{"gap", "--soc2", noCol}, 1, `nocol.csv:1: error: no criteria column: the header row has "Control ID", "Title", "Owner"`},
		{[]string{"gap", "--soc2", exampleProgram, "--format", "xml"}, 2, `soa: --format "xml" is not one of text, md, json`},
		{[]string{"gap", exampleProgram}, 0, ""},
		{[]string{"gap", "--soc2", exampleProgram, "extra"}, 2, "soa gap takes no arguments besides --soc2 FILE"},
	}
	for _, tt := range tests {
		_, errs, code := runCLI(t, tt.args...)
		if code != tt.code || !strings.Contains(errs, tt.stderr) {
			t.Errorf("soa %v: exit %d, stderr %q; want %d and %q", tt.args, code, errs, tt.code, tt.stderr)
		}
	}
}

// namesSubject reports whether name uses two of the control's keywords (a rough reading of
// soc2.Attach's rule, enough to tell a name that says the subject from one that does not).
func namesSubject(name string, id annexa.ID) bool {
	n := 0
	for _, k := range annexa.Keywords(id) {
		if strings.Contains(strings.ToLower(name), k) {
			n++
		}
	}
	return n >= 2
}

// gapControl is one Annex A control in soa gap's JSON.
type gapControl struct {
	ID, Coverage   string
	Tied           []string `json:"soc2_controls"`
	Related        []string `json:"soc2_related"`
	ProposedStatus string   `json:"proposed_status"`
}

// TestGapCriteriaAloneDoNotCover: a program control tied to an Annex A control by shared
// criteria alone, with nothing in its name about the control's subject, leaves it not
// covered and is only named as related; one whose name says the subject plainly is tied even
// without a shared criterion, but then meets none of the control's criteria, so the control
// is at most partly covered.
func TestGapCriteriaAloneDoNotCover(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		csv, iso, coverage string
		tied, related      []string
	}{
		{"BC-06,Cyber insurance,CC9.1; A1.2", "A.8.13", "not-covered", nil, []string{"BC-06"}},
		{"BC-06,Cyber insurance,CC9.1; A1.2", "A.8.14", "not-covered", nil, []string{"BC-06"}},
		{"BC-06,Cyber insurance,CC9.1; A1.2", "A.5.30", "not-covered", nil, []string{"BC-06"}},
		{"HR-05,NDAs signed,C1.1; CC6.1", "A.5.12", "not-covered", nil, []string{"HR-05"}},
		{"HR-05,NDAs signed,C1.1; CC6.1", "A.6.6", "partly", []string{"HR-05"}, nil},
		{"BK-01,Daily backups restored monthly,A1.2", "A.8.13", "covered", []string{"BK-01"}, nil},
		{"NS-09,Network segmentation,CC1.1", "A.8.22", "partly", []string{"NS-09"}, nil},
	}
	for i, tt := range tests {
		file := filepath.Join(dir, fmt.Sprintf("p%d.csv", i))
		if err := os.WriteFile(file, []byte("id,name,criteria\n"+tt.csv+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		out, errs, code := runCLI(t, "gap", "--soc2", file, "--format", "json")
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", tt.csv, code, errs)
		}
		var rep struct {
			AnnexA []gapControl `json:"annex_a"`
		}
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(rep.AnnexA, func(c gapControl) bool { return c.ID == tt.iso })
		if i < 0 {
			t.Fatalf("%s: %s missing from the report", tt.csv, tt.iso)
		}
		c := rep.AnnexA[i]
		if c.Coverage != tt.coverage || !slices.Equal(c.Tied, tt.tied) || !slices.Equal(c.Related, tt.related) {
			t.Errorf("%q: %s is %s, tied %v, related %v; want %s, tied %v, related %v",
				tt.csv, tt.iso, c.Coverage, c.Tied, c.Related, tt.coverage, tt.tied, tt.related)
		}
		if tt.coverage == "not-covered" && c.ProposedStatus != "" {
			t.Errorf("%q: %s not covered but init would propose %q", tt.csv, tt.iso, c.ProposedStatus)
		}
	}
}
