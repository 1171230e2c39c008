package soa

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/soa-tool/soa/annexa"
	"github.com/soa-tool/soa/soa/table"
)

// SchemaV1 names the version of the soa.json contract.
const SchemaV1 = "soa/v1"

// JSON is the soa.json document: the machine-readable SoA. Fields are only ever added within
// a schema version.
type JSON struct {
	Schema      string        `json:"schema"`
	Date        string        `json:"date"`
	Document    DocumentJSON  `json:"document"`
	Summary     SummaryJSON   `json:"summary"`
	Method      MethodJSON    `json:"risk_method"`
	Controls    []ControlJSON `json:"controls"`
	Risks       []RiskJSON    `json:"risks"`
	Fingerprint string        `json:"fingerprint"`
	// Changes are the changes since a previous version (soa build --since).
	Changes *Changes `json:"changes,omitempty"`
}

// DocumentJSON is the document block of soa.json.
type DocumentJSON struct {
	ID             string         `json:"id"`
	Title          string         `json:"title"`
	Version        string         `json:"version"`
	Status         string         `json:"status"` // approved or draft
	Organization   string         `json:"organization"`
	Scope          string         `json:"scope"`
	Owner          string         `json:"owner"`
	ApprovedBy     string         `json:"approved_by"`
	ApprovedOn     string         `json:"approved_on"`
	NextReview     string         `json:"next_review"`
	Classification string         `json:"classification"`
	History        []RevisionJSON `json:"history"`
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
	CountsJSON
	ByTheme map[string]CountsJSON `json:"by_theme"`
}

// MethodJSON is the risk method.
type MethodJSON struct {
	Likelihood []string    `json:"likelihood"`
	Impact     []string    `json:"impact"`
	Levels     []LevelJSON `json:"levels"`
	Acceptance int         `json:"acceptance"`
}

// LevelJSON is one score level.
type LevelJSON struct {
	Name string `json:"name"`
	Max  int    `json:"max"`
}

// ControlJSON is one control of the SoA.
type ControlJSON struct {
	ID             string   `json:"id"`
	Title          string   `json:"title"`
	Theme          string   `json:"theme"`
	NewIn2022      bool     `json:"new_in_2022"`
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
	ISO2013        []string `json:"iso2013"`
	SOC2           []string `json:"soc2"`
}

// RiskJSON is one risk of the register with its treatment.
type RiskJSON struct {
	ID                 string        `json:"id"`
	Title              string        `json:"title"`
	Description        string        `json:"description"`
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
	AcceptedBy         string        `json:"accepted_by"`
	AcceptedOn         string        `json:"accepted_on"`
}

// TreatmentJSON is a risk's treatment.
type TreatmentJSON struct {
	Option   string   `json:"option"`
	Controls []string `json:"controls"`
	Plan     string   `json:"plan"`
	Due      string   `json:"due"`
}

// ToJSON gives the soa.json form of the SoA.
func (s *SoA) ToJSON() *JSON {
	d := s.Document
	j := &JSON{Schema: SchemaV1, Date: DateString(s.Date), Fingerprint: s.Fingerprint,
		Document: DocumentJSON{ID: d.ID, Title: d.Title, Version: d.Version, Status: s.Status(),
			Organization: d.Organization, Scope: d.Scope, Owner: d.Owner, ApprovedBy: d.ApprovedBy,
			ApprovedOn: DateString(d.ApprovedOn), NextReview: DateString(d.NextReview),
			Classification: d.Classification, History: []RevisionJSON{}},
		Method: MethodJSON{Likelihood: nonNil(s.Method.Likelihood), Impact: nonNil(s.Method.Impact),
			Levels: []LevelJSON{}, Acceptance: s.Method.Acceptance},
		Summary:  SummaryJSON{CountsJSON: countsJSON(s.Summary.Counts), ByTheme: map[string]CountsJSON{}},
		Controls: []ControlJSON{}, Risks: []RiskJSON{}, Changes: s.Changes}
	for _, h := range d.History {
		j.Document.History = append(j.Document.History, RevisionJSON{h.Version, DateString(h.Date), h.Author, h.Changes})
	}
	for _, l := range s.Method.Levels {
		j.Method.Levels = append(j.Method.Levels, LevelJSON{l.Name, l.Max})
	}
	for t, c := range s.Summary.ByTheme {
		j.Summary.ByTheme[string(t)] = countsJSON(c)
	}
	for _, e := range s.Controls {
		j.Controls = append(j.Controls, ControlJSON{
			ID: e.Control.ID.String(), Title: e.Control.Title, Theme: string(e.Control.Theme),
			NewIn2022: e.Control.New, Applicable: e.Applicable, Reasons: nonNil(e.Reasons),
			Risks: nonNil(e.Risks), Justification: e.Justification, Status: e.Status, Owner: e.Owner,
			Implementation: e.Implementation, Evidence: nonNil(e.Evidence), Due: DateString(e.Due),
			Review: DateString(e.Review), ISO2013: nonNil(e.Control.ISO2013), SOC2: nonNil(e.SOC2)})
	}
	for _, r := range s.Risks {
		var ids []string
		for _, id := range r.Treatment.Controls {
			ids = append(ids, id.String())
		}
		j.Risks = append(j.Risks, RiskJSON{ID: r.ID, Title: r.Title, Description: r.Description, Owner: r.Owner,
			Likelihood: r.Inherent.Likelihood, Impact: r.Inherent.Impact, Score: r.InherentScore, Level: r.InherentLevel,
			Treatment: TreatmentJSON{Option: string(r.Treatment.Option), Controls: nonNil(ids), Plan: r.Treatment.Plan,
				Due: DateString(r.Treatment.Due)},
			ResidualLikelihood: r.Residual.Likelihood, ResidualImpact: r.Residual.Impact,
			ResidualScore: r.ResidualScore, ResidualLevel: r.ResidualLevel,
			AcceptedBy: r.AcceptedBy, AcceptedOn: DateString(r.AcceptedOn)})
	}
	return j
}

func countsJSON(c Counts) CountsJSON {
	out := CountsJSON{Total: c.Total, Applicable: c.Applicable, Excluded: c.Excluded, ByStatus: map[string]int{}}
	for _, st := range Statuses {
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

// Status is "approved" when the document records an approval, else "draft".
func (s *SoA) Status() string {
	if s.Document.Approved() {
		return "approved"
	}
	return "draft"
}

// WriteJSON writes soa.json, indented, with a final newline.
func (s *SoA) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(s.ToJSON())
}

// ReadJSON reads a soa.json written by soa build.
func ReadJSON(r io.Reader) (*JSON, error) {
	var j JSON
	dec := json.NewDecoder(io.LimitReader(r, MaxFileSize))
	if err := dec.Decode(&j); err != nil {
		return nil, fmt.Errorf("not a soa.json: %w", err)
	}
	if j.Schema != SchemaV1 {
		return nil, fmt.Errorf("schema %q is not %q; rebuild it with this version of soa", j.Schema, SchemaV1)
	}
	return &j, nil
}

// SheetColumns are the columns of the SoA sheet of the workbook and of soa.csv.
var SheetColumns = []string{"ID", "Control", "Theme", "Applicable", "Reasons", "Related risks",
	"Justification", "Status", "Implementation", "Owner", "Evidence", "Target date",
	"New in 2022", "ISO 27001:2013 ref", "SOC 2"}

// Cells gives the entry's values in the order of [SheetColumns]. Lists are joined with "; ".
func (e Entry) Cells() []string {
	yes := func(b bool) string {
		if b {
			return "Yes"
		}
		return "No"
	}
	return []string{e.Control.ID.String(), e.Control.Title, themeName(e.Control.Theme), yes(e.Applicable),
		strings.Join(e.Reasons, "; "), strings.Join(e.Risks, "; "), e.Justification, StatusTitle(e.Status),
		e.Implementation, e.Owner, strings.Join(e.Evidence, "; "), DateString(e.Due),
		yes(e.Control.New), strings.Join(e.Control.ISO2013, "; "), strings.Join(e.SOC2, "; ")}
}

func themeName(t annexa.Theme) string {
	return strings.TrimSuffix(t.Title(), " controls")
}

// WriteCSV writes soa.csv: the columns of the SoA sheet, one row per control. Cells that a
// spreadsheet would take for a formula are prefixed with a single quote.
func (s *SoA) WriteCSV(w io.Writer) error {
	t := table.Table{Header: SheetColumns}
	for _, e := range s.Controls {
		t.Rows = append(t.Rows, e.Cells())
	}
	return t.CSV(w)
}
