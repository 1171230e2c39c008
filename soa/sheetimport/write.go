package sheetimport

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/soa-tool/soa/annexa"
	"github.com/soa-tool/soa/soa/edit"
	"github.com/soa-tool/soa/soa/label"
	"gopkg.in/yaml.v3"
)

// Frame is what [Write] takes from the files soa init writes, so that an imported
// controls.yaml reads like a starter one: its first line (the schema modeline) and the
// decision of a control left to decide.
type Frame struct {
	Modeline, Undecided string
}

// Write gives controls.yaml for the result: every control in catalogue order under a heading
// per theme, the comments of its decision above it, its title after its key, then the
// decision. An undecided control gets the empty keys of frame, to fill in. source names the
// imported file in the header.
func Write(res *Result, source string, frame Frame) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(frame.Modeline + "\n#\n")
	fmt.Fprintf(&b, "# controls.yaml imported by soa import from %s, sheet %q", oneLine(source), res.Sheet)
	if len(res.HeaderRows) > 0 {
		fmt.Fprintf(&b, " (header row %s)", strings.Trim(strings.Join(strings.Fields(fmt.Sprint(res.HeaderRows)), "-"), "[]"))
	}
	b.WriteString(".\n")
	if res.Numbering != N2022 {
		fmt.Fprintf(&b, "# The sheet uses ISO/IEC 27001:%s numbering; each 2022 control took the decisions of its\n"+
			"# predecessors (see 'soa controls ID'). Controls new in 2022 are left to decide.\n", res.Numbering)
	}
	b.WriteString("# Comments above a control say where it came from and what could not be read. Review every\n" +
		"# decision, then run 'soa check', which lists what is still missing.\n" +
		"#\n# Keys: applicable (true/false), reasons (legal, regulatory, contractual, business, best-practice),\n" +
		"# justification, status (implemented, partial, planned, not-implemented), owner, and optionally\n" +
		"# implementation, evidence, due and review (YYYY-MM-DD).\n\ncontrols:\n")
	all := annexa.All()
	for i, d := range res.Decisions {
		c, _ := annexa.Lookup(d.ID)
		if i == 0 || all[i-1].Theme != c.Theme {
			if i > 0 {
				b.WriteString("\n")
			}
			fmt.Fprintf(&b, "  # ---- %d %s ----\n", c.ID.Clause, c.Theme.Title())
		}
		b.WriteString("\n")
		for _, cm := range d.Comments {
			for l := range strings.SplitSeq(cm, "\n") {
				fmt.Fprintf(&b, "  # %s\n", strings.TrimRight(l, " "))
			}
		}
		fmt.Fprintf(&b, "  %s: # %s\n", c.ID, c.Title)
		if d.Applicable == nil && !d.Read {
			b.WriteString(frame.Undecided)
			continue
		}
		body, err := decisionYAML(d)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", d.ID, err)
		}
		for l := range strings.SplitSeq(strings.TrimSuffix(body, "\n"), "\n") {
			if l == "" {
				b.WriteString("\n")
				continue
			}
			b.WriteString("    " + l + "\n")
		}
	}
	var check yaml.Node
	if err := yaml.Unmarshal(b.Bytes(), &check); err != nil {
		return nil, fmt.Errorf("internal error: the controls.yaml written does not parse (%v)", err)
	}
	return b.Bytes(), nil
}

// decisionYAML encodes the keys of a decision that are set, yaml.v3 choosing the quoting and
// block style of each value.
func decisionYAML(d Decision) (string, error) {
	m := &yaml.Node{Kind: yaml.MappingNode}
	add := func(k string, v *yaml.Node) {
		m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: k}, v)
	}
	str := edit.Text
	if d.Applicable != nil {
		add("applicable", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: fmt.Sprint(*d.Applicable)})
	} else {
		add("applicable", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "", LineComment: "# true | false: the source does not say"})
	}
	if len(d.Reasons) > 0 {
		seq := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
		for _, r := range d.Reasons {
			seq.Content = append(seq.Content, str(r))
		}
		add("reasons", seq)
	}
	if d.Justification != "" {
		add("justification", str(d.Justification))
	}
	if d.Status != "" {
		add("status", str(d.Status))
	}
	if d.Owner != "" {
		add("owner", str(d.Owner))
	}
	if d.Implementation != "" {
		add("implementation", str(d.Implementation))
	}
	if len(d.Evidence) > 0 {
		seq := &yaml.Node{Kind: yaml.SequenceNode}
		for _, e := range d.Evidence {
			seq.Content = append(seq.Content, str(e))
		}
		add("evidence", seq)
	}
	if !d.Due.IsZero() {
		add("due", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: label.Date(d.Due)})
	}
	if !d.Review.IsZero() {
		add("review", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: label.Date(d.Review)})
	}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(m); err != nil {
		return "", err
	}
	return b.String(), enc.Close()
}
