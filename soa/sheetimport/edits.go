package sheetimport

import (
	"fmt"
	"strings"

	"github.com/soa-tool/soa/annexa"
	"github.com/soa-tool/soa/soa"
	"github.com/soa-tool/soa/soa/edit"
	"github.com/soa-tool/soa/soa/label"
	"github.com/soa-tool/soa/soa/sheet"
	"github.com/soa-tool/soa/soa/workspace"
	"github.com/soa-tool/soa/soa/xlsx"
	"gopkg.in/yaml.v3"
)

// CellEdit is one cell of a built workbook that differs from what the build wrote.
type CellEdit struct {
	Ref    string // Statement of Applicability!H12
	ID     annexa.ID
	Column string // the SoA sheet's column: Status
	Key    string // the key of controls.yaml: status
	// Built is what the build wrote, Now what the cell holds, Current what a build of the
	// workspace would write today.
	Built, Now, Current string
	// Why says why an edit was not applied (for [EditSet.Invalid]).
	Why string
}

// EditSet is what [Edits] found: the changes to make to controls.yaml, and the edits that
// cannot be made.
type EditSet struct {
	Changes []edit.Change
	// Applied are the cells the changes come from; Conflicts were edited in the workbook
	// while controls.yaml changed since the build; Invalid hold values that cannot be
	// carried into controls.yaml.
	Applied, Conflicts, Invalid []CellEdit
	// Same is true when the workspace has the fingerprint the workbook was built from.
	Same bool
}

// columnKeys maps the editable columns of the SoA sheet to keys of controls.yaml.
var columnKeys = map[string]string{"Applicable": "applicable", "Justification": "justification", "Status": "status",
	"Owner": "owner", "Implementation": "implementation", "Evidence": "evidence", "Target date": "due"}

// Edits compares a built workbook with the workspace as it is now (current, derived from
// it) and works out the changes to controls.yaml. A cell is edited when it differs from
// what the build wrote; the edit is a conflict when the workspace would now write a third
// value there, and invalid when its value is not one controls.yaml takes.
func Edits(b *xlsx.Built, current *soa.SoA) *EditSet {
	set := &EditSet{Same: b.Fingerprint == current.Fingerprint}
	now := map[string][]string{}
	l := label.For(b.Language)
	for _, e := range current.Controls {
		now[e.Control.ID.String()] = sheet.Cells(l, e)
	}
	for _, bc := range b.Controls {
		id, err := annexa.Resolve(bc.ID)
		if err != nil {
			continue
		}
		cur := now[id.String()]
		for _, col := range xlsx.EditableColumns {
			ref, ok := bc.Ref[col]
			if !ok {
				continue
			}
			ce := CellEdit{Ref: ref, ID: id, Column: col, Key: columnKeys[col], Built: norm(bc.Built[col]), Now: norm(bc.Now[col])}
			if i := sheet.Index(xlsx.EditableKey(col)); i >= 0 && cur != nil {
				ce.Current = norm(cur[i])
			}
			if ce.Now == ce.Built || ce.Now == ce.Current {
				continue // not edited, or already so in the workspace
			}
			if ce.Current != ce.Built {
				set.Conflicts = append(set.Conflicts, ce)
				continue
			}
			v, why := value(col, ce.Now)
			if why != "" {
				ce.Why = why
				set.Invalid = append(set.Invalid, ce)
				continue
			}
			set.Applied = append(set.Applied, ce)
			set.Changes = append(set.Changes, edit.Change{ID: id, Key: ce.Key, Value: v})
		}
	}
	return set
}

// norm makes cell texts comparable: line ends as LF, no surrounding space.
func norm(s string) string { return strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n")) }

// value converts an edited cell to the YAML value of its key: nil removes the key; why says
// why the value cannot be taken.
func value(col, v string) (*yaml.Node, string) {
	str := edit.Text
	switch col {
	case "Applicable":
		a, ok := applicability(v)
		if !ok {
			return nil, "Applicable must be Yes or No"
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: fmt.Sprint(a)}, ""
	case "Status":
		if v == "" {
			return nil, ""
		}
		st, na, ok := status(v)
		switch {
		case !ok:
			var titles []string
			for _, s := range workspace.Statuses {
				titles = append(titles, label.Status(s))
			}
			return nil, "Status must be one of " + strings.Join(titles, ", ") + ", or empty"
		case na:
			return nil, "Status cannot say the control is not applicable; set Applicable to No and empty the Status"
		}
		return str(st), ""
	case "Evidence":
		seq := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		for item := range strings.FieldsFuncSeq(v, func(r rune) bool { return r == ';' || r == '\n' }) {
			if item = strings.TrimSpace(item); item != "" {
				seq.Content = append(seq.Content, str(item))
			}
		}
		if len(seq.Content) == 0 {
			return nil, ""
		}
		return seq, ""
	case "Target date":
		if v == "" {
			return nil, ""
		}
		t, ok := cellDate(xlsx.Cell{Text: v})
		if !ok {
			return nil, "Target date must be a date (YYYY-MM-DD)"
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: label.Date(t)}, ""
	case "Owner":
		v = strings.Join(strings.Fields(v), " ")
	}
	if v == "" {
		return nil, ""
	}
	return str(v), ""
}
