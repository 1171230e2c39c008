// Package edit changes workspace files in place, keeping the user's comments, order and
// layout: only the lines of the values that change are rewritten, and the result is parsed
// again and must hold exactly the intended change, or nothing is returned. [ReleaseISMS] and
// [ApproveISMS] edit isms.yaml for soa release and soa approve; [Controls] sets or removes keys
// of control decisions in controls.yaml for soa import --edits. The command writes the result
// with soa/output.Replace. It must not import package soa or its renderers.
package edit

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/soa-tool/soa/soa/finding"
	"github.com/soa-tool/soa/soa/internal/yamlpos"
	"github.com/soa-tool/soa/soa/label"
	"github.com/soa-tool/soa/soa/text"
	"github.com/soa-tool/soa/soa/workspace"
	"gopkg.in/yaml.v3"
)

// Edit is a change to isms.yaml worked out by [ReleaseISMS] or [ApproveISMS]: the new content
// and the hunks that show it.
type Edit struct {
	Data  []byte
	Hunks []Hunk
}

// Hunk is one edited place: the lines it had and has, as in "diff -U0". OldLine and NewLine
// are the 1-based first lines; for a pure insertion or deletion, the line before it.
type Hunk struct {
	OldLine, NewLine int
	Old, New         []string
}

// Unified writes the hunks as a unified diff of file without context lines.
func (e *Edit) Unified(file string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "--- %s\n+++ %s\n", file, file)
	for _, h := range e.Hunks {
		fmt.Fprintf(&b, "@@ -%s +%s @@\n", hunkRange(h.OldLine, len(h.Old)), hunkRange(h.NewLine, len(h.New)))
		for _, l := range h.Old {
			fmt.Fprintf(&b, "-%s\n", l)
		}
		for _, l := range h.New {
			fmt.Fprintf(&b, "+%s\n", l)
		}
	}
	return b.String()
}

func hunkRange(line, n int) string {
	if n == 1 {
		return fmt.Sprint(line)
	}
	return fmt.Sprintf("%d,%d", line, n)
}

// ReleaseISMS edits isms.yaml (b, read from name) for a new version: document.version
// becomes rev.Version, rev is appended to document.history, and approved_by, approved_on
// and approvals are removed (a new version needs approving).
//
// Only the edited lines change: a full re-encoding by yaml.v3 would reflow folded text and
// drop blank lines. The places are found from the yaml.Node positions, the same edits are
// made to the node tree, and the new text is parsed again and must give that tree, or
// nothing is returned.
func ReleaseISMS(name string, b []byte, rev workspace.Revision) (*Edit, error) {
	if err := checkValues(name, "document.version", rev.Version, "history author", rev.Author, "history changes", rev.Changes); err != nil {
		return nil, err
	}
	e, err := newISMSEditor(name, b)
	if err != nil {
		return nil, err
	}
	if err := e.set("version", quoted(rev.Version), "id"); err != nil {
		return nil, err
	}
	e.remove("approved_by")
	e.remove("approved_on")
	e.remove("approvals")
	if err := e.appendHistory(rev); err != nil {
		return nil, err
	}
	return e.finish()
}

// AddApproval edits isms.yaml (b, read from name) to record one approval among several:
// with role, or when the document already lists approvals. An approval by the same person in
// the same role replaces its date; another is added at the end of document.approvals. A
// single approval in approved_by/approved_on by someone else moves into the list first.
// Without role and without approvals it is [ApproveISMS].
func AddApproval(name string, b []byte, a workspace.Approval) (*Edit, error) {
	if err := checkValues(name, "document.approvals by", a.By, "document.approvals role", a.Role); err != nil {
		return nil, err
	}
	e, err := newISMSEditor(name, b)
	if err != nil {
		return nil, err
	}
	i, has := e.find("approvals")
	if a.Role == "" && !has {
		return ApproveISMS(name, b, a.By, a.On)
	}
	entry := approvalNode(a)
	if has {
		seq := e.doc.Content[i+1]
		if seq.Kind == yaml.SequenceNode {
			for _, it := range seq.Content {
				if it.Kind == yaml.MappingNode && mapValue(it, "by") == a.By && mapValue(it, "role") == a.Role {
					if err := e.setInEntry(it, "on", entry.Content[len(entry.Content)-1]); err != nil {
						return nil, err
					}
					return e.finish()
				}
			}
		}
		if err := e.appendEntry("approvals", "{by, role, on}", entry); err != nil {
			return nil, err
		}
		return e.finish()
	}
	entries := []*yaml.Node{entry}
	var by, on string
	if bi, ok := e.find("approved_by"); ok {
		by = e.doc.Content[bi+1].Value
	}
	if oi, ok := e.find("approved_on"); ok {
		on = e.doc.Content[oi+1].Value
	}
	if t, err := time.Parse(time.DateOnly, strings.TrimSpace(on)); err == nil && by != "" && by != a.By {
		entries = append([]*yaml.Node{approvalNode(workspace.Approval{By: by, On: t})}, entries...)
	}
	anchor := e.anchor("owner", "version", "id")
	e.remove("approved_by")
	e.remove("approved_on")
	if err := e.newList("approvals", anchor, entries); err != nil {
		return nil, err
	}
	return e.finish()
}

// newList adds key, a list of the flow mappings entries, after the pair of key after.
func (e *ismsEditor) newList(key, after string, entries []*yaml.Node) error {
	i, _ := e.find(after)
	_, end := e.region(i)
	lines := []string{e.indent() + key + ":"}
	for _, n := range entries {
		lines = append(lines, e.indent()+"  - "+flowText(n))
	}
	e.edits = append(e.edits, textEdit{end, end, lines})
	ak := e.doc.Content[i]
	seq := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Content: entries}
	e.mutate = append(e.mutate, func() {
		j := slices.Index(e.doc.Content, ak) + 2
		e.doc.Content = slices.Insert(e.doc.Content, j, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key}, seq)
	})
	return nil
}

func approvalNode(a workspace.Approval) *yaml.Node {
	n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Style: yaml.FlowStyle}
	n.Content = append(n.Content, key("by"), plainOrQuoted(a.By))
	if a.Role != "" {
		n.Content = append(n.Content, key("role"), plainOrQuoted(a.Role))
	}
	n.Content = append(n.Content, key("on"), &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: label.Date(a.On)})
	return n
}

// mapValue is the text of key in mapping m, or "".
func mapValue(m *yaml.Node, key string) string {
	for j := 0; j+1 < len(m.Content); j += 2 {
		if m.Content[j].Value == key {
			return strings.TrimSpace(m.Content[j+1].Value)
		}
	}
	return ""
}

// setInEntry gives key of the list entry it (a mapping) the scalar v, where its old value is
// a scalar written on the key's line.
func (e *ismsEditor) setInEntry(it *yaml.Node, key string, v *yaml.Node) error {
	for j := 0; j+1 < len(it.Content); j += 2 {
		k, old := it.Content[j], it.Content[j+1]
		if k.Value != key {
			continue
		}
		line := []rune(e.text[k.Line-1])
		s, t, ok := scalarSpan(line, k, old)
		if !ok {
			break
		}
		if w := []rune(old.Value); old.Style == 0 && s+len(w) <= len(line) && string(line[s:s+len(w)]) == old.Value {
			t = s + len(w) // a plain scalar in a flow mapping ends before its "," or "}"
		}
		e.edits = append(e.edits, textEdit{k.Line - 1, k.Line, []string{string(line[:s]) + scalarText(v) + string(line[t:])}})
		e.mutate = append(e.mutate, func() { it.Content[j+1] = v })
		return nil
	}
	return fmt.Errorf("%s:%d: cannot find where to change the date of this approval; edit it by hand", e.name, it.Line)
}

// ApproveISMS edits isms.yaml (b, read from name) to record the approval: approved_by and
// approved_on are set, or added after owner. See [ReleaseISMS] for how the file is edited.
func ApproveISMS(name string, b []byte, by string, on time.Time) (*Edit, error) {
	if err := checkValues(name, "document.approved_by", by); err != nil {
		return nil, err
	}
	e, err := newISMSEditor(name, b)
	if err != nil {
		return nil, err
	}
	byNode, onNode := plainOrQuoted(by), &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: label.Date(on)}
	_, hasBy := e.find("approved_by")
	_, hasOn := e.find("approved_on")
	switch {
	case !hasBy && !hasOn:
		err = e.insert(e.anchor("owner", "version", "id"), "approved_by", byNode, "approved_on", onNode)
	case hasBy && !hasOn:
		if err = e.set("approved_by", byNode); err == nil {
			err = e.insert(e.anchor("approved_by"), "approved_on", onNode)
		}
	case !hasBy && hasOn:
		if err = e.set("approved_on", onNode); err == nil {
			err = e.insertBefore("approved_on", "approved_by", byNode)
		}
	default:
		if err = e.set("approved_by", byNode); err == nil {
			err = e.set("approved_on", onNode)
		}
	}
	if err != nil {
		return nil, err
	}
	return e.finish()
}

// textEdit replaces lines [start, end) (0-based) with repl; start == end inserts.
type textEdit struct {
	start, end int
	repl       []string
}

// ismsEditor plans line edits of isms.yaml's document block and the matching node edits.
type ismsEditor struct {
	*lines
	name  string
	root  *yaml.Node
	doc   *yaml.Node
	bound int // the line index where the document block ends at the latest
	edits []textEdit
	// mutate are the node edits, made after all text edits are planned from the positions.
	mutate []func()
}

func newISMSEditor(name string, b []byte) (*ismsEditor, error) {
	var l finding.List
	r := &yamlpos.Reader{File: name, L: &l}
	n := r.Parse(b)
	if err := l.Err(); err != nil {
		return nil, err
	}
	ls, err := splitLines(name, b)
	if err != nil {
		return nil, err
	}
	e := &ismsEditor{lines: ls, name: name}
	if n == nil || n.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s: the file must be a mapping with a document block", name)
	}
	e.root, e.bound = n, len(e.text)
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value != "document" {
			continue
		}
		e.doc = n.Content[i+1]
		if i+2 < len(n.Content) {
			e.bound = n.Content[i+2].Line - 1
		}
	}
	switch {
	case e.doc == nil || e.doc.Kind != yaml.MappingNode:
		return nil, fmt.Errorf("%s has no document block (a mapping with id, version, owner); add it, then try again", name)
	case e.doc.Style&yaml.FlowStyle != 0:
		return nil, fmt.Errorf("%s:%d: document is written as a flow mapping {...}; write it as a block mapping, one key per line, so that soa can edit it", name, e.doc.Line)
	}
	return e, nil
}

// find returns the index of key's pair in the document mapping.
func (e *ismsEditor) find(key string) (int, bool) {
	for i := 0; i+1 < len(e.doc.Content); i += 2 {
		if e.doc.Content[i].Value == key {
			return i, true
		}
	}
	return 0, false
}

// anchor returns the first of keys present, else the document's last key.
func (e *ismsEditor) anchor(keys ...string) string {
	for _, k := range keys {
		if _, ok := e.find(k); ok {
			return k
		}
	}
	return e.doc.Content[len(e.doc.Content)-2].Value
}

// region returns the lines [start, end) of the pair at index i of the document mapping:
// from its key to the last line before the next key that is not blank or a comment.
func (e *ismsEditor) region(i int) (start, end int) {
	start, end = e.doc.Content[i].Line-1, e.bound
	if i+2 < len(e.doc.Content) {
		end = e.doc.Content[i+2].Line - 1
	}
	for end > start+1 && blankOrComment(e.text[end-1]) {
		end--
	}
	return start, end
}

func blankOrComment(l string) bool {
	t := strings.TrimSpace(l)
	return t == "" || strings.HasPrefix(t, "#")
}

// indent is the indentation of the document's keys.
func (e *ismsEditor) indent() string { return strings.Repeat(" ", e.doc.Content[0].Column-1) }

// set gives key the value v, or adds it after the first of after present (after the last
// key when none is).
func (e *ismsEditor) set(key string, v *yaml.Node, after ...string) error {
	i, ok := e.find(key)
	if !ok {
		return e.insert(e.anchor(after...), key, v)
	}
	k, old := e.doc.Content[i], e.doc.Content[i+1]
	start, end := e.region(i)
	line := []rune(e.text[start])
	text := scalarText(v)
	var repl string
	if s, t, ok := scalarSpan(line, k, old); ok && end == start+1 {
		repl = string(line[:s]) + text + string(line[t:])
	} else {
		repl = string(line[:k.Column-1]) + k.Value + ": " + text + lineComment(k, old)
	}
	e.edits = append(e.edits, textEdit{start, end, []string{repl}})
	e.mutate = append(e.mutate, func() { e.doc.Content[slices.Index(e.doc.Content, old)] = v })
	return nil
}

// scalarSpan finds where old, the value of key k, is written on line: a scalar on the key's
// line, plain or quoted. ok is false for anything else (block scalars, empty values).
func scalarSpan(line []rune, k, old *yaml.Node) (start, end int, ok bool) {
	if old.Kind != yaml.ScalarNode || old.Line != k.Line || old.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 ||
		old.Value == "" || old.Column-1 >= len(line) {
		return 0, 0, false
	}
	s := old.Column - 1
	switch {
	case old.Style&yaml.DoubleQuotedStyle != 0:
		for i := s + 1; i < len(line); i++ {
			switch line[i] {
			case '\\':
				i++
			case '"':
				return s, i + 1, true
			}
		}
		return 0, 0, false
	case old.Style&yaml.SingleQuotedStyle != 0:
		for i := s + 1; i < len(line); i++ {
			if line[i] == '\'' {
				if i+1 < len(line) && line[i+1] == '\'' {
					i++
					continue
				}
				return s, i + 1, true
			}
		}
		return 0, 0, false
	}
	t := len(line)
	for i := s; i+1 < len(line); i++ {
		if (line[i] == ' ' || line[i] == '\t') && line[i+1] == '#' {
			t = i
			break
		}
	}
	for t > s && (line[t-1] == ' ' || line[t-1] == '\t') {
		t--
	}
	return s, t, true
}

func lineComment(nodes ...*yaml.Node) string {
	for _, n := range nodes {
		if n.LineComment != "" {
			return " " + n.LineComment
		}
	}
	return ""
}

// remove deletes key, if present.
func (e *ismsEditor) remove(key string) {
	i, ok := e.find(key)
	if !ok {
		return
	}
	start, end := e.region(i)
	e.edits = append(e.edits, textEdit{start, end, nil})
	k := e.doc.Content[i]
	e.mutate = append(e.mutate, func() {
		j := slices.Index(e.doc.Content, k)
		e.doc.Content = slices.Delete(e.doc.Content, j, j+2)
	})
}

// insert adds key-value pairs (key, node, key, node...) after the pair of key after.
func (e *ismsEditor) insert(after string, kv ...any) error {
	i, _ := e.find(after)
	_, end := e.region(i)
	lines, nodes := e.pairs(kv)
	e.edits = append(e.edits, textEdit{end, end, lines})
	ak := e.doc.Content[i]
	e.mutate = append(e.mutate, func() {
		j := slices.Index(e.doc.Content, ak) + 2
		e.doc.Content = slices.Insert(e.doc.Content, j, nodes...)
	})
	return nil
}

// insertBefore adds one pair before the pair of key before.
func (e *ismsEditor) insertBefore(before string, kv ...any) error {
	i, _ := e.find(before)
	start, _ := e.region(i)
	lines, nodes := e.pairs(kv)
	e.edits = append(e.edits, textEdit{start, start, lines})
	bk := e.doc.Content[i]
	e.mutate = append(e.mutate, func() {
		j := slices.Index(e.doc.Content, bk)
		e.doc.Content = slices.Insert(e.doc.Content, j, nodes...)
	})
	return nil
}

func (e *ismsEditor) pairs(kv []any) ([]string, []*yaml.Node) {
	var lines []string
	var nodes []*yaml.Node
	for j := 0; j+1 < len(kv); j += 2 {
		k, v := kv[j].(string), kv[j+1].(*yaml.Node)
		lines = append(lines, e.indent()+k+": "+scalarText(v))
		nodes = append(nodes, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k}, v)
	}
	return lines, nodes
}

// appendHistory adds rev at the end of document.history, in the style of its last entry
// (a flow mapping {version: ..., ...} or a block mapping), creating the list if needed.
func (e *ismsEditor) appendHistory(rev workspace.Revision) error {
	entry := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Style: yaml.FlowStyle}
	for _, kv := range [][2]*yaml.Node{
		{key("version"), quoted(rev.Version)},
		{key("date"), {Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: label.Date(rev.Date)}},
		{key("author"), plainOrQuoted(rev.Author)},
		{key("changes"), plainOrQuoted(rev.Changes)},
	} {
		entry.Content = append(entry.Content, kv[0], kv[1])
	}
	return e.appendEntry("history", "{version, date, author, changes}", entry)
}

// appendEntry adds entry, a flow mapping, at the end of the document's list key, in the
// style of the list's last entry, creating the list (after the last key) if needed. form
// describes an entry for messages.
func (e *ismsEditor) appendEntry(key, form string, entry *yaml.Node) error {
	i, ok := e.find(key)
	if !ok {
		seq := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Content: []*yaml.Node{entry}}
		last := e.doc.Content[len(e.doc.Content)-2].Value
		li, _ := e.find(last)
		_, end := e.region(li)
		e.edits = append(e.edits, textEdit{end, end, []string{e.indent() + key + ":", e.indent() + "  - " + flowText(entry)}})
		e.mutate = append(e.mutate, func() {
			e.doc.Content = append(e.doc.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key}, seq)
		})
		return nil
	}
	k, seq := e.doc.Content[i], e.doc.Content[i+1]
	start, end := e.region(i)
	switch {
	case yamlpos.IsNull(seq):
		newSeq := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Content: []*yaml.Node{entry}}
		e.edits = append(e.edits, textEdit{start, end, []string{string([]rune(e.text[start])[:k.Column-1]) + k.Value + ":" + lineComment(k, seq),
			e.indent() + "  - " + flowText(entry)}})
		e.mutate = append(e.mutate, func() { e.doc.Content[slices.Index(e.doc.Content, seq)] = newSeq })
		return nil
	case seq.Kind != yaml.SequenceNode:
		return fmt.Errorf("%s:%d: document.%s must be a list of %s; fix it, then try again", e.name, seq.Line, key, form)
	case seq.Style&yaml.FlowStyle != 0:
		if end != start+1 || seq.Line != k.Line {
			return fmt.Errorf("%s:%d: document.%s is a flow list [...] over several lines; write it as a block list (one \"- {...}\" per line) so that soa can add to it", e.name, seq.Line, key)
		}
		grown := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle, Content: append(slices.Clone(seq.Content), entry)}
		line := []rune(e.text[start])
		e.edits = append(e.edits, textEdit{start, end, []string{string(line[:k.Column-1]) + k.Value + ": " + flowText(grown) + lineComment(k, seq)}})
		e.mutate = append(e.mutate, func() { seq.Content = append(seq.Content, entry) })
		return nil
	}
	last := seq.Content[len(seq.Content)-1]
	line := []rune(e.text[last.Line-1])
	dash := last.Column - 2
	for dash > 0 && line[dash] != '-' {
		dash--
	}
	if dash < 0 || line[dash] != '-' {
		return fmt.Errorf("%s:%d: cannot tell how document.%s is laid out; add the entry by hand", e.name, last.Line, key)
	}
	lead := strings.Repeat(" ", dash)
	var lines []string
	if last.Kind == yaml.MappingNode && last.Style&yaml.FlowStyle == 0 && len(last.Content) > 0 {
		keyIndent := strings.Repeat(" ", last.Content[0].Column-1)
		for j := 0; j+1 < len(entry.Content); j += 2 {
			prefix := keyIndent
			if j == 0 {
				prefix = lead + "-" + strings.Repeat(" ", max(1, len(keyIndent)-dash-1))
			}
			lines = append(lines, prefix+entry.Content[j].Value+": "+scalarText(entry.Content[j+1]))
		}
		entry.Style = 0
	} else {
		lines = []string{lead + "- " + flowText(entry)}
	}
	e.edits = append(e.edits, textEdit{end, end, lines})
	e.mutate = append(e.mutate, func() { seq.Content = append(seq.Content, entry) })
	return nil
}

// quoted is a double-quoted text scalar: versions stay text ("2.10", not 2.1).
func quoted(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s, Style: yaml.DoubleQuotedStyle}
}

// Text is a text scalar that every YAML reader reads as text. yaml.v3 quotes what YAML 1.2
// would read as another type (true, 1.5, null); Text also double-quotes the words that YAML
// 1.1 readers (PyYAML, yamllint's truthy rule) take for booleans: yes, no, on, off, y, n.
func Text(s string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	switch strings.ToLower(s) {
	case "y", "n", "yes", "no", "on", "off":
		n.Style = yaml.DoubleQuotedStyle
	}
	return n
}

// key is a mapping key soa writes: a plain word, as the workspace format spells it (the
// approval's "on" included, which YAML 1.2 and soa read as text).
func key(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }

// plainOrQuoted is a text scalar, plain when YAML allows it on one line, else double-quoted.
func plainOrQuoted(s string) *yaml.Node {
	n := Text(s)
	if strings.ContainsAny(s, "\n\r\t") {
		n.Style = yaml.DoubleQuotedStyle
	}
	return n
}

// scalarText writes a scalar node as it appears after "key: " on one line, in block context.
func scalarText(n *yaml.Node) string {
	out, err := yaml.Marshal(n)
	if err != nil {
		return fmt.Sprintf("%q", n.Value)
	}
	s := strings.TrimSuffix(string(out), "\n")
	if strings.Contains(s, "\n") { // folded or literal: write it on one line
		q := *n
		q.Style = yaml.DoubleQuotedStyle
		out, _ = yaml.Marshal(&q)
		s = strings.TrimSuffix(string(out), "\n")
	}
	return s
}

// flowText writes a flow collection on one line.
func flowText(n *yaml.Node) string {
	out, err := yaml.Marshal(n)
	if err != nil {
		return "{}"
	}
	return strings.TrimSuffix(string(out), "\n")
}

// finish applies the text edits, checks that the result parses to the edited node tree and
// returns it.
func (e *ismsEditor) finish() (*Edit, error) {
	text, hunks, err := e.apply(e.name, e.edits)
	if err != nil {
		return nil, err
	}
	for _, m := range e.mutate {
		m()
	}
	var l finding.List
	got := (&yamlpos.Reader{File: e.name, L: &l}).Parse([]byte(text))
	if l.Err() != nil || got == nil || !sameTree(e.root, got) {
		return nil, fmt.Errorf("%s: the edit could not be made without changing more than intended (the layout of the document block is unusual); the file was not changed — edit it by hand", e.name)
	}
	return &Edit{Data: []byte(text), Hunks: hunks}, nil
}

// checkValues refuses values (given as field, value pairs) that soa check would reject in the
// edited file: over the field limit or holding control characters. Otherwise the edit would
// write a file that soa check, release and approve then refuse until it is edited by hand.
func checkValues(name string, fv ...string) error {
	for i := 0; i+1 < len(fv); i += 2 {
		field, v := fv[i], fv[i+1]
		if len(v) > yamlpos.MaxFieldSize {
			return fmt.Errorf("%s: %s would be %d bytes long, over the limit of %d KiB; shorten it — the file was not changed", name, field, len(v), yamlpos.MaxFieldSize>>10)
		}
		if _, c, bad := text.ControlChar(v); bad {
			return fmt.Errorf("%s: %s would hold the control character %U; remove it — the file was not changed", name, field, c)
		}
	}
	return nil
}

// sameTree compares the content of two node trees: kinds, scalar values, key order.
func sameTree(a, b *yaml.Node) bool {
	if a.Kind != b.Kind || len(a.Content) != len(b.Content) {
		return false
	}
	if a.Kind == yaml.ScalarNode && (a.Value != b.Value || yamlpos.IsNull(a) != yamlpos.IsNull(b)) {
		return false
	}
	for i := range a.Content {
		if !sameTree(a.Content[i], b.Content[i]) {
			return false
		}
	}
	return true
}

// lines is a file split into lines, with what is needed to join them back unchanged.
type lines struct {
	text  []string
	eol   string
	bom   bool
	final bool
}

// splitLines splits b, the content of file name, into lines. YAML also breaks lines at a lone
// CR and at U+0085, U+2028 and U+2029; the edit counts lines as editors do, so such files are
// refused rather than miscounted.
func splitLines(name string, b []byte) (*lines, error) {
	l := &lines{eol: "\n"}
	text := string(b)
	if t, ok := strings.CutPrefix(text, "\ufeff"); ok {
		text, l.bom = t, true
	}
	if strings.ContainsAny(strings.ReplaceAll(text, "\r\n", ""), "\r\u0085\u2028\u2029") {
		return nil, fmt.Errorf("%s has line ends other than LF or CRLF (a lone CR, or U+0085, U+2028, U+2029); save it with ordinary line ends, then try again", name)
	}
	if strings.Contains(text, "\r\n") {
		l.eol = "\r\n"
	}
	l.text = strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	if l.text[len(l.text)-1] == "" {
		l.text, l.final = l.text[:len(l.text)-1], true
	}
	return l, nil
}

// apply makes the text edits and gives the new text with its hunks; edits at the same line
// are made insertion first, and adjacent hunks are shown as one.
func (l *lines) apply(name string, edits []textEdit) (string, []Hunk, error) {
	edits = slices.Clone(edits)
	slices.SortStableFunc(edits, func(a, b textEdit) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return a.end - b.end
	})
	for i := 1; i < len(edits); i++ {
		if edits[i].start < edits[i-1].end {
			return "", nil, fmt.Errorf("%s: internal error: overlapping edits; the file was not changed", name)
		}
	}
	var out []string
	var hunks []Hunk
	at, offset := 0, 0
	for _, ed := range edits {
		out = append(out, l.text[at:ed.start]...)
		old := l.text[ed.start:ed.end]
		h := Hunk{OldLine: ed.start + 1, NewLine: ed.start + 1 + offset, Old: old, New: ed.repl}
		if len(old) == 0 {
			h.OldLine--
		}
		if len(ed.repl) == 0 {
			h.NewLine--
		}
		if n := len(hunks); n > 0 && len(hunks[n-1].Old) > 0 && hunks[n-1].OldLine-1+len(hunks[n-1].Old) == ed.start {
			hunks[n-1].Old = append(hunks[n-1].Old, old...)
			hunks[n-1].New = append(hunks[n-1].New, ed.repl...)
		} else {
			hunks = append(hunks, h)
		}
		out = append(out, ed.repl...)
		offset += len(ed.repl) - len(old)
		at = ed.end
	}
	out = append(out, l.text[at:]...)
	text := strings.Join(out, l.eol)
	if l.final {
		text += l.eol
	}
	if l.bom {
		text = "\ufeff" + text
	}
	return text, hunks, nil
}
