// Package soc2 reads a company's SOC 2 control list and looks at it through the ISO/IEC
// 27001:2022 lens: which Annex A controls the program covers, the gap report, and a first
// controls.yaml for "soa init --from-soc2".
//
// # Input
//
// [Read] takes the shape GRC platforms export: a CSV file with a header row, or a YAML list of
// objects, each control with an ID, a name and the Trust Services Criteria it addresses
// (see [Read] for the accepted columns and spellings).
//
// # Coverage
//
// [Cover] compares the criteria the program addresses with the crosswalk in package annexa,
// where each pair has a fit: full when the criterion asks for essentially what the control does,
// partial when it only touches the control's subject. A control is covered when the program
// addresses every criterion the crosswalk maps it to and at least one of those links is full;
// partly covered when it addresses some of them, or all of them through partial links only
// (most physical controls, whose only criteria are CC6.4 and CC6.5); and not covered otherwise
// (see [Level]).
//
// # Output
//
// [NewReport] sums the coverage up per theme and security domain for the gap report, which
// [Report.WriteText], [Report.WriteMarkdown] and [Report.WriteJSON] write in the forms of soa
// gap; [ControlsYAML] gives the first controls.yaml.
//
// The package holds no criteria or mappings of its own; those live in package annexa. It holds
// only the text saying what ISO/IEC 27001 expects of a control the criteria touch in general.
// It does not open files for writing: the writers take an [io.Writer] and [ControlsYAML]
// returns the text, and the caller decides where it goes. It imports annexa and soa's leaf
// packages (finding, table, text, yamlpos), never package soa or its renderers.
package soc2

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/soa-tool/soa/annexa"
	"github.com/soa-tool/soa/soa/finding"
	"github.com/soa-tool/soa/soa/internal/yamlpos"
	"github.com/soa-tool/soa/soa/text"
	"gopkg.in/yaml.v3"
)

// Limits on the control list. A real program is far below each of them.
const (
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
	Pos         finding.Pos // where the control starts: its CSV row or YAML list item
}

// Program is a SOC 2 control list.
type Program struct {
	File     string
	Controls []Control
	// Warnings are problems that did not stop the reading, such as a control without criteria.
	Warnings finding.List
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
	nFields
)

var fieldNames = [nFields]string{"id", "name", "criteria", "description", "owner", "evidence"}

// aliases are other header names GRC exports use, folded as by fold.
var aliases = map[string]field{
	"controlid": fID, "controlref": fID, "ref": fID, "reference": fID, "controlreference": fID,
	"controlnumber": fID, "controlcode": fID, "key": fID,
	"controlname": fName, "title": fName, "controltitle": fName, "control": fName,
	"tsc": fCriteria, "trustservicescriteria": fCriteria, "soc2criteria": fCriteria,
	"soc2": fCriteria, "mappedcriteria": fCriteria, "criterion": fCriteria, "tsccriteria": fCriteria,
	"criteriaids": fCriteria, "soc2tsc": fCriteria, "mappings": fCriteria, "frameworkmappings": fCriteria,
	"controldescription": fDescription, "details": fDescription, "desc": fDescription,
	"controlowner": fOwner, "responsible": fOwner, "assignee": fOwner,
	"evidencerequests": fEvidence, "evidenceitems": fEvidence, "artifacts": fEvidence,
	"artefacts": fEvidence, "documents": fEvidence,
}

// fold lower-cases a header name and drops spaces, underscores, dashes and dots.
func fold(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '_', '-', '.', '\t':
			return -1
		}
		return r
	}, strings.ToLower(strings.TrimSpace(s)))
}

func fieldOf(name string) (field, bool) {
	f := fold(name)
	for i, n := range fieldNames {
		if f == n {
			return field(i), true
		}
	}
	k, ok := aliases[f]
	return k, ok
}

// Read reads the control list in file: CSV when the name ends in .csv, YAML for .yaml or .yml,
// and otherwise whichever the content looks like.
//
// A CSV file has a header row naming at least the columns id, name and criteria, matched
// case-insensitively and in any order (common export names such as "Control ID", "Control
// Name" or "TSC" are understood too); description, owner and evidence are optional and other
// columns are ignored. The delimiter is a comma, or a semicolon when the header has no comma.
// A criteria cell lists criterion IDs separated by ";", "," or spaces (CC6.1; CC6.2); an
// evidence cell separates items with ";" or line breaks.
//
// A YAML file is a list of mappings with the same keys; criteria and evidence may be a list
// or a string split as in CSV.
//
// A UTF-8 byte order mark is accepted. Problems with the content come back as a
// [finding.ListError] listing every one with its file, line (and column), and what to do;
// other errors are I/O errors.
func Read(file string) (*Program, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, fmt.Errorf("cannot read the SOC 2 control list: %w", err)
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, fmt.Errorf("%s is a directory; give the SOC 2 control list exported as CSV or YAML", file)
	}
	b, err := io.ReadAll(io.LimitReader(f, yamlpos.MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", file, err)
	}
	return Parse(file, b)
}

// Parse reads a control list from b, naming file in errors; see [Read].
func Parse(file string, b []byte) (*Program, error) {
	p := &Program{File: file}
	var l finding.List
	top := finding.Pos{File: file, Line: 1}
	if len(b) > yamlpos.MaxFileSize {
		l.Errorf(top, "limit", "the file is over %d MiB; a SOC 2 control list is far smaller — is this the right file?", yamlpos.MaxFileSize>>20)
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
	case ext == ".csv":
		p.readCSV(b, &l)
	case ext == ".yaml" || ext == ".yml" || looksYAML(b):
		p.readYAML(b, &l)
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
	firstLine, _, _ := strings.Cut(string(b), "\n")
	if !strings.Contains(firstLine, ",") && strings.Contains(firstLine, ";") {
		r.Comma = ';'
	}
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
		if col[f] < 0 {
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
		crit, pos := cell(fCriteria)
		c.Criteria = parseCriteria(crit, pos, c.ID, l)
		if crit == "" {
			p.noCriteria(c, pos, l)
		}
		c.Description, _ = cell(fDescription)
		c.Owner, _ = cell(fOwner)
		ev, _ := cell(fEvidence)
		c.Evidence = splitEvidence(ev)
		p.Controls = append(p.Controls, c)
	}
}

var fieldHint = [nFields]string{
	`"id" (or "Control ID")`, `"name" (or "Control Name")`, `"criteria" (or "TSC"), listing the Trust Services Criteria of each control`,
	"", "", "",
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

// splitCriteria splits a criteria cell at ";", "," and spaces, joining a series written apart
// from its number ("CC 6.1").
func splitCriteria(s string) []string {
	parts := strings.FieldsFunc(s, func(r rune) bool {
		return r == ';' || r == ',' || r == '|' || r == ' ' || r == '\t' || r == '\n' || r == '\r'
	})
	var out []string
	for i := 0; i < len(parts); i++ {
		t := parts[i]
		if i+1 < len(parts) && strings.Trim(t, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") == "" &&
			parts[i+1] != "" && parts[i+1][0] >= '0' && parts[i+1][0] <= '9' {
			t += " " + parts[i+1]
			i++
		}
		out = append(out, t)
	}
	return out
}

// parseCriteria resolves a criteria cell, reporting unknown IDs with the nearest real ones.
func parseCriteria(s string, pos finding.Pos, id string, l *finding.List) []string {
	return addCriteria(nil, splitCriteria(s), pos, id, l)
}

func addCriteria(have []string, ids []string, pos finding.Pos, ctl string, l *finding.List) []string {
	for _, s := range ids {
		c, err := annexa.ResolveCriterion(s)
		if err != nil {
			l.Errorf(pos, "unknown-criterion", "control %s: %v", ctl, err)
			continue
		}
		if !contains(have, c.ID) {
			have = append(have, c.ID)
		}
	}
	sortCriteria(have)
	return have
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

// readYAML reads a list of controls; a mapping with a single "controls" list is accepted too.
func (p *Program) readYAML(b []byte, l *finding.List) {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&doc); err != nil {
		msg, line := yamlpos.SyntaxMessage(err)
		l.Errorf(finding.Pos{File: p.File, Line: line, Col: 1}, "yaml", "YAML syntax: %s; check the indentation and quoting on this line or the one before", msg)
		return
	}
	if len(doc.Content) == 0 {
		l.Errorf(finding.Pos{File: p.File, Line: 1}, "empty", "the file is empty; export the SOC 2 control list as a YAML list of controls")
		return
	}
	n := doc.Content[0]
	if n.Kind == yaml.MappingNode && len(n.Content) == 2 && fold(n.Content[0].Value) == "controls" {
		n = n.Content[1]
	}
	if n.Kind != yaml.SequenceNode {
		l.Errorf(p.pos(n), "type", "the file must be a list of controls, each starting with \"- id: ...\" and giving name and criteria")
		return
	}
	if len(n.Content) > MaxControls {
		l.Errorf(p.pos(n), "limit", "more than %d controls; is this the right file?", MaxControls)
		return
	}
	for _, e := range n.Content {
		if e.Kind != yaml.MappingNode {
			l.Errorf(p.pos(e), "type", "each control must be a mapping with id, name and criteria, not %s", kind(e))
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
		crit := p.strings(vals[fCriteria], "criteria", l)
		for _, it := range crit {
			c.Criteria = addCriteria(c.Criteria, splitCriteria(it.s), it.pos, ref, l)
		}
		if len(crit) == 0 {
			p.noCriteria(Control{ID: ref}, p.at(vals[fCriteria], c.Pos), l)
		}
		for _, it := range p.strings(vals[fEvidence], "evidence", l) {
			c.Evidence = append(c.Evidence, splitEvidence(it.s)...)
		}
		p.Controls = append(p.Controls, c)
	}
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

func kind(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	case yaml.AliasNode:
		return "an alias"
	}
	return fmt.Sprintf("%q", n.Value)
}

func isNull(n *yaml.Node) bool { return n == nil || (n.Kind == yaml.ScalarNode && n.Tag == "!!null") }

// scalar reads a text value; numbers are taken as written.
func (p *Program) scalar(n *yaml.Node, key string, l *finding.List) string {
	if isNull(n) {
		return ""
	}
	if n.Kind != yaml.ScalarNode {
		l.Errorf(p.pos(n), "type", "%s must be text, not %s", key, kind(n))
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
	if isNull(n) {
		return nil
	}
	if n.Kind == yaml.ScalarNode {
		if s := p.scalar(n, key, l); s != "" {
			return []posString{{s, p.pos(n)}}
		}
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		l.Errorf(p.pos(n), "type", "%s must be a list or text, not %s", key, kind(n))
		return nil
	}
	var out []posString
	for _, e := range n.Content {
		if e.Kind != yaml.ScalarNode {
			l.Errorf(p.pos(e), "type", "each entry of %s must be text, not %s", key, kind(e))
			continue
		}
		if s := p.scalar(e, key, l); s != "" {
			out = append(out, posString{s, p.pos(e)})
		}
	}
	return out
}
