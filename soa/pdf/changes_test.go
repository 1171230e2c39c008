package pdf_test

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/soa-tool/soa/soa/clienttest"
	"github.com/soa-tool/soa/soa/pdf"
	"github.com/soa-tool/soa/soa/soatest"
	"github.com/soa-tool/soa/soa/version"
)

// changeHeadings are the group headings soa diff prints, in order: the unindented lines after
// the title and the summary.
func changeHeadings(t testing.TB, c *version.Changes) []string {
	t.Helper()
	var b bytes.Buffer
	if err := c.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	var out []string
	for i, l := range strings.Split(b.String(), "\n") {
		if i > 2 && l != "" && !strings.HasPrefix(l, " ") {
			out = append(out, l)
		}
	}
	return out
}

// between is the text of s from the first from to the next to after it.
func between(t testing.TB, s, from, to string) string {
	t.Helper()
	_, rest, ok := strings.Cut(s, from)
	if !ok {
		t.Fatalf("%q is missing", from)
	}
	out, _, ok := strings.Cut(rest, to)
	if !ok {
		t.Fatalf("%q does not follow %q", to, from)
	}
	return out
}

func TestChanges(t *testing.T) {
	s, c := soatest.Since(t)
	path, _ := renderWith(t, s, c, pdf.Options{})
	layout := numbered(t, path)
	// The digest follows document control on one page, and the contents give its page and
	// the appendix's.
	contents := func(title string) int {
		m := regexp.MustCompile(`(?m)^\s*` + regexp.QuoteMeta(title) + `\s+(\d+)\s*$`).FindStringSubmatch(layout[1] + layout[2])
		if m == nil {
			t.Fatalf("the contents do not list %q:\n%s%s", title, layout[1], layout[2])
		}
		p, _ := strconv.Atoi(m[1])
		return p
	}
	p := contents("Changes in this version")
	if p != contents("Sign-off")+1 || !regexp.MustCompile(`(?m)^\s*Changes in this version\s*$`).MatchString(layout[p-1]) {
		t.Fatalf("the contents give page %d for the digest", p)
	}
	if !strings.Contains(layout[p], "2 Summary") {
		t.Errorf("the digest takes more than one page: page %d is\n%s", p+1, layout[p])
	}
	digest := norm(layout[p-1])
	if !strings.Contains(digest, "Version 1.1 of 2025-10-20 → 2.0 of 2026-10-15.") {
		t.Errorf("the digest does not name the versions by number and date:\n%s", layout[p-1])
	}
	rest := digest
	for _, g := range c.Groups() {
		want := g.Title
		if g.RollOver {
			want = g.RollOverLine(false)
		}
		_, after, ok := strings.Cut(rest, norm(want))
		if !ok {
			t.Fatalf("the digest lacks %q, or has it out of order", want)
		}
		rest = after
	}
	if !strings.Contains(digest, "Date slips (13) A.5.13, A.5.30,") {
		t.Errorf("the digest does not list the date slips by ID:\n%s", layout[p-1])
	}

	raw := norm(strings.Join(pages(t, path, "-raw"), "\n"))
	if !strings.Contains(raw, norm(c.Summary)) {
		t.Error("the summary is missing")
	}
	// Documents for auditors name no path and no commit.
	if strings.Contains(raw, "examples/") || strings.Contains(raw, "(commit ") {
		t.Error("the PDF names a path or a commit")
	}
	// The full list: Appendix B, after the SoA table and the risk treatment plan, the groups in
	// soa diff's order, each a heading over its table; the roll-overs in one line with the IDs.
	q := contents("Appendix B Changes in this version, in full")
	if a := contents("Appendix A Risk treatment plan"); q <= a || q > len(layout) {
		t.Errorf("the contents give page %d for Appendix B, %d for Appendix A", q, a)
	}
	_, section, _ := strings.Cut(raw, "Appendix B Changes in this version, in full Version 1.1 of 2025-10-20")
	if section == "" {
		t.Fatal("Appendix B is missing")
	}
	rest = section
	for _, h := range changeHeadings(t, c) {
		_, after, ok := strings.Cut(rest, h)
		if !ok {
			t.Fatalf("the group %q is missing or out of order", h)
		}
		rest = after
	}
	groups := c.Groups()
	if !strings.Contains(section, norm(groups[len(groups)-1].RollOverLine(true))) {
		t.Error("Appendix B lacks the roll-overs with their IDs")
	}
	// A.5.7 newly applicable, with both justifications.
	ctl := slices.IndexFunc(c.Controls, func(x version.ControlChange) bool { return x.ID == "A.5.7" })
	just, _ := c.Controls[ctl].Field("justification")
	if just.Old == "" || just.New == "" {
		t.Fatal("A.5.7 should have both justifications")
	}
	a57 := between(t, section, "Controls newly applicable (7)", "Status changes (7)")
	for _, want := range []string{"A.5.7 Threat intelligence", "Excluded", "Applicable", norm(just.Old), norm(just.New)} {
		if !strings.Contains(a57, want) {
			t.Errorf("A.5.7 newly applicable lacks %q", want)
		}
	}
	// Date slips in days, R-11 flagged; R-05 re-scored, R-14 removed.
	slips := between(t, section, "Date slips (13)", "Risks re-scored")
	for _, want := range []string{"A.5.30 ICT readiness for business continuity Target date 2026-06-30 2027-05-31 (335 days later)",
		norm("R-11 Backup failure preventing recovery of customer data Due Note 2026-03-31 — 2027-05-31 (426 days later) residual lowered from 10 to 5 while the treatment's due date moved 426 days later")} {
		if !strings.Contains(slips, want) {
			t.Errorf("the date slips lack %q:\n%s", want, slips)
		}
	}
	rescored := between(t, section, "Risks re-scored (8)", "Acceptances")
	if !strings.Contains(rescored, "R-05 Cloud misconfiguration exposing customer data Inherent risk 3×5 = 15 High 4×5 = 20 Critical") {
		t.Errorf("R-05 is not re-scored from 3×5 = 15 High to 4×5 = 20 Critical:\n%s", rescored)
	}
	closed := between(t, section, "Risks closed (1)", "Treatments completed (7)")
	if !strings.Contains(closed, "R-14 Compromise of the self-hosted Jenkins build server") || !strings.Contains(closed, "Jenkins decommissioned") {
		t.Errorf("R-14 is not closed with its reason:\n%s", closed)
	}
	checkNoOverlap(t, path)
	clienttest.Run(t, clienttest.Require(t, "qpdf"), "--check", path)
}

// A change longer than a page is split between lines, the header repeated and the entry
// marked as continued, with nothing lost.
func TestChangesLong(t *testing.T) {
	s, c := soatest.Since(t)
	var long strings.Builder
	for w := range 1500 {
		fmt.Fprintf(&long, "word%04d ", w)
	}
	long.WriteString("the very last words")
	for i, cc := range c.Controls {
		if cc.ID == "A.5.7" {
			for j, f := range cc.Fields {
				if f.Field == "implementation" {
					c.Controls[i].Fields[j].New = long.String()
				}
			}
		}
	}
	path, _ := renderWith(t, s, c, pdf.Options{})
	raw := strings.Join(pages(t, path, "-raw"), "\n")
	if w, ok := inOrder(raw, long.String()); !ok {
		t.Fatalf("the long change is cut: %q is missing", w)
	}
	if !strings.Contains(raw, "A.5.7\n(cont.)") {
		t.Error("the long entry's continuation is not marked")
	}
	if !strings.Contains(raw, "Controls newly applicable (7) (continued)") {
		t.Error("the table header is not repeated")
	}
	numbered(t, path)
	checkNoOverlap(t, path)
}

func TestChangesDeterministic(t *testing.T) {
	var a, b bytes.Buffer
	s, c := soatest.Since(t)
	if err := pdf.Write(&a, s, c, pdf.Options{}); err != nil {
		t.Fatal(err)
	}
	s, c = soatest.Since(t)
	if err := pdf.Write(&b, s, c, pdf.Options{}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two renderings with the changes differ")
	}
}
