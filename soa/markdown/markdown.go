// Package markdown renders the SoA as soa.md, GitHub-flavoured Markdown for wikis and
// docs-as-code: the same sections as the PDF, with the tables as Markdown tables, worded in
// the document's language. Every text of the workspace is escaped, so it reads as text and
// never as Markdown or HTML. Like the other renderers it holds no rule: every figure comes
// from the derived [soa.SoA]; the same SoA gives the same bytes.
package markdown

import (
	"fmt"
	"io"
	"strings"

	"github.com/soa-tool/soa/annexa"
	"github.com/soa-tool/soa/soa"
	"github.com/soa-tool/soa/soa/label"
	"github.com/soa-tool/soa/soa/sheet"
	"github.com/soa-tool/soa/soa/table"
	"github.com/soa-tool/soa/soa/text"
	"github.com/soa-tool/soa/soa/version"
	"github.com/soa-tool/soa/soa/workspace"
)

// Write renders soa.md for s to w, with the changes since a previous version when changes
// is not nil.
func Write(w io.Writer, s *soa.SoA, changes *version.Changes) error {
	m := &md{l: label.For(s.Document.Language)}
	m.document(s, changes)
	_, err := io.WriteString(w, m.b.String())
	return err
}

type md struct {
	b strings.Builder
	l *label.Lang
}

// p writes a paragraph of user text, escaped, keeping the author's paragraphs and line
// breaks.
func (m *md) p(s string) {
	for _, para := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		var lines []string
		for _, l := range strings.Split(para, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				lines = append(lines, text.Markdown(l))
			}
		}
		if len(lines) > 0 {
			m.b.WriteString(strings.Join(lines, "  \n") + "\n\n")
		}
	}
}

// fixed writes a paragraph of our own wording (labels), escaped all the same: a label may
// hold characters Markdown reads.
func (m *md) fixed(s string) { m.b.WriteString(text.Markdown(s) + "\n\n") }

func (m *md) h(level int, s string) {
	m.b.WriteString(strings.Repeat("#", level) + " " + text.Markdown(s) + "\n\n")
}

// table writes rows (the first the heading) as a Markdown table, every cell escaped.
func (m *md) table(rows [][]string) {
	t := table.Table{Header: escape(rows[0])}
	for _, r := range rows[1:] {
		t.Rows = append(t.Rows, escape(r))
	}
	var b strings.Builder
	_ = t.Markdown(&b) // a strings.Builder does not fail
	m.b.WriteString(b.String() + "\n")
}

// escape escapes cells for a table; table.Markdown escapes the pipes and line breaks.
func escape(cells []string) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = text.Markdown(c)
	}
	return out
}

func keys(kv [][2]string) [][]string {
	rows := [][]string{{"", ""}}
	for _, p := range kv {
		v := p[1]
		if v == "" {
			v = "—"
		}
		rows = append(rows, []string{p[0], v})
	}
	return rows
}

func (m *md) document(s *soa.SoA, changes *version.Changes) {
	l, d := m.l, s.Document
	title := l.DocTitle(d.Title)
	m.h(1, l.T(label.SoA)+" — "+d.Organization)
	if title != l.T(label.SoA) {
		m.fixed(title)
	}
	m.fixed(l.T(label.StandardLine))
	if d.Approved() {
		for _, a := range d.Approvals {
			m.b.WriteString("**" + text.Markdown(l.Approved(a.By, a.Role, a.On)) + "**  \n")
		}
		m.b.WriteString("\n")
	} else {
		m.b.WriteString("> **" + text.Markdown(l.T(label.DraftBanner)) + "** — " + text.Markdown(l.T(label.DraftBody)) + "\n\n")
	}
	m.h(3, l.T(label.ScopeHeading))
	m.p(d.Scope)
	m.table(keys([][2]string{{l.T(label.DocID), d.ID}, {l.T(label.Version), d.Version}, {l.T(label.Classification), d.Classification},
		{l.T(label.DocOwner), d.Owner}, {l.T(label.DateCol), l.Date(s.Date)}, {l.T(label.NextReview), l.Date(d.NextReview)}}))

	m.h(2, "1  "+l.T(label.SecControl))
	status := l.T(label.Approved)
	if !d.Approved() {
		status = l.T(label.DraftStatus)
	}
	m.table(keys([][2]string{{l.T(label.DocID), d.ID}, {l.T(label.Classification), d.Classification}, {l.T(label.Version), d.Version},
		{l.T(label.StatusCol), status}, {l.T(label.Owner), d.Owner}, {l.T(label.NextReview), l.Date(d.NextReview)},
		{l.T(label.ApprovedBy), d.ApprovedBy}, {l.T(label.ApprovedOn), l.Date(d.ApprovedOn)}}))
	m.h(3, l.T(label.RevisionHistory))
	hist := [][]string{{l.T(label.Version), l.T(label.DateCol), l.T(label.Author), l.T(label.Changes)}}
	for _, h := range d.History {
		hist = append(hist, []string{h.Version, l.Date(h.Date), h.Author, h.Changes})
	}
	if len(hist) == 1 {
		m.fixed(l.T(label.NoRevisions))
	} else {
		m.table(hist)
	}
	m.h(3, l.T(label.Fingerprint))
	m.fixed(l.T(label.FingerprintIntro))
	m.b.WriteString("`" + s.Fingerprint + "`\n\n")
	m.fixed(l.T(label.FingerprintCheck))

	m.h(3, l.T(label.SecSignOff))
	m.fixed(l.F(label.SignOffIntro, d.Version))
	m.table(sheet.SignOff(l, d))

	if changes != nil {
		m.changes(changes)
	}
	m.summary(s)
	m.soa(s)
	m.appendix(s)
}

func (m *md) changes(c *version.Changes) {
	l := m.l
	m.h(3, l.T(label.ChangesHeading))
	m.fixed(l.F(label.ChangesFrom, c.Old.String(), c.New.String()))
	m.p(c.Summary)
	for _, g := range c.Groups() {
		m.h(4, g.Title)
		var rows [][]string
		if g.Subject == "" {
			rows = [][]string{{l.T(label.Field), l.T(label.Old), l.T(label.New)}}
			for _, it := range g.Items {
				for _, f := range it.Fields {
					rows = append(rows, []string{f.Label(), f.OldText(), f.NewText()})
				}
			}
		} else {
			rows = [][]string{{l.T(label.ID), g.Subject, l.T(label.Change), l.T(label.Old), l.T(label.New)}}
			for _, it := range g.Items {
				if len(it.Fields) == 0 {
					rows = append(rows, []string{it.ID, it.Title, "—", "—", "—"})
				}
				for _, f := range it.Fields {
					rows = append(rows, []string{it.ID, it.Title, f.Label(), f.OldText(), f.NewText()})
				}
			}
		}
		m.table(rows)
	}
}

func (m *md) summary(s *soa.SoA) {
	l := m.l
	m.h(2, "2  "+l.T(label.SecSummary))
	m.h(3, l.T(label.ByTheme))
	m.table(sheet.Counts(l, s))

	mt := s.Method
	if len(mt.Likelihood) > 0 && len(mt.Impact) > 0 && len(s.Inherent) == len(mt.Likelihood) {
		for _, h := range []struct {
			title string
			hm    soa.HeatMap
		}{{l.T(label.InherentTitle), s.Inherent}, {l.T(label.CurrentTitle), s.Current}, {l.T(label.ResidualTitle), s.Residual}} {
			if h.hm == nil {
				continue // no current ratings
			}
			m.h(4, h.title)
			rows := [][]string{append([]string{l.T(label.LikelihoodImpact)}, mt.Impact...)}
			for li := len(mt.Likelihood) - 1; li >= 0; li-- {
				r := []string{mt.Likelihood[li]}
				for i := range mt.Impact {
					c := h.hm[li][i]
					cell := ""
					if c.Count > 0 {
						cell = fmt.Sprint(c.Count)
					}
					if c.Rank >= 0 && c.Rank < len(mt.Levels) {
						cell = strings.TrimSpace(cell + " (" + mt.Levels[c.Rank].Name + ")")
					}
					r = append(r, cell)
				}
				rows = append(rows, r)
			}
			m.table(rows)
		}
	}
	m.fixed(l.F(label.HeatNote, len(s.Risks), mt.Acceptance))

	ex := s.Excluded()
	m.h(3, l.F(label.ExcludedN, len(ex)))
	if len(ex) == 0 {
		m.fixed(l.T(label.NoneExcluded))
		return
	}
	rows := [][]string{{l.T(label.ID), l.T(label.Control), l.T(label.ExclusionJustification)}}
	for _, e := range ex {
		rows = append(rows, []string{e.ID(), e.Control.Title, e.JustificationIn(l)})
	}
	m.table(rows)
}

func (m *md) soa(s *soa.SoA) {
	l := m.l
	m.h(2, "3  "+l.T(label.SoA))
	var reasons []string
	reasons = append(reasons, workspace.Reasons...)
	m.fixed(l.F(label.SoAIntro, l.Reasons(append(reasons, workspace.ReasonRisk))))
	head := []string{l.T(label.ID), l.T(label.Control), l.T(label.Applicable), l.T(label.ReasonsAndRisks),
		l.T(label.Justification), l.T(label.StatusCol), l.T(label.Owner), l.T(label.ImplementationEvidence)}
	for i, th := range annexa.Themes {
		c := s.Summary.ByTheme[th]
		m.h(3, fmt.Sprintf("3.%d  %s", i+1, l.ThemeTitle(th)))
		m.fixed(l.F(label.ThemeCounts, c.Total, c.Applicable, c.Excluded))
		rows := [][]string{head}
		for _, e := range s.Controls {
			if e.Control.Theme == th {
				rows = append(rows, m.entryRow(e))
			}
		}
		m.table(rows)
	}
	// Controls beyond Annex A follow as 3.5, as in the PDF.
	if c := s.Summary.Additional; len(s.Additional) > 0 {
		m.h(3, fmt.Sprintf("3.%d  %s", len(annexa.Themes)+1, l.ThemeTitle(soa.ThemeAdditional)))
		m.fixed(l.T(label.AdditionalIntro) + " " + l.F(label.ControlsLineCounts, l.ControlsLine(c.Total, 0), c.Applicable, c.Excluded))
		rows := [][]string{head}
		for _, e := range s.Additional {
			rows = append(rows, m.entryRow(e))
		}
		m.table(rows)
	}
}

// entryRow gives the SoA table's cells for one control.
func (m *md) entryRow(e soa.Entry) []string {
	l := m.l
	applicable := sheet.Applicable(l, e)
	title := e.Control.Title
	if e.Control.New {
		title += "\n" + l.T(label.NewIn2022)
	}
	if e.Source != "" {
		title += "\n" + l.T(label.SourceCol) + ": " + e.Source
	}
	reasons := text.OrDash(l.Reasons(e.Reasons))
	if len(e.Risks) > 0 {
		reasons += "\n" + l.F(label.RisksPrefix, strings.Join(e.Risks, ", "))
	}
	status := text.OrDash(l.Status(e.Status))
	if !e.Due.IsZero() {
		status += "\n" + l.F(label.DuePrefix, l.Date(e.Due))
	}
	impl := e.Implementation
	if e.ProvidedBy != "" {
		impl = l.F(label.ProvidedByText, e.ProvidedBy) + "\n" + impl
	}
	if e.Assurance != "" {
		impl += "\n" + l.F(label.AssurancePrefix, e.Assurance)
	}
	for _, ev := range e.Evidence {
		impl += "\n• " + ev
	}
	return []string{e.ID(), title, applicable, reasons, text.OrDash(e.JustificationIn(l)), status,
		text.OrDash(e.Owner), text.OrDash(strings.TrimSpace(impl))}
}

func (m *md) appendix(s *soa.SoA) {
	l := m.l
	m.h(2, l.T(label.Appendix)+"  "+l.T(label.SecAppendix))
	m.fixed(l.Method(s.Method))
	if sc := sheet.Scales(l, s); sc != nil {
		m.table(sc)
	}
	if len(s.Risks) == 0 {
		m.fixed(l.T(label.RegisterEmpty))
		return
	}
	m.table(sheet.Register(l, s))
}
