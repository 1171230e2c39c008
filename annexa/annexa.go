// Package annexa holds the catalogue of the 93 controls of ISO/IEC 27001:2022 Annex A: their
// identifiers, titles, themes, ISO/IEC 27002:2022 attributes, and the correspondence with the
// 114 controls of the 2013 edition (ISO/IEC 27002:2022 Annex B). It also holds the SOC 2 Trust
// Services Criteria and the crosswalk between them and the controls.
//
// # Data
//
// The catalogue is embedded from CSV files in this directory (see SOURCES.md). It holds titles
// only, never the text of the standard. Every other package reads controls from here; nothing
// else in the module spells a control title.
//
// # Identifiers
//
// [ParseID] accepts the forms people write (5.1, A.5.1, a.5.1, A 5.1, A.05.01) and [Resolve]
// adds the catalogue look-up, with errors that name 2013 replacements or the nearest real control.
//
// # Crosswalk
//
// Each pair of the crosswalk has a fit, full or partial ([Link]). [CrosswalkFromControls] and
// [CrosswalkFromCriteria] look it up in either direction; soa crosswalk writes the result.
// This package imports nothing of soa's: it is the leaf the others stand on.
// [Keywords] gives, per control, our own words for its subject, which package soa/soc2 matches
// against a program's control names.
//
// The package holds no SOC 2 program of a company and no coverage or gap report; those are in
// package soa/soc2. It does not parse command lines: callers resolve the IDs they are given
// with [Resolve] and [ResolveCriterion].
package annexa

import (
	"bytes"
	"embed"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strings"
)

//go:embed *.csv
var dataFS embed.FS

// Theme is one of the four groups of Annex A controls (clauses 5 to 8).
type Theme string

// The four themes, in catalogue order.
const (
	Organizational Theme = "organizational"
	People         Theme = "people"
	Physical       Theme = "physical"
	Technological  Theme = "technological"
)

// Themes lists the four themes in catalogue order.
var Themes = []Theme{Organizational, People, Physical, Technological}

// Title is the heading the standard gives the theme ("Organizational controls").
func (t Theme) Title() string {
	if t == "" {
		return ""
	}
	return strings.ToUpper(string(t[:1])) + string(t[1:]) + " controls"
}

// ParseTheme reads a theme name, case-insensitively; it also accepts the clause number (5 to 8).
func ParseTheme(s string) (Theme, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	for i, t := range Themes {
		if s == string(t) || s == fmt.Sprint(5+i) || s == strings.ToLower(t.Title()) {
			return t, nil
		}
	}
	return "", fmt.Errorf("unknown theme %q: use organizational, people, physical or technological", s)
}

// Control is one Annex A 2022 control.
type Control struct {
	ID    ID
	Title string
	Theme Theme
	// New is true for the 11 controls that have no predecessor in the 2013 edition.
	New bool
	// Attributes maps an ISO/IEC 27002:2022 attribute type (see [AttributeTypes]) to its values.
	// It is nil where the attributes could not be stated reliably.
	Attributes map[string][]string
	// ISO2013 lists the 2013 controls (A.9.2.1 form) this control covers, in 2013 order.
	ISO2013 []string
}

// Control2013 is one control of the ISO/IEC 27001:2013 Annex A.
type Control2013 struct {
	ID    string // A.9.2.1
	Title string
	// Now lists the 2022 controls that replaced it.
	Now []ID
}

var (
	catalogue []Control
	byID      = map[ID]int{}
	old       []Control2013
	oldByID   = map[string]int{}
)

func init() {
	for _, r := range readCSV("controls.csv", 4) {
		id := mustID(r[0])
		theme, err := ParseTheme(r[2])
		if err != nil || theme != Themes[id.Clause-5] {
			panic("annexa: controls.csv: bad theme for " + r[0])
		}
		byID[id] = len(catalogue)
		catalogue = append(catalogue, Control{ID: id, Title: r[1], Theme: theme, New: r[3] == "yes"})
	}
	for _, r := range readCSV("iso2013.csv", 3) {
		id := mustID(r[2])
		i, ok := oldByID[r[0]]
		if !ok {
			i = len(old)
			oldByID[r[0]] = i
			old = append(old, Control2013{ID: r[0], Title: r[1]})
		}
		old[i].Now = append(old[i].Now, id)
		c := &catalogue[byID[id]]
		c.ISO2013 = append(c.ISO2013, r[0])
	}
	for _, r := range readCSV("attributes.csv", 1+len(AttributeTypes)) {
		c := &catalogue[byID[mustID(r[0])]]
		c.Attributes = map[string][]string{}
		for i, typ := range AttributeTypes {
			for v := range strings.SplitSeq(r[1+i], ";") {
				if v = strings.TrimSpace(v); v != "" {
					c.Attributes[typ] = append(c.Attributes[typ], v)
				}
			}
		}
	}
}

// readCSV reads an embedded CSV file without its header; a missing file gives no rows.
func readCSV(name string, cols int) [][]string {
	b, err := dataFS.ReadFile(name)
	if err != nil {
		return nil
	}
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = cols
	var rows [][]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			panic("annexa: " + name + ": " + err.Error())
		}
		rows = append(rows, rec)
	}
	return rows[1:]
}

func mustID(s string) ID {
	id, err := ParseID(s)
	if err != nil {
		panic("annexa: embedded data: " + err.Error())
	}
	return id
}

// All returns the 93 controls in catalogue order. The slice is shared: do not modify it.
func All() []Control { return catalogue }

// Lookup returns the control with the given ID.
func Lookup(id ID) (Control, bool) {
	i, ok := byID[id]
	if !ok {
		return Control{}, false
	}
	return catalogue[i], true
}

// Index returns the position of id in catalogue order, or -1.
func Index(id ID) int {
	if i, ok := byID[id]; ok {
		return i
	}
	return -1
}

// All2013 returns the 114 controls of the 2013 Annex A in their order.
func All2013() []Control2013 { return old }

// Lookup2013 returns a 2013 control by its ID in any accepted spelling (A.9.2.1, 9.2.1).
func Lookup2013(s string) (Control2013, bool) {
	id, ok := parse2013(s)
	if !ok {
		return Control2013{}, false
	}
	i, ok := oldByID[id]
	if !ok {
		return Control2013{}, false
	}
	return old[i], true
}

// AttributeTypes lists the five ISO/IEC 27002:2022 attribute types, as used as keys of
// [Control.Attributes].
var AttributeTypes = []string{
	"control_type",
	"security_properties",
	"cybersecurity_concepts",
	"operational_capabilities",
	"security_domains",
}

// HasAttribute reports whether the control carries the value for the attribute type. Names and
// values compare case-insensitively, with spaces, dashes and underscores alike and a leading
// '#' ignored, so "operational-capabilities=#Identity and access management" matches.
func (c Control) HasAttribute(typ, value string) bool {
	typ, value = foldAttr(typ), foldAttr(value)
	for t, vs := range c.Attributes {
		if foldAttr(t) != typ {
			continue
		}
		if slices.ContainsFunc(vs, func(v string) bool { return foldAttr(v) == value }) {
			return true
		}
	}
	return false
}

func foldAttr(s string) string {
	s = strings.TrimPrefix(strings.TrimSpace(strings.ToLower(s)), "#")
	return strings.NewReplacer(" ", "_", "-", "_").Replace(s)
}

// IsAttributeType reports whether name names one of [AttributeTypes], in the spelling rules of
// [Control.HasAttribute].
func IsAttributeType(name string) bool {
	return slices.ContainsFunc(AttributeTypes, func(t string) bool { return foldAttr(t) == foldAttr(name) })
}
