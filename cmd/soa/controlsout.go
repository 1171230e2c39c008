package main

import (
	"encoding/json"
	"io"
	"strings"

	"github.com/soa-tool/soa/annexa"
	"github.com/soa-tool/soa/soa/table"
)

// This file writes soa controls' selection of the catalogue in its four forms.

// controlList is a selection of catalogue controls, written by soa controls.
type controlList []annexa.Control

// catalogueJSON is the JSON form of a catalogue entry.
type catalogueJSON struct {
	ID         string              `json:"id"`
	Title      string              `json:"title"`
	Theme      annexa.Theme        `json:"theme"`
	New        bool                `json:"new_in_2022"`
	Attributes map[string][]string `json:"attributes"`
	ISO2013    []string            `json:"iso2013"`
}

// WriteJSON writes an array of objects with id, title, theme, new_in_2022, attributes (an
// object of arrays, empty where none are stated) and iso2013.
func (l controlList) WriteJSON(w io.Writer) error {
	out := make([]catalogueJSON, 0, len(l))
	for _, c := range l {
		j := catalogueJSON{c.ID.String(), c.Title, c.Theme, c.New, c.Attributes, c.ISO2013}
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
func (l controlList) WriteText(w io.Writer, width int) error {
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
func (l controlList) WriteCSV(w io.Writer) error { return l.table().CSV(w) }

// WriteMarkdown writes the CSV's columns as a Markdown table.
func (l controlList) WriteMarkdown(w io.Writer) error { return l.table().Markdown(w) }

func (l controlList) table() table.Table {
	t := table.Table{Header: append([]string{"id", "title", "theme", "new_in_2022", "iso2013"}, annexa.AttributeTypes...)}
	for _, c := range l {
		isNew := "no"
		if c.New {
			isNew = "yes"
		}
		row := []string{c.ID.String(), c.Title, string(c.Theme), isNew, strings.Join(c.ISO2013, " ")}
		for _, a := range annexa.AttributeTypes {
			row = append(row, strings.Join(c.Attributes[a], " "))
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}
