package schema_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/soa-tool/soa/annexa"
	"github.com/soa-tool/soa/soa/schema"
	"github.com/soa-tool/soa/soa/soatest"
	"github.com/soa-tool/soa/soa/version"
	"github.com/soa-tool/soa/soa/workspace"
	"github.com/soa-tool/soa/templates"
	"gopkg.in/yaml.v3"
)

const example = "../../examples/acme-saas"

// The keywords the schemas may use: those validate implements, and annotations it ignores.
// A schema using any other keyword fails TestSchemasWellFormed, so validate never silently
// skips a constraint.
var (
	assertions  = []string{"type", "required", "properties", "additionalProperties", "patternProperties", "enum", "pattern", "items", "minItems", "maxItems", "minimum", "dependentRequired"}
	annotations = []string{"$schema", "title", "description", "format"}
)

func load(t *testing.T, kind string) map[string]any {
	t.Helper()
	b, ok := schema.For(kind)
	if !ok {
		t.Fatalf("no schema %q", kind)
	}
	var s map[string]any
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatalf("%s: %v", schema.FileName(kind), err)
	}
	return s
}

func TestSchemasWellFormed(t *testing.T) {
	for _, k := range schema.All {
		b, _ := schema.For(k)
		if !json.Valid(b) {
			t.Fatalf("%s is not valid JSON", schema.FileName(k))
		}
		s := load(t, k)
		if s["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
			t.Errorf("%s: $schema is %v, want draft 2020-12", schema.FileName(k), s["$schema"])
		}
		walkSchema(s, k, func(path string, s map[string]any) {
			for kw := range s {
				if !slices.Contains(assertions, kw) && !slices.Contains(annotations, kw) {
					t.Errorf("%s: keyword %q is not one the test validator implements", path, kw)
				}
			}
			if d, _ := s["description"].(string); strings.TrimSpace(d) == "" {
				t.Errorf("%s has no description (editors show it)", path)
			}
			if _, ok := s["type"]; !ok {
				t.Errorf("%s has no type", path)
			}
			if props, ok := s["properties"].(map[string]any); ok || s["patternProperties"] != nil {
				if s["additionalProperties"] != false {
					t.Errorf("%s: additionalProperties must be false, as the loader refuses unknown keys", path)
				}
				for _, r := range asSlice(s["required"]) {
					if _, ok := props[r.(string)]; !ok {
						t.Errorf("%s: required %q is not a property", path, r)
					}
				}
			}
			if p, ok := s["pattern"].(string); ok {
				if _, err := regexp.Compile(p); err != nil {
					t.Errorf("%s: pattern: %v", path, err)
				}
			}
		})
	}
}

func asSlice(v any) []any { s, _ := v.([]any); return s }

// walkSchema calls f on s and every subschema, with a path such as "isms.document.owner".
func walkSchema(s map[string]any, path string, f func(string, map[string]any)) {
	f(path, s)
	for _, kw := range []string{"properties", "patternProperties"} {
		m, _ := s[kw].(map[string]any)
		for _, k := range sortedKeys(m) {
			name := k
			if kw == "patternProperties" {
				name = "<id>"
			}
			walkSchema(m[k].(map[string]any), path+"."+name, f)
		}
	}
	if it, ok := s["items"].(map[string]any); ok {
		walkSchema(it, path+"[]", f)
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// additionalID is the form of an additional control's ID.
const additionalID = `[A-Za-z0-9._-]{1,40}`

// TestControlIDPattern checks that the ID pattern accepts exactly what the loader resolves
// to a 2022 control, over every form the ID parser knows and numbers around the real ones.
func TestControlIDPattern(t *testing.T) {
	s := load(t, "controls")
	pp := s["properties"].(map[string]any)["controls"].(map[string]any)["patternProperties"].(map[string]any)
	if len(pp) != 1 {
		t.Fatalf("want one ID pattern, got %d", len(pp))
	}
	re := regexp.MustCompile(sortedKeys(pp)[0])
	risks := load(t, "risks")
	item := risks["properties"].(map[string]any)["risks"].(map[string]any)["items"].(map[string]any)
	controls := item["properties"].(map[string]any)["treatment"].(map[string]any)["properties"].(map[string]any)["controls"].(map[string]any)
	// A treatment names an Annex A control as controls.yaml does, or an additional control by
	// its own ID (which the schema cannot tell from an unknown Annex A ID; the loader does).
	core := strings.TrimSuffix(strings.TrimPrefix(re.String(), `^\s*`), `\s*$`)
	if p, want := controls["items"].(map[string]any)["pattern"], `^\s*(?:`+core+`|`+additionalID+`)\s*$`; p != want {
		t.Errorf("treatment.controls items pattern %q, want %q: the controls.yaml key pattern or an additional control's ID", p, want)
	}
	adds := s["properties"].(map[string]any)["additional_controls"].(map[string]any)["patternProperties"].(map[string]any)
	if k := sortedKeys(adds); len(k) != 1 || k[0] != "^"+additionalID+"$" {
		t.Errorf("additional_controls key pattern %v, want ^%s$", k, additionalID)
	}
	forms := []string{"%d.%d", "A.%d.%d", "a.%d.%d", "A %d.%d", "A  %d.%d", "A%d.%d", "A.0%d.0%d", "A.00%d.00%d",
		"A.000%d.%d", " A.%d.%d ", "A. %d.%d", "A..%d.%d", "B.%d.%d", "A.%d.%d.1", "%d", "A.%d,%d", "A-%d.%d"}
	n := 0
	for _, form := range forms {
		for clause := 0; clause <= 10; clause++ {
			for num := 0; num <= 40; num++ {
				in := fmt.Sprintf(form, clause, num)
				if strings.Count(form, "%d") == 1 {
					in = fmt.Sprintf(form, clause)
				}
				_, err := annexa.Resolve(in)
				if got, want := re.MatchString(in), err == nil; got != want {
					t.Errorf("%q: pattern matches %v, loader accepts %v", in, got, want)
				}
				if err == nil {
					n++
				}
			}
		}
	}
	if n < 93*5 {
		t.Errorf("only %d accepted IDs tried", n)
	}
	list := regexp.MustCompile(controls["pattern"].(string))
	for in, want := range map[string]bool{"A.5.1, A.8.2": true, "5.1,8.2,": true, "": true, "A.5.1 A.8.2": false,
		"A.5.1, CLD.6.3.1": true, "NW-EXT_01": true, "CLD 6.3.1": false, strings.Repeat("x", 41): false} {
		if list.MatchString(in) != want {
			t.Errorf("treatment.controls as text %q: match %v, want %v", in, !want, want)
		}
	}
}

// TestExampleMatchesSchema loads the example workspace with the loader, and validates its
// files against the schemas: every key the example uses is one both accept.
func TestExampleMatchesSchema(t *testing.T) {
	ws, err := workspace.Load(example)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range ws.Findings {
		t.Errorf("the loader reports on the example: %v", f)
	}
	for _, k := range schema.Kinds {
		n := parseYAML(t, filepath.Join(example, k+".yaml"))
		for _, e := range validate(load(t, k), toValue(n), k) {
			t.Errorf("example %s.yaml: %s", k, e)
		}
	}
}

// TestKeysMatchLoader compares, for every mapping the schemas describe, the schema's
// properties with the keys the loader accepts there. The loader is asked directly: an unknown
// key is put into the example at that place, and the loader's unknown-key finding lists the
// keys it knows. Every mapping of the schema must be reached through the example.
func TestKeysMatchLoader(t *testing.T) {
	const bogus = "zzqx_not_a_key"
	for _, k := range schema.Kinds {
		s := load(t, k)
		seen := map[string]bool{}
		walkSchema(s, k, func(path string, sub map[string]any) {
			if _, ok := sub["properties"]; ok {
				seen[path] = false
			}
		})
		root := parseYAML(t, filepath.Join(example, k+".yaml"))
		var visit func(n *yaml.Node, s map[string]any, path string)
		visit = func(n *yaml.Node, s map[string]any, path string) {
			switch {
			case n.Kind == yaml.MappingNode && s["properties"] != nil:
				if !seen[path] {
					seen[path] = true
					props := sortedKeys(s["properties"].(map[string]any))
					loaderKeys := loaderKeysAt(t, k, root, n, bogus)
					if !slices.Equal(props, loaderKeys) {
						t.Errorf("%s: schema properties %v, loader keys %v", path, props, loaderKeys)
					}
					if errs := validate(s, toValue(withKey(n, bogus)), path); len(errs) == 0 {
						t.Errorf("%s: the schema accepts the unknown key %q", path, bogus)
					}
				}
				props := s["properties"].(map[string]any)
				for i := 0; i+1 < len(n.Content); i += 2 {
					if sub, ok := props[n.Content[i].Value].(map[string]any); ok {
						visit(n.Content[i+1], sub, path+"."+n.Content[i].Value)
					}
				}
			case n.Kind == yaml.MappingNode && s["patternProperties"] != nil:
				for _, sub := range s["patternProperties"].(map[string]any) {
					for i := 0; i+1 < len(n.Content); i += 2 {
						visit(n.Content[i+1], sub.(map[string]any), path+".<id>")
					}
				}
				// An unknown control is refused by both.
				ws := loadWith(t, k, root, n, withKey(n, "A.5.38"))
				if !hasRule(ws, "unknown-control") && !hasRule(ws, "additional-id") {
					t.Errorf("%s: the loader accepts the key A.5.38", path)
				}
				if len(validate(s, toValue(withKey(n, "A.5.38")), path)) == 0 {
					t.Errorf("%s: the schema accepts the key A.5.38", path)
				}
			case n.Kind == yaml.SequenceNode && s["items"] != nil:
				for _, c := range n.Content {
					visit(c, s["items"].(map[string]any), path+"[]")
				}
			}
		}
		visit(root, s, k)
		for _, p := range sortedKeys(seen) {
			if !seen[p] {
				t.Errorf("%s: no mapping of the example workspace reaches it; add the key to examples/acme-saas so this test covers it", p)
			}
		}
	}
}

// withKey returns a copy of mapping n with one more key.
func withKey(n *yaml.Node, key string) *yaml.Node {
	c := *n
	c.Content = append(slices.Clone(n.Content),
		&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key},
		&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: "x"})
	return &c
}

// loadWith loads the example workspace with file kind's mapping target replaced by repl.
func loadWith(t *testing.T, kind string, root, target, repl *yaml.Node) *workspace.Workspace {
	t.Helper()
	saved := *target
	*target = *repl
	b, err := yaml.Marshal(root)
	*target = saved
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range workspace.Files {
		data, err := os.ReadFile(filepath.Join(example, f))
		if err != nil {
			t.Fatal(err)
		}
		fsys[f] = &fstest.MapFile{Data: data}
	}
	fsys[kind+".yaml"] = &fstest.MapFile{Data: b}
	ws, err := workspace.LoadFS(fsys, "ws")
	if err != nil {
		t.Fatal(err)
	}
	return ws
}

var knownKeys = regexp.MustCompile(`the keys here are (.*)$`)

// loaderKeysAt asks the loader which keys mapping n of file kind accepts.
func loaderKeysAt(t *testing.T, kind string, root, n *yaml.Node, bogus string) []string {
	t.Helper()
	ws := loadWith(t, kind, root, n, withKey(n, bogus))
	for _, f := range ws.Findings {
		if f.Rule == "unknown-key" && strings.Contains(f.Message, strconv.Quote(bogus)) {
			m := knownKeys.FindStringSubmatch(f.Message)
			if m == nil {
				t.Fatalf("the unknown-key finding does not list the keys: %v", f)
			}
			keys := strings.Split(m[1], ", ")
			sort.Strings(keys)
			return keys
		}
	}
	t.Fatalf("the loader did not report the unknown key %q at line %d of %s.yaml", bogus, n.Line, kind)
	return nil
}

func hasRule(ws *workspace.Workspace, rule string) bool {
	for _, f := range ws.Findings {
		if f.Rule == rule {
			return true
		}
	}
	return false
}

// TestTemplatesMatchSchema validates the starter files soa init writes: the only schema
// errors are the values left for the user to fill in, which soa check reports too.
func TestTemplatesMatchSchema(t *testing.T) {
	files := map[string][]byte{"isms": templates.ISMS(), "risks": templates.Risks(), "controls": templates.Controls()}
	want := map[string][]string{
		"isms": {
			"isms.document.owner: null is not of type string",
			"isms.organization: null is not of type string",
			"isms.scope: null is not of type string",
		},
	}
	for _, k := range schema.Kinds {
		var doc yaml.Node
		if err := yaml.Unmarshal(files[k], &doc); err != nil {
			t.Fatalf("%s.yaml: %v", k, err)
		}
		got := validate(load(t, k), toValue(doc.Content[0]), k)
		if !slices.Equal(got, want[k]) {
			t.Errorf("%s.yaml: schema errors\n%s\nwant\n%s", k, strings.Join(got, "\n"), strings.Join(want[k], "\n"))
		}
	}
}

// TestValidator checks the test's own validator on the cases each keyword decides.
func TestValidator(t *testing.T) {
	s := map[string]any{}
	if err := json.Unmarshal([]byte(`{
		"type": "object", "required": ["a"], "additionalProperties": false,
		"dependentRequired": {"b": ["c"]},
		"properties": {
			"a": {"type": "integer", "minimum": 1},
			"b": {"type": ["string", "null"], "enum": ["x", null]},
			"c": {"type": "array", "minItems": 1, "maxItems": 2, "items": {"type": "string", "pattern": "^[a-z]+$"}}
		},
		"patternProperties": {"^p[0-9]$": {"type": "boolean"}}
	}`), &s); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		yaml string
		errs int
	}{
		{"a: 1", 0},
		{"a: 1\nb: x\nc: [q]\np1: true", 0},
		{"a: 1\nb:\nc: [q]", 0},
		{"b: x\nc: [q]", 1},                // required
		{"a: 0", 1},                        // minimum
		{"a: 1.5", 1},                      // integer
		{"a: 1\nb: y\nc: [q]", 1},          // enum
		{"a: 1\nb: x", 1},                  // dependentRequired
		{"a: 1\nc: []", 1},                 // minItems
		{"a: 1\nc: [a, b, c]", 1},          // maxItems
		{"a: 1\nc: [A]", 1},                // pattern
		{"a: 1\nc: [1]", 1},                // items type
		{"a: 1\np1: 1", 1},                 // patternProperties
		{"a: 1\nz: 1", 1},                  // additionalProperties
		{"a: 1\nb: 2026-01-01\nc: [q]", 1}, // a date is text, and not in the enum
		{"- a: 1", 1},                      // type
	} {
		var doc yaml.Node
		if err := yaml.Unmarshal([]byte(tc.yaml), &doc); err != nil {
			t.Fatal(err)
		}
		if errs := validate(s, toValue(doc.Content[0]), "t"); len(errs) != tc.errs {
			t.Errorf("%q: %d errors %v, want %d", tc.yaml, len(errs), errs, tc.errs)
		}
	}
}

func parseYAML(t *testing.T, path string) *yaml.Node {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return doc.Content[0]
}

// toValue gives the JSON value an editor's YAML 1.2 reading of n has: dates stay text,
// numbers are numbers, keys are text as written.
func toValue(n *yaml.Node) any {
	switch n.Kind {
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			m[n.Content[i].Value] = toValue(n.Content[i+1])
		}
		return m
	case yaml.SequenceNode:
		l := []any{}
		for _, c := range n.Content {
			l = append(l, toValue(c))
		}
		return l
	}
	switch n.Tag {
	case "!!null":
		return nil
	case "!!bool":
		return strings.EqualFold(n.Value, "true")
	case "!!int":
		i, err := strconv.ParseInt(n.Value, 0, 64)
		if err != nil {
			return n.Value
		}
		return float64(i)
	case "!!float":
		f, err := strconv.ParseFloat(n.Value, 64)
		if err != nil {
			return n.Value
		}
		return f
	}
	return n.Value
}

// validate checks v against the subset of JSON Schema 2020-12 the schemas use, returning
// one message per failure, sorted.
func validate(s map[string]any, v any, path string) []string {
	var errs []string
	fail := func(p, format string, a ...any) { errs = append(errs, p+": "+fmt.Sprintf(format, a...)) }
	var check func(s map[string]any, v any, path string)
	check = func(s map[string]any, v any, path string) {
		if t, ok := s["type"]; ok {
			types := []string{}
			switch t := t.(type) {
			case string:
				types = append(types, t)
			case []any:
				for _, x := range t {
					types = append(types, x.(string))
				}
			}
			if !slices.ContainsFunc(types, func(t string) bool { return isType(v, t) }) {
				fail(path, "%s is not of type %s", describe(v), strings.Join(types, " or "))
				return
			}
		}
		if e, ok := s["enum"].([]any); ok && !slices.ContainsFunc(e, func(x any) bool { return x == v }) {
			fail(path, "%s is not one of %v", describe(v), e)
		}
		if str, ok := v.(string); ok {
			if p, ok := s["pattern"].(string); ok && !regexp.MustCompile(p).MatchString(str) {
				fail(path, "%q does not match the pattern", str)
			}
		}
		if f, ok := v.(float64); ok {
			if m, ok := s["minimum"].(float64); ok && f < m {
				fail(path, "%v is below the minimum %v", f, m)
			}
		}
		if l, ok := v.([]any); ok {
			if m, ok := s["minItems"].(float64); ok && float64(len(l)) < m {
				fail(path, "%d items, fewer than %v", len(l), m)
			}
			if m, ok := s["maxItems"].(float64); ok && float64(len(l)) > m {
				fail(path, "%d items, more than %v", len(l), m)
			}
			if it, ok := s["items"].(map[string]any); ok {
				for i, x := range l {
					check(it, x, fmt.Sprintf("%s[%d]", path, i))
				}
			}
		}
		m, ok := v.(map[string]any)
		if !ok {
			return
		}
		for _, r := range asSlice(s["required"]) {
			if _, ok := m[r.(string)]; !ok {
				fail(path, "%q is required", r)
			}
		}
		dr, _ := s["dependentRequired"].(map[string]any)
		for _, k := range sortedKeys(dr) {
			if _, ok := m[k]; !ok {
				continue
			}
			for _, r := range asSlice(dr[k]) {
				if _, ok := m[r.(string)]; !ok {
					fail(path, "%q is required with %q", r, k)
				}
			}
		}
		props, _ := s["properties"].(map[string]any)
		pp, _ := s["patternProperties"].(map[string]any)
		for _, k := range sortedKeys(m) {
			matched := false
			if sub, ok := props[k].(map[string]any); ok {
				matched = true
				check(sub, m[k], path+"."+k)
			}
			for _, p := range sortedKeys(pp) {
				if regexp.MustCompile(p).MatchString(k) {
					matched = true
					check(pp[p].(map[string]any), m[k], path+"."+k)
				}
			}
			if !matched && s["additionalProperties"] == false {
				fail(path, "unknown key %q", k)
			}
		}
	}
	check(s, v, path)
	sort.Strings(errs)
	return errs
}

func isType(v any, t string) bool {
	switch t {
	case "null":
		return v == nil
	case "boolean":
		_, ok := v.(bool)
		return ok
	case "string":
		_, ok := v.(string)
		return ok
	case "number":
		_, ok := v.(float64)
		return ok
	case "integer":
		f, ok := v.(float64)
		return ok && f == math.Trunc(f)
	case "array":
		_, ok := v.([]any)
		return ok
	case "object":
		_, ok := v.(map[string]any)
		return ok
	}
	panic("unknown type " + t)
}

func describe(v any) string {
	if v == nil {
		return "null"
	}
	b, _ := json.Marshal(v)
	return string(bytes.TrimSpace(b))
}

// TestSoAJSONMatchesSchema validates the soa.json of every example, of the example with the
// changes since 2025 and of a German draft against the schema of soa.json, and checks that
// the schema notices a soa.json that lacks a key or has one too many.
func TestSoAJSONMatchesSchema(t *testing.T) {
	s := load(t, schema.Output)
	check := func(name string, j *version.JSON) map[string]any {
		t.Helper()
		var b bytes.Buffer
		if err := j.Write(&b); err != nil {
			t.Fatal(err)
		}
		var v map[string]any
		if err := json.Unmarshal(b.Bytes(), &v); err != nil {
			t.Fatal(err)
		}
		for _, e := range validate(s, v, "soa.json") {
			t.Errorf("%s: %s", name, e)
		}
		return v
	}
	var last map[string]any
	for _, ex := range []string{"acme-saas", "acme-saas-2025"} {
		last = check(ex, version.FromSoA(soatest.Derive(t, soatest.Example(ex)), nil))
	}
	since, changes := soatest.Since(t)
	check("since", version.FromSoA(since, changes))
	de := soatest.Edited(t, "acme-saas", map[string][][2]string{workspace.ISMSFile: {
		{soatest.ExampleApprovals, "  language: de\n"}}})
	check("de draft", version.FromSoA(soatest.Derive(t, de), nil))

	delete(last["document"].(map[string]any), "scope")
	if len(validate(s, last, "soa.json")) == 0 {
		t.Error("the schema accepts a document without scope")
	}
	last["extra"] = true
	if len(validate(s, last, "soa.json")) == 0 {
		t.Error("the schema accepts an unknown key")
	}
}
