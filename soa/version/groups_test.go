package version_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/soa-tool/soa/soa"
	"github.com/soa-tool/soa/soa/version"
)

// TestGroups groups the changes of the README's showcase, from the 2025 example to the 2026
// one: the groups in order, then chosen items with their fields.
func TestGroups(t *testing.T) {
	c := version.Compare(exampleJSON(t, "acme-saas-2025"), exampleJSON(t, "acme-saas"))
	groups := c.Groups()
	type head struct{ title, subject, field, change string }
	var got []head
	for _, g := range groups {
		got = append(got, head{g.Title, g.Subject, g.Field, g.Change})
	}
	want := []head{
		{"Controls newly applicable (7)", "Control", "", ""},
		{"Status changes (7)", "Control", "status", ""},
		{"Date slips (13)", "Control or risk", "due", ""},
		{"Risks re-scored (8)", "Risk", "", ""},
		{"Acceptances (7)", "Risk", "", ""},
		{"Risks closed (1)", "Risk", "", ""},
		{"Treatments completed (7)", "Risk", "treatment.done_on", ""},
		{"Risks added (9)", "Risk", "", version.RiskAdded},
		{"Risks re-treated (9)", "Risk", "", ""},
		{"Risk owner changes (2)", "Risk", "owner", ""},
		{"Controls whose selecting risks changed (33)", "Control", "risks", ""},
		{"Other control changes (19)", "Control", "", ""},
		{"Other risk changes (8)", "Risk", "", ""},
		{"Document", "", "", ""},
		{"Evidence and review dates rolled over (44)", "Control", "", ""},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("groups:\n got %q\nwant %q", got, want)
	}
	find := func(title, id string) version.ChangeItem {
		t.Helper()
		for _, g := range groups {
			if g.Title != title {
				continue
			}
			for _, it := range g.Items {
				if it.ID == id {
					return it
				}
			}
		}
		t.Fatalf("%q has no %q", title, id)
		return version.ChangeItem{}
	}
	a57 := c.Controls[0]
	for _, cc := range c.Controls {
		if cc.ID == "A.5.7" {
			a57 = cc
		}
	}
	just, _ := a57.Field("justification")
	if just.Old == "" || just.New == "" {
		t.Fatalf("A.5.7 should have both justifications: %+v", just)
	}

	tests := []struct {
		group, id string
		title     string
		fields    []version.FieldChange // the first fields of the item
		n         int                   // the number of fields
	}{
		{"Controls newly applicable (7)", "A.5.7", "Threat intelligence", []version.FieldChange{
			{Field: "applicability", Old: soa.StateExcluded, New: soa.StateApplicable}, just}, len(a57.Fields)},
		{"Status changes (7)", "A.8.11", "Data masking", []version.FieldChange{{Field: "status", Old: "planned", New: "partial"}}, 1},
		{"Date slips (13)", "A.5.13", "Labelling of information", []version.FieldChange{{Field: "due", Old: "2026-06-30", New: "2027-06-30", Days: 365}}, 1},
		{"Date slips (13)", "R-11", "Backup failure preventing recovery of customer data", []version.FieldChange{{Field: "treatment.due", Old: "2026-03-31", New: "2027-05-31", Days: 426}}, 2},
		{"Evidence and review dates rolled over (44)", "A.5.1", "Policies for information security", []version.FieldChange{{Field: "evidence", Old: "POL-01 Information Security Policy v3.2; Policy acknowledgement report 2025", New: "POL-01 Information Security Policy v4.0; Policy acknowledgement report 2026",
			Added: []string{"POL-01 Information Security Policy v4.0", "Policy acknowledgement report 2026"}, Removed: []string{"POL-01 Information Security Policy v3.2", "Policy acknowledgement report 2025"}}}, 1},
		{"Controls whose selecting risks changed (33)", "A.8.25", "Secure development life cycle", []version.FieldChange{
			{Field: "risks", Old: "R-14", New: "R-15", Added: []string{"R-15"}, Removed: []string{"R-14"}}}, 1},
		{"Risks added (9)", "R-16", "Prolonged outage of a critical SaaS supplier", []version.FieldChange{
			{Field: "inherent", New: "3×4 = 12 High"}, {Field: "residual", New: "3×4 = 12 High"},
			{Field: "owner", New: "CTO"}, {Field: "treatment", New: "retain"}}, 4},
		{"Risks closed (1)", "R-14", "Compromise of the self-hosted Jenkins build server", []version.FieldChange{
			{Field: "status", Old: "open", New: "closed"}, {Field: "closed_on", New: "2026-05-04"},
			{Field: "closed_reason", New: "Jenkins decommissioned; all pipelines moved to GitHub Actions with OIDC federation to AWS"}}, 3},
		{"Treatments completed (7)", "R-01", "Takeover of production cloud administrator accounts", []version.FieldChange{
			{Field: "treatment.done_on", New: "2026-03-20"}}, 1},
		{"Risks re-scored (8)", "R-05", "Cloud misconfiguration exposing customer data", []version.FieldChange{
			{Field: "inherent", Old: "3×5 = 15 High", New: "4×5 = 20 Critical"}}, 1}, // residual unchanged
		{"Risks re-scored (8)", "R-01", "Takeover of production cloud administrator accounts", []version.FieldChange{
			{Field: "residual", Old: "2×5 = 10 High", New: "1×5 = 5 Medium"}}, 1},
		{"Risks re-treated (9)", "R-03", "Data breach at a sub-processor", []version.FieldChange{
			{Field: "treatment.option", Old: "modify", New: "share"}}, 4},
		{"Risk owner changes (2)", "R-13", "Logging gaps preventing detection and investigation of incidents", []version.FieldChange{
			{Field: "owner", Old: "Head of Platform Engineering", New: "Security Engineering Lead"}}, 1},
		{"Acceptances (7)", "R-07", "Loss of key engineering staff", []version.FieldChange{
			{Field: "accepted_by", Old: "CTO"}, {Field: "accepted_on", Old: "2025-10-08"}}, 3},
		{"Other risk changes (8)", "R-07", "Loss of key engineering staff", []version.FieldChange{
			{Field: "treatment.approved_on", New: "2026-10-06"}, {Field: "treatment.approved_by", New: "CTO"}}, 2},
		{"Document", "", "", []version.FieldChange{{Field: "version", Old: "1.1", New: "2.0"}}, len(c.Document)},
	}
	for _, tt := range tests {
		t.Run(tt.group+"/"+tt.id, func(t *testing.T) {
			it := find(tt.group, tt.id)
			if it.Title != tt.title {
				t.Errorf("title %q, want %q", it.Title, tt.title)
			}
			if len(it.Fields) != tt.n || len(it.Fields) < len(tt.fields) || !reflect.DeepEqual(it.Fields[:len(tt.fields)], tt.fields) {
				t.Errorf("fields\n%+v\nwant %d beginning with\n%+v", it.Fields, tt.n, tt.fields)
			}
		})
	}
	r05 := find("Risks re-scored (8)", "R-05")
	if r05.Inherent == nil || !r05.Inherent.LevelChanged() || r05.Residual != nil {
		t.Errorf("R-05's scores: inherent %v, residual %v", r05.Inherent, r05.Residual)
	}
	// The flags an auditor needs: a residual lowered while its due date moved later, an
	// acceptance that lapsed because the target fell to the threshold while today's rating
	// is above it, and one that is no longer needed.
	for _, tt := range []struct{ group, id, note string }{
		{"Date slips (13)", "R-11", "residual lowered from 10 to 5 while the treatment's due date moved 426 days later (2026-03-31 → 2027-05-31)"},
		{"Risks re-scored (8)", "R-11", "residual lowered from 10 to 5 while the treatment's due date moved 426 days later"},
		{"Acceptances (7)", "R-11", "acceptance lapsed: the target residual score 5 is within the criteria (≤ 9), but the current score 10 is above them until the treatment is done"},
		{"Acceptances (7)", "R-10", "acceptance no longer needed: the residual score 8 is within the criteria (≤ 9); not a revocation"},
	} {
		if n := notes(find(tt.group, tt.id)); len(n) != 1 || !strings.HasPrefix(n[0], tt.note) {
			t.Errorf("%s %s: notes %q, want %q", tt.group, tt.id, n, tt.note)
		}
	}
	if n := notes(find("Risks re-scored (8)", "R-05")); len(n) != 0 {
		t.Errorf("R-05 residual unchanged: notes %q", n)
	}
	for _, g := range groups {
		if g.Material != (g.Name == "Controls newly applicable" || g.Name == "Status changes" || g.Name == "Date slips" ||
			g.Name == "Risks re-scored" || g.Name == "Acceptances" || g.Name == "Risks closed" || g.Name == "Treatments completed") || g.RollOver != (g.Name == "Evidence and review dates rolled over") {
			t.Errorf("%s: material %v, roll-over %v", g.Title, g.Material, g.RollOver)
		}
	}
	rolled := groups[len(groups)-1]
	if got := rolled.RollOverLine(false); got != "Evidence updated for 42 controls and decision review dates moved for 2 controls (roll-overs, not listed one by one)." {
		t.Errorf("roll-over line %q", got)
	}
	if got := rolled.RollOverLine(true); !strings.HasPrefix(got, "Evidence updated for 42 controls and decision review dates moved for 2 controls: A.5.1, ") {
		t.Errorf("roll-over line with IDs %q", got)
	}
}

func TestGroupsNone(t *testing.T) {
	j := exampleJSON(t, "acme-saas")
	if g := version.Compare(j, j).Groups(); len(g) != 0 {
		t.Errorf("no changes give groups %+v", g)
	}
}

// TestFieldChangeText checks the labels and values the workbook and the PDF show.
func TestFieldChangeText(t *testing.T) {
	tests := []struct {
		f               version.FieldChange
		label, old, new string
	}{
		{version.FieldChange{Field: "applicability", Old: "undecided", New: "excluded"}, "Applicability", "Not decided", "Excluded"},
		{version.FieldChange{Field: "status", New: "not-implemented"}, "Status", "—", "Not implemented"},
		{version.FieldChange{Field: "justification", Old: "Old reason.", New: "  "}, "Justification", "Old reason.", "—"},
		{version.FieldChange{Field: "evidence", Old: "a; b", New: "b; c; d", Added: []string{"c", "d"}, Removed: []string{"a"}}, "Evidence", "− a", "+ c\n+ d"},
		{version.FieldChange{Field: "reasons", Old: "a; b", New: "b; a"}, "Reasons", "a; b", "b; a"}, // reordered only
		{version.FieldChange{Field: "risks", Removed: []string{"R-14"}}, "Selecting risks", "− R-14", "—"},
		{version.FieldChange{Field: "due", Old: "2026-06-30", New: "2027-06-30"}, "Target date", "2026-06-30", "2027-06-30"},
		{version.FieldChange{Field: "treatment.due", Old: "2026-03-31", New: "2027-05-31", Days: 426}, "Due", "2026-03-31", "2027-05-31 (426 days later)"},
		{version.FieldChange{Field: "current", Old: "3×5 = 15 High", New: "2×5 = 10 High"}, "Current risk", "3×5 = 15 High", "2×5 = 10 High"},
		{version.FieldChange{Field: "review", Old: "2026-04-30"}, "Decision review", "2026-04-30", "—"},
		{version.FieldChange{Field: "inherent", Old: "3×5 = 15 High", New: "4×5 = 20 Critical"}, "Inherent risk", "3×5 = 15 High", "4×5 = 20 Critical"},
		{version.FieldChange{Field: "residual", New: "1×5 = 5 Medium"}, "Residual risk", "—", "1×5 = 5 Medium"},
		{version.FieldChange{Field: "treatment", Old: "modify: A.8.19, A.8.9"}, "Treatment", "Modify: A.8.19, A.8.9", "—"},
		{version.FieldChange{Field: "treatment.option", Old: "retain", New: "modify"}, "Option", "Retain", "Modify"},
		{version.FieldChange{Field: "treatment.due", New: "2027-01-29"}, "Due", "—", "2027-01-29"},
		{version.FieldChange{Field: "accepted_by", Old: "CTO"}, "Accepted by", "CTO", "—"},
		{version.FieldChange{Field: "id", Old: "ISMS-SOA-01", New: "ISMS-SOA-02"}, "Document ID", "ISMS-SOA-01", "ISMS-SOA-02"},
		{version.FieldChange{Field: "next_review", Old: "2026-10-01", New: "2027-10-01"}, "Next review", "2026-10-01", "2027-10-01"},
	}
	for _, tt := range tests {
		t.Run(tt.f.Field, func(t *testing.T) {
			if got := tt.f.Label(); got != tt.label {
				t.Errorf("Label() = %q, want %q", got, tt.label)
			}
			if got := tt.f.OldText(); got != tt.old {
				t.Errorf("OldText() = %q, want %q", got, tt.old)
			}
			if got := tt.f.NewText(); got != tt.new {
				t.Errorf("NewText() = %q, want %q", got, tt.new)
			}
		})
	}
}

func TestVersionRefString(t *testing.T) {
	tests := []struct {
		r    version.VersionRef
		want string
	}{
		{version.VersionRef{Source: "examples/acme-saas-2025", Version: "1.1"}, "examples/acme-saas-2025, version 1.1"},
		{version.VersionRef{Source: "git:v1:examples/acme-saas", Commit: "0123456789abcdef0123", Version: "1.1"}, "git:v1:examples/acme-saas (commit 0123456789ab), version 1.1"},
		{version.VersionRef{Version: "2.0"}, "version 2.0"},
		{version.VersionRef{Source: "old.json"}, "old.json, no version"},
	}
	for _, tt := range tests {
		if got := tt.r.String(); got != tt.want {
			t.Errorf("%+v: got %q, want %q", tt.r, got, tt.want)
		}
	}
}

// notes are the flags of an item: its fields [version.FieldNote].
func notes(it version.ChangeItem) []string {
	var out []string
	for _, f := range it.Fields {
		if f.Field == version.FieldNote {
			out = append(out, f.New)
		}
	}
	return out
}
