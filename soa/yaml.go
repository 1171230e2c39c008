package soa

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/soa-tool/soa/soa/finding"
	"gopkg.in/yaml.v3"
)

// Limits on workspace input. A valid workspace is far below each of them.
const (
	MaxFileSize  = 16 << 20 // bytes in one file
	MaxFieldSize = 64 << 10 // bytes in one text field
	MaxDepth     = 12       // nesting of mappings and lists
	MaxRisks     = 100_000  // entries in the register
)

// reader turns YAML nodes into values, reporting every problem with its position.
type reader struct {
	file string
	l    *finding.List
}

func (r *reader) pos(n *yaml.Node) finding.Pos {
	return finding.Pos{File: r.file, Line: n.Line, Col: n.Column}
}

func (r *reader) errorf(n *yaml.Node, rule, format string, a ...any) {
	r.l.Errorf(r.pos(n), rule, format, a...)
}

var yamlLine = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)

// parse reads one YAML document from b. It accepts a UTF-8 byte order mark and CRLF line
// ends, and refuses (with findings) files over [MaxFileSize], invalid UTF-8, syntax errors,
// several documents, anchors and aliases, duplicate keys and nesting beyond [MaxDepth].
// It returns nil when the file cannot be used.
func (r *reader) parse(b []byte) *yaml.Node {
	top := finding.Pos{File: r.file, Line: 1, Col: 1}
	if len(b) > MaxFileSize {
		// b may have been cut at MaxFileSize+1 bytes: its length is not the file's size.
		r.l.Errorf(top, "limit", "the file is larger than the limit of %d MiB; a workspace file is far smaller — is this the right file?", MaxFileSize>>20)
		return nil
	}
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(b) {
		off := 0
		for off < len(b) {
			c, size := utf8.DecodeRune(b[off:])
			if c == utf8.RuneError && size <= 1 {
				break
			}
			off += size
		}
		line := bytes.Count(b[:off], []byte("\n")) + 1
		col := utf8.RuneCount(b[bytes.LastIndexByte(b[:off], '\n')+1:off]) + 1
		r.l.Errorf(finding.Pos{File: r.file, Line: line, Col: col}, "encoding",
			"byte 0x%02x is not UTF-8; save the file as UTF-8 (most editors: \"Save with encoding\")", b[off])
		return nil
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			r.l.Errorf(top, "yaml", "the file is empty; run 'soa init' for a starter workspace")
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
			p = finding.Pos{File: r.file, Line: max(extra.Line, 1), Col: 1}
		}
		r.l.Errorf(p, "yaml", "the file holds more than one YAML document (a second ---); keep everything in one document")
		return nil
	}
	if !r.sound(&doc, 0) {
		return nil
	}
	if len(doc.Content) == 0 {
		r.l.Errorf(top, "yaml", "the file is empty; run 'soa init' for a starter workspace")
		return nil
	}
	return doc.Content[0]
}

var unknownAnchor = regexp.MustCompile(`^unknown anchor '(.*)' referenced$`)

func (r *reader) syntax(err error, b []byte) {
	msg, line := syntaxMessage(err)
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
		col = utf8.RuneCountInString(text) - utf8.RuneCountInString(strings.TrimLeft(text, " ")) + 1
	}
	r.l.Errorf(finding.Pos{File: r.file, Line: line, Col: col}, "yaml",
		"YAML syntax: %s; check the indentation and quoting on this line or the one before", msg)
}

// syntaxMessage splits a yaml.v3 error into its message and the line it names (1 if none).
func syntaxMessage(err error) (string, int) {
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
		m, _ := syntaxMessage(err)
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
func (r *reader) sound(n *yaml.Node, depth int) bool {
	if depth > MaxDepth {
		r.errorf(n, "limit", "nesting deeper than %d levels; no workspace file needs this much", MaxDepth)
		return false
	}
	if n.Kind == yaml.AliasNode || n.Anchor != "" {
		r.errorf(n, "yaml", "anchors and aliases (& and *) are not supported in workspace files; write the value out in full")
		return false
	}
	if n.Kind == yaml.MappingNode {
		seen := map[string]*yaml.Node{}
		kept := n.Content[:0]
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind != yaml.ScalarNode {
				r.errorf(k, "type", "a key must be plain text")
				continue
			}
			if first, dup := seen[k.Value]; dup {
				r.errorf(k, "duplicate-key", "key %q is given twice (first on line %d); keep one — the first is used", k.Value, first.Line)
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

// object is a YAML mapping being read key by key.
type object struct {
	r    *reader
	n    *yaml.Node
	path string // "document", "risks[3]": for messages
	vals map[string]*yaml.Node
	keys map[string]*yaml.Node
	pos  map[string]finding.Pos // filled as keys are read; "" is the mapping itself
}

// object starts reading mapping n, reporting keys that are not in known. It returns nil (and
// reports) when n is not a mapping.
func (r *reader) object(n *yaml.Node, path string, known ...string) *object {
	if n == nil {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		if isNull(n) {
			return nil
		}
		r.errorf(n, "type", "%s must be a mapping of keys to values, not %s", name(path), describe(n))
		return nil
	}
	o := &object{r: r, n: n, path: path, vals: map[string]*yaml.Node{}, keys: map[string]*yaml.Node{},
		pos: map[string]finding.Pos{"": r.pos(n)}}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if !contains(known, k.Value) {
			msg := fmt.Sprintf("unknown key %q in %s", k.Value, name(path))
			if s := suggest(k.Value, known); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			} else {
				msg += fmt.Sprintf("; the keys here are %s", strings.Join(known, ", "))
			}
			r.errorf(k, "unknown-key", "%s", msg)
			continue
		}
		o.vals[k.Value], o.keys[k.Value] = v, k
		o.pos[k.Value] = r.pos(k)
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

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	if isNull(n) {
		return "empty"
	}
	return fmt.Sprintf("%q", n.Value)
}

// node returns the value of key, or nil when the key is absent or empty (null).
func (o *object) node(key string) *yaml.Node {
	if o == nil {
		return nil
	}
	v := o.vals[key]
	if v == nil || isNull(v) {
		return nil
	}
	return v
}

// at returns the position of key (of the mapping when the key is absent).
func (o *object) at(key string) finding.Pos {
	if p, ok := o.pos[key]; ok {
		return p
	}
	return o.pos[""]
}

// full names key for messages: "document.version", "risk R-01 likelihood".
func (o *object) full(key string) string {
	switch {
	case o.path == "":
		return key
	case strings.Contains(o.path, " "):
		return o.path + " " + key
	}
	return o.path + "." + key
}

// require reports key as missing when absent or empty; text of only spaces ("") is empty.
func (o *object) require(key, hint string) bool {
	if v := o.node(key); v != nil && (v.Kind != yaml.ScalarNode || strings.TrimSpace(v.Value) != "") {
		return true
	}
	if _, present := o.keys[key]; present {
		o.r.l.Errorf(o.at(key), "required", "%s is empty; %s", o.full(key), hint)
	} else {
		o.r.l.Errorf(o.at(key), "required", "%s is missing; %s", o.full(key), hint)
	}
	return false
}

// str reads a text value. Any scalar is taken as written (version: 1.10 stays "1.10").
func (o *object) str(key string) string {
	v := o.node(key)
	if v == nil {
		return ""
	}
	if v.Kind != yaml.ScalarNode {
		o.r.errorf(v, "type", "%s must be text, not %s", o.full(key), describe(v))
		return ""
	}
	if len(v.Value) > MaxFieldSize {
		o.r.errorf(v, "limit", "%s is %d bytes long, over the limit of %d KiB; shorten it or refer to a document", o.full(key), len(v.Value), MaxFieldSize>>10)
	}
	// Returned even when too long: the limit finding stops the build, and an empty value
	// would add a second, wrong finding ("missing").
	return strings.TrimSpace(v.Value)
}

// requiredStr reads a text value that must be present.
func (o *object) requiredStr(key, hint string) string {
	if !o.require(key, hint) {
		return ""
	}
	return o.str(key)
}

// boolean reads true or false; present reports whether the key had a value.
func (o *object) boolean(key string) (value, present bool) {
	v := o.node(key)
	if v == nil {
		return false, false
	}
	if v.Kind == yaml.ScalarNode && v.Tag == "!!bool" {
		b, err := strconv.ParseBool(strings.ToLower(v.Value))
		if err == nil {
			return b, true
		}
	}
	o.r.errorf(v, "type", "%s must be true or false, not %s", o.full(key), describe(v))
	return false, false
}

// integer reads a whole number.
func (o *object) integer(key string) (int, bool) {
	v := o.node(key)
	if v == nil {
		return 0, false
	}
	if v.Kind == yaml.ScalarNode && v.Tag == "!!int" {
		if n, err := strconv.Atoi(v.Value); err == nil {
			return n, true
		}
	}
	o.r.errorf(v, "type", "%s must be a whole number, not %s", o.full(key), describe(v))
	return 0, false
}

// date reads a YYYY-MM-DD date; the zero time when absent or invalid.
func (o *object) date(key string) time.Time {
	v := o.node(key)
	if v == nil {
		return time.Time{}
	}
	if v.Kind == yaml.ScalarNode {
		if t, err := time.Parse(time.DateOnly, strings.TrimSpace(v.Value)); err == nil {
			return t
		}
	}
	o.r.errorf(v, "type", "%s must be a date written YYYY-MM-DD, not %s", o.full(key), describe(v))
	return time.Time{}
}

// item is one entry of a list, with its position.
type item struct {
	Value string
	Pos   finding.Pos
}

// list reads a list of text values. A single value is taken as a one-item list; when split is
// set, a single value is also split at commas ("A.5.1, A.8.2").
func (o *object) list(key string, split bool) []item {
	v := o.node(key)
	if v == nil {
		return nil
	}
	var out []item
	switch v.Kind {
	case yaml.ScalarNode:
		parts := []string{v.Value}
		if split {
			parts = strings.Split(v.Value, ",")
		}
		for _, p := range parts {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, item{p, o.r.pos(v)})
			}
		}
	case yaml.SequenceNode:
		for _, c := range v.Content {
			if c.Kind != yaml.ScalarNode {
				o.r.errorf(c, "type", "each entry of %s must be text, not %s", o.full(key), describe(c))
				continue
			}
			if len(c.Value) > MaxFieldSize {
				o.r.errorf(c, "limit", "an entry of %s is over the limit of %d KiB", o.full(key), MaxFieldSize>>10)
				continue
			}
			if s := strings.TrimSpace(c.Value); s != "" && !isNull(c) {
				out = append(out, item{s, o.r.pos(c)})
			}
		}
	default:
		o.r.errorf(v, "type", "%s must be a list, not %s", o.full(key), describe(v))
	}
	return out
}

// suggest returns the candidate closest to s when it is close enough to be a likely typo.
func suggest(s string, candidates []string) string {
	best, bestD := "", 3
	ls := strings.ToLower(s)
	for _, c := range candidates {
		d := distance(ls, strings.ToLower(c))
		if d < bestD || (strings.HasPrefix(strings.ToLower(c), ls) && len(ls) >= 3 && bestD > 1) {
			best, bestD = c, min(d, bestD)
		}
	}
	return best
}

// distance is the Levenshtein distance between a and b, counted in runes.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
