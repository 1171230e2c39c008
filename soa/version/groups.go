package version

import (
	"fmt"
	"slices"
	"strings"

	"github.com/soa-tool/soa/soa"
	"github.com/soa-tool/soa/soa/label"
	"github.com/soa-tool/soa/soa/text"
)

// ChangeGroup is one group of [Changes] as people read them, in the order [Changes.Groups]
// gives: what an auditor probes first (applicability, statuses, date slips, re-scores,
// acceptances), then the rest (risks added and removed, re-treated, owners, selecting risks,
// other changes, the document), and last the roll-overs of evidence and review dates. soa diff
// prints these groups, and the workbook's Changes sheet and the PDF's changes show them.
type ChangeGroup struct {
	// Title is the group's heading with its count: "Controls newly applicable (1)". The
	// document's group is "Document", without a count.
	Title string
	// Name is the heading without the count: "Controls newly applicable".
	Name string
	// Subject heads the item column: "Control", "Risk", or "Control or risk" for date slips;
	// "" for the document, whose one item has no ID.
	Subject string
	// Field is set when the group is about one field and each item has that one change:
	// "status" (status changes), "due" (date slips: a control's due or a treatment's),
	// "risks" (selecting risks) or "owner" (risk owner changes).
	Field string
	// Change is RiskAdded or RiskRemoved when the items are risks added or removed whole:
	// their fields give the risk as it is (Old empty) or as it was (New empty).
	Change string
	// Material is true for the groups an auditor reads first; RollOver for the evidence and
	// review dates carried forward, which documents for auditors count in one line.
	Material, RollOver bool
	Items              []ChangeItem
}

// ChangeItem is a control or risk of a [ChangeGroup] with the changes the group is about, or
// the document (no ID) with its changes.
//
// A control newly applicable, excluded or no longer decided has all its changes, the first
// being "applicability" and "justification" following. A risk added or removed has the fields
// "inherent" and "residual" (as [Score.String] gives them), "owner" and "treatment" (the
// option, then ": " and the controls if any), the other side empty. A risk re-scored has
// "inherent", "residual" and/or "current", old and new scores as [Score.String] gives them.
// Otherwise the fields are those of [ControlChange], [RiskChange] or [Changes].Document.
type ChangeItem struct {
	ID, Title string
	Fields    []FieldChange
	// Inherent, Residual and Current are set, as in [RiskChange], for a risk re-scored: soa
	// diff tells from them whether the level moved.
	Inherent, Residual, Current *ScoreChange
}

// Field returns the change to field, if any.
func (it ChangeItem) Field(field string) (FieldChange, bool) {
	return findField(it.Fields, field)
}

// FieldNote is the field of a flag that [Changes.Groups] adds to an item, in New: something
// a reviewer should look at ("justification unchanged since it was excluded").
const FieldNote = "note"

// The fields of each group, in the order of the changes.
var (
	otherControlFields = []string{"owner", "provided_by", "assurance", "justification", "implementation", "reasons", "due"}
	rollOverFields     = []string{"evidence", "review"}
	treatmentFields    = []string{"treatment.option", "treatment.controls", "treatment.plan", "treatment.due"}
	acceptanceFields   = []string{"accepted_by", "accepted_on"}
	otherRiskFields    = []string{"title", "description", "asset", "threat", "vulnerability", "treatment.approved_on", "treatment.approved_by"}
)

// withNotes adds the notes to fields as [FieldNote] changes.
func withNotes(fields []FieldChange, notes []string) []FieldChange {
	out := slices.Clone(fields)
	for _, n := range notes {
		out = append(out, FieldChange{Field: FieldNote, New: n})
	}
	return out
}

// Groups groups the changes for reading; groups without items are left out. A control or
// risk is in as many groups as it has kinds of change: a control whose status and evidence
// changed is under "Status changes" and the roll-overs. A due date that moved later is a date
// slip, and is not repeated among the other changes.
func (c *Changes) Groups() []ChangeGroup {
	applicable := ChangeGroup{Name: "Controls newly applicable", Subject: "Control", Material: true}
	excluded := ChangeGroup{Name: "Controls newly excluded", Subject: "Control", Material: true}
	undecided := ChangeGroup{Name: "Controls no longer decided", Subject: "Control", Material: true}
	status := ChangeGroup{Name: "Status changes", Subject: "Control", Field: "status", Material: true}
	slips := ChangeGroup{Name: "Date slips", Subject: "Control or risk", Field: "due", Material: true}
	other := ChangeGroup{Name: "Other control changes", Subject: "Control"}
	selecting := ChangeGroup{Name: "Controls whose selecting risks changed", Subject: "Control", Field: "risks"}
	rollOver := ChangeGroup{Name: "Evidence and review dates rolled over", Subject: "Control", RollOver: true}
	var riskSlips []ChangeItem
	for _, cc := range c.Controls {
		item := func(f []FieldChange) ChangeItem { return ChangeItem{ID: cc.ID, Title: cc.Title, Fields: f} }
		if a, ok := cc.Field("applicability"); ok {
			g := &undecided
			switch a.New {
			case soa.StateApplicable:
				g = &applicable
			case soa.StateExcluded:
				g = &excluded
			}
			g.Items = append(g.Items, item(withNotes(cc.Fields, cc.Notes)))
			continue
		}
		if f, ok := cc.Field("status"); ok {
			status.Items = append(status.Items, item([]FieldChange{f}))
		}
		if f, ok := cc.Field("due"); ok && f.Days > 0 {
			slips.Items = append(slips.Items, item([]FieldChange{f}))
		}
		if f := withoutSlip(pickFields(cc.Fields, otherControlFields)); len(f) > 0 {
			other.Items = append(other.Items, item(f))
		}
		if f, ok := cc.Field("risks"); ok {
			selecting.Items = append(selecting.Items, item([]FieldChange{f}))
		}
		if f := pickFields(cc.Fields, rollOverFields); len(f) > 0 {
			rollOver.Items = append(rollOver.Items, item(f))
		}
	}

	added := ChangeGroup{Name: "Risks added", Subject: "Risk", Change: RiskAdded}
	removed := ChangeGroup{Name: "Risks removed", Subject: "Risk", Change: RiskRemoved}
	closed := ChangeGroup{Name: "Risks closed", Subject: "Risk", Material: true}
	done := ChangeGroup{Name: "Treatments completed", Subject: "Risk", Field: "treatment.done_on", Material: true}
	rescored := ChangeGroup{Name: "Risks re-scored", Subject: "Risk", Material: true}
	acceptances := ChangeGroup{Name: "Acceptances", Subject: "Risk", Material: true}
	retreated := ChangeGroup{Name: "Risks re-treated", Subject: "Risk"}
	owners := ChangeGroup{Name: "Risk owner changes", Subject: "Risk", Field: "owner"}
	rother := ChangeGroup{Name: "Other risk changes", Subject: "Risk"}
	for _, r := range c.Risks {
		item := func(f []FieldChange) ChangeItem { return ChangeItem{ID: r.ID, Title: r.Title, Fields: f} }
		switch r.Change {
		case RiskAdded:
			added.Items = append(added.Items, item(wholeRisk(r.Risk, false)))
			continue
		case RiskRemoved:
			removed.Items = append(removed.Items, item(wholeRisk(r.Risk, true)))
			continue
		case RiskClosed:
			closed.Items = append(closed.Items, item(pickFields(r.Fields, closedFields)))
			continue
		}
		if f, ok := r.Field("treatment.done_on"); ok && r.Done() {
			done.Items = append(done.Items, item([]FieldChange{f}))
		}
		lowered := notesAbout(r.Notes, "residual lowered")
		rescoreNotes := slices.Concat(notesAbout(r.Notes, "re-scored"), lowered)
		if r.Rescored() {
			var f []FieldChange
			for _, s := range []struct {
				name string
				c    *ScoreChange
			}{{"inherent", r.Inherent}, {"residual", r.Residual}, {"current", r.Current}} {
				if s.c != nil {
					f = append(f, FieldChange{Field: s.name, Old: s.c.Old.String(), New: s.c.New.String()})
				}
			}
			it := item(withNotes(f, rescoreNotes))
			it.Inherent, it.Residual, it.Current = r.Inherent, r.Residual, r.Current
			rescored.Items = append(rescored.Items, it)
		}
		if f, ok := r.Field("treatment.due"); ok && f.Days > 0 {
			riskSlips = append(riskSlips, item(withNotes([]FieldChange{f}, lowered)))
		}
		if f := pickFields(r.Fields, acceptanceFields); len(f) > 0 {
			acceptances.Items = append(acceptances.Items, item(withNotes(f, notesAbout(r.Notes, "acceptance"))))
		}
		if f := withoutSlip(pickFields(r.Fields, treatmentFields)); len(f) > 0 {
			retreated.Items = append(retreated.Items, item(f))
		}
		if f, ok := r.Field("owner"); ok {
			owners.Items = append(owners.Items, item([]FieldChange{f}))
		}
		if f := pickFields(r.Fields, otherRiskFields); len(f) > 0 {
			rother.Items = append(rother.Items, item(f))
		}
	}
	slips.Items = append(slips.Items, riskSlips...)

	var out []ChangeGroup
	for _, g := range []ChangeGroup{applicable, excluded, undecided, status, slips, rescored, acceptances, closed, done,
		added, removed, retreated, owners, selecting, other, rother} {
		if len(g.Items) > 0 {
			g.Title = fmt.Sprintf("%s (%d)", g.Name, len(g.Items))
			out = append(out, g)
		}
	}
	if len(c.Document) > 0 {
		out = append(out, ChangeGroup{Title: "Document", Name: "Document", Items: []ChangeItem{{Fields: c.Document}}})
	}
	if len(rollOver.Items) > 0 {
		rollOver.Title = fmt.Sprintf("%s (%d)", rollOver.Name, len(rollOver.Items))
		out = append(out, rollOver)
	}
	return out
}

// RollOverLine counts the roll-overs of a group in one line, as documents for auditors give
// them: "Evidence updated for 40 controls and review dates moved for 5, carried forward
// without other change: A.5.1, A.5.2, …" (the IDs only when all is true).
func (g ChangeGroup) RollOverLine(all bool) string {
	var ev, rv int
	var ids []string
	for _, it := range g.Items {
		if _, ok := it.Field("evidence"); ok {
			ev++
		}
		if _, ok := it.Field("review"); ok {
			rv++
		}
		ids = append(ids, it.ID)
	}
	var parts []string
	if ev > 0 {
		parts = append(parts, "evidence updated for "+text.Plural(ev, "control"))
	}
	if rv > 0 {
		parts = append(parts, "decision review dates moved for "+text.Plural(rv, "control"))
	}
	line := text.Capitalise(text.JoinAnd(parts)) + " (roll-overs, not listed one by one)"
	if all {
		line = text.Capitalise(text.JoinAnd(parts)) + ": " + strings.Join(ids, ", ")
	}
	return line + "."
}

// withoutSlip leaves out a due date that moved later: the date slips list it.
func withoutSlip(fields []FieldChange) []FieldChange {
	return slices.DeleteFunc(fields, func(f FieldChange) bool { return f.Days > 0 })
}

// notesAbout keeps the notes that start with prefix.
func notesAbout(notes []string, prefix string) []string {
	var out []string
	for _, n := range notes {
		if strings.HasPrefix(n, prefix) {
			out = append(out, n)
		}
	}
	return out
}

// closedFields are the fields a risk closed is shown with.
var closedFields = []string{"status", "closed_on", "closed_reason"}

// pickFields keeps the changes to the named fields, in their order.
func pickFields(fields []FieldChange, names []string) []FieldChange {
	var out []FieldChange
	for _, f := range fields {
		if slices.Contains(names, f.Field) {
			out = append(out, f)
		}
	}
	return out
}

// wholeRisk gives a risk added (on the new side) or removed (on the old side) as fields; none
// for a soa.json written before the changes carried the risk.
func wholeRisk(r *RiskJSON, removed bool) []FieldChange {
	if r == nil {
		return nil
	}
	t := r.Treatment.Option
	if len(r.Treatment.Controls) > 0 {
		t += ": " + strings.Join(r.Treatment.Controls, ", ")
	}
	f := []FieldChange{
		{Field: "inherent", New: Score{r.Likelihood, r.Impact, r.Score, r.Level}.String()},
		{Field: "residual", New: Score{r.ResidualLikelihood, r.ResidualImpact, r.ResidualScore, r.ResidualLevel}.String()},
		{Field: "owner", New: r.Owner},
		{Field: "treatment", New: t},
	}
	if removed {
		for i := range f {
			f[i].Old, f[i].New = f[i].New, f[i].Old
		}
	}
	return f
}

// fieldLabels name the fields of [FieldChange] as the workbook's and the PDF's headings do.
var fieldLabels = map[string]string{
	"inherent":              "Inherent risk",
	"residual":              "Residual risk",
	"current":               "Current risk",
	"risks":                 "Selecting risks",
	"due":                   "Target date",
	"review":                "Decision review",
	"treatment.option":      "Option",
	"treatment.controls":    "Controls",
	"treatment.plan":        "Plan",
	"treatment.due":         "Due",
	"treatment.done_on":     "Done",
	"treatment.approved_on": "Plan approved on",
	"treatment.approved_by": "Plan approved by",
	"closed_reason":         "Reason closed",
	"id":                    "Document ID",
	"history":               "Revision history",
}

// Label names the changed field as the workbook's and the PDF's column headings do: "Selecting
// risks", "Target date", "Option" (of the treatment), "Inherent risk". Other fields are
// capitalised with spaces for underscores: "Accepted by".
func (f FieldChange) Label() string {
	if l, ok := fieldLabels[f.Field]; ok {
		return l
	}
	return text.Capitalise(strings.ReplaceAll(f.Field, "_", " "))
}

// OldText gives the old value as the workbook and the PDF show it; see [FieldChange.NewText].
func (f FieldChange) OldText() string {
	old, _ := f.texts()
	return old
}

// NewText gives the new value as the workbook and the PDF show it: a list change as the items
// added, one a line as "+ x" (OldText: the items removed, as "− x"); an applicability, status
// or treatment option titled ("Not decided", "Partial", "Modify"); "—" for no value.
func (f FieldChange) NewText() string {
	_, new := f.texts()
	return new
}

func (f FieldChange) texts() (old, new string) {
	old, new = f.Old, f.New
	switch {
	case len(f.Added)+len(f.Removed) > 0:
		var o, n []string
		for _, x := range f.Removed {
			o = append(o, "− "+x)
		}
		for _, x := range f.Added {
			n = append(n, "+ "+x)
		}
		old, new = strings.Join(o, "\n"), strings.Join(n, "\n")
	case f.Field == "applicability":
		old, new = label.State(old), label.State(new)
	case f.Field == "status":
		old, new = label.Status(old), label.Status(new)
	case f.Field == "treatment.option", f.Field == "treatment":
		old, new = label.Option(old), label.Option(new)
	}
	if f.Days > 0 {
		new += fmt.Sprintf(" (%s later)", text.Plural(f.Days, "day"))
	}
	return noneDash(old), noneDash(new)
}

func noneDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}
