package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/soa-tool/soa/soa/schema"
)

func TestSchemaAll(t *testing.T) {
	out, errs, code := runCLI(t, "schema")
	if code != 0 || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &all); err != nil {
		t.Fatalf("soa schema is not one JSON object: %v", err)
	}
	var last int
	for _, k := range schema.All {
		want, _ := schema.For(k)
		if !jsonEqual(t, all[schema.FileName(k)], want) {
			t.Errorf("%s differs from the embedded schema", schema.FileName(k))
		}
		i := strings.Index(out, `"`+schema.FileName(k)+`"`)
		if i < last {
			t.Errorf("%s is out of workspace order", k)
		}
		last = i
	}
	if len(all) != len(schema.All) {
		t.Errorf("%d schemas, want %d", len(all), len(schema.All))
	}
}

func jsonEqual(t *testing.T, a, b []byte) bool {
	t.Helper()
	var ca, cb bytes.Buffer
	if err := json.Compact(&ca, a); err != nil {
		t.Fatal(err)
	}
	if err := json.Compact(&cb, b); err != nil {
		t.Fatal(err)
	}
	return bytes.Equal(ca.Bytes(), cb.Bytes())
}

func TestSchemaOne(t *testing.T) {
	for _, arg := range []string{"controls", "controls.yaml", "controls.schema.json"} {
		out, errs, code := runCLI(t, "schema", arg)
		want, _ := schema.For("controls")
		if code != 0 || errs != "" || out != string(want) {
			t.Errorf("soa schema %s: exit %d, stderr %q, output differs: %v", arg, code, errs, out != string(want))
		}
	}
	for _, tt := range []struct {
		args   []string
		stderr string
	}{
		{[]string{"schema", "soa.yaml"}, "soa: there is no schema \"soa.yaml\"; choose isms, risks, controls or soa\nsoa: run 'soa schema' for all four\n"},
		{[]string{"schema", "isms", "risks"}, "soa: soa schema takes at most one of isms, risks, controls or soa, not 2 arguments (isms risks)\n"},
	} {
		out, errs, code := runCLI(t, tt.args...)
		if code != 2 || out != "" || errs != tt.stderr {
			t.Errorf("soa %v: exit %d, stdout %q, stderr %q; want 2 and %q", tt.args, code, out, errs, tt.stderr)
		}
	}
}

func TestSchemaOut(t *testing.T) {
	dir := filepath.Join(t.TempDir(), ".schema")
	for range 2 { // the second run replaces the files
		out, errs, code := runCLI(t, "schema", "-o", dir)
		if code != 0 || errs != "" {
			t.Fatalf("exit %d, stderr %q", code, errs)
		}
		for _, k := range schema.All {
			p := filepath.Join(dir, schema.FileName(k))
			b, err := os.ReadFile(p)
			want, _ := schema.For(k)
			if err != nil || !bytes.Equal(b, want) {
				t.Errorf("%s: %v, or not the schema", p, err)
			}
			if !strings.Contains(out, "wrote "+p+"\n") {
				t.Errorf("stdout %q does not name %s", out, p)
			}
		}
	}
	one := t.TempDir()
	out, _, code := runCLI(t, "schema", "risks", "-o", one)
	if entries, _ := os.ReadDir(one); code != 0 || len(entries) != 1 || entries[0].Name() != "risks.schema.json" {
		t.Errorf("soa schema risks -o: exit %d, %v, %q", code, entries, out)
	}
}
