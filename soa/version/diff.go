package version

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/soa-tool/soa/annexa"
	"github.com/soa-tool/soa/risk"
	"github.com/soa-tool/soa/soa"
	"github.com/soa-tool/soa/soa/label"
	"github.com/soa-tool/soa/soa/text"
	"github.com/soa-tool/soa/soa/workspace"
)

// Changes is what changed in the SoA between two versions, as worked out by [Compare]. It is
// what soa diff prints and what soa build --since adds to soa.json (the "changes" block) for
// the renderers' "Changes" sheet and section. [Changes.Groups] groups them for all of these.
//
// Controls are in catalogue order; risks are grouped as added (in the new register's order),
// removed (in the old register's order), then changed or closed (in the new register's order).
type Changes struct {
	Old      VersionRef      `json:"old"`
	New      VersionRef      `json:"new"`
	Summary  string          `json:"summary"`
	Counts   ChangeCounts    `json:"counts"`
	Controls []ControlChange `json:"controls"`
	Risks    []RiskChange    `json:"risks"`
	Document []FieldChange   `json:"document"`
}

// VersionRef names one side of a comparison.
type VersionRef struct {
	// Source is the side as given: a workspace directory, a soa.json file, or git:REV:PATH.
	Source string `json:"source"`
	// Commit is the commit a git: side was read from.
	Commit  string `json:"commit,omitempty"`
	Version string `json:"version"`
	// Date is the date of the version: its approval, else the date of its history entry,
	// else the date the soa.json carries.
	Date        string `json:"date,omitempty"`
	Fingerprint string `json:"fingerprint"`
}

// Name names the version as documents for auditors do, without a path or a commit: "Version
// 1.1 of 2025-10-20".
func (r VersionRef) Name() string {
	v := "Version " + r.Version
	if r.Version == "" {
		v = "No version"
	}
	if r.Date != "" {
		v += " of " + r.Date
	}
	return v
}

// Between names the two versions compared as documents for auditors do: "Version 1.1 of
// 2025-10-20 → 2.0 of 2026-10-15".
func (c *Changes) Between() string {
	n := strings.TrimPrefix(c.New.Name(), "Version ")
	return c.Old.Name() + " → " + n
}

// versionDate is the date of the version j holds (see [VersionRef].Date).
func versionDate(j *JSON) string {
	d := j.Document
	if d.ApprovedOn != "" {
		return d.ApprovedOn
	}
	for _, h := range d.History {
		if h.Version == d.Version && h.Date != "" {
			return h.Date
		}
	}
	return j.Date
}

// ChangeCounts are the figures of the summary.
type ChangeCounts struct {
	NewlyApplicable []string `json:"newly_applicable"` // control IDs
	NewlyExcluded   []string `json:"newly_excluded"`
	StatusChanges   int      `json:"status_changes"`
	// DateSlips counts controls and treatments whose due date moved later.
	DateSlips int `json:"date_slips"`
	// RollOvers counts controls whose only other changes are evidence or review dates.
	RollOvers int `json:"roll_overs"`
	// OtherControlChanges counts controls, applicable or excluded on both sides, whose owner,
	// justification, implementation or reasons changed, or whose due date moved earlier.
	OtherControlChanges int `json:"other_control_changes"`
	// SelectingRisksChanged counts controls, applicable or excluded on both sides, selected
	// by other risks than before.
	SelectingRisksChanged int      `json:"selecting_risks_changed"`
	RisksAdded            []string `json:"risks_added"` // risk IDs
	RisksRemoved          []string `json:"risks_removed"`
	// RisksClosed are the risks that stayed in the register but were closed.
	RisksClosed []string `json:"risks_closed"`
	// TreatmentsDone are the risks whose treatment was recorded as completed (done_on).
	TreatmentsDone    []string `json:"treatments_done"`
	RisksRescored     int      `json:"risks_rescored"`
	RisksRetreated    int      `json:"risks_retreated"`
	RiskOwnersChanged int      `json:"risk_owners_changed"`
	// DocumentFields are the document fields that changed, as in [FieldChange].Field.
	DocumentFields []string `json:"document_fields"`
}

// FieldChange is one changed value. For lists, Old and New are joined with "; " and Added
// and Removed hold the items that came and went.
type FieldChange struct {
	Field   string   `json:"field"`
	Old     string   `json:"old"`
	New     string   `json:"new"`
	Added   []string `json:"added,omitempty"`
	Removed []string `json:"removed,omitempty"`
	// Days is how many days later a due date now falls (a date slip); 0 otherwise.
	Days int `json:"days,omitempty"`
}

// ControlChange is a control whose SoA line changed. When its applicability changed, the
// first field is "applicability" (old and new state) and "justification" always follows,
// so that both justifications are at hand.
type ControlChange struct {
	ID     string        `json:"id"`
	Title  string        `json:"title"`
	Fields []FieldChange `json:"fields"`
	// Notes flag what a reviewer should look at: "justification unchanged since it was
	// excluded".
	Notes []string `json:"notes,omitempty"`
}

// Field returns the change to field, if any.
func (c ControlChange) Field(field string) (FieldChange, bool) {
	return findField(c.Fields, field)
}

// The kinds of [RiskChange].
const (
	RiskAdded   = "added"
	RiskRemoved = "removed"
	RiskChanged = "changed"
	// RiskClosed is a risk that stayed in the register with its status changed to closed.
	RiskClosed = "closed"
)

// RiskChange is a risk added to, removed from or changed in the register.
type RiskChange struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Change string `json:"change"` // RiskAdded, RiskRemoved, RiskClosed or RiskChanged
	// Risk is the risk as it is now (added) or as it was (removed).
	Risk *RiskJSON `json:"risk,omitempty"`
	// Inherent, Residual and Current are set when the scores or levels changed; Current is
	// the rating today (the residual where no current rating is given).
	Inherent *ScoreChange `json:"inherent,omitempty"`
	Residual *ScoreChange `json:"residual,omitempty"`
	Current  *ScoreChange `json:"current,omitempty"`
	// Fields are the other changes: "title", "description", "owner", "treatment.option",
	// "treatment.controls", "treatment.plan", "treatment.due", "treatment.done_on",
	// "treatment.approved_on", "treatment.approved_by", "accepted_by", "accepted_on", and for
	// a risk closed "status", "closed_on", "closed_reason".
	Fields []FieldChange `json:"fields,omitempty"`
	// Notes flag what a reviewer should look at: an acceptance older than a higher score, a
	// residual lowered while the treatment's due date moved later, an acceptance that lapsed.
	Notes []string `json:"notes,omitempty"`
}

// Field returns the change to field, if any.
func (r RiskChange) Field(field string) (FieldChange, bool) {
	return findField(r.Fields, field)
}

// Rescored reports whether the inherent or residual rating changed.
func (r RiskChange) Rescored() bool {
	return r.Inherent != nil || r.Residual != nil || r.Current != nil
}

// Retreated reports whether the treatment (option, controls, plan or due date) changed.
func (r RiskChange) Retreated() bool {
	return slices.ContainsFunc(r.Fields, func(f FieldChange) bool { return slices.Contains(treatmentFields, f.Field) })
}

// Done reports whether the treatment was recorded as completed in this change.
func (r RiskChange) Done() bool {
	f, ok := r.Field("treatment.done_on")
	return ok && f.New != ""
}

// Score is a rating with its score and level.
type Score struct {
	Likelihood int    `json:"likelihood"`
	Impact     int    `json:"impact"`
	Score      int    `json:"score"`
	Level      string `json:"level"`
}

// String gives the score as "3×5 = 15 High".
func (s Score) String() string {
	out := fmt.Sprintf("%d×%d = %d", s.Likelihood, s.Impact, s.Score)
	if s.Level != "" {
		out += " " + s.Level
	}
	return out
}

// ScoreChange is a changed rating.
type ScoreChange struct {
	Old Score `json:"old"`
	New Score `json:"new"`
}

// LevelChanged reports whether the level moved, not only the score.
func (c ScoreChange) LevelChanged() bool { return c.Old.Level != c.New.Level }

func findField(fields []FieldChange, field string) (FieldChange, bool) {
	for _, f := range fields {
		if f.Field == field {
			return f, true
		}
	}
	return FieldChange{}, false
}

// Empty reports whether nothing changed.
func (c *Changes) Empty() bool {
	return len(c.Controls) == 0 && len(c.Risks) == 0 && len(c.Document) == 0
}

// Compare works out what changed from old to new. Only the content of the SoA counts: the
// output date and the fingerprint do not (a reformatted file is no change).
func Compare(old, new *JSON) *Changes {
	c := &Changes{
		Old:      VersionRef{Version: old.Document.Version, Date: versionDate(old), Fingerprint: old.Fingerprint},
		New:      VersionRef{Version: new.Document.Version, Date: versionDate(new), Fingerprint: new.Fingerprint},
		Controls: []ControlChange{}, Risks: []RiskChange{}, Document: []FieldChange{},
	}
	c.compareControls(slices.Concat(old.Controls, old.Additional), slices.Concat(new.Controls, new.Additional))
	c.compareRisks(old, new)
	c.compareDocument(old, new)
	c.count()
	c.Summary = c.summary()
	return c
}

// CompareSides compares two sides, as [Compare] does, naming each by its source and commit.
func CompareSides(old, new *Side) *Changes {
	c := Compare(old.JSON, new.JSON)
	c.Old.Source, c.Old.Commit = old.Ref.Source, old.Ref.Commit
	c.New.Source, c.New.Commit = new.Ref.Source, new.Ref.Commit
	return c
}

// CompareRelease works out what a release records (soa release): the changes from the previous
// release old to the workspace new as it will be at version next. The release removes the
// approval anyway, so only the content counts: the new side takes next as its version and
// the old side's status and approval.
func CompareRelease(old, new *JSON, next string) *Changes {
	n := *new
	n.Document.Version = next
	n.Document.Status, n.Document.ApprovedBy, n.Document.ApprovedOn = old.Document.Status, old.Document.ApprovedBy, old.Document.ApprovedOn
	return Compare(old, &n)
}

// controlState says whether a control of soa.json is applicable, excluded or undecided (the
// applicability of an "applicability" [FieldChange]): its state as soa.json gives it. A
// soa.json written before the state was recorded has none: there a control that is not
// applicable and has no justification was not decided (a valid SoA has none).
func controlState(c ControlJSON) string {
	switch {
	case c.State != "":
		return c.State
	case c.Applicable:
		return soa.StateApplicable
	case c.Justification != "":
		return soa.StateExcluded
	}
	return soa.StateUndecided
}

func (c *Changes) compareControls(old, new []ControlJSON) {
	byID := func(list []ControlJSON) map[string]ControlJSON {
		m := map[string]ControlJSON{}
		for _, x := range list {
			m[x.ID] = x
		}
		return m
	}
	om, nm := byID(old), byID(new)
	var ids []string
	for _, ctl := range annexa.All() {
		ids = append(ids, ctl.ID.String())
	}
	for _, list := range [][]ControlJSON{new, old} { // anything not in the catalogue, last
		for _, x := range list {
			if !slices.Contains(ids, x.ID) {
				ids = append(ids, x.ID)
			}
		}
	}
	for _, id := range ids {
		o, okO := om[id]
		n, okN := nm[id]
		if !okO && !okN {
			continue
		}
		title := n.Title
		if !okN {
			title = o.Title
		}
		var f []FieldChange
		so, sn := controlState(o), controlState(n)
		if !okO {
			so = soa.StateUndecided
		}
		if !okN {
			sn = soa.StateUndecided
		}
		var notes []string
		if so != sn {
			f = append(f, FieldChange{Field: "applicability", Old: so, New: sn},
				FieldChange{Field: "justification", Old: o.Justification, New: n.Justification})
			if okO && okN && so != soa.StateUndecided && sn != soa.StateUndecided && o.Justification != "" && o.Justification == n.Justification {
				notes = append(notes, fmt.Sprintf("justification unchanged since it was %s; say why it is %s now", so, sn))
			}
		} else {
			f = addText(f, "justification", o.Justification, n.Justification)
		}
		f = addText(f, "status", o.Status, n.Status)
		f = addText(f, "owner", o.Owner, n.Owner)
		f = addText(f, "provided_by", o.ProvidedBy, n.ProvidedBy)
		f = addText(f, "assurance", o.Assurance, n.Assurance)
		f = addText(f, "implementation", o.Implementation, n.Implementation)
		f = addList(f, "evidence", o.Evidence, n.Evidence)
		// "risk" follows from the selecting risks, reported on their own.
		f = addList(f, "reasons", withoutRisk(o.Reasons), withoutRisk(n.Reasons))
		f = addList(f, "risks", o.Risks, n.Risks)
		f = addDate(f, "due", o.Due, n.Due)
		f = addText(f, "review", o.Review, n.Review)
		if len(f) > 0 {
			c.Controls = append(c.Controls, ControlChange{ID: id, Title: title, Fields: f, Notes: notes})
		}
	}
}

func withoutRisk(reasons []string) []string {
	return slices.DeleteFunc(slices.Clone(reasons), func(r string) bool { return r == workspace.ReasonRisk })
}

func addText(f []FieldChange, field, old, new string) []FieldChange {
	if old == new {
		return f
	}
	return append(f, FieldChange{Field: field, Old: old, New: new})
}

// addDate adds a change of a due date, with the days it moved when it moved later.
func addDate(f []FieldChange, field, old, new string) []FieldChange {
	f = addText(f, field, old, new)
	if len(f) > 0 && f[len(f)-1].Field == field {
		f[len(f)-1].Days = daysLater(old, new)
	}
	return f
}

// daysLater is how many days date new falls after date old (YYYY-MM-DD); 0 when it does
// not, or either is not a date.
func daysLater(old, new string) int {
	o, err1 := time.Parse(time.DateOnly, old)
	n, err2 := time.Parse(time.DateOnly, new)
	if err1 != nil || err2 != nil || !n.After(o) {
		return 0
	}
	return int(n.Sub(o).Hours() / 24)
}

func addList(f []FieldChange, field string, old, new []string) []FieldChange {
	if slices.Equal(old, new) {
		return f
	}
	fc := FieldChange{Field: field, Old: strings.Join(old, "; "), New: strings.Join(new, "; ")}
	// Sets, not slices.Contains: a control's list of risks may hold thousands.
	inOld, inNew := set(old), set(new)
	for _, x := range new {
		if !inOld[x] {
			fc.Added = append(fc.Added, x)
		}
	}
	for _, x := range old {
		if !inNew[x] {
			fc.Removed = append(fc.Removed, x)
		}
	}
	return append(f, fc)
}

func set(list []string) map[string]bool {
	m := make(map[string]bool, len(list))
	for _, x := range list {
		m[x] = true
	}
	return m
}

func (c *Changes) compareRisks(oldJ, newJ *JSON) {
	old, new := oldJ.Risks, newJ.Risks
	// By ID, the first of duplicates (a soa.json is not checked for them): maps, so that
	// comparing registers of tens of thousands of risks stays linear.
	index := func(list []RiskJSON) map[string]int {
		m := make(map[string]int, len(list))
		for i, r := range list {
			if _, dup := m[r.ID]; !dup {
				m[r.ID] = i
			}
		}
		return m
	}
	oldIndex, newIndex := index(old), index(new)
	for _, n := range new {
		if _, ok := oldIndex[n.ID]; !ok {
			r := n
			c.Risks = append(c.Risks, RiskChange{ID: n.ID, Title: n.Title, Change: RiskAdded, Risk: &r})
		}
	}
	for _, o := range old {
		if _, ok := newIndex[o.ID]; !ok {
			r := o
			c.Risks = append(c.Risks, RiskChange{ID: o.ID, Title: o.Title, Change: RiskRemoved, Risk: &r})
		}
	}
	for _, n := range new {
		i, ok := oldIndex[n.ID]
		if !ok {
			continue
		}
		o := old[i]
		rc := RiskChange{ID: n.ID, Title: n.Title, Change: RiskChanged}
		if n.Closed() && !o.Closed() {
			rc.Change = RiskClosed
		}
		oi := Score{o.Likelihood, o.Impact, o.Score, o.Level}
		ni := Score{n.Likelihood, n.Impact, n.Score, n.Level}
		if oi != ni {
			rc.Inherent = &ScoreChange{oi, ni}
		}
		or := Score{o.ResidualLikelihood, o.ResidualImpact, o.ResidualScore, o.ResidualLevel}
		nr := Score{n.ResidualLikelihood, n.ResidualImpact, n.ResidualScore, n.ResidualLevel}
		if or != nr {
			rc.Residual = &ScoreChange{or, nr}
		}
		// A side without a current rating has no rating of today apart from its target.
		if oc, nc := o.current(), n.current(); oc != nc && o.CurrentScore != 0 && n.CurrentScore != 0 {
			rc.Current = &ScoreChange{oc, nc}
		}
		f := addText(nil, "title", o.Title, n.Title)
		f = addText(f, "description", o.Description, n.Description)
		f = addText(f, "asset", o.Asset, n.Asset)
		f = addText(f, "threat", o.Threat, n.Threat)
		f = addText(f, "vulnerability", o.Vulnerability, n.Vulnerability)
		f = addText(f, "owner", o.Owner, n.Owner)
		f = addText(f, "treatment.option", o.Treatment.Option, n.Treatment.Option)
		f = addList(f, "treatment.controls", o.Treatment.Controls, n.Treatment.Controls)
		f = addText(f, "treatment.plan", o.Treatment.Plan, n.Treatment.Plan)
		f = addDate(f, "treatment.due", o.Treatment.Due, n.Treatment.Due)
		f = addText(f, "treatment.done_on", o.Treatment.DoneOn, n.Treatment.DoneOn)
		f = addText(f, "treatment.approved_on", o.Treatment.ApprovedOn, n.Treatment.ApprovedOn)
		f = addText(f, "treatment.approved_by", o.Treatment.ApprovedBy, n.Treatment.ApprovedBy)
		f = addText(f, "accepted_by", o.AcceptedBy, n.AcceptedBy)
		f = addText(f, "accepted_on", o.AcceptedOn, n.AcceptedOn)
		f = addText(f, "status", riskStatus(o), riskStatus(n))
		f = addText(f, "closed_on", o.ClosedOn, n.ClosedOn)
		f = addText(f, "closed_reason", o.ClosedReason, n.ClosedReason)
		rc.Fields = f
		if rc.Residual != nil && rc.Residual.New.Score > rc.Residual.Old.Score && n.AcceptedOn != "" && n.AcceptedOn == o.AcceptedOn && !n.Closed() {
			rc.Notes = append(rc.Notes, fmt.Sprintf("re-scored from %d to %d; its acceptance of %s predates the change — re-accept",
				rc.Residual.Old.Score, rc.Residual.New.Score, n.AcceptedOn))
		}
		if due, ok := rc.Field("treatment.due"); ok && due.Days > 0 && n.ResidualScore < o.ResidualScore {
			rc.Notes = append(rc.Notes, fmt.Sprintf("residual lowered from %d to %d while the treatment's due date moved %d days later (%s → %s): the target is not reached yet — check the current rating",
				o.ResidualScore, n.ResidualScore, due.Days, due.Old, due.New))
		}
		if o.AcceptedBy != "" && n.AcceptedBy == "" && !n.Closed() {
			switch a := newJ.Method.Acceptance; {
			case n.ResidualScore <= a && n.current().Score > a:
				rc.Notes = append(rc.Notes, fmt.Sprintf("acceptance lapsed: the target residual score %d is within the criteria (≤ %d), but the current score %d is above them until the treatment is done",
					n.ResidualScore, a, n.current().Score))
			case n.ResidualScore <= a:
				rc.Notes = append(rc.Notes, fmt.Sprintf("acceptance no longer needed: the residual score %d is within the criteria (≤ %d); not a revocation",
					n.ResidualScore, a))
			default:
				rc.Notes = append(rc.Notes, fmt.Sprintf("acceptance withdrawn although the residual score %d is above the criteria (≤ %d)",
					n.ResidualScore, newJ.Method.Acceptance))
			}
		}
		if rc.Rescored() || len(f) > 0 {
			c.Risks = append(c.Risks, rc)
		}
	}
}

// riskStatus is the risk's status; a soa.json of an earlier build has none: open.
func riskStatus(r RiskJSON) string {
	if r.Status == "" {
		return risk.StatusOpen
	}
	return r.Status
}

func (c *Changes) compareDocument(old, new *JSON) {
	o, n := old.Document, new.Document
	f := addText(c.Document, "version", o.Version, n.Version)
	f = addText(f, "status", o.Status, n.Status)
	f = addText(f, "approved_by", o.ApprovedBy, n.ApprovedBy)
	f = addText(f, "approved_on", o.ApprovedOn, n.ApprovedOn)
	f = addText(f, "owner", o.Owner, n.Owner)
	f = addText(f, "scope", o.Scope, n.Scope)
	f = addText(f, "next_review", o.NextReview, n.NextReview)
	f = addText(f, "classification", o.Classification, n.Classification)
	f = addText(f, "id", o.ID, n.ID)
	f = addText(f, "title", o.Title, n.Title)
	f = addText(f, "organization", o.Organization, n.Organization)
	f = addText(f, "prepared_by", o.PreparedBy, n.PreparedBy)
	f = addText(f, "reviewed_by", o.ReviewedBy, n.ReviewedBy)
	f = addText(f, "risk_assessment", o.RiskAssessment, n.RiskAssessment)
	f = addList(f, "history", revisions(o.History), revisions(n.History))
	f = addText(f, "risk_method", methodString(old.Method), methodString(new.Method))
	c.Document = f
}

func revisions(h []RevisionJSON) []string {
	var out []string
	for _, r := range h {
		out = append(out, fmt.Sprintf("%s (%s, %s): %s", r.Version, r.Date, r.Author, r.Changes))
	}
	return out
}

func methodString(m MethodJSON) string {
	var lv []string
	for _, l := range m.Levels {
		lv = append(lv, fmt.Sprintf("%s ≤ %d", l.Name, l.Max))
	}
	return fmt.Sprintf("likelihood %s; impact %s; levels %s; acceptance ≤ %d",
		strings.Join(m.Likelihood, ", "), strings.Join(m.Impact, ", "), strings.Join(lv, ", "), m.Acceptance)
}

func (c *Changes) count() {
	k := ChangeCounts{NewlyApplicable: []string{}, NewlyExcluded: []string{}, RisksAdded: []string{},
		RisksRemoved: []string{}, RisksClosed: []string{}, TreatmentsDone: []string{}, DocumentFields: []string{}}
	for _, cc := range c.Controls {
		if a, ok := cc.Field("applicability"); ok {
			switch a.New {
			case soa.StateApplicable:
				k.NewlyApplicable = append(k.NewlyApplicable, cc.ID)
			case soa.StateExcluded:
				k.NewlyExcluded = append(k.NewlyExcluded, cc.ID)
			}
			continue
		}
		if _, ok := cc.Field("status"); ok {
			k.StatusChanges++
		}
		if f, ok := cc.Field("due"); ok && f.Days > 0 {
			k.DateSlips++
		}
		if slices.ContainsFunc(cc.Fields, func(f FieldChange) bool { return slices.Contains(rollOverFields, f.Field) }) {
			k.RollOvers++
		}
		if _, ok := cc.Field("risks"); ok {
			k.SelectingRisksChanged++
		}
		if len(withoutSlip(pickFields(cc.Fields, otherControlFields))) > 0 {
			k.OtherControlChanges++
		}
	}
	for _, r := range c.Risks {
		switch r.Change {
		case RiskAdded:
			k.RisksAdded = append(k.RisksAdded, r.ID)
		case RiskRemoved:
			k.RisksRemoved = append(k.RisksRemoved, r.ID)
		case RiskClosed:
			k.RisksClosed = append(k.RisksClosed, r.ID)
		default:
			if r.Done() {
				k.TreatmentsDone = append(k.TreatmentsDone, r.ID)
			}
			if r.Rescored() {
				k.RisksRescored++
			}
			if len(withoutSlip(pickFields(r.Fields, treatmentFields))) > 0 {
				k.RisksRetreated++
			}
			if f, ok := r.Field("treatment.due"); ok && f.Days > 0 {
				k.DateSlips++
			}
			if _, ok := r.Field("owner"); ok {
				k.RiskOwnersChanged++
			}
		}
	}
	for _, f := range c.Document {
		k.DocumentFields = append(k.DocumentFields, f.Field)
	}
	c.Counts = k
}

// summary is the one-paragraph account of the changes. The version is the lead ("Version
// 1.1 → 2.0") and the history is left out: both change with every release.
func (c *Changes) summary() string {
	lead := fmt.Sprintf("Version %s → %s", orNone(c.Old.Version), orNone(c.New.Version))
	if c.Old.Version == c.New.Version {
		lead = fmt.Sprintf("Version %s (unchanged)", orNone(c.New.Version))
	}
	if c.Empty() {
		return lead + ": no differences."
	}
	k := c.Counts
	ids := func(list []string) string {
		if len(list) == 0 || len(list) > 3 {
			return ""
		}
		return " (" + strings.Join(list, ", ") + ")"
	}
	controls := "no control changes"
	if len(c.Controls) > 0 {
		controls = fmt.Sprintf("%s newly applicable%s, %d excluded%s, %s, %s, %d with changed selecting risks, %d with evidence or review dates rolled over",
			text.Plural(len(k.NewlyApplicable), "control"), ids(k.NewlyApplicable), len(k.NewlyExcluded), ids(k.NewlyExcluded),
			text.Plural(k.StatusChanges, "status change"), text.Plural(k.OtherControlChanges, "other control change"),
			k.SelectingRisksChanged, k.RollOvers)
	}
	risks := "no risk changes"
	if len(c.Risks) > 0 {
		closed := ""
		if len(k.RisksClosed) > 0 {
			closed = fmt.Sprintf(", %d closed%s", len(k.RisksClosed), ids(k.RisksClosed))
		}
		risks = fmt.Sprintf("%s added%s, %d removed%s%s, %d re-scored, %d re-treated, %s",
			text.Plural(len(k.RisksAdded), "risk"), ids(k.RisksAdded), len(k.RisksRemoved), ids(k.RisksRemoved), closed,
			k.RisksRescored, k.RisksRetreated, text.Plural(k.RiskOwnersChanged, "owner change"))
		if len(k.TreatmentsDone) > 0 {
			risks += fmt.Sprintf(", %s completed%s", text.Plural(len(k.TreatmentsDone), "treatment"), ids(k.TreatmentsDone))
		}
	}
	out := lead + ": " + controls + "; " + risks
	if k.DateSlips > 0 {
		out += "; " + text.Plural(k.DateSlips, "date slip") + " (due dates moved later)"
	}
	var doc []string
	for _, f := range k.DocumentFields {
		switch f {
		case "version", "history":
		case "status", "approved_by", "approved_on":
			if !slices.Contains(doc, "approval") {
				doc = append(doc, "approval")
			}
		default:
			doc = append(doc, strings.ReplaceAll(f, "_", " "))
		}
	}
	if len(doc) > 0 {
		out += "; document " + text.JoinAnd(doc) + " changed"
	}
	return out + "."
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

// WriteJSON writes the changes as indented JSON with a final newline.
func (c *Changes) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(c)
}

// listDelta gives a list change as "+ A, + B, - C".
func listDelta(f FieldChange) string {
	var parts []string
	for _, a := range f.Added {
		parts = append(parts, "+ "+a)
	}
	for _, r := range f.Removed {
		parts = append(parts, "- "+r)
	}
	if len(parts) == 0 { // same items, new order
		return orNone(f.Old) + " → " + orNone(f.New)
	}
	return strings.Join(parts, ", ")
}

// short is the length up to which a change is printed on one line as "old → new".
const short = 40

func isShort(f FieldChange) bool {
	return len(f.Old) <= short && len(f.New) <= short && !strings.Contains(f.Old+f.New, "\n")
}

// fieldLabel names a field in soa diff's text and Markdown: its name in soa.json, the
// treatment's without "treatment.".
func fieldLabel(f string) string {
	if f == "treatment.approved_on" || f == "treatment.approved_by" {
		return "plan_" + strings.TrimPrefix(f, "treatment.")
	}
	return strings.TrimPrefix(f, "treatment.")
}

// itemLayout is how soa diff prints an item of a [ChangeGroup]: a heading ("A.5.7 Threat
// intelligence", none for the document) with an optional short change on the same line, then
// notes and field changes below it.
type itemLayout struct {
	head, inline string
	notes        []string
	fields       []FieldChange
}

// layout puts a group's one change (a status, an owner, the selecting risks) and a change of
// applicability on the item's line, and a risk added or removed in two lines of notes.
func layout(g ChangeGroup, it ChangeItem) itemLayout {
	var flags []string
	it.Fields = slices.DeleteFunc(slices.Clone(it.Fields), func(f FieldChange) bool {
		if f.Field == FieldNote {
			flags = append(flags, "note: "+f.New)
			return true
		}
		return false
	})
	l := layout1(g, it)
	l.notes = append(flags, l.notes...)
	return l
}

func layout1(g ChangeGroup, it ChangeItem) itemLayout {
	l := itemLayout{fields: it.Fields}
	if it.ID != "" {
		l.head = it.ID + " " + it.Title
	}
	switch {
	case g.Change != "":
		l.notes, l.fields = wholeNotes(g.Change, it), nil
	case it.Inherent != nil || it.Residual != nil || it.Current != nil:
		l.notes, l.fields = scoreNotes(it), nil
	case g.Field == "treatment.done_on" && len(it.Fields) == 1:
		l.inline, l.fields = "done on "+it.Fields[0].New, nil
	case g.Field != "" && len(it.Fields) == 1:
		if f := it.Fields[0]; len(f.Added)+len(f.Removed) > 0 {
			l.inline = listDelta(f)
		} else {
			old, new := inlineSides(f)
			l.inline = old + " → " + new
		}
		l.fields = nil
	case len(it.Fields) > 0 && it.Fields[0].Field == "applicability":
		l.inline, l.fields = it.Fields[0].Old+" → "+it.Fields[0].New, it.Fields[1:]
	}
	return l
}

// inlineSides gives the sides of a group's one change: statuses titled ("Partial"), other
// values as they are.
func inlineSides(f FieldChange) (old, new string) {
	if f.Field == "status" {
		return label.Status(f.Old), label.Status(f.New)
	}
	if f.Days > 0 {
		return orNone(f.Old), fmt.Sprintf("%s (%s later)", f.New, text.Plural(f.Days, "day"))
	}
	return orNone(f.Old), orNone(f.New)
}

// wholeNotes describes a risk added or removed from the fields [Changes.Groups] gives it:
// "inherent 3×5 = 15 High, residual 2×4 = 8 Medium; owner CTO" and "treatment modify: A.8.32".
func wholeNotes(change string, it ChangeItem) []string {
	if len(it.Fields) == 0 { // an old soa.json without the risk's details
		return nil
	}
	side := func(field string) string {
		f, _ := it.Field(field)
		if change == RiskRemoved {
			return f.Old
		}
		return f.New
	}
	return []string{
		fmt.Sprintf("inherent %s, residual %s; owner %s", side("inherent"), side("residual"), orNone(side("owner"))),
		"treatment " + orNone(side("treatment")),
	}
}

// scoreNotes gives the ratings of a risk re-scored, with the levels when they moved:
// "inherent: 3×5 = 15 High → 4×5 = 20 Critical (level High → Critical)".
func scoreNotes(it ChangeItem) []string {
	var notes []string
	for _, s := range []struct {
		name string
		c    *ScoreChange
	}{{"inherent", it.Inherent}, {"residual", it.Residual}, {"current", it.Current}} {
		if s.c == nil {
			continue
		}
		n := fmt.Sprintf("%s: %s → %s", s.name, s.c.Old, s.c.New)
		if s.c.LevelChanged() {
			n += " (level " + orNone(s.c.Old.Level) + " → " + orNone(s.c.New.Level) + ")"
		}
		notes = append(notes, n)
	}
	return notes
}

// WriteText writes the changes for a terminal: the summary, then each group of
// [Changes.Groups].
func (c *Changes) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Changes from %s to %s\n\n", c.Old, c.New)
	fmt.Fprintf(&b, "%s\n", c.Summary)
	for _, g := range c.Groups() {
		fmt.Fprintf(&b, "\n%s\n", g.Title)
		for _, it := range g.Items {
			l := layout(g, it)
			ind := "  "
			if l.head != "" {
				fmt.Fprintf(&b, "  %s", l.head)
				if l.inline != "" {
					fmt.Fprintf(&b, ": %s", l.inline)
				}
				b.WriteString("\n")
				ind = "    "
			}
			for _, n := range l.notes {
				fmt.Fprintf(&b, "%s%s\n", ind, n)
			}
			for _, f := range l.fields {
				writeFieldText(&b, ind, f)
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func writeFieldText(b *strings.Builder, ind string, f FieldChange) {
	label := fieldLabel(f.Field)
	switch {
	case len(f.Added)+len(f.Removed) > 0:
		fmt.Fprintf(b, "%s%s:\n", ind, label)
		for _, a := range f.Added {
			fmt.Fprintf(b, "%s  + %s\n", ind, a)
		}
		for _, r := range f.Removed {
			fmt.Fprintf(b, "%s  - %s\n", ind, r)
		}
	case isShort(f):
		fmt.Fprintf(b, "%s%s: %s → %s\n", ind, label, orNone(f.Old), orNone(f.New))
	default:
		fmt.Fprintf(b, "%s%s:\n%s  was: %s\n%s  now: %s\n", ind, label, ind, text.OneLine(orNone(f.Old)), ind, text.OneLine(orNone(f.New)))
	}
}

// String names the side as the outputs' titles do: "examples/acme-saas-2025, version 1.1",
// with the commit of a git: side; "no version" for a side without one.
func (r VersionRef) String() string {
	s := r.Source
	if r.Commit != "" {
		s += " (commit " + r.Commit[:min(12, len(r.Commit))] + ")"
	}
	v := "version " + r.Version
	if r.Version == "" {
		v = "no version"
	}
	if s == "" {
		return v
	}
	return s + ", " + v
}

// WriteMarkdown writes the changes as Markdown: a heading per group of [Changes.Groups],
// status and risk owner changes as a table, the rest as lists.
func (c *Changes) WriteMarkdown(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Changes from %s to %s\n\n", text.Markdown(c.Old.String()), text.Markdown(c.New.String()))
	fmt.Fprintf(&b, "%s\n", text.Markdown(c.Summary))
	for _, g := range c.Groups() {
		fmt.Fprintf(&b, "\n## %s\n\n", g.Title)
		if g.Field == "status" || g.Field == "owner" {
			fmt.Fprintf(&b, "| %s | Was | Now |\n|---|---|---|\n", g.Subject)
			for _, it := range g.Items {
				old, new := inlineSides(it.Fields[0])
				fmt.Fprintf(&b, "| %s | %s | %s |\n", text.MarkdownCell(it.ID+" "+it.Title), text.MarkdownCell(old), text.MarkdownCell(new))
			}
			continue
		}
		for _, it := range g.Items {
			l := layout(g, it)
			ind := ""
			if l.head != "" {
				fmt.Fprintf(&b, "- **%s**", text.Markdown(l.head))
				if l.inline != "" {
					fmt.Fprintf(&b, ": %s", text.Markdown(l.inline))
				}
				b.WriteString("\n")
				ind = "  "
			}
			for _, n := range l.notes {
				fmt.Fprintf(&b, "%s- %s\n", ind, text.Markdown(n))
			}
			for _, f := range l.fields {
				label := fieldLabel(f.Field)
				switch {
				case len(f.Added)+len(f.Removed) > 0:
					fmt.Fprintf(&b, "%s- %s:", ind, label)
					var parts []string
					for _, a := range f.Added {
						parts = append(parts, "added "+text.Markdown(a))
					}
					for _, r := range f.Removed {
						parts = append(parts, "removed "+text.Markdown(r))
					}
					fmt.Fprintf(&b, " %s\n", strings.Join(parts, "; "))
				case isShort(f):
					fmt.Fprintf(&b, "%s- %s: %s → %s\n", ind, label, text.Markdown(orNone(f.Old)), text.Markdown(orNone(f.New)))
				default:
					fmt.Fprintf(&b, "%s- %s:\n%s  - was: %s\n%s  - now: %s\n", ind, label, ind,
						text.Markdown(text.OneLine(orNone(f.Old))), ind, text.Markdown(text.OneLine(orNone(f.New))))
				}
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
