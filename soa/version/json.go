// Package version holds the soa/v1 contract (soa.json: its types, writing and reading back),
// the comparison of two versions of an SoA ([Compare], the change groups, and their text,
// Markdown and JSON forms), and the sides a comparison reads: a workspace directory, a
// soa.json, or a workspace at a git revision. It is the only package that runs git. It reads
// package soa's derived model and never re-derives a rule; package soa must not import it.
package version

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/soa-tool/soa/risk"
	"github.com/soa-tool/soa/soa"
	"github.com/soa-tool/soa/soa/label"
	"github.com/soa-tool/soa/soa/text"
	"github.com/soa-tool/soa/soa/workspace"
)

// SchemaV1 names the version of the soa.json contract.
const SchemaV1 = "soa/v1"

// JSON is the soa.json document: the machine-readable SoA. Fields are only ever added within
// a schema version.
type JSON struct {
	Schema   string        `json:"schema"`
	Date     string        `json:"date"`
	Document DocumentJSON  `json:"document"`
	Summary  SummaryJSON   `json:"summary"`
	Method   MethodJSON    `json:"risk_method"`
	Controls []ControlJSON `json:"controls"`
	// Additional are the controls beyond Annex A, in the order of controls.yaml; each has
	// its Source. Absent in a soa.json of an earlier build.
	Additional  []ControlJSON `json:"additional_controls"`
	Risks       []RiskJSON    `json:"risks"`
	Fingerprint string        `json:"fingerprint"`
	// Changes are the changes since a previous version (soa build --since).
	Changes *Changes `json:"changes,omitempty"`
}

// DocumentJSON is the document block of soa.json.
type DocumentJSON struct {
	ID           string `json:"id"`
	Title        string `json:"title"`
	Version      string `json:"version"`
	Status       string `json:"status"` // approved or draft
	Organization string `json:"organization"`
	Scope        string `json:"scope"`
	Owner        string `json:"owner"`
	ApprovedBy   string `json:"approved_by"`
	ApprovedOn   string `json:"approved_on"`
	// Approvals lists the approvals one by one; approved_by and approved_on sum them up.
	Approvals      []ApprovalJSON `json:"approvals,omitempty"`
	Language       string         `json:"language,omitempty"`
	NextReview     string         `json:"next_review"`
	Classification string         `json:"classification"`
	PreparedBy     string         `json:"prepared_by"`
	ReviewedBy     string         `json:"reviewed_by"`
	RiskAssessment string         `json:"risk_assessment"`
	History        []RevisionJSON `json:"history"`
}

// ApprovalJSON is one approval of the document.
type ApprovalJSON struct {
	By   string `json:"by"`
	Role string `json:"role,omitempty"`
	On   string `json:"on"`
}

// RevisionJSON is one history entry.
type RevisionJSON struct {
	Version string `json:"version"`
	Date    string `json:"date"`
	Author  string `json:"author"`
	Changes string `json:"changes"`
}

// CountsJSON are control counts.
type CountsJSON struct {
	Total      int            `json:"total"`
	Applicable int            `json:"applicable"`
	Excluded   int            `json:"excluded"`
	ByStatus   map[string]int `json:"by_status"`
}

// SummaryJSON is the summary block: overall counts and counts per theme.
type SummaryJSON struct {
	CountsJSON                       // the 93 Annex A controls
	ByTheme    map[string]CountsJSON `json:"by_theme"`
	// Additional counts the controls beyond Annex A.
	Additional CountsJSON `json:"additional"`
}

// MethodJSON is the risk method.
type MethodJSON struct {
	Likelihood []string `json:"likelihood"`
	// LikelihoodDescriptions and ImpactDescriptions say what each level means, one per
	// level; absent when the method does not describe them.
	LikelihoodDescriptions []string    `json:"likelihood_descriptions,omitempty"`
	Impact                 []string    `json:"impact"`
	ImpactDescriptions     []string    `json:"impact_descriptions,omitempty"`
	Levels                 []LevelJSON `json:"levels"`
	Acceptance             int         `json:"acceptance"`
}

// LevelJSON is one score level.
type LevelJSON struct {
	Name string `json:"name"`
	Max  int    `json:"max"`
	// AcceptBy is the role that may accept a residual risk at this level; absent when the
	// risk owner may.
	AcceptBy string `json:"accept_by,omitempty"`
}

// ControlJSON is one control of the SoA.
type ControlJSON struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	// Source is where an additional control comes from; absent for Annex A controls.
	Source    string `json:"source,omitempty"`
	Theme     string `json:"theme"`
	NewIn2022 bool   `json:"new_in_2022"`
	// State is applicable, excluded or undecided; absent in a soa.json of an earlier build.
	State          string   `json:"state,omitempty"`
	Applicable     bool     `json:"applicable"`
	Reasons        []string `json:"reasons"`
	Risks          []string `json:"risks"`
	Justification  string   `json:"justification"`
	Status         string   `json:"status"`
	Owner          string   `json:"owner"`
	Implementation string   `json:"implementation"`
	Evidence       []string `json:"evidence"`
	Due            string   `json:"due"`
	Review         string   `json:"review"`
	// ProvidedBy names the supplier that delivers the control (inherited) and Assurance what
	// assures it; "" when the organisation operates the control itself.
	ProvidedBy string   `json:"provided_by"`
	Assurance  string   `json:"assurance"`
	ISO2013    []string `json:"iso2013"`
	SOC2       []string `json:"soc2"`
}

// RiskJSON is one risk of the register with its treatment.
type RiskJSON struct {
	ID                 string        `json:"id"`
	Title              string        `json:"title"`
	Description        string        `json:"description"`
	Asset              string        `json:"asset"`
	Threat             string        `json:"threat"`
	Vulnerability      string        `json:"vulnerability"`
	Owner              string        `json:"owner"`
	Likelihood         int           `json:"likelihood"`
	Impact             int           `json:"impact"`
	Score              int           `json:"score"`
	Level              string        `json:"level"`
	Treatment          TreatmentJSON `json:"treatment"`
	ResidualLikelihood int           `json:"residual_likelihood"`
	ResidualImpact     int           `json:"residual_impact"`
	ResidualScore      int           `json:"residual_score"`
	ResidualLevel      string        `json:"residual_level"`
	// The current rating (today, while the treatment is open); absent when none is given, the
	// residual rating then being the risk's rating today too.
	CurrentLikelihood int    `json:"current_likelihood,omitempty"`
	CurrentImpact     int    `json:"current_impact,omitempty"`
	CurrentScore      int    `json:"current_score,omitempty"`
	CurrentLevel      string `json:"current_level,omitempty"`
	AcceptedBy        string `json:"accepted_by"`
	AcceptedOn        string `json:"accepted_on"`
	// Acceptance says how the risk stands against the acceptance criteria, as the register
	// words it: "Within criteria (≤ 9)", "Accepted by CTO on 2026-10-06", with any interim
	// exposure.
	Acceptance string `json:"acceptance,omitempty"`
	// Status is open or closed; ClosedOn and ClosedReason are set for a closed risk.
	Status       string `json:"status"`
	ClosedOn     string `json:"closed_on"`
	ClosedReason string `json:"closed_reason"`
}

// current gives the risk's rating today: the current rating, or the residual when none is
// given (as in a soa.json written before current ratings).
func (r RiskJSON) current() Score {
	if r.CurrentScore == 0 {
		return Score{r.ResidualLikelihood, r.ResidualImpact, r.ResidualScore, r.ResidualLevel}
	}
	return Score{r.CurrentLikelihood, r.CurrentImpact, r.CurrentScore, r.CurrentLevel}
}

// Closed reports whether the risk is closed.
func (r RiskJSON) Closed() bool { return r.Status == risk.StatusClosed }

// TreatmentJSON is a risk's treatment.
type TreatmentJSON struct {
	Option string `json:"option"`
	// Controls are the Annex A controls chosen, then the additional ones.
	Controls []string `json:"controls"`
	Plan     string   `json:"plan"`
	Due      string   `json:"due"`
	DoneOn   string   `json:"done_on"`
	// ApprovedOn and ApprovedBy record the owner's approval of the plan; ApprovedBy is the
	// risk's owner when the register names no one else.
	ApprovedOn string `json:"approved_on"`
	ApprovedBy string `json:"approved_by"`
}

// FromSoA gives the soa.json form of the SoA, with the changes since a previous version when
// changes is not nil (soa build --since).
func FromSoA(s *soa.SoA, changes *Changes) *JSON {
	d := s.Document
	j := &JSON{Schema: SchemaV1, Date: label.Date(s.Date), Fingerprint: s.Fingerprint,
		Document: DocumentJSON{ID: d.ID, Title: d.Title, Version: d.Version, Status: s.Status(),
			Organization: d.Organization, Scope: d.Scope, Owner: d.Owner, ApprovedBy: d.ApprovedBy,
			ApprovedOn: label.Date(d.ApprovedOn), NextReview: label.Date(d.NextReview),
			Classification: d.Classification, PreparedBy: d.PreparedBy, ReviewedBy: d.ReviewedBy,
			RiskAssessment: d.RiskAssessment, History: []RevisionJSON{}},
		Method: MethodJSON{Likelihood: nonNil(s.Method.Likelihood), Impact: nonNil(s.Method.Impact),
			LikelihoodDescriptions: s.Method.LikelihoodDescriptions, ImpactDescriptions: s.Method.ImpactDescriptions,
			Levels: []LevelJSON{}, Acceptance: s.Method.Acceptance},
		Summary: SummaryJSON{CountsJSON: countsJSON(s.Summary.Counts), ByTheme: map[string]CountsJSON{},
			Additional: countsJSON(s.Summary.Additional)},
		Controls: []ControlJSON{}, Additional: []ControlJSON{}, Risks: []RiskJSON{}, Changes: changes}
	for _, a := range d.Approvals {
		j.Document.Approvals = append(j.Document.Approvals, ApprovalJSON{a.By, a.Role, label.Date(a.On)})
	}
	j.Document.Language = d.Language
	for _, h := range d.History {
		j.Document.History = append(j.Document.History, RevisionJSON{h.Version, label.Date(h.Date), h.Author, h.Changes})
	}
	for _, l := range s.Method.Levels {
		j.Method.Levels = append(j.Method.Levels, LevelJSON{l.Name, l.Max, l.AcceptBy})
	}
	for t, c := range s.Summary.ByTheme {
		j.Summary.ByTheme[string(t)] = countsJSON(c)
	}
	for _, e := range s.Controls {
		j.Controls = append(j.Controls, controlJSON(e))
	}
	for _, e := range s.Additional {
		j.Additional = append(j.Additional, controlJSON(e))
	}
	for _, r := range s.Risks {
		var ids []string
		for _, id := range r.Treatment.Controls {
			ids = append(ids, id.String())
		}
		ids = append(ids, r.Treatment.Additional...)
		approver := ""
		if !r.Treatment.ApprovedOn.IsZero() {
			approver = r.PlanApprover()
		}
		rj := RiskJSON{ID: r.ID, Title: r.Title, Description: r.Description, Owner: r.Owner,
			Asset: r.Asset, Threat: r.Threat, Vulnerability: r.Vulnerability,
			Likelihood: r.Inherent.Likelihood, Impact: r.Inherent.Impact, Score: r.InherentScore, Level: r.InherentLevel,
			Treatment: TreatmentJSON{Option: string(r.Treatment.Option), Controls: nonNil(ids), Plan: r.Treatment.Plan,
				Due: label.Date(r.Treatment.Due), DoneOn: label.Date(r.Treatment.DoneOn),
				ApprovedOn: label.Date(r.Treatment.ApprovedOn), ApprovedBy: approver},
			ResidualLikelihood: r.Residual.Likelihood, ResidualImpact: r.Residual.Impact,
			ResidualScore: r.ResidualScore, ResidualLevel: r.ResidualLevel,
			AcceptedBy: r.AcceptedBy, AcceptedOn: label.Date(r.AcceptedOn), Acceptance: r.Acceptance,
			Status: r.Status(), ClosedOn: label.Date(r.ClosedOn), ClosedReason: r.ClosedReason}
		if r.CurrentGiven {
			rj.CurrentLikelihood, rj.CurrentImpact = r.Current.Likelihood, r.Current.Impact
			rj.CurrentScore, rj.CurrentLevel = r.CurrentScore, r.CurrentLevel
		}
		j.Risks = append(j.Risks, rj)
	}
	return j
}

func controlJSON(e soa.Entry) ControlJSON {
	return ControlJSON{
		ID: e.ID(), Title: e.Control.Title, Source: e.Source, Theme: string(e.Control.Theme),
		NewIn2022: e.Control.New, State: e.State, Applicable: e.Applicable, Reasons: nonNil(e.Reasons),
		Risks: nonNil(e.Risks), Justification: e.Justification, Status: e.Status, Owner: e.Owner,
		Implementation: e.Implementation, Evidence: nonNil(e.Evidence), Due: label.Date(e.Due),
		Review: label.Date(e.Review), ProvidedBy: e.ProvidedBy, Assurance: e.Assurance,
		ISO2013: nonNil(e.Control.ISO2013), SOC2: nonNil(e.SOC2)}
}

func countsJSON(c soa.Counts) CountsJSON {
	out := CountsJSON{Total: c.Total, Applicable: c.Applicable, Excluded: c.Excluded, ByStatus: map[string]int{}}
	for _, st := range workspace.Statuses {
		out.ByStatus[st] = c.ByStatus[st]
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// MaxJSONSize is the largest soa.json that [JSON.Write] writes and [ReadJSON] reads, so that
// every soa.json soa build wrote can be read back. The workspace limits keep a real one far
// below it: 30,000 risks selecting 3–8 controls each give about 25 MB.
const MaxJSONSize = 256 << 20

// Write writes j as soa.json: indented, with a final newline. It fails, writing no more, when
// the file would be larger than [MaxJSONSize].
func (j *JSON) Write(w io.Writer) error {
	enc := json.NewEncoder(&capped{w: w, left: MaxJSONSize})
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(j)
}

// capped passes at most left bytes on to w.
type capped struct {
	w    io.Writer
	left int
}

func (c *capped) Write(p []byte) (int, error) {
	if len(p) > c.left {
		return 0, fmt.Errorf("soa.json would be over the limit of %d MiB that soa diff and build --since read; split the workspace", MaxJSONSize>>20)
	}
	c.left -= len(p)
	return c.w.Write(p)
}

// ReadJSON reads a soa.json written by soa build. It refuses a file over [MaxJSONSize] and
// text holding control characters (see [text.ControlChar]), which soa build never writes.
func ReadJSON(r io.Reader) (*JSON, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxJSONSize+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read: %w", err)
	}
	if len(b) > MaxJSONSize {
		return nil, fmt.Errorf("larger than %d MiB, which no soa.json written by soa build is; is this the right file?", MaxJSONSize>>20)
	}
	var j JSON
	if err := json.Unmarshal(b, &j); err != nil {
		return nil, fmt.Errorf("not a soa.json: %w", err)
	}
	if jsonControl(b) {
		return nil, errors.New("not a soa.json written by soa build: its text holds control characters; rebuild it with soa build")
	}
	if j.Schema != SchemaV1 {
		return nil, fmt.Errorf("schema %q is not %q; rebuild it with this version of soa", j.Schema, SchemaV1)
	}
	return &j, nil
}

// jsonControl reports whether a JSON text holds, inside its strings, a control character that
// [text.ControlChar] refuses: written as an escape (\u001b, \r, \b, \f) or as UTF-8 (DEL, C1).
func jsonControl(b []byte) bool {
	for i := 0; i < len(b); i++ {
		switch c := b[i]; {
		case c == '\\' && i+1 < len(b):
			i++
			switch b[i] {
			case 'b', 'f', 'r':
				return true
			case 'u':
				if i+4 < len(b) {
					if n, err := strconv.ParseUint(string(b[i+1:i+5]), 16, 32); err == nil {
						if _, _, bad := text.ControlChar(string(rune(n))); bad {
							return true
						}
					}
					i += 4
				}
			}
		case c == 0x7f:
			return true
		case c == 0xc2 && i+1 < len(b) && b[i+1] >= 0x80 && b[i+1] <= 0x9f:
			return true
		}
	}
	return false
}
