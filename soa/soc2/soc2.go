// Package soc2 reads a company's SOC 2 control list and looks at it through the ISO/IEC
// 27001:2022 lens: which program controls implement which Annex A control, the coverage, the
// gap report, and a first controls.yaml for "soa init --from-soc2".
//
// # Input
//
// [Read] takes the shapes GRC platforms export: CSV (comma, semicolon or tab), JSON and YAML,
// each control with an ID, a name and the Trust Services Criteria it addresses, and optionally
// a description, owner, evidence, status and an ISO/IEC 27001 mapping (see [Read] for the
// accepted columns and spellings).
//
// # Attachment and coverage
//
// [Attach] chooses the program controls that implement an Annex A control: those the export
// maps to it, or else those that meet one of its criteria in the crosswalk of package annexa and
// are about its subject ([annexa.Keywords]), or whose name plainly says that subject, at most
// [MaxAttached]; criteria alone never tie one. [Cover] judges each control
// on them: covered when they meet every criterion whose link to the control is full, partly
// covered when they miss one or when every link is partial, not covered when none is tied to
// it (see [Level]).
//
// # Output
//
// [NewReport] sums the coverage up per theme and security domain for the gap report, which
// [Report.WriteText], [Report.WriteMarkdown] and [Report.WriteJSON] write in the forms of soa
// gap; [ControlsYAML] gives the first controls.yaml.
//
// The package holds no criteria, mappings or keywords of its own; those live in package annexa.
// It holds only the text saying what ISO/IEC 27001 expects of a control the criteria touch in
// general. It does not open files for writing: the writers take an [io.Writer] and
// [ControlsYAML] returns the text, and the caller decides where it goes. It imports annexa
// and soa's leaf packages (finding, table, text, yamlpos), never package soa or its renderers.
package soc2

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/soa-tool/soa/annexa"
	"github.com/soa-tool/soa/soa/finding"
	"github.com/soa-tool/soa/soa/internal/inputfile"
	"github.com/soa-tool/soa/soa/internal/yamlpos"
	"github.com/soa-tool/soa/soa/text"
	"gopkg.in/yaml.v3"
)

// Limits on the control list. A real program is far below each of them.
const (
	MaxFileSize = yamlpos.MaxFileSize // bytes in the file
	MaxControls = 10_000
	MaxField    = yamlpos.MaxFieldSize // bytes in one cell or value
)

// Control is one control of the SOC 2 program.
type Control struct {
	ID          string
	Name        string
	Criteria    []string // canonical criterion IDs (CC6.1), in TSC order, without duplicates
	Description string
	Owner       string
	Evidence    []string
	// Status is what the export says of the control's state, read by [ParseStatus]: one of
	// the Status constants, or empty when the export has no status.
	Status string
	// Focus are the points of focus the export names (CC6.1.3), rolled up into Criteria.
	Focus []string
	// ISO are the Annex A 2022 controls the export maps the control to (from an ISO/IEC
	// 27001 column or a mixed "mapped requirements" cell; 2013 IDs translated), in
	// catalogue order; empty when it maps none.
	ISO []annexa.ID
	Pos finding.Pos // where the control starts: its CSV row or YAML list item
}

// Program is a SOC 2 control list.
type Program struct {
	File     string
	Controls []Control
	// Warnings are problems that did not stop the reading, such as a control without criteria.
	Warnings finding.List
}

// ISOMapped reports whether the export maps its controls to ISO/IEC 27001 Annex A: at least
// one control names an Annex A control. Coverage then follows that mapping ([Cover]).
func (p *Program) ISOMapped() bool {
	for _, c := range p.Controls {
		if len(c.ISO) > 0 {
			return true
		}
	}
	return false
}

// Criteria returns the criteria addressed by at least one control, in TSC order.
func (p *Program) Criteria() []string {
	seen := map[string]bool{}
	for _, c := range p.Controls {
		for _, t := range c.Criteria {
			seen[t] = true
		}
	}
	var out []string
	for _, c := range annexa.Criteria() {
		if seen[c.ID] {
			out = append(out, c.ID)
		}
	}
	return out
}

// Implementing returns the program's controls that address the criterion, in file order.
func (p *Program) Implementing(tsc string) []*Control {
	var out []*Control
	for i := range p.Controls {
		for _, t := range p.Controls[i].Criteria {
			if t == tsc {
				out = append(out, &p.Controls[i])
				break
			}
		}
	}
	return out
}

// field is a key of a control: a CSV column or a YAML key.
type field int

const (
	fID field = iota
	fName
	fCriteria
	fDescription
	fOwner
	fEvidence
	fStatus
	fISO
	fMapped
	nFields
)

var fieldNames = [nFields]string{"id", "name", "criteria", "description", "owner", "evidence", "status", "iso27001", "mapped requirements"}

// aliases are other header names GRC exports use, folded as by fold.
var aliases = map[string]field{
	"controlid": fID, "controlref": fID, "ref": fID, "reference": fID, "controlreference": fID,
	"controlnumber": fID, "controlcode": fID, "key": fID,
	"controlname": fName, "title": fName, "controltitle": fName, "control": fName,
	"tsc": fCriteria, "trustservicescriteria": fCriteria, "soc2criteria": fCriteria,
	"soc2": fCriteria, "mappedcriteria": fCriteria, "criterion": fCriteria, "tsccriteria": fCriteria,
	"criteriaids": fCriteria, "soc2tsc": fCriteria, "soc2criteria(tsc)": fCriteria, "tscreferences": fCriteria,
	"tscs": fCriteria, "trustservicecriteria": fCriteria, "soc2mapping": fCriteria, "soc2references": fCriteria,
	"mappings": fMapped, "frameworkmappings": fMapped, "mappedrequirements": fMapped, "requirements": fMapped,
	"mappedframeworks": fMapped, "frameworks": fMapped, "frameworkrequirements": fMapped, "compliancemappings": fMapped,
	"mappedcontrols":     fMapped,
	"controldescription": fDescription, "details": fDescription, "desc": fDescription, "summary": fDescription,
	"controlowner": fOwner, "responsible": fOwner, "assignee": fOwner, "assignedto": fOwner, "owneremail": fOwner,
	"evidencerequests": fEvidence, "evidenceitems": fEvidence, "artifacts": fEvidence,
	"artefacts": fEvidence, "documents": fEvidence, "linkedevidence": fEvidence, "evidencelinks": fEvidence,
	"controlstatus": fStatus, "implementationstatus": fStatus, "state": fStatus, "testresult": fStatus,
	"annexa": fISO, "iso": fISO, "isocontrols": fISO, "annexacontrols": fISO,
}

// fold lower-cases a header name and drops spaces, underscores, dashes and dots.
func fold(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '_', '-', '.', '\t', '/', ':':
			return -1
		}
		return r
	}, strings.ToLower(strings.TrimSpace(s)))
}

func fieldOf(name string) (field, bool) {
	f := fold(name)
	if strings.Contains(f, "27001") {
		return fISO, true // "ISO 27001", "ISO/IEC 27001:2022", "iso27001_annex_a"
	}
	for i, n := range fieldNames {
		if f == n {
			return field(i), true
		}
	}
	k, ok := aliases[f]
	return k, ok
}

// Read reads the control list in file: CSV when the name ends in .csv, .tsv or .txt, JSON for
// .json, YAML for .yaml or .yml, and otherwise whichever the content looks like.
//
// A CSV file has a header row naming at least the columns id, name and criteria (or a "mapped
// requirements" column), matched case-insensitively and in any order; common export names
// such as "Control ID", "Control Name", "TSC Criteria", "Control Owner" or "Status" are
// understood too. description, owner, evidence, status and an ISO/IEC 27001 column are
// optional and other columns are ignored. The delimiter is the one of ",", ";" and tab that
// the header row uses most.
//
// A criteria cell names criteria in free text: "CC6.1; CC6.2", "CC6.1 Logical access", points
// of focus (CC6.1.3, rolled up into CC6.1), families (CC5, read as CC5.1 to CC5.3 with a
// warning). A mapped-requirements cell may mix frameworks, each part starting with its name:
// "SOC 2: CC6.1, CC6.6; ISO 27001: A.9.4.2; NIST CSF: PR.AC-1" (other frameworks are
// skipped). An ISO column lists Annex A controls, 2022 (A.5.15) or 2013 (A.9.4.2) IDs. An
// evidence cell separates items with ";" or line breaks; a status cell is read by
// [ParseStatus].
//
// A YAML or JSON file is a list of objects with the same keys, or an object holding one such
// list; criteria and evidence may be a list or a string split as in CSV.
//
// A UTF-8 byte order mark is accepted. Problems with the content come back as a
// [finding.ListError] listing every one with its file, line (and column), and what to do;
// other errors are I/O errors.
func Read(file string) (*Program, error) {
	b, err := inputfile.Read(file, yamlpos.MaxFileSize, "the SOC 2 control list exported as CSV or YAML")
	if err != nil {
		return nil, err
	}
	return Parse(file, b)
}

// Parse reads a control list from b, naming file in errors; see [Read].
func Parse(file string, b []byte) (*Program, error) {
	p := &Program{File: file}
	var l finding.List
	top := finding.Pos{File: file, Line: 1}
	if len(b) > MaxFileSize {
		l.Errorf(top, "limit", "the file is over %d MiB; a SOC 2 control list is far smaller — is this the right file?", MaxFileSize>>20)
		return nil, l.Err()
	}
	if line, _, _, bad := yamlpos.InvalidUTF8(b); bad {
		l.Errorf(finding.Pos{File: file, Line: line}, "encoding", "the file is not UTF-8; export it again as UTF-8 (in Excel: Save As, CSV UTF-8)")
		return nil, l.Err()
	}
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(b)) == 0 {
		l.Errorf(top, "empty", "the file is empty; export the SOC 2 control list from your GRC platform as CSV or YAML")
		return nil, l.Err()
	}
	switch ext := strings.ToLower(filepath.Ext(file)); {
	case ext == ".csv" || ext == ".tsv" || ext == ".txt":
		p.readCSV(b, &l)
	case ext == ".json" || looksJSON(b):
		p.readYAML(unescapeSlashes(b), "JSON", &l)
	case ext == ".yaml" || ext == ".yml" || looksYAML(b):
		p.readYAML(b, "YAML", &l)
	default:
		p.readCSV(b, &l)
	}
	if err := p.check(&l); err != nil {
		return nil, err
	}
	return p, nil
}

// looksYAML reports whether the first line that is not blank or a comment starts a YAML list
// or mapping.
func looksYAML(b []byte) bool {
	for line := range strings.SplitSeq(string(b), "\n") {
		t := strings.TrimSpace(line)
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		return strings.HasPrefix(t, "- ") || t == "-" || strings.HasPrefix(t, "---") || strings.HasSuffix(t, ":")
	}
	return false
}

// looksJSON reports whether the content starts with a JSON array or object.
func looksJSON(b []byte) bool {
	t := bytes.TrimSpace(b)
	return len(t) > 0 && (t[0] == '[' || t[0] == '{')
}

// unescapeSlashes replaces the JSON escape \/ (which some exporters write for every slash and
// YAML does not know) by a plain slash; the YAML reader then reads JSON as it is. Other escapes
// are left alone, so \\/ stays an escaped backslash and a slash.
func unescapeSlashes(b []byte) []byte {
	if !bytes.Contains(b, []byte(`\/`)) {
		return b
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		if b[i] == '\\' && i+1 < len(b) {
			if b[i+1] != '/' {
				out = append(out, b[i])
			}
			out = append(out, b[i+1])
			i++
			continue
		}
		out = append(out, b[i])
	}
	return out
}

// delimiter returns the one of ',', ';' and tab that the header line uses most outside quotes,
// a comma on a tie.
func delimiter(b []byte) rune {
	line, _, _ := bytes.Cut(b, []byte("\n"))
	count := map[rune]int{}
	quoted := false
	for _, r := range string(line) {
		switch {
		case r == '"':
			quoted = !quoted
		case !quoted:
			count[r]++
		}
	}
	best := ','
	for _, r := range []rune{';', '\t'} {
		if count[r] > count[best] {
			best = r
		}
	}
	return best
}

// check reports duplicate IDs and controls without criteria, and returns the error list.
func (p *Program) check(l *finding.List) error {
	seen := map[string]finding.Pos{}
	for _, c := range p.Controls {
		if c.ID == "" {
			continue
		}
		k := strings.ToLower(c.ID)
		if first, dup := seen[k]; dup {
			l.Errorf(c.Pos, "duplicate-id", "control ID %s is used twice (first at %s); give each control its own ID", c.ID, first)
		} else {
			seen[k] = c.Pos
		}
	}
	if len(p.Controls) == 0 && l.Count(finding.Error) == 0 {
		l.Errorf(finding.Pos{File: p.File, Line: 1}, "empty", "the file lists no controls; export the SOC 2 control list with one control per row")
	}
	l.Sort()
	if err := l.Err(); err != nil {
		return err
	}
	p.Warnings = *l
	return nil
}

func (p *Program) readCSV(b []byte, l *finding.List) {
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = -1
	r.Comma = delimiter(b)
	r.LazyQuotes = r.Comma == '\t' // tab exports rarely quote, and a stray quote is text
	header, err := r.Read()
	if err != nil {
		p.csvError(err, l)
		return
	}
	col := [nFields]int{}
	for i := range col {
		col[i] = -1
	}
	for i, h := range header {
		f, ok := fieldOf(h)
		if !ok {
			continue
		}
		if col[f] >= 0 {
			_, c := r.FieldPos(i)
			l.Errorf(finding.Pos{File: p.File, Line: 1, Col: c}, "header",
				"columns %q and %q both read as %s; rename or delete one of them", header[col[f]], h, fieldNames[f])
			continue
		}
		col[f] = i
	}
	for _, f := range []field{fID, fName, fCriteria} {
		if col[f] < 0 && (f != fCriteria || col[fMapped] < 0) {
			l.Errorf(finding.Pos{File: p.File, Line: 1}, "missing-column",
				"no %s column: the header row has %s; name a column %s (the header is matched case-insensitively)",
				fieldNames[f], quoteList(header), fieldHint[f])
		}
	}
	if l.Count(finding.Error) > 0 {
		return
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return
		}
		if err != nil {
			p.csvError(err, l)
			return
		}
		line, _ := r.FieldPos(0)
		if blank(rec) {
			continue
		}
		if len(p.Controls) >= MaxControls {
			l.Errorf(finding.Pos{File: p.File, Line: line}, "limit", "more than %d controls; is this the right file?", MaxControls)
			return
		}
		cell := func(f field) (string, finding.Pos) {
			i := col[f]
			if i < 0 || i >= len(rec) {
				return "", finding.Pos{File: p.File, Line: line}
			}
			ln, c := r.FieldPos(i)
			pos := finding.Pos{File: p.File, Line: ln, Col: c}
			if len(rec[i]) > MaxField {
				l.Errorf(pos, "limit", "the %s cell is over %d KiB; shorten it", fieldNames[f], MaxField>>10)
				return "", pos
			}
			return strings.TrimSpace(rec[i]), pos
		}
		c := Control{Pos: finding.Pos{File: p.File, Line: line}}
		var pos finding.Pos
		c.ID, pos = cell(fID)
		if c.ID == "" {
			l.Errorf(pos, "required", "row %d has no control ID; give every control an ID", line)
		}
		c.Name, pos = cell(fName)
		if c.Name == "" {
			l.Errorf(pos, "required", "control %s has no name; give it a short name", orRow(c.ID, line))
		}
		var cells []refCell
		for _, f := range []field{fCriteria, fMapped, fISO} {
			s, pos := cell(f)
			cells = append(cells, refCell{f, s, pos})
		}
		p.addRefs(&c, cells, cells[0].pos, orRow(c.ID, line), l)
		c.Description, _ = cell(fDescription)
		c.Owner, _ = cell(fOwner)
		ev, _ := cell(fEvidence)
		c.Evidence = splitEvidence(ev)
		st, pos := cell(fStatus)
		p.setStatus(&c, st, pos, l)
		p.Controls = append(p.Controls, c)
	}
}

var fieldHint = [nFields]string{
	`"id" (or "Control ID")`, `"name" (or "Control Name")`, `"criteria" (or "TSC"), listing the Trust Services Criteria of each control`,
	"", "", "",
}

// refCell is a cell, or one list item, of the criteria, mapped-requirements or ISO column.
type refCell struct {
	f   field
	s   string
	pos finding.Pos
}

// addRefs reads cells into the Criteria, Focus and ISO of c, and warns at pos when they name
// no criterion and no Annex A control.
func (p *Program) addRefs(c *Control, cells []refCell, pos finding.Pos, ref string, l *finding.List) {
	for _, cell := range cells {
		if cell.s == "" {
			continue
		}
		r := p.parseRefs(cell.s, cell.f, cell.pos, ref, l)
		for _, t := range r.criteria {
			c.Criteria = appendNew(c.Criteria, t)
		}
		for _, t := range r.focus {
			c.Focus = appendNew(c.Focus, t)
		}
		c.ISO = append(c.ISO, r.iso...)
	}
	sortCriteria(c.Criteria)
	slices.SortFunc(c.ISO, annexa.ID.Compare)
	c.ISO = slices.Compact(c.ISO)
	written := slices.ContainsFunc(cells, func(c refCell) bool { return c.s != "" })
	if !written { // a cell that names nothing valid has its own error
		p.noCriteria(Control{ID: ref}, pos, l)
	}
}

// setStatus reads the status cell s of c; a word it does not know is a warning.
func (p *Program) setStatus(c *Control, s string, pos finding.Pos, l *finding.List) {
	st, ok := ParseStatus(s)
	if !ok {
		l.Warnf(pos, "status", "control %s: status %q is not understood and is ignored; write implemented, in progress, planned or not applicable", c.ID, s)
		return
	}
	c.Status = st
}

func (p *Program) noCriteria(c Control, pos finding.Pos, l *finding.List) {
	l.Warnf(pos, "no-criteria", "control %s lists no Trust Services Criteria, so it covers no Annex A control; add its criteria (e.g. CC6.1) if it belongs to the SOC 2 program", c.ID)
}

func orRow(id string, line int) string {
	if id == "" {
		return fmt.Sprintf("on line %d", line)
	}
	return id
}

func blank(rec []string) bool {
	for _, s := range rec {
		if strings.TrimSpace(s) != "" {
			return false
		}
	}
	return true
}

func quoteList(h []string) string {
	var q []string
	for _, s := range h {
		q = append(q, fmt.Sprintf("%q", s))
	}
	if len(q) == 0 {
		return "no names"
	}
	return strings.Join(q, ", ")
}

func (p *Program) csvError(err error, l *finding.List) {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		l.Errorf(finding.Pos{File: p.File, Line: pe.Line, Col: pe.Column}, "csv",
			"CSV syntax: %v; check the quotes on this line (a quote inside a cell is written \"\")", pe.Err)
		return
	}
	l.Errorf(finding.Pos{File: p.File, Line: 1}, "csv", "CSV: %v", err)
}

func sortCriteria(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && annexa.CompareCriteria(s[j-1], s[j]) > 0; j-- {
			s[j-1], s[j] = s[j], s[j-1]
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// splitEvidence splits an evidence cell at ";" and line breaks.
func splitEvidence(s string) []string {
	var out []string
	for part := range strings.FieldsFuncSeq(s, func(r rune) bool { return r == ';' || r == '\n' || r == '\r' }) {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

// readYAML reads a list of controls; a mapping holding one list of mappings ("controls",
// "data", "items") is accepted too. lang is YAML or JSON, for messages.
func (p *Program) readYAML(b []byte, lang string, l *finding.List) {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&doc); err != nil {
		msg, line := yamlpos.SyntaxMessage(err)
		hint := "check the indentation and quoting on this line or the one before"
		if lang == "JSON" {
			hint = "check the commas, brackets and quotes on this line or the one before"
		}
		l.Errorf(finding.Pos{File: p.File, Line: line, Col: 1}, strings.ToLower(lang), "%s syntax: %s; %s", lang, msg, hint)
		return
	}
	if len(doc.Content) == 0 {
		l.Errorf(finding.Pos{File: p.File, Line: 1}, "empty", "the file is empty; export the SOC 2 control list as a %s list of controls", lang)
		return
	}
	n := listIn(doc.Content[0])
	if n.Kind != yaml.SequenceNode {
		if lang == "JSON" {
			l.Errorf(p.pos(n), "type", "the file must be an array of controls, or an object holding one, each control an object with id, name and criteria")
		} else {
			l.Errorf(p.pos(n), "type", "the file must be a list of controls, each starting with \"- id: ...\" and giving name and criteria")
		}
		return
	}
	if len(n.Content) > MaxControls {
		l.Errorf(p.pos(n), "limit", "more than %d controls; is this the right file?", MaxControls)
		return
	}
	for _, e := range n.Content {
		if e.Kind != yaml.MappingNode {
			l.Errorf(p.pos(e), "type", "each control must be a mapping with id, name and criteria, not %s", yamlpos.Describe(e))
			continue
		}
		c := Control{Pos: p.pos(e)}
		var vals [nFields]*yaml.Node
		var keys [nFields]*yaml.Node
		for i := 0; i+1 < len(e.Content); i += 2 {
			k, v := e.Content[i], e.Content[i+1]
			f, ok := fieldOf(k.Value)
			if !ok {
				if s := closeField(k.Value); s != "" {
					l.Warnf(p.pos(k), "unknown-key", "key %q is ignored; did you mean %q?", k.Value, s)
				}
				continue
			}
			if vals[f] != nil {
				l.Errorf(p.pos(k), "duplicate-key", "%s is given twice in this control (first on line %d); keep one", fieldNames[f], keys[f].Line)
				continue
			}
			vals[f], keys[f] = v, k
		}
		c.ID = p.scalar(vals[fID], "id", l)
		c.Name = p.scalar(vals[fName], "name", l)
		c.Description = p.scalar(vals[fDescription], "description", l)
		c.Owner = p.scalar(vals[fOwner], "owner", l)
		ref := c.ID
		if c.ID == "" {
			l.Errorf(c.Pos, "required", "this control has no id; give every control an ID")
			ref = fmt.Sprintf("on line %d", c.Pos.Line)
		}
		if c.Name == "" {
			l.Errorf(p.at(vals[fName], c.Pos), "required", "control %s has no name; give it a short name", ref)
		}
		var cells []refCell
		for _, f := range []field{fCriteria, fMapped, fISO} {
			for _, it := range p.strings(vals[f], fieldNames[f], l) {
				cells = append(cells, refCell{f, it.s, it.pos})
			}
		}
		p.addRefs(&c, cells, p.at(vals[fCriteria], c.Pos), ref, l)
		p.setStatus(&c, p.scalar(vals[fStatus], "status", l), p.at(vals[fStatus], c.Pos), l)
		for _, it := range p.strings(vals[fEvidence], "evidence", l) {
			c.Evidence = append(c.Evidence, splitEvidence(it.s)...)
		}
		p.Controls = append(p.Controls, c)
	}
}

// listIn returns n, or the one list of mappings a mapping holds (an export's "controls" or
// "data" key); n itself when it holds none or several.
func listIn(n *yaml.Node) *yaml.Node {
	if n.Kind != yaml.MappingNode {
		return n
	}
	var found *yaml.Node
	for i := 1; i < len(n.Content); i += 2 {
		v := n.Content[i]
		if v.Kind == yaml.SequenceNode && (len(v.Content) == 0 || v.Content[0].Kind == yaml.MappingNode) {
			if found != nil {
				return n
			}
			found = v
		}
	}
	if found == nil {
		return n
	}
	return found
}

func closeField(k string) string {
	f := fold(k)
	for _, n := range fieldNames {
		if d := text.Distance(f, n); d > 0 && d <= 2 {
			return n
		}
	}
	return ""
}

func (p *Program) pos(n *yaml.Node) finding.Pos {
	return finding.Pos{File: p.File, Line: n.Line, Col: n.Column}
}

func (p *Program) at(n *yaml.Node, def finding.Pos) finding.Pos {
	if n == nil {
		return def
	}
	return p.pos(n)
}

// scalar reads a text value; numbers are taken as written.
func (p *Program) scalar(n *yaml.Node, key string, l *finding.List) string {
	if yamlpos.IsNull(n) {
		return ""
	}
	if n.Kind != yaml.ScalarNode {
		l.Errorf(p.pos(n), "type", "%s must be text, not %s", key, yamlpos.Describe(n))
		return ""
	}
	if len(n.Value) > MaxField {
		l.Errorf(p.pos(n), "limit", "%s is over %d KiB; shorten it", key, MaxField>>10)
		return ""
	}
	return strings.Join(strings.Fields(n.Value), " ")
}

type posString struct {
	s   string
	pos finding.Pos
}

// strings reads a list of text values, or a single text value as a one-item list.
func (p *Program) strings(n *yaml.Node, key string, l *finding.List) []posString {
	if yamlpos.IsNull(n) {
		return nil
	}
	if n.Kind == yaml.ScalarNode {
		if s := p.scalar(n, key, l); s != "" {
			return []posString{{s, p.pos(n)}}
		}
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		l.Errorf(p.pos(n), "type", "%s must be a list or text, not %s", key, yamlpos.Describe(n))
		return nil
	}
	var out []posString
	for _, e := range n.Content {
		if e.Kind != yaml.ScalarNode {
			l.Errorf(p.pos(e), "type", "each entry of %s must be text, not %s", key, yamlpos.Describe(e))
			continue
		}
		if s := p.scalar(e, key, l); s != "" {
			out = append(out, posString{s, p.pos(e)})
		}
	}
	return out
}
