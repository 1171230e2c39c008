package edit

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/soa-tool/soa/annexa"
	"github.com/soa-tool/soa/soa/internal/yamlpos"
	"gopkg.in/yaml.v3"
)

// Change sets one key of one control's decision in controls.yaml to Value, or removes the
// key when Value is nil.
type Change struct {
	ID    annexa.ID
	Key   string
	Value *yaml.Node
}

// keyOrder is the order of a decision's keys; a new key goes after the last key before it.
var keyOrder = []string{"applicable", "reasons", "justification", "status", "owner", "implementation", "evidence", "due", "review"}

// controlsEditor plans the line edits of controls.yaml and the matching node edits.
type controlsEditor struct {
	name   string
	l      *lines
	doc    *yaml.Node
	cn     *yaml.Node // the controls mapping
	bound  int        // the line index where the controls mapping ends at the latest
	edits  []textEdit
	mutate []func()
}

// Controls applies changes to controls.yaml (b, read from name). Changes to a control that
// is not in the file add it at the end of the controls mapping; a control written as a flow
// mapping {...} is rewritten as a block mapping.
func Controls(name string, b []byte, changes []Change) (*Edit, error) {
	l, err := splitLines(name, b)
	if err != nil {
		return nil, err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("%s: %v; run 'soa check' and fix the file first", name, err)
	}
	e := &controlsEditor{name: name, l: l, doc: &doc, bound: len(l.text)}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s must be a mapping with a controls mapping; run 'soa check' and fix the file first", name)
	}
	root := doc.Content[0]
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == "controls" {
			e.cn = root.Content[i+1]
			if i+2 < len(root.Content) {
				e.bound = root.Content[i+2].Line - 1
			}
		}
	}
	if e.cn == nil || e.cn.Kind != yaml.MappingNode || e.cn.Style&yaml.FlowStyle != 0 || len(e.cn.Content) == 0 {
		return nil, fmt.Errorf("%s: controls must be a block mapping of control ID to decision, one control per line; fix the file first", name)
	}
	byID := map[annexa.ID][]Change{}
	var order []annexa.ID
	for _, c := range changes {
		if _, ok := byID[c.ID]; !ok {
			order = append(order, c.ID)
		}
		byID[c.ID] = append(byID[c.ID], c)
	}
	for _, id := range order {
		cs := byID[id]
		slices.SortStableFunc(cs, func(a, b Change) int { return keyIndex(a.Key) - keyIndex(b.Key) })
		if err := e.control(id, cs); err != nil {
			return nil, err
		}
	}
	text, hunks, err := l.apply(name, e.edits)
	if err != nil {
		return nil, err
	}
	for _, m := range e.mutate {
		m()
	}
	var got yaml.Node
	if err := yaml.Unmarshal([]byte(text), &got); err != nil || !sameTree(e.doc, &got) {
		return nil, fmt.Errorf("%s: the edit could not be made without changing more than intended (the layout is unusual); the file was not changed — edit it by hand", name)
	}
	return &Edit{Data: []byte(text), Hunks: hunks}, nil
}

func keyIndex(k string) int {
	if i := slices.Index(keyOrder, k); i >= 0 {
		return i
	}
	return len(keyOrder)
}

// region returns the lines [start, end) of the pair at index i of mapping m, which ends at
// line bound at the latest: from its key to the last line before the next key that is not
// blank or a comment.
func (e *controlsEditor) region(m *yaml.Node, i, bound int) (start, end int) {
	start, end = m.Content[i].Line-1, bound
	if i+2 < len(m.Content) {
		end = m.Content[i+2].Line - 1
	}
	for end > start+1 && blankOrComment(e.l.text[end-1]) {
		end--
	}
	return start, end
}

// control plans the changes of one control.
func (e *controlsEditor) control(id annexa.ID, cs []Change) error {
	cn := e.cn
	ki := -1
	for i := 0; i+1 < len(cn.Content); i += 2 {
		if got, err := annexa.Resolve(cn.Content[i].Value); err == nil && got == id {
			ki = i
			break
		}
	}
	ctlIndent := strings.Repeat(" ", cn.Content[0].Column-1)
	childIndent := ctlIndent + "  "
	for i := 1; i < len(cn.Content); i += 2 {
		if v := cn.Content[i]; v.Kind == yaml.MappingNode && v.Style&yaml.FlowStyle == 0 && len(v.Content) > 0 {
			childIndent = strings.Repeat(" ", v.Content[0].Column-1)
			break
		}
	}
	if ki < 0 { // a new control at the end of the mapping
		_, end := e.region(cn, len(cn.Content)-2, e.bound)
		m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		apply(m, cs)
		out := []string{ctlIndent + id.String() + ":"}
		out = append(out, mappingLines(childIndent, m)...)
		e.edits = append(e.edits, textEdit{end, end, out})
		e.mutate = append(e.mutate, func() {
			cn.Content = append(cn.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: id.String()}, m)
		})
		return nil
	}
	k, v := cn.Content[ki], cn.Content[ki+1]
	switch {
	case v.Kind == yaml.MappingNode && v.Style&yaml.FlowStyle == 0 && len(v.Content) > 0:
		return e.block(v, cs)
	case v.Kind == yaml.MappingNode || yamlpos.IsNull(v):
		// A flow mapping, {} or an empty decision: written again as a block mapping.
		start, end := e.region(cn, ki, e.bound)
		m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		if v.Kind == yaml.MappingNode {
			m.Content = slices.Clone(v.Content)
		}
		apply(m, cs)
		line := []rune(e.l.text[start])
		keep := []string{string(line[:k.Column-1]) + k.Value + ":" + lineComment(k, v)}
		if yamlpos.IsNull(v) && v.Value == "" {
			// The lines after the key (comments) stay; only the key line is rewritten.
			end = start + 1
			if v.Line != k.Line {
				keep = []string{e.l.text[start]}
			}
		}
		out := append(keep, mappingLines(childIndent, m)...)
		e.edits = append(e.edits, textEdit{start, end, out})
		e.mutate = append(e.mutate, func() { cn.Content[slices.Index(cn.Content, v)] = m })
		return nil
	}
	return fmt.Errorf("%s:%d: the decision of %s is not a mapping; fix the file first (soa check says how)", e.name, k.Line, id)
}

// apply makes the changes to the node mapping m.
func apply(m *yaml.Node, cs []Change) {
	for _, c := range cs {
		i := pairIndex(m, c.Key)
		switch {
		case i >= 0 && c.Value == nil:
			m.Content = slices.Delete(m.Content, i, i+2)
		case i >= 0:
			m.Content[i+1] = c.Value
		case c.Value != nil:
			at := 0
			for j := 0; j+1 < len(m.Content); j += 2 {
				if keyIndex(m.Content[j].Value) <= keyIndex(c.Key) {
					at = j + 2
				}
			}
			m.Content = slices.Insert(m.Content, at, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: c.Key}, c.Value)
		}
	}
}

func pairIndex(m *yaml.Node, key string) int {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return i
		}
	}
	return -1
}

// block plans the changes to a decision written as a block mapping, key by key.
func (e *controlsEditor) block(m *yaml.Node, cs []Change) error {
	_, ctlEnd := e.controlEnd(m)
	indent := strings.Repeat(" ", m.Content[0].Column-1)
	for _, c := range cs {
		i := pairIndex(m, c.Key)
		switch {
		case i >= 0 && c.Value == nil:
			start, end := e.region(m, i, ctlEnd)
			e.edits = append(e.edits, textEdit{start, end, nil})
			k := m.Content[i]
			e.mutate = append(e.mutate, func() {
				j := slices.Index(m.Content, k)
				m.Content = slices.Delete(m.Content, j, j+2)
			})
		case i >= 0:
			k, old := m.Content[i], m.Content[i+1]
			start, end := e.region(m, i, ctlEnd)
			line := []rune(e.l.text[start])
			var out []string
			single := pairLines("", c.Key, c.Value)
			if s, t, ok := scalarSpan(line, k, old); ok && end == start+1 && len(single) == 1 && c.Value.Kind == yaml.ScalarNode {
				out = []string{string(line[:s]) + strings.TrimPrefix(single[0], c.Key+": ") + string(line[t:])}
			} else {
				out = pairLines(string(line[:k.Column-1]), c.Key, c.Value)
				out[0] += lineComment(k, old)
			}
			e.edits = append(e.edits, textEdit{start, end, out})
			v := c.Value
			e.mutate = append(e.mutate, func() { m.Content[slices.Index(m.Content, old)] = v })
		case c.Value != nil:
			// After the last key that comes before it, else before the first key.
			at, after := -1, -1
			for j := 0; j+1 < len(m.Content); j += 2 {
				if keyIndex(m.Content[j].Value) <= keyIndex(c.Key) {
					after = j
				}
			}
			if after >= 0 {
				_, at = e.region(m, after, ctlEnd)
			} else {
				at = m.Content[0].Line - 1
			}
			e.edits = append(e.edits, textEdit{at, at, pairLines(indent, c.Key, c.Value)})
			kn := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: c.Key}
			v := c.Value
			var anchor *yaml.Node
			if after >= 0 {
				anchor = m.Content[after]
			}
			e.mutate = append(e.mutate, func() {
				j := 0
				if anchor != nil {
					j = slices.Index(m.Content, anchor) + 2
				}
				m.Content = slices.Insert(m.Content, j, kn, v)
			})
		}
	}
	return nil
}

// controlEnd is the line where the control whose decision is m ends at the latest.
func (e *controlsEditor) controlEnd(m *yaml.Node) (int, int) {
	cn := e.cn
	for i := 1; i < len(cn.Content); i += 2 {
		if cn.Content[i] == m {
			return e.region(cn, i-1, e.bound)
		}
	}
	return 0, e.bound
}

// pairLines writes key: v as yaml.v3 lays it out (quoting, block scalars for text with
// line breaks, block lists), each line after indent.
func pairLines(indent, key string, v *yaml.Node) []string {
	m := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{{Kind: yaml.ScalarNode, Value: key}, v}}
	return mappingLines(indent, m)
}

func mappingLines(indent string, m *yaml.Node) []string {
	if len(m.Content) == 0 {
		return nil
	}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(m); err != nil {
		return []string{indent + "# " + err.Error()}
	}
	enc.Close()
	var out []string
	for l := range strings.SplitSeq(strings.TrimSuffix(b.String(), "\n"), "\n") {
		if l == "" {
			out = append(out, "")
			continue
		}
		out = append(out, indent+l)
	}
	return out
}
