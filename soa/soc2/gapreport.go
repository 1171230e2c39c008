package soc2

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/soa-tool/soa/annexa"
	"github.com/soa-tool/soa/soa/table"
	"github.com/soa-tool/soa/soa/text"
)

// This file holds the gap report's text, Markdown and JSON forms, as soa gap prints them.

// coverageDefinition says how the levels are decided; every format prints it.
const coverageDefinition = "Each Annex A control is judged on the program controls tied to it: those that meet one of " +
	"the Trust Services Criteria the crosswalk maps it to and are about its subject (name or description), or whose " +
	"name plainly says its subject, at most five; or, when the export maps its controls to ISO 27001, those it " +
	"maps. Criteria alone never tie a program control. A control is covered when they address " +
	"every criterion that asks for essentially what the control does (fit full in soa crosswalk); partly covered when " +
	"they miss one of those, or when every criterion only touches the control's subject (fit partial, as CC6.4 and " +
	"CC6.5 do for most physical controls); and not covered when no program control is tied to it or the control has " +
	"no SOC 2 counterpart. Planned and not applicable program controls count for nothing."

// share writes a count with its percentage: "81 (87%)".
func share(c Counts, l Level) string {
	return fmt.Sprintf("%d (%d%%)", c.Of(l), c.Percent(l))
}

// gapIntro names the program and what it addresses.
func gapIntro(r *Report) string {
	return fmt.Sprintf("SOC 2 program %s: %d controls addressing %d of the %d Trust Services Criteria",
		r.Program.File, len(r.Program.Controls), len(r.Criteria), len(annexa.Criteria()))
}

// gapTotal is the coverage of all of Annex A in one sentence.
func gapTotal(r *Report) string {
	return fmt.Sprintf("Annex A coverage: of the %d controls, %s are covered, %s partly covered and %s not covered.",
		r.Total.Controls, share(r.Total, Covered), share(r.Total, Partly), share(r.Total, NotCovered))
}

// themeTable is the coverage per theme, with a total row.
func themeTable(r *Report) table.Table {
	t := table.Table{Header: []string{"Theme", "Controls", "Covered", "Partly", "Not covered"}}
	row := func(name string, c Counts) {
		t.Rows = append(t.Rows, []string{name, fmt.Sprint(c.Controls), share(c, Covered), share(c, Partly), share(c, NotCovered)})
	}
	for _, tc := range r.Themes {
		row(tc.Theme.Title(), tc.Counts)
	}
	row("All", r.Total)
	return t
}

// domainTable is the coverage per security domain of the SOC 2 vs ISO 27001 comparison.
func domainTable(r *Report) table.Table {
	t := table.Table{Header: []string{"Domain", "Criteria addressed", "Annex A", "Covered", "Partly", "Not covered"}}
	for _, d := range r.Domains {
		met := fmt.Sprintf("%d of %d", len(d.Met), len(d.TSC))
		if len(d.ISO) == 0 {
			t.Rows = append(t.Rows, []string{d.Name, met, "clauses 4-10", "-", "-", "-"})
			continue
		}
		t.Rows = append(t.Rows, []string{d.Name, met, fmt.Sprint(d.Controls),
			fmt.Sprint(d.Covered), fmt.Sprint(d.Partly), fmt.Sprint(d.NotCovered)})
	}
	return t
}

// undecidedWhy says why the program does not cover a control.
func undecidedWhy(cv Coverage) string {
	switch {
	case cv.NoSOC2 != "":
		return "no SOC 2 counterpart. " + cv.NoSOC2
	case cv.Status() == StatusPlanned:
		return "planned: " + strings.Join(ids(cv.By), ", ")
	case len(cv.Related) > 0:
		return "the program meets " + strings.Join(viaAll(cv.Related), ", ") + ", but none of its controls is about this control"
	}
	return "the program addresses none of " + strings.Join(cv.Criteria, ", ")
}

// ids returns the IDs of the program controls.
func ids(cs []*Control) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.ID)
	}
	return out
}

// partlyWhy names what the program misses for a partly covered control: the criteria it does
// not address, and for a control whose links are all partial what ISO 27001 expects beyond them.
func partlyWhy(cv Coverage) string {
	s := "addresses " + strings.Join(cv.Met, ", ")
	if len(cv.Missing) > 0 {
		var parts []string
		for _, id := range cv.Missing {
			c, _ := annexa.LookupCriterion(id)
			parts = append(parts, id+" "+c.Name)
		}
		s += "; missing " + strings.Join(parts, "; ")
	}
	if cv.OnlyPartial() {
		s += "; the criteria touch the control only in general. " + cv.Beyond
	}
	return s
}

// reqText is a requirement with where soa records it.
func reqText(q Requirement) string {
	s := q.Title + ". " + q.Detail
	if q.Where != "" {
		s += " In soa: " + q.Where + "."
	}
	return s
}

// WriteText writes the gap report as text for a terminal width columns wide: the coverage in
// figures, the tables by theme and by security domain, the controls still to decide, the partly
// covered ones with what they miss, and the checklist of what ISO 27001 asks for beyond SOC 2.
func (r *Report) WriteText(w io.Writer, width int) error {
	var b strings.Builder
	upper := func(t table.Table) table.Table {
		for i, h := range t.Header {
			t.Header[i] = strings.ToUpper(h)
		}
		return t
	}
	fmt.Fprintf(&b, "%s\n\n%s\n%s\n\n", strings.Join(text.Wrap(gapIntro(r), width), "\n"), strings.Join(text.Wrap(gapTotal(r), width), "\n"), strings.Join(text.Wrap(coverageDefinition, width), "\n"))
	b.WriteString("By theme\n")
	if err := upper(themeTable(r)).Text(&b, width); err != nil {
		return err
	}
	b.WriteString("\nBy security domain (the domains of the SOC 2 vs ISO 27001 comparison)\n")
	if err := upper(domainTable(r)).Text(&b, width); err != nil {
		return err
	}
	und := r.Undecided()
	fmt.Fprintf(&b, "\nStill to decide: %d controls the program does not cover (soa init --from-soc2 leaves them undecided)\n", len(und))
	t := table.Table{Header: []string{"ID", "TITLE AND WHY"}}
	for _, cv := range und {
		t.Rows = append(t.Rows, []string{cv.Control.ID.String(), cv.Control.Title + " — " + undecidedWhy(cv)})
	}
	if err := t.Text(&b, width); err != nil {
		return err
	}
	part := r.PartlyCovered()
	fmt.Fprintf(&b, "\nPartly covered: %d controls (status partial); what each one still needs\n", len(part))
	t = table.Table{Header: []string{"ID", "TITLE AND WHAT IS MISSING"}}
	for _, cv := range part {
		t.Rows = append(t.Rows, []string{cv.Control.ID.String(), cv.Control.Title + " — " + partlyWhy(cv)})
	}
	if err := t.Text(&b, width); err != nil {
		return err
	}
	b.WriteString("\nISO 27001 requirements a SOC 2 program does not meet by itself\n")
	t = table.Table{Header: []string{"", "REF", "REQUIREMENT"}}
	for _, q := range r.ISOOnly {
		t.Rows = append(t.Rows, []string{"[ ]", q.Ref, reqText(q)})
	}
	if err := t.Text(&b, width); err != nil {
		return err
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteMarkdown writes the gap report as a Markdown document with the same content as
// [Report.WriteText].
func (r *Report) WriteMarkdown(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Gap report: SOC 2 to ISO/IEC 27001:2022\n\n%s.\n\n%s\n\n%s\n\n", text.Markdown(gapIntro(r)), gapTotal(r), coverageDefinition)
	b.WriteString("## By theme\n\n")
	if err := themeTable(r).Markdown(&b); err != nil {
		return err
	}
	b.WriteString("\n## By security domain\n\n")
	if err := domainTable(r).Markdown(&b); err != nil {
		return err
	}
	und := r.Undecided()
	fmt.Fprintf(&b, "\n## Still to decide (%d)\n\nControls the program does not cover; `soa init --from-soc2` leaves them undecided.\n\n", len(und))
	for _, cv := range und {
		fmt.Fprintf(&b, "- **%s** %s: %s\n", cv.Control.ID, cv.Control.Title, undecidedWhy(cv))
	}
	part := r.PartlyCovered()
	fmt.Fprintf(&b, "\n## Partly covered (%d)\n\nControls `soa init --from-soc2` marks `status: partial`: the program misses some of their criteria, "+
		"or their criteria only touch the control's subject.\n\n", len(part))
	for _, cv := range part {
		fmt.Fprintf(&b, "- **%s** %s: %s\n", cv.Control.ID, cv.Control.Title, partlyWhy(cv))
	}
	b.WriteString("\n## ISO 27001 requirements a SOC 2 program does not meet by itself\n\n")
	for _, q := range r.ISOOnly {
		fmt.Fprintf(&b, "- [ ] **%s** %s\n", q.Ref, reqText(q))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// countsJSON is [Counts] with the percentages, as the JSON report has them.
type countsJSON struct {
	Controls          int `json:"controls"`
	Covered           int `json:"covered"`
	CoveredPercent    int `json:"covered_percent"`
	Partly            int `json:"partly"`
	PartlyPercent     int `json:"partly_percent"`
	NotCovered        int `json:"not_covered"`
	NotCoveredPercent int `json:"not_covered_percent"`
}

func toCountsJSON(c Counts) countsJSON {
	return countsJSON{c.Controls, c.Covered, c.Percent(Covered), c.Partly, c.Percent(Partly), c.NotCovered, c.Percent(NotCovered)}
}

// orEmpty makes a nil list [] in JSON rather than null.
func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// WriteJSON writes the gap report as indented JSON: the figures, every Annex A control with its
// coverage, criteria, the program controls tied to it and those only related, and the status
// soa init --from-soc2 proposes; the IDs still to decide and partly covered, and the ISO-only
// requirements. Lists are [] rather than null when empty.
func (r *Report) WriteJSON(w io.Writer) error {
	type theme struct {
		Theme annexa.Theme `json:"theme"`
		countsJSON
	}
	type domain struct {
		Domain string   `json:"domain"`
		TSC    []string `json:"tsc"`
		TSCMet []string `json:"tsc_addressed"`
		ISO    []string `json:"iso"`
		countsJSON
	}
	type control struct {
		ID       string   `json:"id"`
		Title    string   `json:"title"`
		Theme    string   `json:"theme"`
		Coverage string   `json:"coverage"`
		TSC      []string `json:"tsc"`
		Full     []string `json:"tsc_full"`
		Met      []string `json:"tsc_addressed"`
		Missing  []string `json:"tsc_missing"`
		SOC2     []string `json:"soc2_controls"`
		Related  []string `json:"soc2_related"`
		Status   string   `json:"proposed_status,omitempty"`
		NoSOC2   string   `json:"no_soc2_reason,omitempty"`
		Beyond   string   `json:"beyond_soc2,omitempty"`
	}
	type requirement struct {
		Ref    string `json:"ref"`
		Title  string `json:"title"`
		Detail string `json:"detail"`
		Where  string `json:"soa,omitempty"`
	}
	out := struct {
		File       string        `json:"file"`
		Controls   int           `json:"soc2_controls"`
		Criteria   []string      `json:"tsc_addressed"`
		Definition string        `json:"definition"`
		Total      countsJSON    `json:"total"`
		Themes     []theme       `json:"themes"`
		Domains    []domain      `json:"domains"`
		ToDecide   []string      `json:"to_decide"`
		Partly     []string      `json:"partly"`
		AnnexA     []control     `json:"annex_a"`
		ISOOnly    []requirement `json:"iso_only"`
	}{File: r.Program.File, Controls: len(r.Program.Controls), Criteria: orEmpty(r.Criteria), Definition: coverageDefinition,
		Total: toCountsJSON(r.Total), ToDecide: []string{}, Partly: []string{}}
	for _, tc := range r.Themes {
		out.Themes = append(out.Themes, theme{tc.Theme, toCountsJSON(tc.Counts)})
	}
	for _, d := range r.Domains {
		var iso []string
		for _, id := range d.ISO {
			iso = append(iso, id.String())
		}
		out.Domains = append(out.Domains, domain{d.Name, d.TSC, orEmpty(d.Met), orEmpty(iso), toCountsJSON(d.Counts)})
	}
	for _, cv := range r.Controls {
		var related []string
		for _, m := range cv.Related {
			related = append(related, m.Control.ID)
		}
		out.AnnexA = append(out.AnnexA, control{cv.Control.ID.String(), cv.Control.Title, string(cv.Control.Theme), cv.Level.Key(),
			orEmpty(cv.Criteria), orEmpty(cv.Full), orEmpty(cv.Met), orEmpty(cv.Missing), orEmpty(ids(cv.By)), orEmpty(related),
			cv.Status(), cv.NoSOC2, cv.Beyond})
		switch cv.Level {
		case NotCovered:
			out.ToDecide = append(out.ToDecide, cv.Control.ID.String())
		case Partly:
			out.Partly = append(out.Partly, cv.Control.ID.String())
		}
	}
	for _, q := range r.ISOOnly {
		out.ISOOnly = append(out.ISOOnly, requirement(q))
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
