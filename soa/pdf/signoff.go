package pdf

import (
	"time"

	"github.com/soa-tool/soa/soa/label"
)

// signOff writes the sign-off page: who prepared, reviewed and approved this version, with
// roles, dates and a line to sign on. What is not recorded reads "pending", as does the
// approval of a draft.
func (r *renderer) signOff() {
	l, doc := r.l, r.s.Document
	r.section("signoff", l.T(label.SecSignOff))
	r.para(l.F(label.SignOffIntro, doc.Version), style{size: 9}, grid)
	r.space(3)
	t := r.newTable([]column{{l.T(label.Step), 34}, {l.T(label.Name), 62}, {l.T(label.Role), 52}, {l.T(label.DateCol), 26}, {l.T(label.Signature), 99}},
		l.F(label.Continued, l.T(label.SecSignOff)))
	t.rs.padTop, t.rs.padBottom = 3, 3
	t.begin()
	plain := style{size: t.rs.fontSize, color: ink}
	pending := style{size: t.rs.fontSize, color: muted}
	row := func(i int, step, name, role string, on time.Time) {
		nameLines := t.wrap(1, name, plain)
		if name == "" {
			nameLines = t.wrap(1, l.T(label.Pending), pending)
		}
		date := t.wrap(3, l.Date(on), plain)
		if on.IsZero() {
			date = nil
		}
		// Two empty lines and a rule: room to sign.
		sign := append(make([]line, 2), t.wrap(4, "________________________________________", style{size: t.rs.fontSize, color: rule})...)
		t.addCells(i, [][]line{t.wrap(0, step, style{size: t.rs.fontSize, bold: true, color: ink}), nameLines, t.wrap(2, role, plain), date, sign}, nil)
	}
	row(0, l.T(label.PreparedBy), doc.PreparedBy, "", time.Time{})
	row(1, l.T(label.ReviewedBy), doc.ReviewedBy, "", time.Time{})
	if len(doc.Approvals) == 0 {
		row(2, l.T(label.ApprovedBy), "", "", time.Time{})
	}
	for i, a := range doc.Approvals {
		row(2+i, l.T(label.ApprovedBy), a.By, a.Role, a.On)
	}
	t.end()
}
