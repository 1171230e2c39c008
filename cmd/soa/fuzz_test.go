package main

import (
	"bytes"
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/soa-tool/soa/annexa"
	"github.com/soa-tool/soa/soa"
	"github.com/soa-tool/soa/soa/finding"
	"github.com/soa-tool/soa/soa/pdf"
	"github.com/soa-tool/soa/soa/sheet"
	"github.com/soa-tool/soa/soa/soatest"
	"github.com/soa-tool/soa/soa/version"
	"github.com/soa-tool/soa/soa/workspace"
)

// FuzzBuild runs the whole of soa build in memory on a mutated acme-saas workspace: data
// replaces one of the three files (which, modulo 3, picks it from [workspace.Files]), the other two
// stay as shipped. Load and Derive must never panic and every finding must name its file and
// rule; a workspace without errors must render in every format, and its soa.json must read
// back with the 93 controls. Seeds, in testdata/fuzz/FuzzBuild, run in every go test (with
// -short, without rendering).
func FuzzBuild(f *testing.F) {
	example := map[string][]byte{}
	for _, name := range workspace.Files {
		b, err := os.ReadFile(filepath.Join(soatest.Example("acme-saas"), name))
		if err != nil {
			f.Fatal(err)
		}
		example[name] = b
	}
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		name := workspace.Files[int(which)%len(workspace.Files)]
		fsys := fstest.MapFS{}
		for n, b := range example {
			fsys[n] = &fstest.MapFile{Data: b}
		}
		fsys[name] = &fstest.MapFile{Data: data}
		ws, err := workspace.LoadFS(fsys, "ws")
		if err != nil {
			t.Fatalf("LoadFS: %v", err)
		}
		s := soa.Derive(ws, soa.Options{Today: soatest.Today})
		for _, fd := range s.Findings {
			if fd.Pos.File == "" || fd.Rule == "" {
				t.Errorf("finding without a file or rule: %+v", fd)
			}
		}
		// Rendering is most of the time; with -short (the race run in CI) the renderers'
		// own tests cover them.
		if s.Findings.Count(finding.Error) > 0 || testing.Short() {
			return
		}
		formats := buildFormats
		if err := pdf.CheckGlyphs(s, nil, pdf.Options{}); err != nil {
			// soa build refuses such a workspace before writing (issue 17: an emoji once
			// crashed gofpdf); the other formats must still render.
			var ge *pdf.GlyphError
			if !errors.As(err, &ge) {
				t.Fatalf("CheckGlyphs: %v", err)
			}
			formats = []string{"xlsx", "json", "csv"}
		}
		out := map[string][]byte{}
		for _, file := range renderers(s, nil, formats, pdf.Options{}, sheet.CSVOptions{}) {
			var b bytes.Buffer
			if err := file.Render(&b); err != nil {
				t.Fatalf("no errors found, but %s fails to render: %v", file.Name, err)
			}
			if b.Len() == 0 {
				t.Fatalf("%s is empty", file.Name)
			}
			out[file.Name] = b.Bytes()
		}
		j, err := version.ReadJSON(bytes.NewReader(out["soa.json"]))
		if err != nil {
			t.Fatalf("soa.json does not read back: %v", err)
		}
		if len(j.Controls) != len(annexa.All()) || len(j.Controls) != 93 {
			t.Fatalf("soa.json has %d controls, want 93", len(j.Controls))
		}
		for i, c := range annexa.All() {
			if j.Controls[i].ID != c.ID.String() {
				t.Fatalf("soa.json control %d is %s, want %s", i, j.Controls[i].ID, c.ID)
			}
		}
		if len(j.Risks) != len(s.Risks) {
			t.Errorf("soa.json has %d risks, the SoA %d", len(j.Risks), len(s.Risks))
		}
		r := csv.NewReader(bytes.NewReader(out["soa.csv"]))
		recs, err := r.ReadAll()
		if err != nil {
			t.Fatalf("soa.csv does not parse: %v", err)
		}
		if len(recs) != 1+93+len(s.Additional) {
			t.Errorf("soa.csv has %d records, want a header, 93 controls and %d additional", len(recs), len(s.Additional))
		}
		if (out["soa.pdf"] != nil && !bytes.HasPrefix(out["soa.pdf"], []byte("%PDF-"))) || !bytes.HasPrefix(out["soa.xlsx"], []byte("PK\x03\x04")) {
			t.Errorf("soa.pdf or soa.xlsx does not start with its signature")
		}
	})
}
