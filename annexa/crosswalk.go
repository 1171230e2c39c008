package annexa

import (
	"encoding/json"
	"io"
	"strings"

	"github.com/soa-tool/soa/soa/table"
)

// This file holds look-ups in the crosswalk of soc2.go, in either direction, and their table,
// CSV, JSON and Markdown forms as soa crosswalk prints them.

// Direction is the side of the crosswalk a look-up starts from.
type Direction string

// The directions of a look-up; the values are those of soa crosswalk --from.
const (
	FromISO  Direction = "iso27001" // Annex A controls to the criteria covering them
	FromSOC2 Direction = "soc2"     // criteria to the Annex A controls they cover
)

// GuessDirection is [FromSOC2] when the first of ids is a criterion and not an Annex A control
// (CC6.1, but not 5.1), else [FromISO].
func GuessDirection(ids []string) Direction {
	if len(ids) > 0 {
		if _, err := Resolve(ids[0]); err != nil {
			if _, err := ResolveCriterion(ids[0]); err == nil {
				return FromSOC2
			}
		}
	}
	return FromISO
}

// Crosswalk is a look-up in the crosswalk: one group per looked-up control or criterion, in
// the order given. Build it with [CrosswalkFromControls] or [CrosswalkFromCriteria].
type Crosswalk struct {
	From   Direction
	Groups []CrosswalkGroup
}

// CrosswalkGroup is one looked-up ID with its counterparts: a control and the criteria that
// cover it, or a criterion and the controls it covers.
type CrosswalkGroup struct {
	Control   Control     // the looked-up control, from [FromISO]
	Criterion Criterion   // the looked-up criterion, from [FromSOC2]
	Controls  []Control   // the counterparts of a criterion
	Criteria  []Criterion // the counterparts of a control
	Full      []bool      // the fit of each pair, parallel to Controls or Criteria
	Note      string      // why there is no counterpart; empty when there is one
}

// Fit is the fit of the group's i-th pair: [FitFull] or [FitPartial].
func (g CrosswalkGroup) Fit(i int) string {
	if g.Full[i] {
		return FitFull
	}
	return FitPartial
}

// CrosswalkFromControls looks up the criteria covering each control of list, in order. A
// control without any has a Note saying why.
func CrosswalkFromControls(list []Control) *Crosswalk {
	x := &Crosswalk{From: FromISO}
	for _, c := range list {
		g := CrosswalkGroup{Control: c}
		for _, l := range SOC2Fit(c.ID) {
			cr, _ := LookupCriterion(l.TSC)
			g.Criteria = append(g.Criteria, cr)
			g.Full = append(g.Full, l.Full)
		}
		if len(g.Criteria) == 0 {
			reason, _ := NoSOC2(c.ID)
			g.Note = "No SOC 2 counterpart. " + reason
		}
		x.Groups = append(x.Groups, g)
	}
	return x
}

// CrosswalkFromCriteria looks up the controls each criterion of list covers, in order. A
// criterion without any has a Note saying so.
func CrosswalkFromCriteria(list []Criterion) *Crosswalk {
	x := &Crosswalk{From: FromSOC2}
	for _, cr := range list {
		g := CrosswalkGroup{Criterion: cr}
		for _, id := range ControlsFor(cr.ID) {
			c, _ := Lookup(id)
			l, _ := FitOf(id, cr.ID)
			g.Controls = append(g.Controls, c)
			g.Full = append(g.Full, l.Full)
		}
		if len(g.Controls) == 0 {
			g.Note = "No Annex A counterpart in the crosswalk."
		}
		x.Groups = append(x.Groups, g)
	}
	return x
}

// pairJSON is one pair of the crosswalk; iso or tsc is null where the other has no counterpart.
type pairJSON struct {
	ISO      *string `json:"iso"`
	ISOTitle *string `json:"iso_title"`
	TSC      *string `json:"tsc"`
	TSCName  *string `json:"tsc_name"`
	Category *string `json:"tsc_category"`
	Fit      *string `json:"fit"` // full or partial; null where there is no counterpart
	Note     string  `json:"note,omitempty"`
}

// pairs flattens the groups into pairs, in the order of the groups.
func (x *Crosswalk) pairs() []pairJSON {
	ctl := func(c Control) (*string, *string) {
		id, t := c.ID.String(), c.Title
		return &id, &t
	}
	crit := func(c Criterion) (*string, *string, *string) {
		id, n, cat := c.ID, c.Name, string(c.Category)
		return &id, &n, &cat
	}
	var out []pairJSON
	for _, g := range x.Groups {
		if g.Criterion.ID == "" {
			var p pairJSON
			p.ISO, p.ISOTitle = ctl(g.Control)
			if g.Note != "" {
				p.Note = g.Note
				out = append(out, p)
			}
			for i, cr := range g.Criteria {
				p.TSC, p.TSCName, p.Category = crit(cr)
				fit := g.Fit(i)
				p.Fit = &fit
				out = append(out, p)
			}
			continue
		}
		var p pairJSON
		p.TSC, p.TSCName, p.Category = crit(g.Criterion)
		if g.Note != "" {
			p.Note = g.Note
			out = append(out, p)
		}
		for i, c := range g.Controls {
			p.ISO, p.ISOTitle = ctl(c)
			fit := g.Fit(i)
			p.Fit = &fit
			out = append(out, p)
		}
	}
	return out
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// WriteJSON writes the look-up as an indented JSON list of pairs (iso, iso_title, tsc,
// tsc_name, tsc_category, fit), whichever the direction; an ID without counterpart is one
// entry with the other side null and a note.
func (x *Crosswalk) WriteJSON(w io.Writer) error {
	out := x.pairs()
	if out == nil {
		out = []pairJSON{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// WriteCSV writes the pairs of [Crosswalk.WriteJSON] as CSV with a header row.
func (x *Crosswalk) WriteCSV(w io.Writer) error {
	t := table.Table{Header: []string{"iso", "iso_title", "tsc", "tsc_name", "tsc_category", "fit", "note"}}
	for _, p := range x.pairs() {
		t.Rows = append(t.Rows, []string{deref(p.ISO), deref(p.ISOTitle), deref(p.TSC), deref(p.TSCName), deref(p.Category), deref(p.Fit), p.Note})
	}
	return t.CSV(w)
}

// WriteMarkdown writes the look-up as a Markdown table, one row per looked-up ID with its
// counterparts of full fit and of partial fit in two columns.
func (x *Crosswalk) WriteMarkdown(w io.Writer) error {
	// Two columns, so that the pairs a program can rely on stand apart from the coarse ones.
	t := table.Table{Header: []string{"Annex A", "Title", "SOC 2 criteria, full fit", "Partial fit"}}
	if x.From == FromSOC2 {
		t.Header = []string{"Criterion", "Name", "Annex A controls, full fit", "Partial fit"}
	}
	for _, g := range x.Groups {
		var full, partial []string
		add := func(i int, id string) {
			if g.Full[i] {
				full = append(full, id)
			} else {
				partial = append(partial, id)
			}
		}
		for i, cr := range g.Criteria {
			add(i, cr.ID)
		}
		for i, c := range g.Controls {
			add(i, c.ID.String())
		}
		a, b := strings.Join(full, ", "), strings.Join(partial, ", ")
		if g.Note != "" {
			a = "none: " + g.Note
		}
		if x.From == FromSOC2 {
			t.Rows = append(t.Rows, []string{g.Criterion.ID, g.Criterion.Name, a, b})
		} else {
			t.Rows = append(t.Rows, []string{g.Control.ID.String(), g.Control.Title, a, b})
		}
	}
	return t.Markdown(w)
}

// WriteText writes the look-up as a table for a terminal width columns wide: each looked-up
// ID on its own row with its title, then one row per counterpart with the pair's fit.
func (x *Crosswalk) WriteText(w io.Writer, width int) error {
	t := table.Table{Header: []string{"ANNEX A", "SOC 2", "FIT", "TITLE / CRITERION"}}
	if x.From == FromSOC2 {
		t.Header = []string{"SOC 2", "ANNEX A", "FIT", "CRITERION / TITLE"}
	}
	for _, g := range x.Groups {
		if x.From == FromSOC2 {
			first := []string{g.Criterion.ID, "", "", g.Criterion.Name}
			if g.Note != "" {
				first = []string{g.Criterion.ID, "none", "", g.Criterion.Name + " — " + g.Note}
			}
			t.Rows = append(t.Rows, first)
			for i, c := range g.Controls {
				t.Rows = append(t.Rows, []string{"", c.ID.String(), g.Fit(i), c.Title})
			}
			continue
		}
		first := []string{g.Control.ID.String(), "", "", g.Control.Title}
		if g.Note != "" {
			first = []string{g.Control.ID.String(), "none", "", g.Control.Title + " — " + g.Note}
		}
		t.Rows = append(t.Rows, first)
		for i, cr := range g.Criteria {
			t.Rows = append(t.Rows, []string{"", cr.ID, g.Fit(i), cr.Name})
		}
	}
	return t.Text(w, width)
}
