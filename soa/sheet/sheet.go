// Package sheet gives the SoA as rows of text: the columns of the workbook's "Statement of
// Applicability" sheet and of soa.csv, the cells of each control, and soa.csv itself; and the
// tables the PDF, HTML and Markdown documents share (sign-off, counts, risk scales, the risk
// treatment plan). The formats take their columns and wording from here, in the document's
// language, so they always agree. It reads package soa's model and soa/label's wording and
// decides nothing itself.
package sheet

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/soa-tool/soa/annexa"
	"github.com/soa-tool/soa/risk"
	"github.com/soa-tool/soa/soa"
	"github.com/soa-tool/soa/soa/label"
	"github.com/soa-tool/soa/soa/table"
	"github.com/soa-tool/soa/soa/text"
	"github.com/soa-tool/soa/soa/workspace"
)

// Columns are the columns of the SoA sheet of the workbook and of soa.csv, as labels. The
// columns a reader needs on paper come first (the workbook prints them); the secondary ones
// (related risks, target date, the supplier that provides the control and what assures it,
// the decision's review date, theme, new in 2022, the 2013 reference, SOC 2, the source:
// "Annex A" or an additional control's own) follow.
var Columns = []label.Key{label.ID, label.Control, label.Applicable, label.Reasons, label.Justification,
	label.StatusCol, label.Implementation, label.Owner, label.Evidence,
	label.RelatedRisks, label.TargetDate, label.ProvidedByCol, label.AssuranceCol, label.DecisionReviewCol,
	label.ThemeCol, label.NewIn2022, label.Ref2013, label.SOC2, label.SourceCol}

// Printed is the number of leading [Columns] the workbook prints.
const Printed = 9

// Header gives the column headings in the language l.
func Header(l *label.Lang) []string {
	out := make([]string, len(Columns))
	for i, k := range Columns {
		out[i] = l.T(k)
	}
	return out
}

// Index gives the index of the column k in [Columns], or -1.
func Index(k label.Key) int {
	for i, c := range Columns {
		if c == k {
			return i
		}
	}
	return -1
}

// Cells gives the entry's values in the order of [Columns], worded in l. Reasons read as in
// the PDF ("Contractual, business"); other lists are joined with "; ". An additional control
// has theme "Additional", its own source, and no "new in 2022", 2013 or SOC 2 references.
func Cells(l *label.Lang, e soa.Entry) []string {
	source, isNew := l.T(label.AnnexA), l.YesNo(e.Control.New)
	if e.IsAdditional() {
		source, isNew = e.Source, ""
	}
	return []string{e.ID(), e.Control.Title, l.YesNo(e.Applicable), l.Reasons(e.Reasons),
		e.JustificationIn(l), l.Status(e.Status), e.Implementation, e.Owner, strings.Join(e.Evidence, "; "),
		strings.Join(e.Risks, "; "), l.Date(e.Due), e.ProvidedBy, e.Assurance, l.Date(e.Review),
		l.Theme(e.Control.Theme), isNew, strings.Join(e.Control.ISO2013, "; "), strings.Join(e.SOC2, "; "), source}
}

// Applicable words a control's applicability as the documents show it: "Yes", "Yes,
// inherited" when a supplier provides it, "No", or not decided.
func Applicable(l *label.Lang, e soa.Entry) string {
	switch {
	case !e.Decided:
		return l.State(soa.StateUndecided)
	case !e.Applicable:
		return l.T(label.No)
	case e.ProvidedBy != "":
		return l.T(label.YesInherited)
	}
	return l.T(label.Yes)
}

// CSVOptions steer soa.csv.
type CSVOptions struct {
	// Comma is the field delimiter; ',' when zero. Excel in German or French locales
	// expects ';'.
	Comma rune
}

// WriteCSV writes soa.csv: a UTF-8 byte order mark (so that Excel and LibreOffice read it
// as UTF-8 when it is opened by double-click), then the columns of the SoA sheet in the
// document's language, one row per control, the additional controls after the 93. Cells that
// a spreadsheet would take for a formula are prefixed with a single quote.
func WriteCSV(w io.Writer, s *soa.SoA, opt CSVOptions) error {
	l := label.For(s.Document.Language)
	t := table.Table{Header: Header(l)}
	for _, e := range s.All() {
		t.Rows = append(t.Rows, Cells(l, e))
	}
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	return t.CSVComma(w, opt.Comma)
}

// SignOff gives the rows of the sign-off table (a heading row first): who prepared,
// reviewed and approved, with roles and dates; "pending" where nobody is recorded.
func SignOff(l *label.Lang, d workspace.Document) [][]string {
	rows := [][]string{{l.T(label.Step), l.T(label.Name), l.T(label.Role), l.T(label.DateCol), l.T(label.Signature)}}
	name := func(s string) string {
		if s == "" {
			return l.T(label.Pending)
		}
		return s
	}
	rows = append(rows, []string{l.T(label.PreparedBy), name(d.PreparedBy), "", "", ""},
		[]string{l.T(label.ReviewedBy), name(d.ReviewedBy), "", "", ""})
	if len(d.Approvals) == 0 {
		rows = append(rows, []string{l.T(label.ApprovedBy), name(""), "", "", ""})
	}
	for _, a := range d.Approvals {
		rows = append(rows, []string{l.T(label.ApprovedBy), a.By, a.Role, l.Date(a.On), ""})
	}
	return rows
}

// Counts gives the rows of the summary's table of counts (a heading row first): controls,
// applicable, excluded and each status, per theme, for the additional controls when there
// are some, and for all controls last.
func Counts(l *label.Lang, s *soa.SoA) [][]string {
	head := []string{l.T(label.ThemeCol), l.T(label.Controls), l.T(label.Applicable), l.T(label.Excluded)}
	for _, st := range workspace.Statuses {
		head = append(head, l.Status(st))
	}
	row := func(name string, c soa.Counts) []string {
		r := []string{name, strconv.Itoa(c.Total), strconv.Itoa(c.Applicable), strconv.Itoa(c.Excluded)}
		for _, st := range workspace.Statuses {
			r = append(r, strconv.Itoa(c.ByStatus[st]))
		}
		return r
	}
	rows := [][]string{head}
	for _, th := range annexa.Themes {
		rows = append(rows, row(l.ThemeTitle(th), s.Summary.ByTheme[th]))
	}
	if s.Summary.Additional.Total > 0 {
		rows = append(rows, row(l.ThemeTitle(soa.ThemeAdditional), s.Summary.Additional))
	}
	return append(rows, row(l.T(label.AllControls), s.Summary.Combined()))
}

// Scales gives the table of what each likelihood and impact level means (a heading row
// first), or nil when the risk method describes neither.
func Scales(l *label.Lang, s *soa.SoA) [][]string {
	lk, im := s.Method.Scales()
	if lk == nil {
		return nil
	}
	rows := [][]string{{l.T(label.Level), l.T(label.Likelihood), l.T(label.WhatItMeans), l.T(label.Impact), l.T(label.WhatItMeans)}}
	for i := range max(len(lk), len(im)) {
		r := []string{strconv.Itoa(i + 1), "", "", "", ""}
		if i < len(lk) {
			r[1], r[2] = lk[i].Name, text.OrDash(lk[i].Description)
		}
		if i < len(im) {
			r[3], r[4] = im[i].Name, text.OrDash(im[i].Description)
		}
		rows = append(rows, r)
	}
	return rows
}

// Register gives the risk treatment plan as the HTML and Markdown documents show it, with the
// PDF's columns: a heading row, then one row per risk, a cell's lines separated by "\n". The
// risk cell holds the title, then the description, asset, threat, vulnerability and a closure;
// Current is there when a risk gives a current rating; Due says "Done DATE" for a completed
// treatment; Acceptance adds the plan's approval.
func Register(l *label.Lang, s *soa.SoA) [][]string {
	current := len(s.Current) > 0
	head := []string{l.T(label.ID), l.T(label.Risk), l.T(label.Owner), l.T(label.Inherent)}
	if current {
		head = append(head, l.T(label.CurrentCol))
	}
	rows := [][]string{append(head, l.T(label.OptionCol), l.T(label.Controls), l.T(label.TreatmentPlan), l.T(label.Due),
		l.T(label.TargetResidual), l.T(label.Acceptance))}
	score := func(r risk.Rating, level string) string {
		return strings.TrimSpace(fmt.Sprintf("%d × %d = %d\n%s", r.Likelihood, r.Impact, r.Score(), level))
	}
	for _, rk := range s.Risks {
		lines := []string{text.OrDash(rk.Title)}
		if rk.Description != "" {
			lines = append(lines, rk.Description)
		}
		for _, kv := range []struct {
			k label.Key
			v string
		}{{label.AssetText, rk.Asset}, {label.ThreatText, rk.Threat}, {label.VulnerabilityText, rk.Vulnerability}} {
			if kv.v != "" {
				lines = append(lines, l.F(kv.k, kv.v))
			}
		}
		if rk.Closed {
			lines = append(lines, l.F(label.ClosedOnText, l.Date(rk.ClosedOn), rk.ClosedReason))
		}
		accept := l.Acceptance(s.AcceptanceOf(rk))
		if !rk.Treatment.ApprovedOn.IsZero() {
			accept += "\n" + l.F(label.PlanApprovedText, rk.PlanApprover(), l.Date(rk.Treatment.ApprovedOn))
		}
		row := []string{rk.ID, strings.Join(lines, "\n"), text.OrDash(rk.Owner), score(rk.Inherent, rk.InherentLevel)}
		if current {
			cur := l.T(label.AsTarget)
			if rk.CurrentGiven {
				cur = score(rk.Current, rk.CurrentLevel)
			}
			row = append(row, cur)
		}
		rows = append(rows, append(row, text.OrDash(l.Option(string(rk.Treatment.Option))), text.OrDash(strings.Join(RiskControls(rk), ", ")),
			text.OrDash(rk.Treatment.Plan), RiskDue(l, rk), score(rk.Residual, rk.ResidualLevel), accept))
	}
	return rows
}

// RiskControls names the controls a risk's treatment selects: the Annex A ones, then those
// beyond it.
func RiskControls(rk soa.RiskEntry) []string {
	var ids []string
	for _, id := range rk.Treatment.Controls {
		ids = append(ids, id.String())
	}
	return append(ids, rk.Treatment.Additional...)
}

// RiskDue is a treatment's due date, "Done DATE" when it was completed, "—" without either.
func RiskDue(l *label.Lang, rk soa.RiskEntry) string {
	if rk.Treatment.Done() {
		return l.F(label.DoneOnText, l.Date(rk.Treatment.DoneOn))
	}
	return text.OrDash(l.Date(rk.Treatment.Due))
}
