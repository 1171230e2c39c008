package sheetimport

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/soa-tool/soa/annexa"
	"github.com/soa-tool/soa/soa/workspace"
	"github.com/soa-tool/soa/soa/xlsx"
)

// readRows reads every row below the header whose ID cell names a control of the sheet's
// numbering; the others are skipped with a reason.
func (res *Result) readRows(sh *xlsx.Sheet, idCol, first int) []row {
	var out []row
	seen := map[string]int{}
	for r := max(first, 0); r < len(sh.Rows); r++ {
		cell := sh.At(r, idCol)
		text := oneLine(cell.Text)
		id, ok := controlID(cell)
		if !ok {
			if text != "" || !emptyRow(sh, r) {
				res.skip(r, "not a control row (a heading, an objective or a note)")
			}
			continue
		}
		old := res.Numbering != N2022
		switch {
		case old && len(id.nums) == 2:
			res.skip(r, fmt.Sprintf("%s is a clause or objective of the %s numbering, not a control", idString(id.nums), res.Numbering))
			continue
		case !old && len(id.nums) == 3:
			res.skip(r, fmt.Sprintf("%s is numbered like a 2013 control, but the sheet uses 2022 numbering", idString(id.nums)))
			continue
		}
		rw := row{index: r, id: id}
		title, _, _, _ := fieldCell(sh, res.Columns, r, Title)
		if title == "" {
			title = id.rest
		}
		rw.title = oneLine(title)
		key, why := res.resolve(id, rw.title)
		if key == "" {
			res.skip(r, why)
			continue
		}
		rw.key = key
		if prev, dup := seen[key]; dup {
			res.skip(r, fmt.Sprintf("%s again (first in row %d, which is used)", key, prev+1))
			continue
		}
		seen[key] = r
		res.readFields(sh, &rw)
		out = append(out, rw)
		res.Rows++
	}
	return out
}

func emptyRow(sh *xlsx.Sheet, r int) bool {
	return !slices.ContainsFunc(sh.Rows[r], func(c xlsx.Cell) bool { return strings.TrimSpace(c.Text) != "" })
}

func (res *Result) skip(r int, reason string) {
	res.Skipped = append(res.Skipped, Skip{Row: r + 1, Reason: reason})
}

// resolve gives the canonical ID of a row in the sheet's numbering, or why it has none.
func (res *Result) resolve(id cellID, title string) (string, string) {
	switch res.Numbering {
	case N2013:
		c, ok := annexa.Lookup2013(idString(id.nums))
		if !ok {
			return "", fmt.Sprintf("%s is not a control of ISO/IEC 27001:2013", idString(id.nums))
		}
		return c.ID, ""
	case N2005:
		// 2005 numbers differ from 2013 ones; the titles mostly do not.
		best, score := "", 0.0
		for _, c := range annexa.All2013() {
			if s := similarity(title, c.Title); s > score {
				best, score = c.ID, s
			}
		}
		if score < 0.6 {
			return "", fmt.Sprintf("%s (2005 numbering): its title %q matches no 2013 control, so it cannot be translated", idString(id.nums), title)
		}
		return best, ""
	}
	cid := annexa.ID{Clause: id.nums[0], Num: id.nums[1]}
	c, ok := annexa.Lookup(cid)
	// Excel keeps 5.10 typed in a number cell as 5.1: the title tells them apart.
	if alt, altOK := annexa.Lookup(annexa.ID{Clause: cid.Clause, Num: cid.Num * 10}); altOK && title != "" &&
		similarity(title, alt.Title) > 0.8 && (!ok || similarity(title, c.Title) < 0.5) {
		res.Notes = append(res.Notes, fmt.Sprintf("%s with the title %q was read as %s (Excel stores 5.10 as the number 5.1)", cid, title, alt.ID))
		return alt.ID.String(), ""
	}
	if !ok {
		return "", fmt.Sprintf("%s is not a control of ISO/IEC 27001:2022", cid)
	}
	return cid.String(), ""
}

// readFields reads the row's values into its decision, keeping what cannot be mapped as a
// comment and in Unmapped.
func (res *Result) readFields(sh *xlsx.Sheet, rw *row) {
	d := &rw.d
	d.Read = true
	r := rw.index
	unmapped := func(f Field, col int, v, comment string) {
		ref := fmt.Sprintf("'%s'!%s%d", sh.Name, letter(col), r+1)
		res.Unmapped = append(res.Unmapped, Unmapped{Ref: ref, Field: f, Value: v})
		d.Comments = append(d.Comments, fmt.Sprintf("%s in the source (%s%d): %q — %s", f, letter(col), r+1, v, comment))
	}
	if v, _, col, ok := fieldCell(sh, res.Columns, r, Applicable); ok && v != "" {
		a, known := applicability(v)
		switch {
		case !known:
			unmapped(Applicable, col, v, "not understood as yes or no; set applicable")
		default:
			d.Applicable = &a
			if f := fold(v); a && !yesPlain[f] || !a && !noPlain[f] {
				d.Comments = append(d.Comments, fmt.Sprintf("applicable in the source: %q", oneLine(v)))
			}
		}
	}
	risk := false
	if v, _, col, ok := fieldCell(sh, res.Columns, r, Reasons); ok && v != "" {
		rs, rk, unknown := reasons(v)
		d.Reasons, risk = rs, rk
		if len(unknown) > 0 {
			unmapped(Reasons, col, strings.Join(unknown, "; "), "not one of "+strings.Join(workspace.Reasons, ", "))
		}
	}
	for _, f := range []Field{TickLegal, TickRegulatory, TickContractual, TickBusiness, TickBestPractice, TickRisk} {
		if v, _, _, ok := fieldCell(sh, res.Columns, r, f); ok && ticked(v) {
			if f == TickRisk {
				risk = true
			} else if !slices.Contains(d.Reasons, string(f)) {
				d.Reasons = append(d.Reasons, string(f))
			}
		}
	}
	slices.SortFunc(d.Reasons, func(a, b string) int { return slices.Index(workspace.Reasons, a) - slices.Index(workspace.Reasons, b) })
	if risk {
		d.Comments = append(d.Comments, "the source selects it for the risk assessment: list it in the treatment.controls of the risks it treats (soa adds the reason \"risk\" itself)")
	}
	d.Justification, _, _, _ = fieldCell(sh, res.Columns, r, Justification)
	if v, _, col, ok := fieldCell(sh, res.Columns, r, Status); ok && v != "" {
		st, na, known := status(v)
		switch {
		case !known:
			unmapped(Status, col, oneLine(v), "not one of "+strings.Join(workspace.Statuses, ", "))
		case na:
			if d.Applicable == nil {
				f := false
				d.Applicable = &f
				d.Comments = append(d.Comments, fmt.Sprintf("excluded because the status in the source is %q", oneLine(v)))
			}
		default:
			d.Status = st
			if d.Applicable == nil {
				if _, hasCol := columnOf(res.Columns, Applicable); !hasCol {
					t := true
					d.Applicable = &t
				}
			}
		}
	}
	owner, _, _, _ := fieldCell(sh, res.Columns, r, Owner)
	d.Owner = strings.Join(strings.Fields(strings.ReplaceAll(owner, "\n", ", ")), " ")
	d.Implementation, _, _, _ = fieldCell(sh, res.Columns, r, Implementation)
	if v, _, _, ok := fieldCell(sh, res.Columns, r, Evidence); ok {
		for item := range strings.FieldsFuncSeq(v, func(r rune) bool { return r == '\n' || r == ';' }) {
			if item = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(item), "-•*")); item != "" {
				d.Evidence = append(d.Evidence, item)
			}
		}
	}
	for _, f := range []Field{Due, Review} {
		v, cell, col, ok := fieldCell(sh, res.Columns, r, f)
		if !ok || v == "" {
			continue
		}
		t, known := cellDate(cell)
		if !known {
			unmapped(f, col, oneLine(v), "not a date (write YYYY-MM-DD)")
			continue
		}
		if f == Due {
			d.Due = t
		} else {
			d.Review = t
		}
	}
}

// yesPlain and noPlain are the answers that need no comment: a plain yes or no.
var (
	yesPlain = words("yes|y|x|✓|✔|true|1|ja|j|oui|si|sim|tak|ano|ναι|da|applicable")
	noPlain  = words("no|n|false|0|nein|non|nie|ne|nao|οχι|nu|not applicable|n/a|na")
)

func columnOf(cols []Column, f Field) (Column, bool) {
	for _, c := range cols {
		if c.Field == f {
			return c, true
		}
	}
	return Column{}, false
}

var dmy = regexp.MustCompile(`^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$`)

// cellDate reads a date cell, or a date written as text: YYYY-MM-DD, DD.MM.YYYY, and
// DD/MM/YYYY or MM/DD/YYYY where the day is over 12 (otherwise it is ambiguous).
func cellDate(c xlsx.Cell) (time.Time, bool) {
	if c.IsDate {
		y, m, d := c.Date.Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), true
	}
	s := strings.TrimSpace(c.Text)
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, true
	}
	m := dmy.FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, false
	}
	a, _ := strconv.Atoi(m[1])
	b, _ := strconv.Atoi(m[2])
	y, _ := strconv.Atoi(m[3])
	day, month := a, b
	switch {
	case strings.Contains(s, "."):
	case a > 12:
	case b > 12:
		day, month = b, a
	default:
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	if t.Day() != day || int(t.Month()) != month {
		return time.Time{}, false
	}
	return t, true
}

// decide turns the rows into one decision per 2022 control: directly for 2022 numbering,
// through the 2013 correspondence otherwise.
func (res *Result) decide(rows []row) {
	byKey := map[string]*row{}
	for i := range rows {
		byKey[rows[i].key] = &rows[i]
	}
	src := func(rw *row) string { return fmt.Sprintf("'%s' row %d", res.Sheet, rw.index+1) }
	for _, c := range annexa.All() {
		if res.Numbering == N2022 {
			rw, ok := byKey[c.ID.String()]
			if !ok {
				res.Decisions = append(res.Decisions, Decision{ID: c.ID, Comments: []string{"not in the sheet: decide it"}})
				continue
			}
			d := rw.d
			d.ID = c.ID
			d.Comments = append([]string{"imported from " + src(rw)}, d.Comments...)
			res.Decisions = append(res.Decisions, d)
			continue
		}
		var preds []*row
		var missing []string
		for _, o := range c.ISO2013 {
			if rw, ok := byKey[o]; ok {
				preds = append(preds, rw)
			} else {
				missing = append(missing, o)
			}
		}
		switch {
		case c.New:
			res.Decisions = append(res.Decisions, Decision{ID: c.ID, Comments: []string{"new in ISO/IEC 27001:2022, with no 2013 predecessor: decide it"}})
			continue
		case len(preds) == 0:
			res.Decisions = append(res.Decisions, Decision{ID: c.ID, Comments: []string{fmt.Sprintf("its 2013 predecessors (%s) are not in the sheet: decide it", strings.Join(missing, ", "))}})
			continue
		}
		res.Decisions = append(res.Decisions, merge(c.ID, preds, missing, src))
	}
}

// merge gives a 2022 control the decisions of its 2013 predecessors: applicable if any was;
// the texts of those that agree with that, each marked with its 2013 ID when there are several.
func merge(id annexa.ID, preds []*row, missing []string, src func(*row) string) Decision {
	d := Decision{ID: id, Read: true}
	var from []string
	for _, p := range preds {
		from = append(from, p.key+" ("+src(p)+")")
	}
	d.Comments = append(d.Comments, "imported from 2013 "+strings.Join(from, ", "))
	if len(missing) > 0 {
		d.Comments = append(d.Comments, "2013 "+strings.Join(missing, ", ")+" not in the sheet")
	}
	decided := 0
	for _, p := range preds {
		if p.d.Applicable != nil {
			decided++
			if *p.d.Applicable {
				t := true
				d.Applicable = &t
			}
		}
	}
	if d.Applicable == nil && decided == len(preds) {
		f := false
		d.Applicable = &f
	}
	agree := preds
	if d.Applicable != nil {
		agree = nil
		for _, p := range preds {
			if p.d.Applicable != nil && *p.d.Applicable == *d.Applicable {
				agree = append(agree, p)
			} else if p.d.Applicable != nil {
				d.Comments = append(d.Comments, fmt.Sprintf("2013 %s was %s: %s", p.key, map[bool]string{true: "applicable", false: "excluded"}[*p.d.Applicable], oneLine(p.d.Justification)))
			}
		}
	}
	joinText := func(get func(*Decision) string) string {
		var parts []*row
		for _, p := range agree {
			if get(&p.d) != "" {
				parts = append(parts, p)
			}
		}
		if len(parts) == 1 {
			return get(&parts[0].d)
		}
		var b []string
		for _, p := range parts {
			b = append(b, p.key+": "+get(&p.d))
		}
		return strings.Join(b, "\n")
	}
	d.Justification = joinText(func(x *Decision) string { return x.Justification })
	d.Implementation = joinText(func(x *Decision) string { return x.Implementation })
	var owners, statuses []string
	for _, p := range agree {
		for _, r := range p.d.Reasons {
			if !slices.Contains(d.Reasons, r) {
				d.Reasons = append(d.Reasons, r)
			}
		}
		if p.d.Owner != "" && !slices.Contains(owners, p.d.Owner) {
			owners = append(owners, p.d.Owner)
		}
		if p.d.Status != "" {
			statuses = append(statuses, p.d.Status)
		}
		for _, e := range p.d.Evidence {
			if !slices.Contains(d.Evidence, e) {
				d.Evidence = append(d.Evidence, e)
			}
		}
		if p.d.Due.After(d.Due) {
			d.Due = p.d.Due
		}
		if !p.d.Review.IsZero() && (d.Review.IsZero() || p.d.Review.Before(d.Review)) {
			d.Review = p.d.Review
		}
		for _, c := range p.d.Comments {
			d.Comments = append(d.Comments, p.key+": "+c)
		}
	}
	slices.SortFunc(d.Reasons, func(a, b string) int { return slices.Index(workspace.Reasons, a) - slices.Index(workspace.Reasons, b) })
	d.Owner = strings.Join(owners, ", ")
	d.Status = combineStatus(statuses)
	if len(slices.Compact(slices.Clone(statuses))) > 1 {
		d.Comments = append(d.Comments, "the 2013 statuses differ ("+strings.Join(statuses, ", ")+"): check status")
	}
	return d
}

// combineStatus is one status for several predecessors: the same when they agree, partial
// when some are done and some are not, else the least advanced.
func combineStatus(sts []string) string {
	if len(sts) == 0 {
		return ""
	}
	slices.SortFunc(sts, func(a, b string) int {
		return slices.Index(workspace.Statuses, a) - slices.Index(workspace.Statuses, b)
	})
	lo, hi := sts[len(sts)-1], sts[0]
	switch {
	case lo == hi:
		return lo
	case hi == "implemented" || hi == "partial":
		return "partial"
	}
	return lo
}
