package soc2

import (
	"fmt"
	"slices"

	"github.com/soa-tool/soa/annexa"
)

// Counts are numbers of Annex A controls per coverage level.
type Counts struct {
	Controls, Covered, Partly, NotCovered int
}

func (c *Counts) add(l Level) {
	c.Controls++
	switch l {
	case Covered:
		c.Covered++
	case Partly:
		c.Partly++
	default:
		c.NotCovered++
	}
}

// Of returns the count for a level.
func (c Counts) Of(l Level) int {
	switch l {
	case Covered:
		return c.Covered
	case Partly:
		return c.Partly
	}
	return c.NotCovered
}

// Percent returns the share of the controls at level l in whole percent, 0 when there are no
// controls. The three shares are rounded by largest remainder so that they add up to 100.
func (c Counts) Percent(l Level) int {
	if c.Controls == 0 {
		return 0
	}
	if c.Covered+c.Partly+c.NotCovered != c.Controls { // not a partition: round each half up
		return (200*c.Of(l) + c.Controls) / (2 * c.Controls)
	}
	levels := []Level{Covered, Partly, NotCovered}
	pct, rem := make([]int, 3), make([]int, 3)
	left := 100
	for i, lv := range levels {
		pct[i], rem[i] = 100*c.Of(lv)/c.Controls, 100*c.Of(lv)%c.Controls
		left -= pct[i]
	}
	for ; left > 0; left-- { // one point each to the largest remainders, first level first
		best := 0
		for i := range rem {
			if rem[i] > rem[best] {
				best = i
			}
		}
		pct[best]++
		rem[best] = -1
	}
	return pct[slices.Index(levels, l)]
}

// ThemeCoverage counts one theme's controls.
type ThemeCoverage struct {
	Theme annexa.Theme
	Counts
}

// DomainCoverage is one row of the seed article's domain table seen through the program:
// which of the domain's criteria it addresses, and the coverage of the domain's controls.
type DomainCoverage struct {
	annexa.Domain
	// Met are the domain's criteria the program addresses.
	Met []string
	Counts
}

// Requirement is something ISO/IEC 27001 asks for that a SOC 2 program does not provide: a
// clause of the management system, or Annex A controls the TSC do not cover in detail.
type Requirement struct {
	Ref   string // "4.3", "6.1.3 d", "A.5.7"
	Title string
	// Detail says what is needed, in our words.
	Detail string
	// Where says where the soa workspace records it; empty when it lives outside soa.
	Where string
}

// Report is the gap analysis of a SOC 2 program against ISO/IEC 27001:2022.
type Report struct {
	Program  *Program
	Criteria []string   // criteria the program addresses, in TSC order
	Controls []Coverage // the 93 controls, catalogue order
	Total    Counts
	Themes   []ThemeCoverage  // the four themes, catalogue order
	Domains  []DomainCoverage // the seed article's ten domains, in its order
	// ISOOnly is the checklist of requirements SOC 2 does not ask for.
	ISOOnly []Requirement
}

// NewReport computes the coverage of the program and the figures of the gap report.
func NewReport(p *Program) *Report {
	r := &Report{Program: p, Criteria: p.Criteria(), Controls: Cover(p)}
	byID := map[annexa.ID]Level{}
	themes := map[annexa.Theme]*Counts{}
	for _, th := range annexa.Themes {
		themes[th] = &Counts{}
	}
	for _, cv := range r.Controls {
		byID[cv.Control.ID] = cv.Level
		r.Total.add(cv.Level)
		themes[cv.Control.Theme].add(cv.Level)
	}
	for _, th := range annexa.Themes {
		r.Themes = append(r.Themes, ThemeCoverage{th, *themes[th]})
	}
	for _, d := range annexa.Domains() {
		dc := DomainCoverage{Domain: d}
		for _, t := range d.TSC {
			if contains(r.Criteria, t) {
				dc.Met = append(dc.Met, t)
			}
		}
		for _, id := range d.ISO {
			dc.add(byID[id])
		}
		r.Domains = append(r.Domains, dc)
	}
	r.ISOOnly = isoOnly(r)
	return r
}

// Undecided returns the controls the program does not cover: those "soa init --from-soc2"
// leaves for the user to decide.
func (r *Report) Undecided() []Coverage { return r.at(NotCovered) }

// Planned returns the controls the program does not cover yet but whose program controls are
// planned: "soa init --from-soc2" writes them applicable with status planned.
func (r *Report) Planned() []Coverage {
	var out []Coverage
	for _, cv := range r.Controls {
		if cv.Level == NotCovered && cv.Status() == StatusPlanned {
			out = append(out, cv)
		}
	}
	return out
}

// PartlyCovered returns the controls the program covers only in part.
func (r *Report) PartlyCovered() []Coverage { return r.at(Partly) }

func (r *Report) at(l Level) []Coverage {
	var out []Coverage
	for _, cv := range r.Controls {
		if cv.Level == l {
			out = append(out, cv)
		}
	}
	return out
}

// isoOnly lists the requirements of ISO/IEC 27001 that a SOC 2 program does not meet by
// itself: the management system of clauses 4 to 10, then the Annex A controls the seed article
// names as gaps. The wording is ours, never the standard's.
func isoOnly(r *Report) []Requirement {
	reqs := []Requirement{
		{"4.1–4.2", "Context and interested parties", "The internal and external issues and the requirements of interested parties that shape the ISMS.", ""},
		{"4.3", "Scope of the ISMS", "A documented scope with its boundaries, interfaces and dependencies, wider than a SOC 2 system description.", "isms.yaml, scope"},
		{"4.4", "The ISMS itself", "The management system and its processes established, implemented, maintained and improved.", ""},
		{"5", "Leadership", "Top management's commitment, the information security policy, and roles and authorities for the ISMS.", "isms.yaml, document owner and approval"},
		{"6.1.2", "Risk assessment", "A defined, repeatable method with risk acceptance criteria; risks identified, analysed and evaluated against it.", "isms.yaml, risk_method, and risks.yaml"},
		{"6.1.3", "Risk treatment", "Treatment options and the controls they need, a treatment plan, and the risk owners' approval of it and of the residual risks.", "risks.yaml, treatment, residual and accepted_by"},
		{"6.1.3 d", "Statement of Applicability", "Every Annex A control included or excluded, with the justification and the implementation status.", "controls.yaml and soa check"},
		{"6.2", "Information security objectives", "Measurable objectives and the plans to achieve them.", ""},
		{"9.2", "Internal audit", "An internal audit programme of the ISMS itself; the SOC 2 audit is external.", ""},
		{"9.3", "Management review", "Top management reviews the ISMS at planned intervals and records its decisions.", ""},
		{"10.1", "Continual improvement", "A process that improves the ISMS, beyond the SOC 2 monitoring of controls (CC4.1, CC4.2).", ""},
		{"10.2", "Nonconformity and corrective action", "Nonconformities of the ISMS recorded, their causes found, and corrective actions taken and reviewed.", ""},
		{"A.5.7", "Threat intelligence", "Information about threats collected, analysed and used; the TSC only name intelligence sources as one input to monitoring (CC7.2).", "controls.yaml, A.5.7"},
	}
	var phys Counts
	for _, cv := range r.Controls {
		if cv.Control.Theme == annexa.Physical {
			phys.add(cv.Level)
		}
	}
	reqs = append(reqs, Requirement{"A.7.1–A.7.14", "Physical controls in detail",
		fmt.Sprintf("SOC 2 treats physical security in CC6.4 and CC6.5 with far less granularity: they ask for physical entry control (A.7.2) and secure disposal (A.7.14), "+
			"and touch the others only in general. The program covers %d of the 14 and partly covers %d; the partly covered ones (secure areas, equipment siting, cabling) need their own requirement met, and clear desk (A.7.7) has no counterpart at all.",
			phys.Covered, phys.Partly), "controls.yaml, A.7.1 to A.7.14"})
	return reqs
}
