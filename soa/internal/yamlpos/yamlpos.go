// Package yamlpos reads YAML with the position of every value: it parses one document under
// the input limits (size, UTF-8, depth, no anchors, no duplicate keys), places syntax errors on
// the line that breaks the file, and reads mappings key by key into text, numbers, dates and
// lists, reporting every problem as a finding with its file, line and column. The workspace
// loader and the SOC 2 program reader use it; it knows nothing of controls or risks.
package yamlpos

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"iter"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/soa-tool/soa/soa/finding"
	"github.com/soa-tool/soa/soa/text"
	"gopkg.in/yaml.v3"
)

// Limits on input. A valid workspace is far below each of them.
const (
	MaxFileSize  = 16 << 20 // bytes in one file
	MaxFieldSize = 64 << 10 // bytes in one text field
	MaxDepth     = 12       // nesting of mappings and lists
)

// Reader turns YAML nodes into values, reporting every problem with its position.
type Reader struct {
	File string
	L    *finding.List
}

func (r *Reader) Pos(n *yaml.Node) finding.Pos {
	return finding.Pos{File: r.File, Line: n.Line, Col: n.Column}
}

func (r *Reader) Errorf(n *yaml.Node, rule, format string, a ...any) {
	r.L.Errorf(r.Pos(n), rule, format, a...)
}

var yamlLine = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)

// Parse reads one YAML document from b. It accepts a UTF-8 byte order mark and CRLF line
// ends, and refuses (with findings) files over [MaxFileSize], invalid UTF-8, syntax errors,
// several documents, anchors and aliases, duplicate keys and nesting beyond [MaxDepth].
// It returns nil when the file cannot be used.
func (r *Reader) Parse(b []byte) *yaml.Node {
	top := finding.Pos{File: r.File, Line: 1, Col: 1}
	if len(b) > MaxFileSize {
		// b may have been cut at MaxFileSize+1 bytes: its length is not the file's size.
		r.L.Errorf(top, "limit", "the file is larger than the limit of %d MiB; a workspace file is far smaller — is this the right file?", MaxFileSize>>20)
		return nil
	}
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	if line, col, c, bad := InvalidUTF8(b); bad {
		r.L.Errorf(finding.Pos{File: r.File, Line: line, Col: col}, "encoding",
			"byte 0x%02x is not UTF-8; save the file as UTF-8 (most editors: \"Save with encoding\")", c)
		return nil
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			r.L.Errorf(top, "yaml", "the file is empty; run 'soa init' for a starter workspace")
			return nil
		}
		r.syntax(err, b)
		return nil
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		p := top
		if err == nil {
			// The document node's line is that of its "---".
			p = finding.Pos{File: r.File, Line: max(extra.Line, 1), Col: 1}
		}
		r.L.Errorf(p, "yaml", "the file holds more than one YAML document (a second ---); keep everything in one document")
		return nil
	}
	if !r.sound(&doc, 0) {
		return nil
	}
	if len(doc.Content) == 0 {
		r.L.Errorf(top, "yaml", "the file is empty; run 'soa init' for a starter workspace")
		return nil
	}
	return doc.Content[0]
}

// InvalidUTF8 finds the first byte of b that is not UTF-8 and returns its line and column
// (counted in characters) and the byte; bad is false when b is valid UTF-8.
func InvalidUTF8(b []byte) (line, col int, c byte, bad bool) {
	if utf8.Valid(b) {
		return 0, 0, 0, false
	}
	off := 0
	for off < len(b) {
		r, size := utf8.DecodeRune(b[off:])
		if r == utf8.RuneError && size <= 1 {
			break
		}
		off += size
	}
	line = bytes.Count(b[:off], []byte("\n")) + 1
	col = utf8.RuneCount(b[bytes.LastIndexByte(b[:off], '\n')+1:off]) + 1
	return line, col, b[off], true
}

var unknownAnchor = regexp.MustCompile(`^unknown anchor '(.*)' referenced$`)

func (r *Reader) syntax(err error, b []byte) {
	msg, line := SyntaxMessage(err)
	col := 1
	if m := unknownAnchor.FindStringSubmatch(msg); m != nil {
		// yaml.v3 gives no line for this one: point at the first use of the alias.
		if i := bytes.Index(b, []byte("*"+m[1])); i >= 0 {
			line = bytes.Count(b[:i], []byte("\n")) + 1
		}
	} else if l, ok := failingLine(b, msg, max(line-1, 1)); ok {
		line = l
	}
	if lines := bytes.Split(b, []byte("\n")); line <= len(lines) {
		text := string(lines[line-1])
		indent := text[:len(text)-len(strings.TrimLeft(text, " \t"))]
		if i := strings.IndexByte(indent, '\t'); i >= 0 {
			r.L.Errorf(finding.Pos{File: r.File, Line: line, Col: utf8.RuneCountInString(indent[:i]) + 1}, "yaml",
				"this line is indented with a tab; YAML indents with spaces, not tabs — replace the tab with spaces")
			return
		}
		col = utf8.RuneCountInString(text) - utf8.RuneCountInString(strings.TrimLeft(text, " ")) + 1
	}
	r.L.Errorf(finding.Pos{File: r.File, Line: line, Col: col}, "yaml",
		"YAML syntax: %s; check the indentation and quoting on this line or the one before", msg)
}

// SyntaxMessage splits a yaml.v3 error into its message and the line it names (1 if none).
func SyntaxMessage(err error) (string, int) {
	msg, line := err.Error(), 1
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		if m[1] != "" {
			line, _ = strconv.Atoi(m[1])
		}
		msg = m[2]
	}
	return msg, line
}

// failingLine finds where a syntax error is: yaml.v3 often names the line where the enclosing
// mapping began, or one before the error. The first line from which the file's beginning
// stops parsing, with the same message, is the line the user has to look at. It searches
// from line from on, by halving, so a file of n lines costs about log2(n) parses.
func failingLine(b []byte, msg string, from int) (int, bool) {
	ends := []int{}
	for i, c := range b {
		if c == '\n' {
			ends = append(ends, i)
		}
	}
	ends = append(ends, len(b))
	fails := func(k int) bool { // the first k lines fail with msg
		var n yaml.Node
		err := yaml.Unmarshal(b[:ends[k-1]], &n)
		if err == nil {
			return false
		}
		m, _ := SyntaxMessage(err)
		return m == msg
	}
	lo, hi := from, len(ends)
	if lo > hi || !fails(hi) {
		return 0, false
	}
	for lo < hi {
		mid := (lo + hi) / 2
		if fails(mid) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo, true
}

// sound checks the tree for anchors, aliases and depth, which make the file unusable, and for
// duplicate and non-text keys, which are reported and dropped (the first of duplicates stays)
// so that the rest of the file is still checked.
func (r *Reader) sound(n *yaml.Node, depth int) bool {
	if depth > MaxDepth {
		r.Errorf(n, "limit", "nesting deeper than %d levels; no workspace file needs this much", MaxDepth)
		return false
	}
	if n.Kind == yaml.AliasNode || n.Anchor != "" {
		r.Errorf(n, "yaml", "anchors and aliases (& and *) are not supported in workspace files; write the value out in full")
		return false
	}
	if n.Kind == yaml.ScalarNode {
		if i, c, bad := text.ControlChar(n.Value); bad {
			r.Errorf(n, "encoding", "the text holds the control character %U (after %q); remove it — only tabs and line breaks may appear in text", c, tail(n.Value[:i]))
		}
	}
	if n.Kind == yaml.MappingNode {
		seen := map[string]*yaml.Node{}
		kept := n.Content[:0]
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind != yaml.ScalarNode {
				r.Errorf(k, "type", "a key must be plain text")
				continue
			}
			if first, dup := seen[k.Value]; dup {
				r.Errorf(k, "duplicate-key", "key %q is given twice (first on line %d); keep one — the first is used", k.Value, first.Line)
				continue
			}
			seen[k.Value] = k
			kept = append(kept, k, n.Content[i+1])
		}
		n.Content = kept
	}
	ok := true
	for _, c := range n.Content {
		ok = r.sound(c, depth+1) && ok
	}
	return ok
}

// tail is the end of s, up to 20 characters, to show where a character was found.
func tail(s string) string {
	r := []rune(s)
	return string(r[max(0, len(r)-20):])
}

// Object is a YAML mapping being read key by key.
type Object struct {
	r *Reader
	n *yaml.Node
	// Path names the mapping in messages: "document", "risk R-01".
	Path    string
	at      finding.Pos // of the mapping itself
	entries []entry     // the known keys, in the file's order
}

// entry is a key of a mapping with its value. A mapping has a handful of keys (duplicates
// were dropped by Parse): looking them up in order costs less than building maps, which a
// register of thousands of risks would build three per risk.
type entry struct {
	key string
	v   *yaml.Node
	pos finding.Pos
}

// entry returns the entry of key, or nil.
func (o *Object) entry(key string) *entry {
	for i := range o.entries {
		if o.entries[i].key == key {
			return &o.entries[i]
		}
	}
	return nil
}

// Object starts reading mapping n, reporting keys that are not in known. It returns nil (and
// reports) when n is not a mapping.
func (r *Reader) Object(n *yaml.Node, path string, known ...string) *Object {
	if n == nil {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		if IsNull(n) {
			return nil
		}
		r.Errorf(n, "type", "%s must be a mapping of keys to values, not %s", name(path), Describe(n))
		return nil
	}
	o := &Object{r: r, n: n, Path: path, at: r.Pos(n), entries: make([]entry, 0, len(n.Content)/2)}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if !contains(known, k.Value) {
			msg := fmt.Sprintf("unknown key %q in %s", k.Value, name(path))
			if s := text.Suggest(k.Value, known); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			} else {
				msg += fmt.Sprintf("; the keys here are %s", strings.Join(known, ", "))
			}
			r.Errorf(k, "unknown-key", "%s", msg)
			continue
		}
		o.entries = append(o.entries, entry{key: k.Value, v: v, pos: r.Pos(k)})
	}
	return o
}

func name(path string) string {
	if path == "" {
		return "the file"
	}
	return path
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// IsNull reports whether n is absent (nil) or an empty value (null, ~ or nothing).
func IsNull(n *yaml.Node) bool {
	return n == nil || (n.Kind == yaml.ScalarNode && n.Tag == "!!null")
}

// Describe names what n is, for messages: "a mapping", "a list", "empty" or the quoted value.
func Describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	if IsNull(n) {
		return "empty"
	}
	return fmt.Sprintf("%q", n.Value)
}

// Node returns the value of key, or nil when the key is absent or empty (null).
func (o *Object) Node(key string) *yaml.Node {
	if o == nil {
		return nil
	}
	e := o.entry(key)
	if e == nil || e.v == nil || IsNull(e.v) {
		return nil
	}
	return e.v
}

// Errorf reports a problem with node n, a value inside the mapping.
func (o *Object) Errorf(n *yaml.Node, rule, format string, a ...any) {
	o.r.Errorf(n, rule, format, a...)
}

// Positions gives the position of the mapping itself (key "") and of each known key, in the
// file's order.
func (o *Object) Positions() iter.Seq2[string, finding.Pos] {
	return func(yield func(string, finding.Pos) bool) {
		if !yield("", o.at) {
			return
		}
		for _, e := range o.entries {
			if !yield(e.key, e.pos) {
				return
			}
		}
	}
}

// Has reports whether key is present, even with an empty value.
func (o *Object) Has(key string) bool { return o.entry(key) != nil }

// At returns the position of key (of the mapping when the key is absent).
func (o *Object) At(key string) finding.Pos {
	if e := o.entry(key); e != nil {
		return e.pos
	}
	return o.at
}

// Full names key for messages: "document.version", "risk R-01 likelihood".
func (o *Object) Full(key string) string {
	switch {
	case o.Path == "":
		return key
	case strings.Contains(o.Path, " "):
		return o.Path + " " + key
	}
	return o.Path + "." + key
}

// Require reports key as missing when absent or empty; text of only spaces ("") is empty.
func (o *Object) Require(key, hint string) bool {
	if v := o.Node(key); v != nil && (v.Kind != yaml.ScalarNode || strings.TrimSpace(v.Value) != "") {
		return true
	}
	if o.Has(key) {
		o.r.L.Errorf(o.At(key), "required", "%s is empty; %s", o.Full(key), hint)
	} else {
		o.r.L.Errorf(o.At(key), "required", "%s is missing; %s", o.Full(key), hint)
	}
	return false
}

// Str reads a text value. Any scalar is taken as written (version: 1.10 stays "1.10").
func (o *Object) Str(key string) string {
	v := o.Node(key)
	if v == nil {
		return ""
	}
	if v.Kind != yaml.ScalarNode {
		o.r.Errorf(v, "type", "%s must be text, not %s", o.Full(key), Describe(v))
		return ""
	}
	if len(v.Value) > MaxFieldSize {
		o.r.Errorf(v, "limit", "%s is %d bytes long, over the limit of %d KiB; shorten it or refer to a document", o.Full(key), len(v.Value), MaxFieldSize>>10)
	}
	// Returned even when too long: the limit finding stops the build, and an empty value
	// would add a second, wrong finding ("missing").
	return strings.TrimSpace(Paragraphs(v))
}

// Paragraphs gives the text of a scalar with the author's paragraphs as blank lines. In a
// folded scalar (>) YAML joins lines and turns each blank line into a single line break;
// that break is the author's paragraph, so it becomes a blank line again. Other styles keep
// their line breaks as written.
func Paragraphs(v *yaml.Node) string {
	if v.Style&yaml.FoldedStyle == 0 {
		return v.Value
	}
	body, tail := v.Value, ""
	if t := strings.TrimRight(body, "\n"); len(t) < len(body) {
		body, tail = t, body[len(t):]
	}
	return strings.ReplaceAll(body, "\n", "\n\n") + tail
}

// RequiredStr reads a text value that must be present.
func (o *Object) RequiredStr(key, hint string) string {
	if !o.Require(key, hint) {
		return ""
	}
	return o.Str(key)
}

// Bool reads true or false; present reports whether the key had a value.
func (o *Object) Bool(key string) (value, present bool) {
	v := o.Node(key)
	if v == nil {
		return false, false
	}
	if v.Kind == yaml.ScalarNode && v.Tag == "!!bool" {
		b, err := strconv.ParseBool(strings.ToLower(v.Value))
		if err == nil {
			return b, true
		}
	}
	o.r.Errorf(v, "type", "%s must be true or false, not %s", o.Full(key), Describe(v))
	return false, false
}

// Int reads a whole number.
func (o *Object) Int(key string) (int, bool) {
	v := o.Node(key)
	if v == nil {
		return 0, false
	}
	if v.Kind == yaml.ScalarNode && v.Tag == "!!int" {
		if n, err := strconv.Atoi(v.Value); err == nil {
			return n, true
		}
	}
	o.r.Errorf(v, "type", "%s must be a whole number, not %s", o.Full(key), Describe(v))
	return 0, false
}

// Date reads a YYYY-MM-DD date; the zero time when absent or invalid.
func (o *Object) Date(key string) time.Time {
	v := o.Node(key)
	if v == nil {
		return time.Time{}
	}
	if v.Kind == yaml.ScalarNode {
		if t, err := time.Parse(time.DateOnly, strings.TrimSpace(v.Value)); err == nil {
			return t
		}
	}
	o.r.Errorf(v, "type", "%s must be a date written YYYY-MM-DD, not %s", o.Full(key), Describe(v))
	return time.Time{}
}

// Item is one entry of a list, with its position.
type Item struct {
	Value string
	Pos   finding.Pos
}

// List reads a list of text values. A single value is taken as a one-item list; when split is
// set, a single value is also split at commas ("A.5.1, A.8.2").
func (o *Object) List(key string, split bool) []Item {
	v := o.Node(key)
	if v == nil {
		return nil
	}
	var out []Item
	switch v.Kind {
	case yaml.ScalarNode:
		parts := []string{v.Value}
		if split {
			parts = strings.Split(v.Value, ",")
		}
		for _, p := range parts {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, Item{p, o.r.Pos(v)})
			}
		}
	case yaml.SequenceNode:
		for _, c := range v.Content {
			if c.Kind != yaml.ScalarNode {
				o.r.Errorf(c, "type", "each entry of %s must be text, not %s", o.Full(key), Describe(c))
				continue
			}
			if len(c.Value) > MaxFieldSize {
				o.r.Errorf(c, "limit", "an entry of %s is over the limit of %d KiB", o.Full(key), MaxFieldSize>>10)
				continue
			}
			if s := strings.TrimSpace(c.Value); s != "" && !IsNull(c) {
				out = append(out, Item{s, o.r.Pos(c)})
			}
		}
	default:
		o.r.Errorf(v, "type", "%s must be a list, not %s", o.Full(key), Describe(v))
	}
	return out
}
