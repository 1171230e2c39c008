package soa_test

import (
	"path"
	"testing"
	"testing/fstest"

	"github.com/soa-tool/soa/soa"
	"github.com/soa-tool/soa/soa/finding"
	"github.com/soa-tool/soa/soa/soatest"
	"github.com/soa-tool/soa/soa/workspace"
)

// FuzzLoad feeds arbitrary bytes as one of the three workspace files (which, modulo 3, picks
// it from [workspace.Files]) with the other two valid, through Load and Derive. Seeds, in
// testdata/fuzz/FuzzLoad, run in every go test: the example files, an alias bomb, deep
// nesting, a BOM, CRLF, invalid UTF-8 and huge numbers.
func FuzzLoad(f *testing.F) {
	valid := soatest.ValidFiles()
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		name := workspace.Files[int(which)%len(workspace.Files)]
		fsys := fstest.MapFS{}
		for _, n := range workspace.Files {
			fsys[n] = &fstest.MapFile{Data: []byte(valid[n])}
		}
		fsys[name] = &fstest.MapFile{Data: data}
		ws, err := workspace.LoadFS(fsys, "ws")
		if err != nil {
			t.Fatalf("LoadFS: %v", err)
		}
		s := soa.Derive(ws, soa.Options{Today: soatest.SmallToday})
		for _, fd := range s.Findings {
			if fd.Pos.File == "" || fd.Rule == "" || fd.Message == "" {
				t.Errorf("finding without a file, rule or message: %+v", fd)
			}
			if dir, _ := path.Split(fd.Pos.File); dir != "ws/" {
				t.Errorf("finding names a file outside the workspace: %s", fd)
			}
			if fd.Pos.Line < 0 || fd.Pos.Col < 0 {
				t.Errorf("negative position: %s", fd)
			}
		}
		if len(s.Controls) != 93 {
			t.Fatalf("%d controls in the SoA, want 93", len(s.Controls))
		}
		if s.Findings.Count(finding.Error) > 0 {
			return
		}
		for _, e := range s.Controls {
			if !e.Decided {
				t.Errorf("clean result, but %s is not decided", e.Control.ID)
			}
			if e.Applicable && e.Status == "" {
				t.Errorf("clean result, but applicable %s has no status", e.Control.ID)
			}
			if !e.Applicable && soa.IsPlaceholder(e.Justification) {
				t.Errorf("clean result, but excluded %s has no justification", e.Control.ID)
			}
		}
		if n := s.Summary.Applicable + s.Summary.Excluded; n != 93 {
			t.Errorf("clean result, but %d controls decided", n)
		}
		if len(s.Risks) == 0 {
			t.Errorf("clean result with an empty register")
		}
	})
}
