package main

import (
	"encoding/json"
	"io"
	"strings"

	"github.com/soa-tool/soa/annexa"
	"github.com/soa-tool/soa/soa/table"
)

// This file writes soa crosswalk's look-up in its four forms.

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
func crosswalkPairs(x *annexa.Crosswalk) []pairJSON {
	ctl := func(c annexa.Control) (*string, *string) {
		id, t := c.ID.String(), c.Title
		return &id, &t
	}
	crit := func(c annexa.Criterion) (*string, *string, *string) {
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

// writeCrosswalkJSON writes the look-up as an indented JSON list of pairs (iso, iso_title, tsc,
// tsc_name, tsc_category, fit), whichever the direction; an ID without counterpart is one
// entry with the other side null and a note.
func writeCrosswalkJSON(w io.Writer, x *annexa.Crosswalk) error {
	out := crosswalkPairs(x)
	if out == nil {
		out = []pairJSON{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// writeCrosswalkCSV writes the pairs of writeCrosswalkJSON as CSV with a header row.
func writeCrosswalkCSV(w io.Writer, x *annexa.Crosswalk) error {
	t := table.Table{Header: []string{"iso", "iso_title", "tsc", "tsc_name", "tsc_category", "fit", "note"}}
	for _, p := range crosswalkPairs(x) {
		t.Rows = append(t.Rows, []string{deref(p.ISO), deref(p.ISOTitle), deref(p.TSC), deref(p.TSCName), deref(p.Category), deref(p.Fit), p.Note})
	}
	return t.CSV(w)
}

// writeCrosswalkMarkdown writes the look-up as a Markdown table, one row per looked-up ID with its
// counterparts of full fit and of partial fit in two columns.
func writeCrosswalkMarkdown(w io.Writer, x *annexa.Crosswalk) error {
	// Two columns, so that the pairs a program can rely on stand apart from the coarse ones.
	t := table.Table{Header: []string{"Annex A", "Title", "SOC 2 criteria, full fit", "Partial fit"}}
	if x.From == annexa.FromSOC2 {
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
		if x.From == annexa.FromSOC2 {
			t.Rows = append(t.Rows, []string{g.Criterion.ID, g.Criterion.Name, a, b})
		} else {
			t.Rows = append(t.Rows, []string{g.Control.ID.String(), g.Control.Title, a, b})
		}
	}
	return t.Markdown(w)
}

// writeCrosswalkText writes the look-up as a table for a terminal width columns wide: each looked-up
// ID on its own row with its title, then one row per counterpart with the pair's fit.
func writeCrosswalkText(w io.Writer, x *annexa.Crosswalk, width int) error {
	t := table.Table{Header: []string{"ANNEX A", "SOC 2", "FIT", "TITLE / CRITERION"}}
	if x.From == annexa.FromSOC2 {
		t.Header = []string{"SOC 2", "ANNEX A", "FIT", "CRITERION / TITLE"}
	}
	for _, g := range x.Groups {
		if x.From == annexa.FromSOC2 {
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
