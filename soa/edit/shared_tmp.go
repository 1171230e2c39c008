package edit

// The helpers in this file are moved from soa/release.go (the in-place isms.yaml editor),
// copied while that file moves into this package; dedupe on merge.

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// Edit is a change to a YAML file: the new content and the hunks that show it.
// moved from soa/release.go
type Edit struct {
	Data  []byte
	Hunks []Hunk
}

// Hunk is one edited place: the lines it had and has, as in "diff -U0". OldLine and NewLine
// are the 1-based first lines; for a pure insertion or deletion, the line before it.
// moved from soa/release.go
type Hunk struct {
	OldLine, NewLine int
	Old, New         []string
}

// Unified writes the hunks as a unified diff of file without context lines.
// moved from soa/release.go
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

// moved from soa/release.go
func hunkRange(line, n int) string {
	if n == 1 {
		return fmt.Sprint(line)
	}
	return fmt.Sprintf("%d,%d", line, n)
}

// textEdit replaces lines [start, end) (0-based) with repl; start == end inserts.
// moved from soa/release.go
type textEdit struct {
	start, end int
	repl       []string
}

// lines is a file split into lines, with what is needed to join them back unchanged.
// moved from soa/release.go (newISMSEditor)
type lines struct {
	text  []string
	eol   string
	bom   bool
	final bool
}

// moved from soa/release.go (newISMSEditor)
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

// apply makes the text edits and gives the new text with its hunks.
// moved from soa/release.go (ismsEditor.finish)
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

// moved from soa/release.go
func blankOrComment(l string) bool {
	t := strings.TrimSpace(l)
	return t == "" || strings.HasPrefix(t, "#")
}

// scalarSpan finds where old, the value of key k, is written on line: a scalar on the key's
// line, plain or quoted. ok is false for anything else (block scalars, empty values).
// moved from soa/release.go
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

// moved from soa/release.go
func lineComment(nodes ...*yaml.Node) string {
	for _, n := range nodes {
		if n.LineComment != "" {
			return " " + n.LineComment
		}
	}
	return ""
}

// sameTree compares the content of two node trees: kinds, scalar values, key order.
// moved from soa/release.go
func sameTree(a, b *yaml.Node) bool {
	if a.Kind != b.Kind || len(a.Content) != len(b.Content) {
		return false
	}
	if a.Kind == yaml.ScalarNode && (a.Value != b.Value || isNull(a) != isNull(b)) {
		return false
	}
	for i := range a.Content {
		if !sameTree(a.Content[i], b.Content[i]) {
			return false
		}
	}
	return true
}

// isNull reports whether n is an empty or null value.
// moved from soa/yaml.go
func isNull(n *yaml.Node) bool {
	return n == nil || (n.Kind == yaml.ScalarNode && n.Tag == "!!null")
}

// WriteFileAtomic replaces the file at path with data: it writes a temporary file in the same
// directory, gives it the original's mode, syncs it and renames it into place, so a failure
// leaves the original as it was. A symbolic link is followed: its target is replaced.
// moved from soa/release.go
func WriteFileAtomic(path string, data []byte) (err error) {
	if p, err := filepath.EvalSymlinks(path); err == nil {
		path = p
	}
	st, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, errors.Unwrap(err))
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("cannot write %s: %w; the file was not changed", path, errors.Unwrap(err))
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if _, err = f.Write(data); err != nil {
		return fmt.Errorf("cannot write %s: %w; the file was not changed", path, err)
	}
	if err = f.Chmod(st.Mode().Perm()); err != nil {
		return fmt.Errorf("cannot write %s: %w; the file was not changed", path, err)
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("cannot write %s: %w; the file was not changed", path, err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("cannot write %s: %w; the file was not changed", path, err)
	}
	if err = os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("cannot write %s: %w; the file was not changed", path, err)
	}
	return nil
}
