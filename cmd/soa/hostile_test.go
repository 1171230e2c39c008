package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"

	"golang.org/x/image/font/gofont/goregular"

	"github.com/soa-tool/soa/soa/soatest"
)

// hostile is one broken or hostile workspace: a change to the acme-saas example and what
// soa build must say about it.
type hostile struct {
	name   string
	file   string                         // the workspace file to change
	edit   func(old []byte) []byte        // its new content
	setup  func(t *testing.T, dir string) // instead of file/edit
	args   []string                       // extra arguments (default: none)
	env    map[string]string
	code   int
	stderr string // a fragment of the message
	pos    string // "file:line:col" or "file:line" of the first finding, "" when none is expected
}

func replace(old, new string) func([]byte) []byte {
	return func(b []byte) []byte {
		if !bytes.Contains(b, []byte(old)) {
			panic("test edit: " + old + " not found")
		}
		return bytes.Replace(b, []byte(old), []byte(new), 1)
	}
}

func content(s string) func([]byte) []byte { return func([]byte) []byte { return []byte(s) } }

func bomb() string {
	var b strings.Builder
	b.WriteString("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n")
	for i := 'b'; i <= 'i'; i++ {
		prev := string(i - 1)
		fmt.Fprintf(&b, "%c: &%c [*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s]\n", i, i, prev, prev, prev, prev, prev, prev, prev, prev, prev)
	}
	b.WriteString("risks: *i\n")
	return b.String()
}

var hostiles = []hostile{
	{name: "file over 16 MiB", file: "isms.yaml", edit: func(b []byte) []byte { return append(b, bytes.Repeat([]byte("# padding\n"), 17<<20/10)...) },
		code: 1, stderr: "the limit of 16 MiB", pos: "isms.yaml:1:1"},
	{name: "billion laughs", file: "risks.yaml", edit: content(bomb()), code: 1, stderr: "anchors and aliases", pos: "risks.yaml:1:4"},
	{name: "merge key", file: "isms.yaml", edit: replace("document:\n", "base: &b {x: 1}\ndocument:\n  <<: *b\n"), code: 1, stderr: "anchors and aliases", pos: "isms.yaml:"},
	{name: "deep nesting", file: "controls.yaml", edit: content("controls: " + strings.Repeat("[", 200) + strings.Repeat("]", 200) + "\n"), code: 1, stderr: "nesting deeper than", pos: "controls.yaml:1:"},
	{name: "more than 30,000 risks", file: "risks.yaml", edit: content("risks:\n" + strings.Repeat("- {}\n", 30_001)), code: 1, stderr: "over the limit of 30000", pos: "risks.yaml:2:1"},
	{name: "field over 64 KiB", file: "controls.yaml", edit: replace("justification: >-\n", "justification: "+strings.Repeat("x", 65<<10)+"\n    old_justification: >-\n"), code: 1, stderr: "over the limit of 64 KiB", pos: "controls.yaml:"},
	{name: "invalid UTF-8", file: "controls.yaml", edit: replace("Policies for information security\n", "Policies for \xffinformation security\n"), code: 1, stderr: "byte 0xff is not UTF-8", pos: "controls.yaml:6:18"},
	{name: "Latin-1 text", file: "isms.yaml", edit: replace("organization: Acme Cloud Ltd", "organization: Acme Caf\xe9 Ltd"), code: 1, stderr: "is not UTF-8", pos: "isms.yaml:"},
	{name: "UTF-16 file", file: "isms.yaml", edit: func(b []byte) []byte { return append([]byte{0xff, 0xfe}, b...) }, code: 1, stderr: "save the file as UTF-8", pos: "isms.yaml:1:1"},
	{name: "BOM accepted", file: "isms.yaml", edit: func(b []byte) []byte { return append([]byte("\xef\xbb\xbf"), b...) }, code: 0},
	{name: "CRLF accepted", file: "controls.yaml", edit: func(b []byte) []byte { return bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n")) }, code: 0},
	{name: "empty file", file: "risks.yaml", edit: content(""), code: 1, stderr: "the file is empty", pos: "risks.yaml:1:1"},
	{name: "only comments", file: "risks.yaml", edit: content("# nothing yet\n"), code: 1, stderr: "the file is empty", pos: "risks.yaml:1:1"},
	{name: "second document", file: "isms.yaml", edit: func(b []byte) []byte { return append(b, "---\norganization: Other\n"...) }, code: 1, stderr: "more than one YAML document", pos: "isms.yaml:"},
	{name: "top level is a list", file: "controls.yaml", edit: content("- A.5.1\n- A.5.2\n"), code: 1, stderr: "must be a mapping", pos: "controls.yaml:1:1"},
	{name: "top level is text", file: "isms.yaml", edit: content("just some text\n"), code: 1, stderr: "must be a mapping", pos: "isms.yaml:1:1"},
	{name: "tab indentation", file: "isms.yaml", edit: replace("\n  id: ISMS-SOA-01", "\n\tid: ISMS-SOA-01"), code: 1, stderr: "indented with a tab; YAML indents with spaces, not tabs", pos: "isms.yaml:15:1"},
	{name: "unclosed quote", file: "risks.yaml", edit: replace("title: Takeover", "title: \"Takeover"), code: 1, stderr: "YAML syntax", pos: "risks.yaml:"},
	{name: "unclosed flow list", file: "risks.yaml", edit: replace("controls: [A.5.17, A.8.5, 8.2, A.5.18, A.8.16]", "controls: [A.5.17, A.8.5"), code: 1, stderr: "YAML syntax", pos: "risks.yaml:"},
	{name: "duplicate key", file: "isms.yaml", edit: replace("organization: Acme Cloud Ltd", "organization: Acme Cloud Ltd\norganization: Evil Ltd"), code: 1, stderr: `key "organization" is given twice`, pos: "isms.yaml:3:1"},
	{name: "mapping as a key", file: "controls.yaml", edit: replace("controls:\n", "controls:\n  ? {a: 1}\n  : x\n"), code: 1, stderr: "a key must be plain text", pos: "controls.yaml:"},
	{name: "NUL byte", file: "isms.yaml", edit: replace("Acme Cloud Ltd", "Acme\x00Cloud"), code: 1, stderr: "YAML syntax", pos: "isms.yaml:"},
	{name: "binary garbage", file: "controls.yaml", edit: content("\x00\x01\x02\x03PK\x03\x04"), code: 1, stderr: "", pos: "controls.yaml:1:1"},
	{name: "huge number", file: "risks.yaml", edit: replace("likelihood: 4\n    impact: 5", "likelihood: 99999999999999999999999\n    impact: 5"), code: 1, stderr: "99999999999999999999999 is outside the scale 1..5", pos: "risks.yaml:13:17"},
	{name: "negative likelihood", file: "risks.yaml", edit: replace("likelihood: 4\n    impact: 5", "likelihood: -4\n    impact: 5"), code: 1, stderr: "-4 is outside the scale 1..5", pos: "risks.yaml:13:17"},
	{name: "fractional impact", file: "risks.yaml", edit: replace("likelihood: 4\n    impact: 5", "likelihood: 4\n    impact: 2.5"), code: 1, stderr: `"2.5" is not a level of the scale`, pos: "risks.yaml:14:13"},
	{name: "likelihood empty", file: "risks.yaml", edit: replace("likelihood: 4\n    impact: 5", "likelihood:\n    impact: 5"), code: 1, stderr: "risk R-01 likelihood is empty", pos: "risks.yaml:13:5"},
	{name: "impossible date", file: "isms.yaml", edit: replace("next_review: 2027-10-01", "next_review: 2027-02-30"), code: 1, stderr: "must be a date written YYYY-MM-DD", pos: "isms.yaml:"},
	{name: "date in another format", file: "isms.yaml", edit: replace("next_review: 2027-10-01", "next_review: 01/10/2027"), code: 1, stderr: `not "01/10/2027"`, pos: "isms.yaml:"},
	{name: "applicable yes", file: "controls.yaml", edit: replace("A.5.1:\n    applicable: true", "A.5.1:\n    applicable: yes"), code: 1, stderr: `applicable must be true or false, not "yes"`, pos: "controls.yaml:8:17"},
	{name: "unknown control", file: "controls.yaml", edit: replace("\n  A.5.1:\n", "\n  A.5.99:\n"), code: 1, stderr: `"A.5.99" is not an ISO/IEC 27001:2022 Annex A control`, pos: "controls.yaml:7:3"},
	{name: "2013 control as key", file: "controls.yaml", edit: replace("\n  A.5.1:\n", "\n  A.5.1.1:\n"), code: 1, stderr: "in the 2022 Annex A it is A.5.1 Policies for information security", pos: "controls.yaml:7:3"},
	{name: "path as a control ID", file: "controls.yaml", edit: replace("\n  A.5.1:\n", "\n  ../../etc/passwd:\n"), code: 1, stderr: "is not a control ID", pos: "controls.yaml:7:3"},
	{name: "formula as a control ID", file: "risks.yaml", edit: replace("controls: [A.5.17, A.8.5", "controls: [\"=cmd|' /C calc'!A0\", A.8.5"), code: 1, stderr: "is not a control ID", pos: "risks.yaml:"},
	{name: "unknown top-level key", file: "controls.yaml", edit: replace("controls:\n", "control:\n"), code: 1, stderr: `unknown key "control" in the file; did you mean "controls"?`, pos: "controls.yaml:3:1"},
	{name: "long key", file: "isms.yaml", edit: func(b []byte) []byte { return append(b, strings.Repeat("k", 10000)+": v\n"...) }, code: 1, stderr: "YAML syntax: could not find expected ':'", pos: "isms.yaml:"},
	{name: "missing controls.yaml", setup: func(t *testing.T, dir string) { os.Remove(filepath.Join(dir, "controls.yaml")) }, code: 1, stderr: "controls.yaml is missing; run 'soa init", pos: "controls.yaml"},
	{name: "controls.yaml is a directory", setup: func(t *testing.T, dir string) {
		os.Remove(filepath.Join(dir, "controls.yaml"))
		os.Mkdir(filepath.Join(dir, "controls.yaml"), 0o755)
	}, code: 2, stderr: "is a directory, not a file"},
	{name: "isms.yaml is an endless device", setup: func(t *testing.T, dir string) {
		os.Remove(filepath.Join(dir, "isms.yaml"))
		if err := os.Symlink("/dev/zero", filepath.Join(dir, "isms.yaml")); err != nil {
			t.Skip(err)
		}
	}, code: 2, stderr: "isms.yaml is not a regular file (a device, pipe or socket)"},
	{name: "isms.yaml is a named pipe", setup: func(t *testing.T, dir string) {
		os.Remove(filepath.Join(dir, "isms.yaml"))
		if err := syscall.Mkfifo(filepath.Join(dir, "isms.yaml"), 0o644); err != nil {
			t.Skip(err)
		}
	}, code: 2, stderr: "isms.yaml is not a regular file (a device, pipe or socket)"},
	{name: "workspace does not exist", setup: func(t *testing.T, dir string) { os.RemoveAll(dir) }, code: 2, stderr: "cannot read workspace"},
	{name: "workspace is a file", setup: func(t *testing.T, dir string) {
		os.RemoveAll(dir)
		os.WriteFile(dir, []byte("x"), 0o644)
	}, code: 2, stderr: "is not a directory"},
	{name: "output onto a workspace file", args: []string{"-o", "{dir}/isms.yaml"}, code: 2, stderr: "is a file, not a directory"},
	{name: "output under a file", args: []string{"-o", "{dir}/isms.yaml/out"}, code: 2, stderr: "cannot create output directory"},
	{name: "bad SOURCE_DATE_EPOCH", env: map[string]string{"SOURCE_DATE_EPOCH": "yesterday"}, code: 2, stderr: "SOURCE_DATE_EPOCH=\"yesterday\" is not a number"},
	{name: "unknown format", args: []string{"--format", "docx"}, code: 2, stderr: `--format "docx": choose from xlsx, pdf, json, csv`},
	{name: "two directories", args: []string{"{dir}"}, code: 2, stderr: "takes one workspace directory"},
	{name: "output onto the --since baseline", setup: func(t *testing.T, dir string) {
		os.MkdirAll(filepath.Join(dir, "out"), 0o755)
		if _, errs, code := runCLI(t, "build", dir, "-f", "json"); code != 0 {
			t.Fatal(errs)
		}
	}, args: []string{"--since", "{dir}/out/soa.json", "-o", "{dir}/out/../out"}, code: 2, stderr: "refusing to write"},
	{name: "font that is not a font", args: []string{"--font", "{dir}/isms.yaml"}, code: 2, stderr: "isms.yaml: the file is not a TrueType font (.ttf)"},

	// Issue 17, reproductions of the reliability defects.
	{name: "emoji in a control owner", file: "controls.yaml", edit: replace("    owner: CISO", "    owner: \"CISO 🙂\""), args: []string{"--format", "pdf,json"},
		code: 1, stderr: "controls.yaml A.5.1 owner: '🙂' (U+1F642) is beyond U+FFFF"},
	{name: "Japanese without --font", file: "isms.yaml", edit: replace("organization: Acme Cloud Ltd", "organization: 株式会社アクメ"), args: []string{"--format", "pdf"},
		code: 1, stderr: "isms.yaml organization: the PDF font has no glyph for '株' (U+682A)"},
	{name: "NUL before a formula", file: "controls.yaml", edit: replace("    implementation: >-", "    implementation: \"\\0=1+1\"\n    old_implementation: >-"),
		code: 1, stderr: "control character U+0000", pos: "controls.yaml:15:21"},
	{name: "terminal escapes in a risk ID", file: "risks.yaml", edit: replace("  - id: R-02", "  - id: \"R-02\\e]0;x\\a\\e[2J\\nfake.yaml:1:1: error: injected\""),
		code: 1, stderr: "control character U+001B", pos: "risks.yaml:25:9"},
	{name: "more than 500 evidence items", file: "controls.yaml", edit: replace("    evidence:\n", "    evidence:\n"+strings.Repeat("      - record\n", 501)),
		code: 1, stderr: "lists 503 evidence items, over the limit of 500", pos: "controls.yaml:"},
	{name: "more than 240,000 selections", file: "risks.yaml", edit: content(manySelections()),
		code: 1, stderr: "selects more than 240000 controls in all", pos: "risks.yaml:"},
	{name: "a million unknown keys", file: "isms.yaml", edit: func(b []byte) []byte {
		var k strings.Builder
		for i := range 200_000 {
			fmt.Fprintf(&k, "x%d: 1\n", i)
		}
		return append(b, k.String()...)
	}, code: 1, stderr: "soa: ... and 199000 more findings not shown (199000 errors, 0 warnings)"},
	{name: "SOURCE_DATE_EPOCH after 9999", env: map[string]string{"SOURCE_DATE_EPOCH": "253402300800"}, code: 2, stderr: "after the year 9999"},
	{name: "font is a FIFO", setup: func(t *testing.T, dir string) {
		if err := syscall.Mkfifo(filepath.Join(dir, "font.ttf"), 0o644); err != nil {
			t.Skip(err)
		}
	}, args: []string{"--font", "{dir}/font.ttf"}, code: 2, stderr: "font.ttf is not a regular file"},
	{name: "font is /dev/zero", args: []string{"--font", "/dev/zero"}, code: 2, stderr: "/dev/zero is not a regular file"},
	{name: "font is truncated", setup: func(t *testing.T, dir string) {
		os.WriteFile(filepath.Join(dir, "font.ttf"), goregular.TTF[:len(goregular.TTF)/2], 0o644)
	}, args: []string{"--font", "{dir}/font.ttf"}, code: 2, stderr: "the font is damaged"},
}

// manySelections is a register of 30,000 risks, each selecting nine controls.
func manySelections() string {
	var b strings.Builder
	b.WriteString("risks:\n")
	for i := range 30_000 {
		fmt.Fprintf(&b, "- {id: R-%d, title: t, owner: o, likelihood: 1, impact: 1, treatment: {option: modify, approved_on: 2026-01-01, controls: [A.5.1, A.5.2, A.5.3, A.5.4, A.5.5, A.5.6, A.5.7, A.5.8, A.5.9]}}\n", i)
	}
	return b.String()
}

var position = regexp.MustCompile(`^(\S+?\.yaml(?::\d+(?::\d+)?)?): (error|warning): `)

// TestHostileInputs runs soa build on each broken workspace and checks the exit code, the
// message and its position, that nothing panicked, and that the output directory is as it was.
func TestHostileInputs(t *testing.T) {
	if len(hostiles) < 40 {
		t.Fatalf("only %d hostile inputs", len(hostiles))
	}
	for _, h := range hostiles {
		t.Run(h.name, func(t *testing.T) {
			for k, v := range h.env {
				t.Setenv(k, v)
			}
			dir := soatest.Copy(t, "acme-saas")
			out := filepath.Join(t.TempDir(), "out")
			os.Mkdir(out, 0o755)
			previous := []byte(`{"schema": "soa/v1", "previous": true}`)
			os.WriteFile(filepath.Join(out, "soa.json"), previous, 0o644)
			if h.file != "" {
				p := filepath.Join(dir, h.file)
				b, err := os.ReadFile(p)
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, h.edit(b), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if h.setup != nil {
				h.setup(t, dir)
			}
			args := []string{"build", dir, "-o", out, "--format", "json,csv"}
			for _, a := range h.args {
				args = append(args, strings.ReplaceAll(a, "{dir}", dir))
			}
			stdout, stderr, code := runCLI(t, args...)
			if code != h.code {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %.2000s", code, h.code, stdout, stderr)
			}
			if strings.Contains(stderr, "internal error") || strings.Contains(stderr, "goroutine") {
				t.Fatalf("panic: %s", stderr)
			}
			if !strings.Contains(stderr, h.stderr) {
				t.Errorf("stderr does not contain %q:\n%.3000s", h.stderr, stderr)
			}
			if h.pos != "" {
				// The finding that carries the message must point at the place.
				var at string
				for _, line := range strings.Split(stderr, "\n") {
					if m := position.FindStringSubmatch(line); m != nil && strings.Contains(line, h.stderr) {
						at = m[1]
						break
					}
				}
				if !strings.HasPrefix(at, filepath.Join(dir, h.pos)) {
					t.Errorf("the finding is at %q, want %s\n%.2000s", at, h.pos, stderr)
				}
			}
			ents, _ := os.ReadDir(out)
			got, _ := os.ReadFile(filepath.Join(out, "soa.json"))
			if h.code != 0 && (len(ents) != 1 || !bytes.Equal(got, previous)) {
				t.Errorf("a failed build changed the output directory: %d entries, soa.json %.40q", len(ents), got)
			}
			if h.code == 0 && bytes.Equal(got, previous) {
				t.Error("a good build did not replace soa.json")
			}
		})
	}
}
