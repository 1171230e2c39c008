package annexa

import (
	"encoding/json"
	"io"
	"strings"

	"github.com/soa-tool/soa/soa/table"
)

// List is a selection of catalogue controls, written by soa controls.
type List []Control

// controlJSON is the JSON form of a catalogue entry.
type controlJSON struct {
	ID         string              `json:"id"`
	Title      string              `json:"title"`
	Theme      Theme               `json:"theme"`
	New        bool                `json:"new_in_2022"`
	Attributes map[string][]string `json:"attributes"`
	ISO2013    []string            `json:"iso2013"`
}

// WriteJSON writes an array of objects with id, title, theme, new_in_2022, attributes (an
// object of arrays, empty where none are stated) and iso2013.
func (l List) WriteJSON(w io.Writer) error {
	out := make([]controlJSON, 0, len(l))
	for _, c := range l {
		j := controlJSON{c.ID.String(), c.Title, c.Theme, c.New, c.Attributes, c.ISO2013}
		if j.Attributes == nil {
			j.Attributes = map[string][]string{}
		}
		if j.ISO2013 == nil {
			j.ISO2013 = []string{}
		}
		out = append(out, j)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// WriteText writes a table for a terminal width columns wide: ID, theme, new, title.
func (l List) WriteText(w io.Writer, width int) error {
	t := table.Table{Header: []string{"ID", "THEME", "NEW", "TITLE"}}
	for _, c := range l {
		isNew := ""
		if c.New {
			isNew = "new"
		}
		t.Rows = append(t.Rows, []string{c.ID.String(), string(c.Theme), isNew, c.Title})
	}
	return t.Text(w, width)
}

// WriteCSV writes CSV with the columns id, title, theme, new_in_2022, iso2013 and one per
// attribute type; lists are space-separated.
func (l List) WriteCSV(w io.Writer) error { return l.table().CSV(w) }

// WriteMarkdown writes the CSV's columns as a Markdown table.
func (l List) WriteMarkdown(w io.Writer) error { return l.table().Markdown(w) }

func (l List) table() table.Table {
	t := table.Table{Header: append([]string{"id", "title", "theme", "new_in_2022", "iso2013"}, AttributeTypes...)}
	for _, c := range l {
		isNew := "no"
		if c.New {
			isNew = "yes"
		}
		row := []string{c.ID.String(), c.Title, string(c.Theme), isNew, strings.Join(c.ISO2013, " ")}
		for _, a := range AttributeTypes {
			row = append(row, strings.Join(c.Attributes[a], " "))
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}
