package main

import (
	"encoding/json"
	"errors"
	"io"
	"strings"

	"github.com/soa-tool/soa/annexa"
	"github.com/soa-tool/soa/soa/table"
	"github.com/urfave/cli/v2"
)

func crosswalkCommand() command {
	var format, from string
	return command{example: "soa crosswalk --from soc2 CC6.1 CC8.1", Command: &cli.Command{
		Name:      "crosswalk",
		Usage:     "map Annex A controls to SOC 2 Trust Services Criteria, or back",
		ArgsUsage: "[ID...]",
		Description: "Lists the crosswalk between the 93 ISO/IEC 27001:2022 Annex A controls and the SOC 2 Trust\n" +
			"Services Criteria (2017, revised points of focus 2022). --from iso27001 gives the criteria\n" +
			"covering each control (a 2013 ID such as A.9.2.1 is answered for its 2022 replacements);\n" +
			"--from soc2 gives the controls each criterion covers. Without --from the direction follows\n" +
			"the first ID (CC6.1 reads as a criterion), else iso27001. A pair means the criterion asks\n" +
			"for part of what the control does, not that the two are equivalent.",
		Flags: []cli.Flag{
			formatFlag(&format, "table", "table", "csv", "json", "md"),
			&cli.StringFlag{Name: "from", Usage: "direction: iso27001 (controls to criteria) or soc2 (criteria to controls)", Destination: &from,
				Action: func(_ *cli.Context, v string) error {
					if v != "iso27001" && v != "soc2" {
						return usage("--from %q is not one of iso27001, soc2", v)
					}
					return nil
				}},
		},
		Action: func(c *cli.Context) error {
			ids := c.Args().Slice()
			if from == "" {
				from = guessDirection(ids)
			}
			var groups []crossGroup
			var err error
			if from == "soc2" {
				groups, err = crossFromSOC2(ids)
			} else {
				groups, err = crossFromISO(c.App.ErrWriter, ids)
			}
			if err != nil {
				return err
			}
			return writeCrosswalk(c.App.Writer, groups, from, format)
		},
	}}
}

// guessDirection is soc2 when the first ID is a criterion and not an Annex A control.
func guessDirection(ids []string) string {
	if len(ids) > 0 {
		if _, err := annexa.Resolve(ids[0]); err != nil {
			if _, err := annexa.ResolveCriterion(ids[0]); err == nil {
				return "soc2"
			}
		}
	}
	return "iso27001"
}

// crossGroup is one looked-up ID with its counterparts: a control and its criteria, or a
// criterion and its controls.
type crossGroup struct {
	control   annexa.Control
	criterion annexa.Criterion
	controls  []annexa.Control   // for a criterion
	criteria  []annexa.Criterion // for a control
	full      []bool             // the fit of each pair, parallel to controls or criteria
	note      string             // why there is no counterpart
}

// fit is the fit of the group's i-th pair, as the outputs write it.
func (g crossGroup) fit(i int) string {
	if g.full[i] {
		return annexa.FitFull
	}
	return annexa.FitPartial
}

func crossFromISO(stderr io.Writer, ids []string) ([]crossGroup, error) {
	list, err := selectControls(stderr, ids, "", false, nil)
	if err != nil {
		var ee *exitError
		if errors.As(err, &ee) && len(ids) > 0 {
			if anyCriterion(ids) {
				ee.err = errors.New(ee.err.Error() + "\nfor SOC 2 criteria such as CC6.1, run 'soa crosswalk --from soc2 ID...'")
			}
		}
		return nil, err
	}
	var out []crossGroup
	for _, c := range list {
		g := crossGroup{control: c}
		for _, l := range annexa.SOC2Fit(c.ID) {
			cr, _ := annexa.LookupCriterion(l.TSC)
			g.criteria = append(g.criteria, cr)
			g.full = append(g.full, l.Full)
		}
		if len(g.criteria) == 0 {
			reason, _ := annexa.NoSOC2(c.ID)
			g.note = "No SOC 2 counterpart. " + reason
		}
		out = append(out, g)
	}
	return out, nil
}

func anyCriterion(ids []string) bool {
	for _, s := range ids {
		if _, err := annexa.ResolveCriterion(s); err == nil {
			return true
		}
	}
	return false
}

func crossFromSOC2(ids []string) ([]crossGroup, error) {
	var list []annexa.Criterion
	if len(ids) == 0 {
		list = annexa.Criteria()
	}
	var bad []string
	for _, s := range ids {
		cr, err := annexa.ResolveCriterion(s)
		if err != nil {
			msg := err.Error()
			if _, ierr := annexa.Resolve(s); ierr == nil {
				msg += "\n" + strings.TrimSpace(s) + " is an Annex A control: run 'soa crosswalk --from iso27001 " + strings.TrimSpace(s) + "'"
			}
			bad = append(bad, msg)
			continue
		}
		list = append(list, cr)
	}
	if len(bad) > 0 {
		return nil, problems(errors.New(strings.Join(bad, "\n")))
	}
	var out []crossGroup
	for _, cr := range list {
		g := crossGroup{criterion: cr}
		for _, id := range annexa.ControlsFor(cr.ID) {
			c, _ := annexa.Lookup(id)
			l, _ := annexa.FitOf(id, cr.ID)
			g.controls = append(g.controls, c)
			g.full = append(g.full, l.Full)
		}
		if len(g.controls) == 0 {
			g.note = "No Annex A counterpart in the crosswalk."
		}
		out = append(out, g)
	}
	return out, nil
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
func pairs(groups []crossGroup) []pairJSON {
	ctl := func(c annexa.Control) (*string, *string) {
		id, t := c.ID.String(), c.Title
		return &id, &t
	}
	crit := func(c annexa.Criterion) (*string, *string, *string) {
		id, n, cat := c.ID, c.Name, string(c.Category)
		return &id, &n, &cat
	}
	var out []pairJSON
	for _, g := range groups {
		if g.criterion.ID == "" {
			var p pairJSON
			p.ISO, p.ISOTitle = ctl(g.control)
			if g.note != "" {
				p.Note = g.note
				out = append(out, p)
			}
			for i, cr := range g.criteria {
				p.TSC, p.TSCName, p.Category = crit(cr)
				fit := g.fit(i)
				p.Fit = &fit
				out = append(out, p)
			}
			continue
		}
		var p pairJSON
		p.TSC, p.TSCName, p.Category = crit(g.criterion)
		if g.note != "" {
			p.Note = g.note
			out = append(out, p)
		}
		for i, c := range g.controls {
			p.ISO, p.ISOTitle = ctl(c)
			fit := g.fit(i)
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

func writeCrosswalk(w io.Writer, groups []crossGroup, from, format string) error {
	switch format {
	case "json":
		out := pairs(groups)
		if out == nil {
			out = []pairJSON{}
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	case "csv":
		t := table.Table{Header: []string{"iso", "iso_title", "tsc", "tsc_name", "tsc_category", "fit", "note"}}
		for _, p := range pairs(groups) {
			t.Rows = append(t.Rows, []string{deref(p.ISO), deref(p.ISOTitle), deref(p.TSC), deref(p.TSCName), deref(p.Category), deref(p.Fit), p.Note})
		}
		return t.CSV(w)
	case "md":
		// Two columns, so that the pairs a program can rely on stand apart from the coarse ones.
		t := table.Table{Header: []string{"Annex A", "Title", "SOC 2 criteria, full fit", "Partial fit"}}
		if from == "soc2" {
			t.Header = []string{"Criterion", "Name", "Annex A controls, full fit", "Partial fit"}
		}
		for _, g := range groups {
			var full, partial []string
			add := func(i int, id string) {
				if g.full[i] {
					full = append(full, id)
				} else {
					partial = append(partial, id)
				}
			}
			for i, cr := range g.criteria {
				add(i, cr.ID)
			}
			for i, c := range g.controls {
				add(i, c.ID.String())
			}
			a, b := strings.Join(full, ", "), strings.Join(partial, ", ")
			if g.note != "" {
				a = "none: " + g.note
			}
			if from == "soc2" {
				t.Rows = append(t.Rows, []string{g.criterion.ID, g.criterion.Name, a, b})
			} else {
				t.Rows = append(t.Rows, []string{g.control.ID.String(), g.control.Title, a, b})
			}
		}
		return t.Markdown(w)
	}
	// table: the looked-up ID on its own row with its title, then one row per counterpart with
	// the pair's fit.
	t := table.Table{Header: []string{"ANNEX A", "SOC 2", "FIT", "TITLE / CRITERION"}}
	if from == "soc2" {
		t.Header = []string{"SOC 2", "ANNEX A", "FIT", "CRITERION / TITLE"}
	}
	for _, g := range groups {
		if from == "soc2" {
			first := []string{g.criterion.ID, "", "", g.criterion.Name}
			if g.note != "" {
				first = []string{g.criterion.ID, "none", "", g.criterion.Name + " — " + g.note}
			}
			t.Rows = append(t.Rows, first)
			for i, c := range g.controls {
				t.Rows = append(t.Rows, []string{"", c.ID.String(), g.fit(i), c.Title})
			}
			continue
		}
		first := []string{g.control.ID.String(), "", "", g.control.Title}
		if g.note != "" {
			first = []string{g.control.ID.String(), "none", "", g.control.Title + " — " + g.note}
		}
		t.Rows = append(t.Rows, first)
		for i, cr := range g.criteria {
			t.Rows = append(t.Rows, []string{"", cr.ID, g.fit(i), cr.Name})
		}
	}
	return t.Text(w, terminalWidth())
}
