package version_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/soa-tool/soa/soa"
	"github.com/soa-tool/soa/soa/soatest"
	"github.com/soa-tool/soa/soa/version"
	"github.com/soa-tool/soa/soa/workspace"
)

// exampleJSON is the soa.json form of a shipped example.
func exampleJSON(t *testing.T, name string) *version.JSON {
	t.Helper()
	ws, err := workspace.Load(soatest.Example(name))
	if err != nil {
		t.Fatal(err)
	}
	s := soa.Derive(ws, soa.Options{Today: soatest.Today})
	return version.FromSoA(s, nil)
}

// clone deep-copies a soa.json through its encoding, which is the contract anyway.
func clone(t *testing.T, j *version.JSON) *version.JSON {
	t.Helper()
	b, err := json.Marshal(j)
	if err != nil {
		t.Fatal(err)
	}
	out, err := version.ReadJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func control(j *version.JSON, id string) *version.ControlJSON {
	for i := range j.Controls {
		if j.Controls[i].ID == id {
			return &j.Controls[i]
		}
	}
	panic("no control " + id)
}

func riskOf(j *version.JSON, id string) *version.RiskJSON {
	for i := range j.Risks {
		if j.Risks[i].ID == id {
			return &j.Risks[i]
		}
	}
	panic("no risk " + id)
}

// TestCompareKinds makes one kind of change at a time to the 2026 example and checks that
// Compare reports it, and that each of the three formats shows it.
func TestCompareKinds(t *testing.T) {
	base := exampleJSON(t, "acme-saas")
	tests := []struct {
		name    string
		change  func(j *version.JSON)
		check   func(t *testing.T, c *version.Changes)
		summary string   // part of the summary
		shown   []string // in text and Markdown
	}{
		{"newly excluded", func(j *version.JSON) {
			c := control(j, "A.7.2")
			c.State, c.Applicable, c.Status, c.Justification = "excluded", false, "", "No premises of our own: the co-working centre controls entry."
		}, func(t *testing.T, c *version.Changes) {
			want := []string{"A.7.2"}
			if !reflect.DeepEqual(c.Counts.NewlyExcluded, want) {
				t.Errorf("newly excluded %v, want %v", c.Counts.NewlyExcluded, want)
			}
			f := c.Controls[0].Fields
			if f[0].Field != "applicability" || f[0].Old != "applicable" || f[0].New != "excluded" || f[1].Field != "justification" {
				t.Errorf("fields %+v", f)
			}
		}, "0 controls newly applicable, 1 excluded (A.7.2)", []string{"Controls newly excluded (1)", "A.7.2 Physical entry", "No premises of our own"}},
		{"newly applicable", func(j *version.JSON) {
			c := control(j, "A.7.6") // excluded in the example
			c.State, c.Applicable, c.Status, c.Justification, c.Reasons = "applicable", true, "planned", "A server room is being fitted out.", []string{"business"}
		}, func(t *testing.T, c *version.Changes) {
			if !reflect.DeepEqual(c.Counts.NewlyApplicable, []string{"A.7.6"}) {
				t.Errorf("newly applicable %v", c.Counts.NewlyApplicable)
			}
			j, ok := c.Controls[0].Field("justification")
			if !ok || j.Old == "" || j.New != "A server room is being fitted out." {
				t.Errorf("both justifications are needed: %+v", j)
			}
		}, "1 control newly applicable (A.7.6)", []string{"Controls newly applicable (1)", "excluded → applicable", "A server room is being fitted out."}},
		{"status", func(j *version.JSON) { control(j, "A.8.23").Status = "implemented" },
			func(t *testing.T, c *version.Changes) {
				if c.Counts.StatusChanges != 1 || c.Counts.OtherControlChanges != 0 {
					t.Errorf("counts %+v", c.Counts)
				}
			}, "1 status change", []string{"Status changes (1)", "A.8.23 Web filtering", "Implemented"}},
		{"owner", func(j *version.JSON) { control(j, "A.5.1").Owner = "Head of Compliance" },
			nil, "1 other control change", []string{"Other control changes (1)", "owner: ", "Head of Compliance"}},
		{"supplier", func(j *version.JSON) {
			c := control(j, "A.7.4") // inherited from AWS in the example
			c.ProvidedBy, c.Assurance = "Hetzner Online", "ISO/IEC 27001 certificate 2026"
		}, func(t *testing.T, c *version.Changes) {
			p, ok1 := c.Controls[0].Field("provided_by")
			a, ok2 := c.Controls[0].Field("assurance")
			if !ok1 || !ok2 || p.Old != "Amazon Web Services" || p.New != "Hetzner Online" || a.New != "ISO/IEC 27001 certificate 2026" {
				t.Errorf("fields %+v", c.Controls[0].Fields)
			}
		}, "1 other control change", []string{"Other control changes (1)", "provided_by: Amazon Web Services → Hetzner Online", "ISO/IEC 27001 certificate 2026"}},
		{"asset, threat, vulnerability", func(j *version.JSON) {
			r := riskOf(j, "R-01")
			r.Asset, r.Threat, r.Vulnerability = "AWS root account", "Phishing", "No hardware keys"
		}, func(t *testing.T, c *version.Changes) {
			for _, f := range []string{"asset", "threat", "vulnerability"} {
				if _, ok := c.Risks[0].Field(f); !ok {
					t.Errorf("no %s change in %+v", f, c.Risks[0].Fields)
				}
			}
		}, "", []string{"Other risk changes (1)", "R-01", "AWS root account", "Phishing", "No hardware keys"}},
		{"justification", func(j *version.JSON) { control(j, "A.5.1").Justification = "Required by clause 5.2." },
			nil, "1 other control change", []string{"justification", "Required by clause 5.2."}},
		{"evidence", func(j *version.JSON) {
			c := control(j, "A.5.1")
			c.Evidence = append(c.Evidence[1:], "Policy portal screenshot")
		}, func(t *testing.T, c *version.Changes) {
			f, _ := c.Controls[0].Field("evidence")
			if !reflect.DeepEqual(f.Added, []string{"Policy portal screenshot"}) || len(f.Removed) != 1 {
				t.Errorf("evidence %+v", f)
			}
		}, "1 with evidence or review dates rolled over", []string{"evidence", "Policy portal screenshot"}},
		{"implementation", func(j *version.JSON) { control(j, "A.5.1").Implementation = "Policies in the wiki." },
			nil, "1 other control change", []string{"implementation", "Policies in the wiki."}},
		{"selecting risks", func(j *version.JSON) {
			c := control(j, "A.5.1")
			c.Risks = append(c.Risks, "R-99")
		}, func(t *testing.T, c *version.Changes) {
			if c.Counts.SelectingRisksChanged != 1 || c.Counts.OtherControlChanges != 0 {
				t.Errorf("counts %+v", c.Counts)
			}
		}, "1 with changed selecting risks", []string{"Controls whose selecting risks changed (1)", "R-99"}},
		{"risk added", func(j *version.JSON) {
			r := *riskOf(j, "R-01")
			r.ID, r.Title = "R-30", "Ransomware on laptops"
			j.Risks = append(j.Risks, r)
		}, func(t *testing.T, c *version.Changes) {
			if len(c.Risks) != 1 || c.Risks[0].Change != version.RiskAdded || c.Risks[0].Risk == nil {
				t.Errorf("risks %+v", c.Risks)
			}
		}, "1 risk added (R-30)", []string{"Risks added (1)", "R-30 Ransomware on laptops", "inherent "}},
		{"risk removed", func(j *version.JSON) { j.Risks = j.Risks[1:] },
			nil, "0 risks added, 1 removed (R-01)", []string{"Risks removed (1)", "R-01 Takeover"}},
		{"re-scored", func(j *version.JSON) {
			r := riskOf(j, "R-05")
			r.Likelihood, r.Score, r.Level = 3, 15, "High"
			r.ResidualLikelihood, r.ResidualImpact, r.ResidualScore = 3, 4, 12
		}, func(t *testing.T, c *version.Changes) {
			r := c.Risks[0]
			if r.Inherent == nil || !r.Inherent.LevelChanged() || r.Residual == nil || r.Residual.LevelChanged() {
				t.Errorf("risk %+v", r)
			}
		}, "1 re-scored", []string{"Risks re-scored (1)", "inherent: 4×5 = 20 Critical → 3×5 = 15 High (level Critical → High)", "residual: 2×5 = 10 High → 3×4 = 12 High\n"}},
		{"re-treated", func(j *version.JSON) {
			r := riskOf(j, "R-05")
			r.Treatment.Option, r.Treatment.Controls, r.Treatment.Plan, r.Treatment.Due = "share", r.Treatment.Controls[1:], "Insure it.", "2027-12-31"
		}, func(t *testing.T, c *version.Changes) {
			r := c.Risks[0]
			if !r.Retreated() || r.Rescored() || len(r.Fields) != 4 {
				t.Errorf("risk %+v", r)
			}
		}, "1 re-treated", []string{"Risks re-treated (1)", "option: modify → share", "Insure it.", "2027-12-31"}},
		{"re-included with the exclusion's justification", func(j *version.JSON) {
			c := control(j, "A.7.6") // excluded in the example
			c.State, c.Applicable, c.Status = "applicable", true, "implemented"
		}, func(t *testing.T, c *version.Changes) {
			if n := c.Controls[0].Notes; len(n) != 1 || !strings.HasPrefix(n[0], "justification unchanged since it was excluded") {
				t.Errorf("notes %q", n)
			}
		}, "1 control newly applicable (A.7.6)", []string{"note: justification unchanged since it was excluded; say why it is applicable now"}},
		{"re-scored above an older acceptance", func(j *version.JSON) {
			r := riskOf(j, "R-05") // residual 2×5 = 10, accepted on 2026-10-06
			r.ResidualLikelihood, r.ResidualScore, r.ResidualLevel = 3, 15, "High"
		}, func(t *testing.T, c *version.Changes) {
			if n := c.Risks[0].Notes; len(n) != 1 || n[0] != "re-scored from 10 to 15; its acceptance of 2026-10-06 predates the change — re-accept" {
				t.Errorf("notes %q", n)
			}
		}, "1 re-scored", []string{"note: re-scored from 10 to 15; its acceptance of 2026-10-06 predates the change — re-accept"}},
		{"re-scored and re-accepted", func(j *version.JSON) {
			r := riskOf(j, "R-05")
			r.ResidualLikelihood, r.ResidualScore, r.ResidualLevel, r.AcceptedOn = 3, 15, "High", "2026-11-01"
		}, func(t *testing.T, c *version.Changes) {
			if n := c.Risks[0].Notes; len(n) != 0 {
				t.Errorf("notes %q for a risk accepted again", n)
			}
		}, "1 re-scored", []string{"accepted_on: 2026-10-06 → 2026-11-01"}},
		{"risk closed", func(j *version.JSON) {
			r := riskOf(j, "R-19")
			r.Status, r.ClosedOn, r.ClosedReason = "closed", "2026-11-01", "Office given up"
		}, func(t *testing.T, c *version.Changes) {
			if !reflect.DeepEqual(c.Counts.RisksClosed, []string{"R-19"}) || len(c.Counts.RisksRemoved) != 0 || c.Risks[0].Change != version.RiskClosed {
				t.Errorf("counts %+v, change %+v", c.Counts, c.Risks[0])
			}
		}, "0 removed, 1 closed (R-19)", []string{"Risks closed (1)", "R-19 Unauthorised access to the registered office", "closed_on: (none) → 2026-11-01", "Office given up"}},
		{"treatment completed", func(j *version.JSON) { riskOf(j, "R-18").Treatment.DoneOn = "2026-11-20" },
			func(t *testing.T, c *version.Changes) {
				if !reflect.DeepEqual(c.Counts.TreatmentsDone, []string{"R-18"}) || c.Risks[0].Retreated() {
					t.Errorf("counts %+v, retreated %v", c.Counts, c.Risks[0].Retreated())
				}
			}, "1 treatment completed (R-18)", []string{"Treatments completed (1)", "R-18 Production personal data exposed in non-production or analytics systems", "done on 2026-11-20"}},
		{"control date slip", func(j *version.JSON) { control(j, "A.8.12").Due = "2027-06-30" },
			func(t *testing.T, c *version.Changes) {
				if f, _ := c.Controls[0].Field("due"); f.Days != 91 || c.Counts.DateSlips != 1 || c.Counts.OtherControlChanges != 0 {
					t.Errorf("due %+v, counts %+v", f, c.Counts)
				}
			}, "1 date slip", []string{"Date slips (1)", "2027-03-31 → 2027-06-30 (91 days later)"}},
		{"control due earlier is no slip", func(j *version.JSON) { control(j, "A.8.12").Due = "2027-01-31" },
			func(t *testing.T, c *version.Changes) {
				if c.Counts.DateSlips != 0 || c.Counts.OtherControlChanges != 1 {
					t.Errorf("counts %+v", c.Counts)
				}
			}, "1 other control change", []string{"Other control changes (1)", "due: 2027-03-31 → 2027-01-31"}},
		{"residual lowered while the due date slipped", func(j *version.JSON) {
			r := riskOf(j, "R-05")
			r.Treatment.Due, r.ResidualLikelihood, r.ResidualScore, r.ResidualLevel = "2027-09-30", 1, 5, "Medium"
		}, func(t *testing.T, c *version.Changes) {
			if r := c.Risks[0]; len(r.Notes) != 1 || c.Counts.DateSlips != 1 || c.Counts.RisksRetreated != 0 {
				t.Errorf("risk %+v, counts %+v", r, c.Counts)
			}
		}, "1 date slip", []string{"Date slips (1)", "2027-03-31 → 2027-09-30 (183 days later)",
			"note: residual lowered from 10 to 5 while the treatment's due date moved 183 days later (2027-03-31 → 2027-09-30): the target is not reached yet — check the current rating"}},
		{"due later, residual kept", func(j *version.JSON) { riskOf(j, "R-05").Treatment.Due = "2027-09-30" },
			func(t *testing.T, c *version.Changes) {
				if r := c.Risks[0]; len(r.Notes) != 0 {
					t.Errorf("notes %q", r.Notes)
				}
			}, "1 date slip", []string{"Date slips (1)"}},
		{"current re-scored", func(j *version.JSON) {
			r := riskOf(j, "R-11")
			r.CurrentLikelihood, r.CurrentScore = 1, 5
		}, func(t *testing.T, c *version.Changes) {
			if r := c.Risks[0]; r.Current == nil || r.Residual != nil || !r.Rescored() {
				t.Errorf("risk %+v", r)
			}
		}, "1 re-scored", []string{"Risks re-scored (1)", "current: 2×5 = 10 High → 1×5 = 5 High"}},
		{"acceptance withdrawn while needed", func(j *version.JSON) { r := riskOf(j, "R-05"); r.AcceptedBy, r.AcceptedOn = "", "" },
			nil, "", []string{"Acceptances (1)", "note: acceptance withdrawn although the residual score 10 is above the criteria (≤ 9)"}},
		{"risk owner", func(j *version.JSON) { riskOf(j, "R-05").Owner = "CTO" },
			nil, "1 owner change", []string{"Risk owner changes (1)", "R-05 Cloud misconfiguration exposing customer data", "CTO"}},
		{"document", func(j *version.JSON) {
			d := &j.Document
			d.Version, d.ApprovedBy, d.ApprovedOn, d.Status = "2.1", "", "", "draft"
			d.Owner, d.Scope, d.NextReview, d.Classification = "New CISO", "Only the platform.", "2028-01-31", "Internal"
		}, func(t *testing.T, c *version.Changes) {
			want := []string{"version", "status", "approved_by", "approved_on", "owner", "scope", "next_review", "classification"}
			if !reflect.DeepEqual(c.Counts.DocumentFields, want) {
				t.Errorf("document fields %v, want %v", c.Counts.DocumentFields, want)
			}
		}, "Version 2.0 → 2.1: no control changes; no risk changes; document approval, owner, scope, next review and classification changed.",
			[]string{"Document", "version: 2.0 → 2.1", "approved_on: 2026-10-15 → (none)", "Only the platform.", "classification: Confidential → Internal"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			new := clone(t, base)
			tt.change(new)
			c := version.Compare(base, new)
			if c.Empty() {
				t.Fatal("no changes found")
			}
			if tt.check != nil {
				tt.check(t, c)
			}
			if !strings.Contains(c.Summary, tt.summary) {
				t.Errorf("summary %q does not contain %q", c.Summary, tt.summary)
			}
			var text, md, js bytes.Buffer
			if err := c.WriteText(&text); err != nil {
				t.Fatal(err)
			}
			if err := c.WriteMarkdown(&md); err != nil {
				t.Fatal(err)
			}
			if err := c.WriteJSON(&js); err != nil {
				t.Fatal(err)
			}
			for _, s := range tt.shown {
				if !strings.Contains(text.String(), s) {
					t.Errorf("text does not show %q:\n%s", s, text.String())
				}
				if !strings.Contains(strings.ReplaceAll(md.String(), `\`, ""), s) {
					t.Errorf("Markdown does not show %q:\n%s", s, md.String())
				}
			}
			var back version.Changes
			if err := json.Unmarshal(js.Bytes(), &back); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(&back, c) {
				t.Errorf("JSON does not round-trip:\n%s", js.String())
			}
		})
	}
}

func TestCompareSame(t *testing.T) {
	a := exampleJSON(t, "acme-saas")
	b := clone(t, a)
	b.Fingerprint, b.Date = "other", "1999-01-01" // not content
	c := version.Compare(a, b)
	if !c.Empty() || c.Summary != "Version 2.0 (unchanged): no differences." {
		t.Errorf("got %+v", c)
	}
	var text bytes.Buffer
	c.WriteText(&text)
	if strings.Count(text.String(), "\n") != 3 {
		t.Errorf("text for no differences:\n%s", text.String())
	}
}

// TestCompareExamples checks the figures of the README's showcase.
func TestCompareExamples(t *testing.T) {
	c := version.Compare(exampleJSON(t, "acme-saas-2025"), exampleJSON(t, "acme-saas"))
	k := c.Counts
	if !reflect.DeepEqual(k.NewlyApplicable, []string{"A.5.7", "A.7.4", "A.7.11", "A.7.12", "CLD.6.3.1", "CLD.9.5.1", "CLD.12.4.5"}) || len(k.NewlyExcluded) != 0 ||
		len(k.RisksRemoved) != 0 || !reflect.DeepEqual(k.RisksClosed, []string{"R-14"}) || len(k.RisksAdded) != 9 ||
		!reflect.DeepEqual(k.TreatmentsDone, []string{"R-01", "R-02", "R-03", "R-06", "R-09", "R-10", "R-12"}) ||
		k.DateSlips != 13 || k.RollOvers != 44 || k.OtherControlChanges != 19 || k.RisksRetreated != 9 {
		t.Errorf("counts %+v", k)
	}
	// Documents for auditors name the versions by number and date, never by path.
	if got := c.Between(); got != "Version 1.1 of 2025-10-20 → 2.0 of 2026-10-15" {
		t.Errorf("Between() = %q", got)
	}
	// Catalogue order for controls; added, removed, changed for risks.
	for i := 1; i < len(c.Controls); i++ {
		if c.Controls[i-1].ID == c.Controls[i].ID {
			t.Errorf("%s twice", c.Controls[i].ID)
		}
	}
	if c.Controls[0].ID != "A.5.1" || c.Controls[len(c.Controls)-1].ID != "CLD.12.4.5" || c.Risks[0].ID != "R-15" {
		t.Errorf("order: controls %s … %s, first risk %s", c.Controls[0].ID, c.Controls[len(c.Controls)-1].ID, c.Risks[0].ID)
	}
}

// TestChangesDeterministic renders the showcase twice in each format and compares bytes.
func TestChangesDeterministic(t *testing.T) {
	render := func() [3][]byte {
		c := version.Compare(exampleJSON(t, "acme-saas-2025"), exampleJSON(t, "acme-saas"))
		var a, b, j bytes.Buffer
		c.WriteText(&a)
		c.WriteMarkdown(&b)
		c.WriteJSON(&j)
		return [3][]byte{a.Bytes(), b.Bytes(), j.Bytes()}
	}
	first, second := render(), render()
	for i := range first {
		if !bytes.Equal(first[i], second[i]) {
			t.Errorf("format %d differs between two renders", i)
		}
	}
}

// TestToJSONChanges checks that soa.json carries the changes only when they are set.
func TestToJSONChanges(t *testing.T) {
	ws, err := workspace.Load(soatest.Example("acme-saas"))
	if err != nil {
		t.Fatal(err)
	}
	s := soa.Derive(ws, soa.Options{Today: soatest.Today})
	var plain bytes.Buffer
	version.FromSoA(s, nil).Write(&plain)
	if strings.Contains(plain.String(), `"changes": {`) {
		t.Error("soa.json has changes without --since")
	}
	changes := version.Compare(exampleJSON(t, "acme-saas-2025"), version.FromSoA(s, nil))
	var with bytes.Buffer
	version.FromSoA(s, changes).Write(&with)
	j, err := version.ReadJSON(&with)
	if err != nil {
		t.Fatal(err)
	}
	if j.Changes == nil || !reflect.DeepEqual(j.Changes.Counts, changes.Counts) {
		t.Errorf("changes did not survive soa.json: %+v", j.Changes)
	}
}
