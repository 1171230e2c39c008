// Package html renders the SoA as one self-contained web page, soa.html, for wikis and
// intranets: the same sections as the PDF (cover, document control, sign-off, changes,
// summary, the SoA by theme, the risk treatment plan), worded in the document's language.
//
// The page makes no request of its own: the style sheet is inline (with a print style
// sheet), the logo is a data: URL, and there is no script. Every text of the workspace goes
// through html/template, so it is shown as text and never read as markup. The same SoA gives
// the same bytes. Like the other renderers, it holds no rule: every figure comes from the
// derived [soa.SoA].
package html

import (
	_ "embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strings"

	"github.com/soa-tool/soa/annexa"
	"github.com/soa-tool/soa/soa"
	"github.com/soa-tool/soa/soa/label"
	"github.com/soa-tool/soa/soa/sheet"
	"github.com/soa-tool/soa/soa/text"
	"github.com/soa-tool/soa/soa/version"
	"github.com/soa-tool/soa/soa/workspace"
)

//go:embed page.html.tmpl
var pageText string

var page = template.Must(template.New("page").Funcs(template.FuncMap{
	"paras": paragraphs,
}).Parse(pageText))

// Write renders soa.html for s to w, with the changes since a previous version when changes
// is not nil.
func Write(w io.Writer, s *soa.SoA, changes *version.Changes) error {
	v := newView(s, changes)
	var b strings.Builder
	if err := page.Execute(&b, v); err != nil {
		return fmt.Errorf("soa.html: %w", err)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// paragraphs splits text into paragraphs at blank lines, each a list of lines.
func paragraphs(s string) [][]string {
	var out [][]string
	var cur []string
	for _, l := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if strings.TrimSpace(l) == "" {
			if cur != nil {
				out = append(out, cur)
				cur = nil
			}
			continue
		}
		cur = append(cur, strings.TrimSpace(l))
	}
	if cur != nil {
		out = append(out, cur)
	}
	return out
}

// view is what the template shows, every text already worded.
type view struct {
	L           map[string]string
	Lang        string
	Accent      string
	Logo        template.URL
	Title       string
	Org         string
	Draft       bool
	Approval    string
	Doc         workspace.Document
	Keys        [][2]string
	Control     [][2]string
	History     [][]string
	SignOff     [][]string
	Changes     *changesView
	Counts      [][]string
	CountsH     []string
	Heat        []heatView
	Levels      []string
	HeatNote    string
	Excluded    [][]string
	Themes      []themeView
	Intro       string
	Method      string
	Scales      [][]string
	Risks       [][]cellView
	RisksH      []string
	Fingerprint string
}

type changesView struct {
	From, Summary string
	Groups        []changeGroup
}

type changeGroup struct {
	Title string
	Head  []string
	Rows  [][]string
}

type heatView struct {
	Title  string
	Rows   []heatRow
	Impact []string
}

type heatRow struct {
	Likelihood string
	Cells      []heatCell
}

type heatCell struct {
	Count string
	Class string
}

type themeView struct {
	ID, Heading, Counts string
	Head                []string
	Rows                []soaRow
}

type soaRow struct {
	Excluded bool
	Cells    []cellView
}

type cellView struct {
	Main  string
	Paras [][]string
	Notes []string
}

// words are the labels the template uses by name.
var words = map[string]label.Key{
	"SoA": label.SoA, "Standard": label.StandardLine, "Scope": label.ScopeHeading, "Control": label.SecControl,
	"SignOff": label.SecSignOff, "SignOffIntro": label.SignOffIntro, "Summary": label.SecSummary, "ByTheme": label.ByTheme,
	"Excluded": label.SecExcluded, "Appendix": label.Appendix, "Plan": label.SecAppendix, "History": label.RevisionHistory,
	"Fingerprint": label.Fingerprint, "FingerprintIntro": label.FingerprintIntro, "FingerprintCheck": label.FingerprintCheck,
	"Contents": label.Contents, "DraftBody": label.DraftBody, "Levels": label.Levels, "ChangesHeading": label.ChangesHeading,
	"NoneExcluded": label.NoneExcluded, "RegisterEmpty": label.RegisterEmpty, "Likelihood": label.Likelihood, "Impact": label.Impact,
	"PageOf": label.PageOf,
}

func newView(s *soa.SoA, changes *version.Changes) *view {
	d := s.Document
	l := label.For(d.Language)
	v := &view{L: map[string]string{}, Lang: l.Code, Accent: "#17365D", Doc: d, Org: d.Organization, Draft: !d.Approved(), Fingerprint: s.Fingerprint}
	for k, key := range words {
		v.L[k] = l.T(key)
	}
	v.L["SignOffIntro"] = l.F(label.SignOffIntro, d.Version)
	if d.Color != "" {
		v.Accent = d.Color
	}
	if d.LogoData != nil {
		// A data: URL keeps the page self-contained. The loader checked that it is a PNG or
		// JPEG picture; template.URL keeps html/template from replacing it.
		v.Logo = template.URL("data:image/" + d.LogoFormat + ";base64," + base64.StdEncoding.EncodeToString(d.LogoData))
	}
	v.Title = l.DocTitle(d.Title)
	if v.Draft {
		v.Approval = l.T(label.DraftBanner)
	} else {
		var lines []string
		for _, a := range d.Approvals {
			lines = append(lines, l.Approved(a.By, a.Role, a.On))
		}
		v.Approval = strings.Join(lines, "; ")
	}
	v.Keys = [][2]string{{l.T(label.DocID), d.ID}, {l.T(label.Version), d.Version}, {l.T(label.Classification), d.Classification},
		{l.T(label.DocOwner), d.Owner}, {l.T(label.DateCol), l.Date(s.Date)}, {l.T(label.NextReview), l.Date(d.NextReview)}}
	status := l.T(label.Approved)
	if v.Draft {
		status = l.T(label.DraftStatus)
	}
	v.Control = [][2]string{{l.T(label.DocID), d.ID}, {l.T(label.Classification), d.Classification}, {l.T(label.Version), d.Version},
		{l.T(label.StatusCol), status}, {l.T(label.Owner), d.Owner}, {l.T(label.NextReview), l.Date(d.NextReview)},
		{l.T(label.ApprovedBy), d.ApprovedBy}, {l.T(label.ApprovedOn), l.Date(d.ApprovedOn)}}
	v.History = append(v.History, []string{l.T(label.Version), l.T(label.DateCol), l.T(label.Author), l.T(label.Changes)})
	for _, h := range d.History {
		v.History = append(v.History, []string{h.Version, l.Date(h.Date), h.Author, h.Changes})
	}
	v.SignOff = sheet.SignOff(l, d)
	if changes != nil {
		v.Changes = newChanges(l, changes)
	}
	v.summary(s, l)
	v.themes(s, l)
	v.risks(s, l)
	return v
}

func newChanges(l *label.Lang, c *version.Changes) *changesView {
	cv := &changesView{From: l.F(label.ChangesFrom, c.Old.String(), c.New.String()), Summary: c.Summary}
	for _, g := range c.Groups() {
		cg := changeGroup{Title: g.Title}
		if g.Subject == "" {
			cg.Head = []string{l.T(label.Field), l.T(label.Old), l.T(label.New)}
			for _, it := range g.Items {
				for _, f := range it.Fields {
					cg.Rows = append(cg.Rows, []string{f.Label(), f.OldText(), f.NewText()})
				}
			}
		} else {
			cg.Head = []string{l.T(label.ID), g.Subject, l.T(label.Change), l.T(label.Old), l.T(label.New)}
			for _, it := range g.Items {
				if len(it.Fields) == 0 {
					cg.Rows = append(cg.Rows, []string{it.ID, it.Title, "—", "—", "—"})
				}
				for _, f := range it.Fields {
					cg.Rows = append(cg.Rows, []string{it.ID, it.Title, f.Label(), f.OldText(), f.NewText()})
				}
			}
		}
		cv.Groups = append(cv.Groups, cg)
	}
	return cv
}

func (v *view) summary(s *soa.SoA, l *label.Lang) {
	counts := sheet.Counts(l, s)
	v.CountsH, v.Counts = counts[0], counts[1:]

	m := s.Method
	if len(m.Likelihood) > 0 && len(m.Impact) > 0 && len(s.Inherent) == len(m.Likelihood) {
		for _, h := range []struct {
			title string
			m     soa.HeatMap
		}{{l.T(label.InherentTitle), s.Inherent}, {l.T(label.CurrentTitle), s.Current}, {l.T(label.ResidualTitle), s.Residual}} {
			if h.m == nil {
				continue // no current ratings
			}
			hv := heatView{Title: h.title, Impact: m.Impact}
			for li := len(m.Likelihood) - 1; li >= 0; li-- {
				hr := heatRow{Likelihood: m.Likelihood[li]}
				for i := range m.Impact {
					c := h.m[li][i]
					hc := heatCell{Class: levelClass(c.Rank, len(m.Levels))}
					if c.Count > 0 {
						hc.Count = fmt.Sprint(c.Count)
					}
					hr.Cells = append(hr.Cells, hc)
				}
				hv.Rows = append(hv.Rows, hr)
			}
			v.Heat = append(v.Heat, hv)
		}
		for _, r := range m.Ranges() {
			v.Levels = append(v.Levels, fmt.Sprintf("%s (%d–%d)", r.Name, r.Min, r.Max))
		}
	}
	v.HeatNote = l.F(label.HeatNote, len(s.Risks), m.Acceptance)
	v.L["ExcludedN"] = l.F(label.ExcludedN, len(s.Excluded()))
	v.Excluded = [][]string{{l.T(label.ID), l.T(label.Control), l.T(label.ExclusionJustification)}}
	for _, e := range s.Excluded() {
		v.Excluded = append(v.Excluded, []string{e.ID(), e.Control.Title, e.JustificationIn(l)})
	}
}

// levelClass is the CSS class of a risk level: l0 (lowest) to l3 (highest), spread as the
// PDF spreads its four colours.
func levelClass(rank, n int) string {
	switch {
	case rank < 0 || rank >= n:
		return ""
	case n == 1:
		return "l0"
	}
	return fmt.Sprintf("l%d", rank*3/(n-1))
}

func (v *view) themes(s *soa.SoA, l *label.Lang) {
	var reasons []string
	reasons = append(reasons, workspace.Reasons...)
	v.Intro = l.F(label.SoAIntro, l.Reasons(append(reasons, workspace.ReasonRisk)))
	head := []string{l.T(label.ID), l.T(label.Control), l.T(label.Applicable), l.T(label.ReasonsAndRisks),
		l.T(label.Justification), l.T(label.StatusCol), l.T(label.Owner), l.T(label.ImplementationEvidence)}
	for i, th := range annexa.Themes {
		c := s.Summary.ByTheme[th]
		tv := themeView{ID: string(th), Heading: fmt.Sprintf("3.%d  %s", i+1, l.ThemeTitle(th)),
			Counts: l.F(label.ThemeCounts, c.Total, c.Applicable, c.Excluded), Head: head}
		for _, e := range s.Controls {
			if e.Control.Theme != th {
				continue
			}
			tv.Rows = append(tv.Rows, entryRow(l, e))
		}
		v.Themes = append(v.Themes, tv)
	}
	// Controls beyond Annex A follow as 3.5, as in the PDF.
	if c := s.Summary.Additional; len(s.Additional) > 0 {
		tv := themeView{ID: string(soa.ThemeAdditional), Heading: fmt.Sprintf("3.%d  %s", len(annexa.Themes)+1, l.ThemeTitle(soa.ThemeAdditional)),
			Counts: l.T(label.AdditionalIntro) + " " + l.F(label.ControlsLineCounts, l.ControlsLine(c.Total, 0), c.Applicable, c.Excluded), Head: head}
		for _, e := range s.Additional {
			tv.Rows = append(tv.Rows, entryRow(l, e))
		}
		v.Themes = append(v.Themes, tv)
	}
}

func entryRow(l *label.Lang, e soa.Entry) soaRow {
	applicable := sheet.Applicable(l, e)
	title := cellView{Main: e.Control.Title}
	if e.Control.New {
		title.Notes = []string{l.T(label.NewIn2022)}
	}
	if e.Source != "" {
		title.Notes = append(title.Notes, l.T(label.SourceCol)+": "+e.Source)
	}
	reasons := cellView{Main: text.OrDash(l.Reasons(e.Reasons))}
	if len(e.Risks) > 0 {
		reasons.Notes = []string{l.F(label.RisksPrefix, strings.Join(e.Risks, ", "))}
	}
	status := cellView{Main: text.OrDash(l.Status(e.Status))}
	if !e.Due.IsZero() {
		status.Notes = []string{l.F(label.DuePrefix, l.Date(e.Due))}
	}
	impl := cellView{Paras: paragraphs(e.Implementation)}
	if e.ProvidedBy != "" {
		impl.Main = l.F(label.ProvidedByText, e.ProvidedBy)
	}
	if e.Assurance != "" {
		impl.Notes = append(impl.Notes, l.F(label.AssurancePrefix, e.Assurance))
	}
	impl.Notes = append(impl.Notes, e.Evidence...)
	if impl.Main == "" && len(impl.Paras) == 0 && len(impl.Notes) == 0 {
		impl.Main = "—"
	}
	return soaRow{Excluded: e.Decided && !e.Applicable, Cells: []cellView{
		{Main: e.ID()}, title, {Main: applicable}, reasons, {Paras: paragraphs(text.OrDash(e.JustificationIn(l)))},
		status, {Main: text.OrDash(e.Owner)}, impl}}
}

func (v *view) risks(s *soa.SoA, l *label.Lang) {
	v.Method = l.Method(s.Method)
	v.Scales = sheet.Scales(l, s)
	reg := sheet.Register(l, s)
	v.RisksH = reg[0]
	plan := slices.Index(v.RisksH, l.T(label.TreatmentPlan))
	for _, row := range reg[1:] {
		cells := make([]cellView, len(row))
		for i, c := range row {
			if i == plan { // the user's own text: its lines are paragraphs
				cells[i] = cellView{Paras: paragraphs(c)}
				continue
			}
			// Elsewhere the first line is the value, the others notes under it (a risk's
			// description, asset…; a score's level; the plan's approval).
			lines := slices.DeleteFunc(strings.Split(c, "\n"), func(s string) bool { return strings.TrimSpace(s) == "" })
			if len(lines) == 0 {
				lines = []string{"—"}
			}
			cells[i] = cellView{Main: lines[0], Notes: lines[1:]}
		}
		v.Risks = append(v.Risks, cells)
	}
}
