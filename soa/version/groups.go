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
// gives: controls newly applicable, newly excluded, no longer decided, status changes, other
// control changes, changes of selecting risks; risks added, removed, closed, treatments
// completed, risks re-scored, re-treated, owner changes, other risk changes; the document. soa diff prints these groups, and the
// workbook's Changes sheet and the PDF's changes section show them.
type ChangeGroup struct {
	// Title is the group's heading with its count: "Controls newly applicable (1)". The
	// document's group is "Document", without a count.
	Title string
	// Subject heads the item column: "Control" or "Risk"; "" for the document, whose one
	// item has no ID.
	Subject string
	// Field is set when the group is about one field and each item has that one change:
	// "status" (status changes), "risks" (selecting risks) or "owner" (risk owner changes).
	Field string
	// Change is RiskAdded or RiskRemoved when the items are risks added or removed whole:
	// their fields give the risk as it is (Old empty) or as it was (New empty).
	Change string
	Items  []ChangeItem
}

// ChangeItem is a control or risk of a [ChangeGroup] with the changes the group is about, or
// the document (no ID) with its changes.
//
// A control newly applicable, excluded or no longer decided has all its changes, the first
// being "applicability" and "justification" following. A risk added or removed has the fields
// "inherent" and "residual" (as [Score.String] gives them), "owner" and "treatment" (the
// option, then ": " and the controls if any), the other side empty. A risk re-scored has
// "inherent" and/or "residual", old and new scores as [Score.String] gives them. Otherwise
// the fields are those of [ControlChange], [RiskChange] or [Changes].Document.
type ChangeItem struct {
	ID, Title string
	Fields    []FieldChange
	// Inherent and Residual are set, as in [RiskChange], for a risk re-scored: soa diff tells
	// from them whether the level moved.
	Inherent, Residual *ScoreChange
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
	otherControlFields = []string{"owner", "justification", "implementation", "evidence", "reasons", "due", "review"}
	treatmentFields    = []string{"treatment.option", "treatment.controls", "treatment.plan", "treatment.due"}
	otherRiskFields    = []string{"title", "description", "treatment.approved_on", "treatment.approved_by", "accepted_by", "accepted_on"}
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
// changed is under "Status changes" and "Other control changes".
func (c *Changes) Groups() []ChangeGroup {
	var out []ChangeGroup
	add := func(g ChangeGroup) {
		if len(g.Items) > 0 {
			g.Title = fmt.Sprintf("%s (%d)", g.Title, len(g.Items))
			out = append(out, g)
		}
	}
	applicable := ChangeGroup{Title: "Controls newly applicable", Subject: "Control"}
	excluded := ChangeGroup{Title: "Controls newly excluded", Subject: "Control"}
	undecided := ChangeGroup{Title: "Controls no longer decided", Subject: "Control"}
	status := ChangeGroup{Title: "Status changes", Subject: "Control", Field: "status"}
	other := ChangeGroup{Title: "Other control changes", Subject: "Control"}
	selecting := ChangeGroup{Title: "Controls whose selecting risks changed", Subject: "Control", Field: "risks"}
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
		if f := pickFields(cc.Fields, otherControlFields); len(f) > 0 {
			other.Items = append(other.Items, item(f))
		}
		if f, ok := cc.Field("risks"); ok {
			selecting.Items = append(selecting.Items, item([]FieldChange{f}))
		}
	}
	for _, g := range []ChangeGroup{applicable, excluded, undecided, status, other, selecting} {
		add(g)
	}

	added := ChangeGroup{Title: "Risks added", Subject: "Risk", Change: RiskAdded}
	removed := ChangeGroup{Title: "Risks removed", Subject: "Risk", Change: RiskRemoved}
	closed := ChangeGroup{Title: "Risks closed", Subject: "Risk"}
	done := ChangeGroup{Title: "Treatments completed", Subject: "Risk", Field: "treatment.done_on"}
	rescored := ChangeGroup{Title: "Risks re-scored", Subject: "Risk"}
	retreated := ChangeGroup{Title: "Risks re-treated", Subject: "Risk"}
	owners := ChangeGroup{Title: "Risk owner changes", Subject: "Risk", Field: "owner"}
	rother := ChangeGroup{Title: "Other risk changes", Subject: "Risk"}
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
		if r.Rescored() {
			var f []FieldChange
			if r.Inherent != nil {
				f = append(f, FieldChange{Field: "inherent", Old: r.Inherent.Old.String(), New: r.Inherent.New.String()})
			}
			if r.Residual != nil {
				f = append(f, FieldChange{Field: "residual", Old: r.Residual.Old.String(), New: r.Residual.New.String()})
			}
			it := item(withNotes(f, r.Notes))
			it.Inherent, it.Residual = r.Inherent, r.Residual
			rescored.Items = append(rescored.Items, it)
		}
		if f := pickFields(r.Fields, treatmentFields); len(f) > 0 {
			retreated.Items = append(retreated.Items, item(f))
		}
		if f, ok := r.Field("owner"); ok {
			owners.Items = append(owners.Items, item([]FieldChange{f}))
		}
		if f := pickFields(r.Fields, otherRiskFields); len(f) > 0 {
			rother.Items = append(rother.Items, item(f))
		}
	}
	for _, g := range []ChangeGroup{added, removed, closed, done, rescored, retreated, owners, rother} {
		add(g)
	}
	if len(c.Document) > 0 {
		out = append(out, ChangeGroup{Title: "Document", Items: []ChangeItem{{Fields: c.Document}}})
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
	return noneDash(old), noneDash(new)
}

func noneDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}
