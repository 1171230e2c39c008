package soa_test

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/soa-tool/soa/annexa"
	"github.com/soa-tool/soa/soa"
	"github.com/soa-tool/soa/soa/finding"
	"github.com/soa-tool/soa/soa/internal/yamlpos"
	"github.com/soa-tool/soa/soa/label"
	"github.com/soa-tool/soa/soa/soatest"
	"github.com/soa-tool/soa/soa/workspace"
)

// testToday is the date the tests judge due and review dates against.
var testToday = soatest.SmallToday

// check loads and derives the workspace in files, judged on testToday.
func check(t testing.TB, files map[string]string) *soa.SoA {
	t.Helper()
	ws, err := workspace.Load(soatest.Write(t, files))
	if err != nil {
		t.Fatal(err)
	}
	return soa.Derive(ws, soa.Options{Today: testToday})
}

func dump(l finding.List) string {
	var b strings.Builder
	for _, f := range l {
		fmt.Fprintf(&b, "\t%s\n", f)
	}
	return b.String()
}

func TestValidWorkspaceIsClean(t *testing.T) {
	s := check(t, soatest.ValidFiles())
	if len(s.Findings) != 0 {
		t.Fatalf("valid workspace has findings:\n%s", dump(s.Findings))
	}
	if s.Summary.Total != 93 || s.Summary.Applicable != 91 || s.Summary.Excluded != 2 {
		t.Errorf("summary %+v", s.Summary.Counts)
	}
}

// mutation changes the files of the valid workspace.
type mutation func(t *testing.T, files map[string]string)

// sub replaces the one occurrence of old in file with new.
func sub(file, old, new string) mutation {
	return func(t *testing.T, files map[string]string) {
		t.Helper()
		if n := strings.Count(files[file], old); n != 1 {
			t.Fatalf("%s holds %q %d times, want once", file, old, n)
		}
		files[file] = strings.Replace(files[file], old, new, 1)
	}
}

// set replaces the whole of file.
func set(file, content string) mutation {
	return func(t *testing.T, files map[string]string) { files[file] = content }
}

// appendTo adds text at the end of file.
func appendTo(file, text string) mutation {
	return func(t *testing.T, files map[string]string) { files[file] += text }
}

// remove deletes file from the workspace.
func remove(file string) mutation {
	return func(t *testing.T, files map[string]string) { delete(files, file) }
}

// all applies several mutations in order.
func all(ms ...mutation) mutation {
	return func(t *testing.T, files map[string]string) {
		t.Helper()
		for _, m := range ms {
			m(t, files)
		}
	}
}

// ctl replaces the decision of control id (as validControls writes it) with body, which is
// indented by four spaces per line.
func ctl(id, body string) mutation {
	return func(t *testing.T, files map[string]string) {
		t.Helper()
		text := files[workspace.ControlsFile]
		start := strings.Index(text, "\n  "+id+":\n")
		if start < 0 {
			t.Fatalf("no decision for %s", id)
		}
		start++
		end := strings.Index(text[start+1:], "\n  A.")
		if end < 0 {
			end = len(text)
		} else {
			end += start + 2
		}
		files[workspace.ControlsFile] = text[:start] + body + text[end:]
	}
}

// locate finds marker in text and returns the line and column (in runes) of its '|' (or of
// its start when it has none). The marker must occur exactly once.
func locate(t *testing.T, text, marker string) (line, col int) {
	t.Helper()
	pre, post, _ := strings.Cut(marker, "|")
	if n := strings.Count(text, pre+post); n != 1 {
		t.Fatalf("marker %q occurs %d times, want once", marker, n)
	}
	off := strings.Index(text, pre+post) + len(pre)
	bol := strings.LastIndexByte(text[:off], '\n') + 1
	return strings.Count(text[:off], "\n") + 1, len([]rune(text[bol:off])) + 1
}

// want is one expected finding.
type want struct {
	sev  finding.Severity
	rule string
	file string // base name
	// at marks the position in the mutated file (see locate); when empty, line and col
	// give it (col 0: not checked).
	at        string
	line, col int
	msg       string // a fragment of the message
}

func wantError(rule, file, at, msg string) want {
	return want{sev: finding.Error, rule: rule, file: file, at: at, msg: msg}
}

func wantWarning(rule, file, at, msg string) want {
	return want{sev: finding.Warning, rule: rule, file: file, at: at, msg: msg}
}

func (w want) lineCol(line, col int) want { w.at, w.line, w.col = "", line, col; return w }

// matches reports whether f is the finding w describes in the workspace files.
func (w want) matches(t *testing.T, files map[string]string, f finding.Finding) bool {
	line, col := w.line, w.col
	if w.at != "" {
		line, col = locate(t, files[w.file], w.at)
	}
	return f.Severity == w.sev && f.Rule == w.rule && filepath.Base(f.Pos.File) == w.file &&
		f.Pos.Line == line && (col == 0 || f.Pos.Col == col) && strings.Contains(f.Message, w.msg)
}

func (w want) String() string {
	return fmt.Sprintf("%s: %s [%s] at %q (%d:%d) containing %q", w.file, w.sev, w.rule, w.at, w.line, w.col, w.msg)
}

// ruleCase is a valid workspace with one mutation and what it must report.
type ruleCase struct {
	name string
	mut  mutation
	want []want
	// extra counts further findings that the mutation implies (the register is gone, so
	// the controls it selects are undecided); they are not checked one by one.
	extra int
}

// runRuleCases checks that each case reports exactly its wanted findings (plus extra).
func runRuleCases(t *testing.T, cases []ruleCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			files := soatest.ValidFiles()
			tc.mut(t, files)
			s := check(t, files)
			for _, w := range tc.want {
				found := false
				for _, f := range s.Findings {
					if w.matches(t, files, f) {
						found = true
						break
					}
				}
				if !found {
					t.Errorf("missing finding %s", w)
				}
			}
			if n := len(tc.want) + tc.extra; len(s.Findings) != n {
				t.Errorf("%d findings, want %d", len(s.Findings), n)
			}
			if t.Failed() {
				t.Logf("findings:\n%s", dump(s.Findings))
			}
		})
	}
}

const (
	isms     = workspace.ISMSFile
	risks    = workspace.RisksFile
	controls = workspace.ControlsFile
)

func TestRuleYAML(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "syntax unclosed flow list", mut: sub(isms, "impact: [Negligible, Minor, Moderate, Major, Severe]", "impact: [Negligible, Minor"),
			want: []want{wantError("yaml", isms, "", "YAML syntax: did not find expected ',' or ']'").lineCol(12, 3)}},
		{name: "syntax bad indentation", mut: sub(isms, "  owner: Jane Doe, CISO\n", "  owner: Jane Doe, CISO\n bad: indentation\n"),
			want: []want{wantError("yaml", isms, "", "YAML syntax: did not find expected key").lineCol(7, 2)}},
		{name: "syntax tab", mut: sub(controls, "  A.5.1:\n    applicable: true", "  A.5.1:\n\tapplicable: true"),
			want: []want{wantError("yaml", controls, "", "this line is indented with a tab; YAML indents with spaces, not tabs").lineCol(3, 1)}},
		{name: "tab after spaces", mut: sub(controls, "  A.5.1:\n    applicable: true", "  A.5.1:\n  \tapplicable: true"),
			want: []want{wantError("yaml", controls, "", "indented with a tab").lineCol(3, 3)}},
		{name: "empty file", mut: set(isms, ""),
			want: []want{wantError("yaml", isms, "", "the file is empty; run 'soa init'").lineCol(1, 1)}},
		{name: "only comments", mut: set(isms, "# nothing yet\n"),
			want: []want{wantError("yaml", isms, "", "the file is empty").lineCol(1, 1)}},
		{name: "only whitespace", mut: set(controls, "\n  \n\n"),
			want: []want{wantError("yaml", controls, "", "the file is empty").lineCol(1, 1)}},
		{name: "second document", mut: appendTo(isms, "---\norganization: Other Ltd\n"),
			want: []want{wantError("yaml", isms, "|---\norganization: Other", "more than one YAML document").lineCol(19, 1)}},
		{name: "anchor", mut: sub(isms, "owner: Jane Doe, CISO", "owner: &boss Jane Doe, CISO"),
			want: []want{wantError("yaml", isms, "owner: |&boss", "anchors and aliases (& and *) are not supported")}},
		{name: "anchor and alias", mut: all(sub(isms, "owner: Jane Doe, CISO", "owner: &boss Jane Doe, CISO"), sub(isms, "approved_by: John Smith, CEO", "approved_by: *boss")),
			want: []want{
				wantError("yaml", isms, "owner: |&boss", "anchors and aliases"),
				wantError("yaml", isms, "approved_by: |*boss", "anchors and aliases"),
			}},
		{name: "merge key", mut: all(sub(controls, "  A.5.1:\n    applicable: true\n", "  A.5.1: &d\n    applicable: true\n"), sub(controls, "  A.5.2:\n    applicable: true\n", "  A.5.2:\n    <<: *d\n    applicable: true\n")),
			want: []want{
				wantError("yaml", controls, "A.5.1: |&d", "anchors and aliases"),
				wantError("yaml", controls, "<<: |*d", "anchors and aliases"),
			}},
		{name: "alias without anchor", mut: sub(isms, "approved_by: John Smith, CEO", "approved_by: *boss"),
			want: []want{wantError("yaml", isms, "", "YAML syntax: unknown anchor 'boss'").lineCol(7, 3)}},
		{name: "key not plain text", mut: sub(isms, "organization: Test Org Ltd\n", "organization: Test Org Ltd\n? [a, b]\n: c\n"),
			want: []want{wantError("type", isms, "? |[a, b]", "a key must be plain text")}},
	})
}

func TestRuleType(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "applicable maybe", mut: sub(controls, "  A.5.1:\n    applicable: true", "  A.5.1:\n    applicable: maybe"),
			want: []want{wantError("type", controls, "applicable: |maybe", `control A.5.1 applicable must be true or false, not "maybe"`)}},
		{name: "applicable yes is text in YAML 1.2", mut: sub(controls, "  A.5.2:\n    applicable: true", "  A.5.2:\n    applicable: yes"),
			want: []want{wantError("type", controls, "applicable: |yes", `must be true or false, not "yes"`)}},
		{name: "approved_on not a date", mut: sub(isms, "approved_on: 2026-01-10", "approved_on: 2026-13-01"),
			want: []want{wantError("type", isms, "approved_on: |2026-13-01", `document.approved_on must be a date written YYYY-MM-DD, not "2026-13-01"`)}},
		{name: "treatment due in another format", mut: sub(risks, "due: 2026-09-30", "due: 30/09/2026"),
			want: []want{wantError("type", risks, "due: |30/09/2026", `risk R-01 treatment due must be a date written YYYY-MM-DD`)}},
		{name: "control due a list", mut: sub(controls, "due: 2026-12-31", "due: [2026-12-31]"),
			want:  []want{wantError("type", controls, "due: |[2026-12-31]", "control A.8.12 due must be a date written YYYY-MM-DD, not a list")},
			extra: 1}, // and it has no due date
		{name: "level max not a number", mut: sub(isms, "{name: Low, max: 4}", "{name: Low, max: four}"),
			want: []want{wantError("type", isms, "max: |four", `risk_method.levels[0].max must be a whole number, not "four"`)}}, // and nothing more: the method is not checked further
		{name: "likelihood a list", mut: sub(risks, "likelihood: 1\n", "likelihood: [1, 2]\n"),
			want: []want{wantError("type", risks, "likelihood: |[1, 2]", "risk R-03 likelihood must be a number or a level name, not a list")}},
		{name: "organization a mapping", mut: sub(isms, "organization: Test Org Ltd", "organization: {name: Test Org Ltd}"),
			want: []want{wantError("type", isms, "organization: |{name", "organization must be text, not a mapping")}},
		{name: "risks a mapping", mut: set(risks, "risks:\n  R-01: {title: x}\n"),
			want: []want{wantError("type", risks, "risks:\n  |R-01", "risks must be a list of risks")}, extra: 3},
		{name: "isms a list", mut: set(isms, "- organization: Test Org Ltd\n"),
			want: []want{wantError("type", isms, "|- organization", "must be a mapping")}},
		{name: "controls a list", mut: set(controls, "controls:\n  - A.5.1\n"),
			want: []want{wantError("type", controls, "controls:\n  |- A.5.1", "controls must be a mapping of control ID to decision")}},
		{name: "decision a text", mut: ctl("A.5.1", "  A.5.1: yes\n"),
			want:  []want{wantError("type", controls, "A.5.1: |yes", `control A.5.1 must be a mapping of keys to values, not "yes"`)}, // the control is given but not decided
			extra: 1},
		{name: "history entry a text", mut: sub(isms, "  next_review: 2027-01-10\n", "  next_review: 2027-01-10\n  history:\n    - first issue\n"),
			want: []want{wantError("type", isms, "    - |first issue", "must be a mapping")}},
		{name: "reasons a mapping", mut: sub(controls, "reasons: [contractual]", "reasons: {contractual: true}"),
			want: []want{wantError("type", controls, "reasons: |{", "control A.8.12 reasons must be a list, not a mapping")}, extra: 1},
		{name: "evidence entry a list", mut: sub(controls, "    status: planned\n", "    status: planned\n    evidence: [[a, b]]\n"),
			want: []want{wantError("type", controls, "evidence: [|[a, b]]", "each entry of control A.8.12 evidence must be text, not a list")}},
	})
}

func TestRuleUnknownKey(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "typo in document", mut: sub(isms, "  owner: Jane Doe, CISO\n", "  owner: Jane Doe, CISO\n  clasification: Confidential\n"),
			want: []want{wantError("unknown-key", isms, "  |clasification", `unknown key "clasification" in document; did you mean "classification"?`)}},
		{name: "typo in a decision", mut: sub(controls, "    status: planned\n", "    status: planned\n    evidense: [DLP rollout plan]\n"),
			want: []want{wantError("unknown-key", controls, "    |evidense", `unknown key "evidense" in control A.8.12; did you mean "evidence"?`)}},
		{name: "typo in a risk", mut: sub(risks, "    title: Flood at the office\n", "    title: Flood at the office\n    asset_: Office\n"),
			want: []want{wantError("unknown-key", risks, "    |asset_", `unknown key "asset_" in risk #3; did you mean "asset"?`)}},
		{name: "typo in a treatment", mut: sub(risks, "      plan: Phishing", "      plans: Phishing"),
			want: []want{wantError("unknown-key", risks, "      |plans: Phishing", `unknown key "plans" in risk R-01 treatment; did you mean "plan"?`)}},
		{name: "no close key lists the keys", mut: sub(controls, "    status: planned\n", "    status: planned\n    colour: red\n"),
			want: []want{wantError("unknown-key", controls, "    |colour", `unknown key "colour" in control A.8.12; the keys here are applicable, reasons, justification, status, owner, implementation, evidence, due, review`)}},
		{name: "top level", mut: appendTo(isms, "version: 2\n"),
			want: []want{wantError("unknown-key", isms, "|version: 2", `unknown key "version" in the file`)}},
		{name: "in the method", mut: sub(isms, "  acceptance: 9\n", "  acceptance: 9\n  acceptence: 9\n"),
			want: []want{wantError("unknown-key", isms, "|acceptence", `did you mean "acceptance"?`)}},
	})
}

func TestRuleDuplicates(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "duplicate key in a decision", mut: ctl("A.5.2", "  A.5.2:\n    applicable: true\n    reasons: [business]\n    justification: Roles must be clear.\n    status: implemented\n    owner: CISO\n    owner: CTO\n"),
			want: []want{wantError("duplicate-key", controls, "owner: CISO\n    |owner: CTO", `key "owner" is given twice (first on line`)}},
		{name: "duplicate key in isms", mut: sub(isms, "  acceptance: 9\n", "  acceptance: 9\n  acceptance: 12\n"),
			want: []want{wantError("duplicate-key", isms, "  |acceptance: 12", `key "acceptance" is given twice (first on line 18); keep one`)}},
		{name: "duplicate key in a flow mapping", mut: sub(risks, "residual: {likelihood: 2, impact: 3}", "residual: {likelihood: 2, impact: 3, impact: 2}"),
			want: []want{wantError("duplicate-key", risks, "impact: 3, |impact: 2", `key "impact" is given twice (first on line 24)`)}}, // the rest of the register is still read
		{name: "duplicate control in two spellings", mut: appendTo(controls, "  5.1:\n    applicable: false\n    justification: Not needed here at all.\n"),
			want: []want{wantError("duplicate-control", controls, "  |5.1:\n    applicable: false", `A.5.1 is decided twice: first at `)}},
		{name: "duplicate control with a leading zero", mut: appendTo(controls, "  A.05.01: {applicable: true}\n"),
			want: []want{wantError("duplicate-control", controls, "  |A.05.01", `again here as "A.05.01"; keep one decision`)}},
		{name: "duplicate risk", mut: sub(risks, "id: R-02", "id: R-01"),
			want: []want{wantError("duplicate-risk", risks, "", "risk ID R-01 is used twice (first at ").lineCol(14, 5)}},
	})
}

func TestRuleMissingFileAndEmptyRegister(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "isms.yaml missing", mut: remove(isms),
			want: []want{wantError("missing-file", isms, "", "isms.yaml is missing; run 'soa init ").lineCol(1, 1)}},
		{name: "controls.yaml missing", mut: remove(controls),
			want: []want{wantError("missing-file", controls, "", "controls.yaml is missing").lineCol(1, 1)}},
		{name: "risks.yaml missing", mut: remove(risks),
			// The controls only the register selects are not reported undecided: a risk may
			// select them.
			want: []want{wantError("missing-file", risks, "", "risks.yaml is missing; run 'soa init ").lineCol(1, 1)}},
		{name: "risks.yaml unreadable", mut: sub(risks, "title: Malware on laptops", "title: Malware on laptops\x92"),
			want: []want{wantError("encoding", risks, "", "is not UTF-8").lineCol(15, 30)}},
		{name: "risks.yaml indented with a tab", mut: sub(risks, "    title: Malware on laptops", "\ttitle: Malware on laptops"),
			want: []want{wantError("yaml", risks, "", "YAML indents with spaces, not tabs").lineCol(15, 1)}},
		{name: "empty list", mut: set(risks, "risks: []\n"),
			want:  []want{wantError("empty-register", risks, "|risks: []", "the risk register is empty")},
			extra: 3},
		{name: "empty key", mut: set(risks, "# no risks yet\nrisks:\n"),
			want:  []want{wantError("empty-register", risks, "|risks:", "the risk register is empty; the SoA must follow from the risk assessment")},
			extra: 3},
		{name: "no risks key", mut: set(risks, "{}\n"),
			want:  []want{wantError("empty-register", risks, "", "the risk register is empty").lineCol(1, 1)},
			extra: 3},
	})
}

func TestRuleRequired(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "organization missing", mut: sub(isms, "organization: Test Org Ltd\n", ""),
			want: []want{wantError("required", isms, "", "organization is missing; give the organization's legal name").lineCol(1, 1)}},
		{name: "organization empty", mut: sub(isms, "organization: Test Org Ltd\n", "organization:\n"),
			want: []want{wantError("required", isms, "|organization:", "organization is empty")}},
		{name: "organization empty text", mut: sub(isms, "organization: Test Org Ltd\n", "organization: \"\"\n"),
			want: []want{wantError("required", isms, "|organization:", "organization is empty")}},
		{name: "scope only spaces", mut: sub(isms, "scope: Development and operation of the Test platform.", "scope: \"   \""),
			want: []want{wantError("required", isms, "|scope:", "scope is empty")}},
		{name: "likelihood empty text", mut: sub(risks, "likelihood: 1\n", "likelihood: ''\n"),
			want: []want{wantError("required", risks, "    |likelihood: ''", "risk R-03 likelihood is empty")}},
		{name: "scope missing", mut: sub(isms, "scope: Development and operation of the Test platform.\n", ""),
			want: []want{wantError("required", isms, "", "scope is missing; give the ISMS scope statement (clause 4.3)").lineCol(1, 1)}},
		{name: "document missing", mut: sub(isms, "document:\n  id: ISMS-SOA-01\n  version: \"1.0\"\n  owner: Jane Doe, CISO\n  approved_by: John Smith, CEO\n  approved_on: 2026-01-10\n  next_review: 2027-01-10\n", ""),
			want: []want{wantError("required", isms, "", "document is missing; add a document block with id, version and owner").lineCol(1, 1)}},
		{name: "document id missing", mut: sub(isms, "  id: ISMS-SOA-01\n", ""),
			want: []want{wantError("required", isms, "  |version", "document.id is missing; give the document identifier")}},
		{name: "document version missing", mut: sub(isms, "  version: \"1.0\"\n", ""),
			want: []want{wantError("required", isms, "  |id: ISMS", "document.version is missing; give the version as text")}},
		{name: "document owner empty", mut: sub(isms, "  owner: Jane Doe, CISO\n", "  owner:\n"),
			want: []want{wantError("required", isms, "  |owner:\n", "document.owner is empty; name the document owner")}},
		{name: "risk_method missing", mut: sub(isms, soatest.ValidISMS[strings.Index(soatest.ValidISMS, "risk_method:"):], ""),
			want: []want{wantError("required", isms, "", "risk_method is missing; add the risk method").lineCol(1, 1)}},
		{name: "risk_method likelihood missing", mut: sub(isms, "  likelihood: [Rare, Unlikely, Possible, Likely, Almost certain]\n", ""),
			want: []want{
				wantError("required", isms, "", "risk_method.likelihood is missing; list the level names").lineCol(11, 3),
			}},
		{name: "risk_method levels missing", mut: sub(isms, "  levels:\n    - {name: Low, max: 4}\n    - {name: Medium, max: 9}\n    - {name: High, max: 15}\n    - {name: Critical, max: 25}\n", ""),
			want: []want{
				wantError("required", isms, "", "risk_method.levels is missing").lineCol(11, 3),
			}},
		{name: "level name missing", mut: sub(isms, "{name: High, max: 15}", "{max: 15}"),
			want: []want{wantError("required", isms, "    - |{max: 15}", "risk_method.levels[2].name is missing")}},
		{name: "risk id missing", mut: sub(risks, "  - id: R-03\n    title:", "  - title:"),
			want: []want{wantError("required", risks, "  - |title: Flood", "risk #3 id is missing; give the risk a unique identifier")}},
		{name: "risk title empty", mut: sub(risks, "title: Flood at the office", "title:"),
			want: []want{wantError("required", risks, "    |title:\n", "risk R-03 title is empty; give the risk a short title")}},
		{name: "risk owner missing", mut: sub(risks, "    owner: COO\n", ""),
			want: []want{wantError("required", risks, "  - |id: R-03", "risk R-03 owner is missing; name the risk owner")}},
		{name: "risk likelihood missing", mut: sub(risks, "    likelihood: 4\n", ""),
			want: []want{wantError("required", risks, "  - |id: R-01", "risk R-01 likelihood is missing; rate the likelihood, 1..5 or a level name")}},
		{name: "risk impact empty", mut: sub(risks, "    impact: 3\n", "    impact:\n"),
			want: []want{wantError("required", risks, "    |impact:\n", "risk R-03 impact is empty; rate the impact, 1..5")}},
		{name: "residual impact missing", mut: sub(risks, "residual: {likelihood: 2, impact: 3}", "residual: {likelihood: 2}"),
			want: []want{wantError("required", risks, "residual: |{likelihood: 2}", "risk R-02 residual impact is missing")}},
		{name: "treatment missing", mut: sub(risks, "    treatment:\n      option: retain\n", ""),
			want: []want{wantError("required", risks, "  - |id: R-03", "risk R-03 treatment is missing; give the treatment")}},
		{name: "treatment option missing", mut: sub(risks, "      option: retain\n", "      plan: Insurance covers it\n"),
			want: []want{wantError("required", risks, "      |plan: Insurance", "risk R-03 treatment option is missing; choose modify, retain, avoid or share")}},
		{name: "history date missing", mut: sub(isms, "  next_review: 2027-01-10\n", "  next_review: 2027-01-10\n  history:\n    - {version: \"1.0\", author: Jane Doe}\n"),
			want: []want{wantError("required", isms, "    - |{version", "document.history[0].date is missing")}},
		{name: "controls empty", mut: set(controls, "controls:\n"),
			want: []want{wantError("required", controls, "|controls:", "controls is missing or empty; give a decision for each of the 93")}},
	})
}

func TestRuleScale(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "likelihood above the scale", mut: sub(risks, "likelihood: 4\n", "likelihood: 6\n"),
			want: []want{wantError("scale", risks, "likelihood: |6", "risk R-01 likelihood: 6 is outside the scale 1..5 (Rare, Unlikely, Possible, Likely, Almost certain)")}},
		{name: "impact zero", mut: sub(risks, "impact: 3\n", "impact: 0\n"),
			want: []want{wantError("scale", risks, "impact: |0\n", "risk R-03 impact: 0 is outside the scale 1..5")}},
		{name: "negative residual", mut: sub(risks, "residual: {likelihood: 2, impact: 3}", "residual: {likelihood: -1, impact: 3}"),
			want: []want{wantError("scale", risks, "likelihood: |-1", "risk R-02 residual likelihood: -1 is outside the scale 1..5")}},
		{name: "unknown level name", mut: sub(risks, "impact: Major", "impact: Catastrophic"),
			want: []want{wantError("scale", risks, "impact: |Catastrophic", `risk R-02 impact: "Catastrophic" is not a level of the scale: use 1..5 or one of Negligible, Minor, Moderate, Major, Severe`)}},
		{name: "level name from the other scale", mut: sub(risks, "likelihood: Possible", "likelihood: Major"),
			want: []want{wantError("scale", risks, "likelihood: |Major", `"Major" is not a level of the scale`)}},
		{name: "level names ignore case", mut: sub(risks, "likelihood: Possible", "likelihood: possible"), want: nil},
		{name: "fraction", mut: sub(risks, "likelihood: 1\n", "likelihood: 1.5\n"),
			want: []want{wantError("scale", risks, "likelihood: |1.5", `"1.5" is not a level of the scale`)}},
	})
}

func TestRuleMethod(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "levels not ascending", mut: sub(isms, "{name: Medium, max: 9}", "{name: Medium, max: 3}"),
			want: []want{wantError("method", isms, "    - |{name: Medium", `level "Medium" has max 3, not above the previous level's 4; levels must ascend`)}},
		{name: "levels equal", mut: sub(isms, "{name: High, max: 15}", "{name: High, max: 9}"),
			want: []want{wantError("method", isms, "    - |{name: High", `level "High" has max 9, not above the previous level's 9`)}},
		{name: "last max below n*m", mut: sub(isms, "{name: Critical, max: 25}", "{name: Critical, max: 20}"),
			want: []want{wantError("method", isms, "    - |{name: Critical", `the last level "Critical" ends at 20 but scores go up to 25 (5×5); set its max to 25`)}},
		{name: "last max above n*m", mut: sub(isms, "{name: Critical, max: 25}", "{name: Critical, max: 30}"),
			want: []want{wantError("method", isms, "    - |{name: Critical", `ends at 30 but scores go up to 25`)}},
		{name: "acceptance above the range", mut: sub(isms, "acceptance: 9", "acceptance: 30"),
			want: []want{wantError("method", isms, "  |acceptance", "risk_method.acceptance is 30, outside the score range 1..25")}},
		{name: "acceptance zero", mut: sub(isms, "acceptance: 9", "acceptance: 0"),
			want: []want{wantError("method", isms, "  |acceptance", "risk_method.acceptance is 0, outside the score range 1..25")}},
		{name: "one level", mut: sub(isms, "likelihood: [Rare, Unlikely, Possible, Likely, Almost certain]", "likelihood: [Always]"),
			want: []want{
				wantError("method", isms, "  |likelihood: [Always]", "risk_method.likelihood has 1 levels; give 2 to 10 level names"),
				wantError("method", isms, "    - |{name: Critical", "scores go up to 5 (1×5)"),
				wantError("method", isms, "  |acceptance", "risk_method.acceptance is 9, outside the score range 1..5"),
			}},
		{name: "eleven levels", mut: sub(isms, "impact: [Negligible, Minor, Moderate, Major, Severe]", "impact: [I1, I2, I3, I4, I5, I6, I7, I8, I9, I10, I11]"),
			want: []want{
				wantError("method", isms, "  |impact: [I1", "risk_method.impact has 11 levels; give 2 to 10"),
				wantError("method", isms, "    - |{name: Critical", "scores go up to 55 (5×11)"),
			}},
		{name: "a level named twice", mut: sub(isms, "[Rare, Unlikely, Possible, Likely, Almost certain]", "[Rare, Unlikely, Possible, Likely, rare]"),
			want: []want{wantError("method", isms, "  |likelihood: [Rare", `risk_method.likelihood names "rare" twice`)}},
		{name: "a 3x3 method is fine", mut: all(
			sub(isms, "[Rare, Unlikely, Possible, Likely, Almost certain]", "[Low, Medium, High]"),
			sub(isms, "[Negligible, Minor, Moderate, Major, Severe]", "[Low, Medium, High]"),
			sub(isms, "    - {name: Low, max: 4}\n    - {name: Medium, max: 9}\n    - {name: High, max: 15}\n    - {name: Critical, max: 25}\n", "    - {name: Low, max: 2}\n    - {name: Medium, max: 4}\n    - {name: High, max: 9}\n"),
			sub(isms, "acceptance: 9", "acceptance: 4"),
			sub(risks, "likelihood: 4\n    impact: 5\n", "likelihood: 3\n    impact: 3\n"),
			sub(risks, "residual: {likelihood: 1, impact: 5}", "residual: {likelihood: 1, impact: 3}"),
			sub(risks, "likelihood: Possible\n    impact: Major", "likelihood: Medium\n    impact: high"),
			sub(risks, "residual: {likelihood: 2, impact: 3}", "residual: {likelihood: 2, impact: 2}"),
		), want: nil},
	})
}

func TestRuleUnknownControl(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "unknown ID in controls.yaml", mut: appendTo(controls, "  A.5.38:\n    applicable: false\n    justification: Not in the catalogue anyway.\n"),
			want: []want{wantError("unknown-control", controls, "  |A.5.38", `"A.5.38" is not an ISO/IEC 27001:2022 Annex A control; did you mean A.5.36 Compliance with policies, rules and standards for information security or A.5.37 Documented operating procedures?`)}},
		{name: "2013 ID in controls.yaml", mut: appendTo(controls, "  A.9.2.1:\n    applicable: true\n"),
			want: []want{wantError("unknown-control", controls, "  |A.9.2.1", "A.9.2.1 is an ISO/IEC 27001:2013 control (User registration and de-registration); in the 2022 Annex A it is A.5.16 Identity management")}},
		{name: "not an ID in controls.yaml", mut: appendTo(controls, "  five:\n    applicable: true\n"),
			want: []want{wantError("unknown-control", controls, "  |five", `"five" is not a control ID: write it as 5.1, A.5.1, a.5.1, A 5.1 or A.05.01`)}},
		{name: "unknown ID in a treatment", mut: sub(risks, "controls: [8.7]", "controls: [8.7, 5.99]"),
			want: []want{wantError("unknown-control", risks, "controls: [8.7, |5.99]", `risk R-02: "5.99" is not an ISO/IEC 27001:2022 Annex A control`)}},
		{name: "2013 ID in a treatment", mut: sub(risks, "controls: [8.7]", "controls: [8.7, A.12.2.1]"),
			want: []want{wantError("unknown-control", risks, "controls: [8.7, |A.12.2.1]", "risk R-02: A.12.2.1 is an ISO/IEC 27001:2013 control (Controls against malware); in the 2022 Annex A it is A.8.7 Protection against malware")}},
		{name: "2013 ID in a comma list", mut: sub(risks, "controls: [8.7]", "controls: \"8.7, A.11.1.1\""),
			want: []want{wantError("unknown-control", risks, "controls: |\"8.7", "in the 2022 Annex A it is A.7.1 Physical security perimeters")}},
	})
}

func TestRuleUndecided(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "decision missing names the title", mut: ctl("A.5.3", ""),
			want: []want{wantError("undecided", controls, "|controls:", "A.5.3 Segregation of duties has no decision; add it under controls:")}},
		{name: "empty decision", mut: ctl("A.5.3", "  A.5.3:\n"),
			want: []want{wantError("undecided", controls, "  |A.5.3:", "A.5.3 Segregation of duties is not decided: no risk selects it and applicable is not given")}},
		{name: "empty mapping", mut: ctl("A.5.3", "  A.5.3: {}\n"),
			want: []want{wantError("undecided", controls, "  |A.5.3:", "A.5.3 Segregation of duties is not decided")}},
		{name: "only an owner", mut: ctl("A.5.3", "  A.5.3:\n    owner: CISO\n"),
			want: []want{wantError("undecided", controls, "  |A.5.3:", "is not decided")}},
		{name: "missing decision of a risk-selected control", mut: ctl("A.8.7", ""),
			want: []want{wantError("undecided", controls, "|controls:", "A.8.7 Protection against malware has no decision, but risk R-02 (")}},
	})
}

// included is a decision for id included for reasons with a justification, implemented.
func included(id, reasons, justification string) string {
	return fmt.Sprintf("  %s:\n    applicable: true\n    reasons: %s\n    justification: %s\n    status: implemented\n    owner: CISO\n", id, reasons, justification)
}

// excludedAs is a decision that excludes id with justification.
func excludedAs(id, justification string) string {
	return fmt.Sprintf("  %s:\n    applicable: false\n    justification: %s\n", id, justification)
}

func TestRuleBasisAndSelection(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "applicable without reasons", mut: ctl("A.5.4", "  A.5.4:\n    applicable: true\n    justification: Management must lead.\n    status: implemented\n    owner: CEO\n"),
			want: []want{wantError("no-basis", controls, "    |applicable: true\n    justification: Management must lead.", "A.5.4 Management responsibilities is applicable but no risk selects it and no reason is given; add reasons (legal, regulatory, contractual, business, best-practice)")}},
		{name: "empty reasons", mut: ctl("A.5.4", included("A.5.4", "[]", "Management must lead.")),
			want: []want{wantError("no-basis", controls, "  A.5.4:\n    |applicable", "A.5.4 Management responsibilities is applicable but no risk selects it")}},
		{name: "excluded but selected", mut: ctl("A.5.17", excludedAs("A.5.17", "Passwords are managed by each user.")),
			want: []want{wantError("excluded-but-selected", controls, "  A.5.17:\n    |applicable: false",
				"A.5.17 Authentication information is excluded, but risk R-01 (")}},
		{name: "excluded but selected names the position", mut: ctl("A.8.7", excludedAs("A.8.7", "Laptops run macOS only.")),
			want: []want{wantError("excluded-but-selected", controls, "  A.8.7:\n    |applicable: false",
				"risks.yaml:21:18) selects it; a control that treats a risk is applicable")}},
		{name: "excluded but selected by two risks", mut: all(sub(risks, "controls: [8.7]", "controls: [8.7, A.5.17]"), ctl("A.5.17", excludedAs("A.5.17", "Passwords are managed by each user."))),
			want: []want{wantError("excluded-but-selected", controls, "  A.5.17:\n    |applicable: false", "risks.yaml:21:23) select it")}},
		{name: "risk-selected with applicable true and nothing else", mut: ctl("A.8.5", "  A.8.5:\n    applicable: true\n    status: implemented\n    owner: CISO\n"), want: nil},
		{name: "risk-selected with an empty decision", mut: ctl("A.8.5", "  A.8.5:\n"),
			// decided by the risk, but applicable controls need a status
			want: []want{wantError("status", controls, "  |A.8.5:", "but has no status; add status: implemented"),
				wantWarning("no-owner", controls, "  |A.8.5:", "A.8.5 is applicable but has no owner")}},
	})
}

func TestRuleJustification(t *testing.T) {
	cases := []ruleCase{
		{name: "exclusion without justification", mut: ctl("A.7.12", "  A.7.12:\n    applicable: false\n"),
			want: []want{wantError("justification", controls, "  |A.7.12:", "A.7.12 is excluded without a justification; say why the control is not needed (clause 6.1.3 d)")}},
		{name: "exclusion with empty justification", mut: ctl("A.7.12", "  A.7.12:\n    applicable: false\n    justification: \"\"\n"),
			want: []want{wantError("justification", controls, "    |justification: \"\"", "A.7.12 is excluded without a justification; say why")}},
		{name: "exclusion with null justification", mut: ctl("A.7.12", "  A.7.12:\n    applicable: false\n    justification:\n"),
			want: []want{wantError("justification", controls, "    |justification:\n", "A.7.12 is excluded without a justification")}},
		{name: "inclusion for a reason without justification", mut: ctl("A.5.4", "  A.5.4:\n    applicable: true\n    reasons: [legal]\n    status: implemented\n    owner: CEO\n"),
			want: []want{wantError("justification", controls, "  |A.5.4:", "A.5.4 is included for legal without a justification; say why it is needed")}},
		{name: "inclusion for risk and a reason needs a justification", mut: ctl("A.5.17", "  A.5.17:\n    reasons: [contractual, legal]\n    status: implemented\n    owner: CISO\n"),
			want: []want{wantError("justification", controls, "  |A.5.17:", "A.5.17 is included for contractual, legal without a justification")}},
		{name: "inclusion for risk only needs none", mut: ctl("A.5.17", "  A.5.17:\n    applicable: true\n    status: implemented\n    owner: CISO\n"), want: nil},
	}
	for _, p := range []string{`N/A`, `"-"`, `TBD`, `TODO`, `tbd.`, `n.a.`, `"?"`, `To do`, `"..."`, `none`, `'---'`} {
		cases = append(cases,
			ruleCase{name: "exclusion " + p, mut: ctl("A.7.12", excludedAs("A.7.12", p)),
				want: []want{wantError("justification", controls, "    |justification: "+p, "A.7.12 is excluded without a justification (")}},
			ruleCase{name: "inclusion " + p, mut: ctl("A.5.4", included("A.5.4", "[business]", p)),
				want: []want{wantError("justification", controls, "    |justification: "+p, "A.5.4 is included for business without a justification (")}},
		)
	}
	cases = append(cases, ruleCase{name: "placeholder named in the message", mut: ctl("A.7.12", excludedAs("A.7.12", "N/A")),
		want: []want{wantError("justification", controls, "    |justification: N/A", `("N/A" is a placeholder)`)}})
	for _, ok := range []string{"No premises.", "\"NA region only: no EU data\"", "\"Not applicable: we have no offices\""} {
		cases = append(cases, ruleCase{name: "real justification " + ok, mut: ctl("A.7.12", excludedAs("A.7.12", ok)), want: nil})
	}
	runRuleCases(t, cases)
}

func TestRuleStatusAndVocabulary(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "applicable without status", mut: ctl("A.5.4", "  A.5.4:\n    applicable: true\n    reasons: [legal]\n    justification: The law says so.\n    owner: CEO\n"),
			want: []want{wantError("status", controls, "  A.5.4:\n    |applicable", "A.5.4 is applicable but has no status; add status: implemented | partial | planned | not-implemented")}},
		{name: "status outside the vocabulary", mut: ctl("A.5.4", "  A.5.4:\n    applicable: true\n    reasons: [legal]\n    justification: The law says so.\n    status: done\n    owner: CEO\n"),
			want: []want{wantError("vocabulary", controls, "    |status: done", `A.5.4: status "done" is not one of implemented, partial, planned, not-implemented`)}},
		{name: "status typo", mut: ctl("A.5.4", "  A.5.4:\n    applicable: true\n    reasons: [legal]\n    justification: The law says so.\n    status: implmented\n    owner: CEO\n"),
			want: []want{wantError("vocabulary", controls, "    |status: implmented", `did you mean "implemented"?`)}},
		{name: "status spelt with a space", mut: ctl("A.5.4", "  A.5.4:\n    applicable: true\n    reasons: [legal]\n    justification: The law says so.\n    status: Not Implemented\n    owner: CEO\n    due: 2026-12-01\n"), want: nil},
		{name: "reason outside the vocabulary", mut: ctl("A.5.4", included("A.5.4", "[business, compliance]", "Management must lead.")),
			want: []want{wantError("vocabulary", controls, "[business, |compliance]", `A.5.4: reason "compliance" is not one of legal, regulatory, contractual, business, best-practice`)}},
		{name: "reason typo", mut: ctl("A.5.4", included("A.5.4", "[business, contractural]", "Management must lead.")),
			want: []want{wantError("vocabulary", controls, "[business, |contractural]", `did you mean "contractual"?`)}},
		{name: "reason typed risk", mut: ctl("A.5.4", included("A.5.4", "[business, risk]", "Management must lead.")),
			want: []want{wantError("vocabulary", controls, "[business, |risk]", `A.5.4: reason "risk" is added by soa from the risk register, never typed; select A.5.4 in a risk's treatment.controls instead`)}},
		{name: "reasons as a comma list", mut: ctl("A.5.4", included("A.5.4", "business, best practice", "Management must lead.")), want: nil},
		{name: "treatment option outside the vocabulary", mut: sub(risks, "option: retain", "option: ignore"),
			want: []want{wantError("vocabulary", risks, "      |option: ignore", `treatment option "ignore" is not one of modify, retain, avoid, share`)}},
		{name: "treatment option synonym", mut: sub(risks, "option: retain", "option: Accept"), want: nil},
	})
}

func TestRuleTreatmentAndAcceptance(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "share without controls", mut: sub(risks, "option: retain", "option: share"),
			want: []want{wantError("treatment-controls", risks, "      |option: share", `risk R-03 is treated with "share" but names no controls`),
				wantWarning("plan-approval", risks, "      |option: share", "risk R-03: the risk owner's approval of the treatment plan (6.1.3 f) is not recorded")}},
		{name: "mitigate with empty controls", mut: sub(risks, "option: retain", "option: mitigate\n      controls: []"),
			want: []want{wantError("treatment-controls", risks, "      |option: mitigate", `risk R-03 is treated with "modify" but names no controls`),
				wantWarning("plan-approval", risks, "      |option: mitigate", "approval of the treatment plan")}},
		{name: "avoid needs no controls", mut: sub(risks, "option: retain", "option: avoid\n      approved_on: 2026-02-01"), want: nil},
		{name: "residual above the threshold", mut: sub(risks, "residual: {likelihood: 2, impact: 3}", "residual: {likelihood: 3, impact: 4}"),
			want: []want{wantError("acceptance", risks, "  - |id: R-02", "risk R-02 needs its owner's acceptance: its residual score 12 is above the acceptance threshold 9; add accepted_by and accepted_on")}},
		{name: "no residual means the inherent score", mut: sub(risks, "    residual: {likelihood: 1, impact: 5}\n", ""),
			want: []want{wantError("acceptance", risks, "  - |id: R-01", "its residual score 20 is above the acceptance threshold 9")}},
		{name: "residual above the threshold, accepted", mut: sub(risks, "residual: {likelihood: 2, impact: 3}", "residual: {likelihood: 3, impact: 4}\n    accepted_by: IT Lead\n    accepted_on: 2026-02-01"), want: nil},
		{name: "residual at the threshold", mut: sub(risks, "residual: {likelihood: 2, impact: 3}", "residual: {likelihood: 3, impact: 3}"), want: nil},
		{name: "retain above the threshold", mut: all(sub(risks, "likelihood: 1\n    impact: 3\n", "likelihood: 4\n    impact: 3\n"), appendTo(risks, "    residual: {likelihood: 1, impact: 3}\n")),
			want: []want{wantError("acceptance", risks, "  - |id: R-03", "risk R-03 needs its owner's acceptance: it is retained with an inherent score of 12, above the acceptance threshold 9")}},
		{name: "half an acceptance: who", mut: appendTo(risks, "    accepted_by: COO\n"),
			want: []want{wantError("acceptance", risks, "    |accepted_by: COO", "risk R-03 records half an acceptance; add accepted_on too")}},
		{name: "half an acceptance: when", mut: appendTo(risks, "    accepted_on: 2026-02-01\n"),
			want: []want{wantError("acceptance", risks, "    |accepted_on", "risk R-03 records half an acceptance; add accepted_by too")}},
		{name: "needed and half given", mut: all(sub(risks, "    residual: {likelihood: 1, impact: 5}\n", "    accepted_by: Head of Engineering\n")),
			want: []want{wantError("acceptance", risks, "    |accepted_by: Head", "risk R-01 needs its owner's acceptance: its residual score 20")}},
	})
}

func TestRuleApproval(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "approved_by without approved_on", mut: sub(isms, "  approved_on: 2026-01-10\n", ""),
			want: []want{wantError("approval", isms, "  |approved_by", "approved_by is given without approved_on; add the date of approval")}},
		{name: "approved_on without approved_by", mut: sub(isms, "  approved_by: John Smith, CEO\n", ""),
			want: []want{wantError("approval", isms, "  |approved_on", "approved_on is given without approved_by; name who approved the document")}},
		{name: "approved_by empty", mut: sub(isms, "  approved_by: John Smith, CEO\n", "  approved_by:\n"),
			want: []want{wantError("approval", isms, "  |approved_on", "approved_by is empty but approved_on is given")}},
		{name: "a draft has neither", mut: sub(isms, "  approved_by: John Smith, CEO\n  approved_on: 2026-01-10\n", ""), want: nil},
		{name: "approval in the future", mut: sub(isms, "approved_on: 2026-01-10", "approved_on: 2027-01-01"),
			want: []want{wantWarning("future-date", isms, "  |approved_on", "the approval is dated 2027-01-01, after today (2026-06-01)")}},
		// In a list of approvals the finding points at the approval dated in the future (it
		// had no position at all: ": warning: ...").
		{name: "one of the approvals in the future", mut: sub(isms, "  approved_by: John Smith, CEO\n  approved_on: 2026-01-10\n",
			"  approvals:\n    - {by: John Smith, role: CEO, on: 2026-01-10}\n    - {by: Jane Roe, role: CISO, on: 2027-01-01}\n"),
			want: []want{wantWarning("future-date", isms, "    - {by: Jane Roe, role: CISO, |on: 2027", "the approval is dated 2027-01-01, after today (2026-06-01)")}},
	})
}

func TestRuleLimitAndEncoding(t *testing.T) {
	long := strings.Repeat("x", yamlpos.MaxFieldSize+1)
	deep := strings.Repeat("[", yamlpos.MaxDepth) + "x" + strings.Repeat("]", yamlpos.MaxDepth)
	crlf := func(t *testing.T, files map[string]string) {
		for k, v := range files {
			files[k] = "\xef\xbb\xbf" + strings.ReplaceAll(v, "\n", "\r\n")
		}
	}
	runRuleCases(t, []ruleCase{
		{name: "field over 64 KiB", mut: sub(isms, "scope: Development and operation of the Test platform.", "scope: "+long),
			want: []want{wantError("limit", isms, "scope: |x", fmt.Sprintf("scope is %d bytes long, over the limit of 64 KiB", yamlpos.MaxFieldSize+1))}},
		{name: "field of exactly 64 KiB", mut: sub(isms, "scope: Development and operation of the Test platform.", "scope: "+long[1:]), want: nil},
		{name: "list entry over 64 KiB", mut: sub(controls, "    status: planned\n", "    status: planned\n    evidence: ["+long+"]\n"),
			want: []want{wantError("limit", controls, "evidence: [|x", "an entry of control A.8.12 evidence is over the limit of 64 KiB")}},
		{name: "file over 16 MiB", mut: appendTo(controls, "# "+strings.Repeat("padding ", yamlpos.MaxFileSize/8)+"\n"),
			want: []want{wantError("limit", controls, "", "the file is larger than the limit of 16 MiB; a workspace file is far smaller").lineCol(1, 1)}},
		{name: "nesting", mut: sub(controls, "    status: planned\n", "    status: planned\n    evidence: "+deep+"\n"),
			want: []want{wantError("limit", controls, "evidence: "+strings.Repeat("[", 9)+"|[", "nesting deeper than 12 levels")}},
		{name: "nesting in isms.yaml", mut: appendTo(isms, "a: "+strings.Repeat("{b: ", 14)+"c"+strings.Repeat("}", 14)+"\n"),
			// the key and the value that are too deep
			want: []want{wantError("limit", isms, "", "nesting deeper than 12 levels").lineCol(19, 45), wantError("limit", isms, "", "nesting deeper").lineCol(19, 48)}},
		{name: "invalid UTF-8", mut: sub(isms, "organization: Test Org Ltd", "organization: Zoë \xff Ltd"),
			want: []want{wantError("encoding", isms, "", "byte 0xff is not UTF-8; save the file as UTF-8").lineCol(1, 19)}},
		{name: "latin-1 on a later line", mut: sub(controls, "justification: Customer contracts require it.", "justification: Customer contracts require it \xe0 100%."),
			want: []want{wantError("encoding", controls, "justification: Customer contracts require it |\xe0", "byte 0xe0 is not UTF-8")}},
		{name: "BOM and CRLF are accepted", mut: crlf, want: nil},
		{name: "BOM alone", mut: func(t *testing.T, files map[string]string) { files[risks] = "\xef\xbb\xbf" + files[risks] }, want: nil},
		{name: "CRLF keeps lines", mut: all(crlf, sub(isms, "approved_on: 2026-01-10", "approved_on: soon")),
			want: []want{wantError("type", isms, "", `document.approved_on must be a date`).lineCol(8, 16)}},
	})
}

func TestWarnings(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "residual above inherent", mut: appendTo(risks, "    residual: {likelihood: 1, impact: 4}\n"),
			want: []want{wantWarning("residual-above-inherent", risks, "    |residual: {likelihood: 1, impact: 4}", "risk R-03 has a residual score 4 above its inherent score 3")}},
		{name: "residual above inherent and threshold", mut: sub(risks, "residual: {likelihood: 2, impact: 3}", "residual: {likelihood: 4, impact: 4}\n    accepted_by: IT Lead\n    accepted_on: 2026-02-01"),
			want: []want{wantWarning("residual-above-inherent", risks, "    |residual: {likelihood: 4", "risk R-02 has a residual score 16 above its inherent score 12")}},
		{name: "next review passed", mut: sub(isms, "next_review: 2027-01-10", "next_review: 2026-05-31"),
			want: []want{wantWarning("review-overdue", isms, "  |next_review", "the document's next review (2026-05-31) has passed")}},
		{name: "next review today", mut: sub(isms, "next_review: 2027-01-10", "next_review: 2026-06-01"), want: nil},
		{name: "decision review passed", mut: ctl("A.7.12", excludedAs("A.7.12", "No premises hold cabling.")+"    review: 2026-01-01\n"),
			want: []want{wantWarning("decision-review-overdue", controls, "    |review: 2026-01-01", "A.7.12: the decision was due for review on 2026-01-01")}},
		{name: "decision review ahead", mut: ctl("A.7.12", excludedAs("A.7.12", "No premises hold cabling.")+"    review: 2027-01-01\n"), want: nil},
		{name: "treatment overdue", mut: sub(risks, "due: 2026-09-30", "due: 2026-05-01"),
			want: []want{wantWarning("overdue", risks, "      |due: 2026-05-01", "the treatment of risk R-01 was due on 2026-05-01"),
				wantWarning("control-due-after-risk", controls, "    |due: 2026-09-30", "A.8.2 is due on 2026-09-30, after the treatment of risk R-01 that selects it (due 2026-05-01")}},
		{name: "control overdue", mut: sub(controls, "due: 2026-12-31", "due: 2026-05-01"),
			want: []want{wantWarning("overdue", controls, "    |due: 2026-05-01", "A.8.12 is planned and was due on 2026-05-01")}},
		{name: "control due today", mut: sub(controls, "due: 2026-12-31", "due: 2026-06-01"), want: nil},
		{name: "implemented control with a past due date", mut: ctl("A.5.4", included("A.5.4", "[business]", "Management must lead.")+"    due: 2026-01-01\n"), want: nil},
		{name: "partial control overdue", mut: ctl("A.5.4", "  A.5.4:\n    applicable: true\n    reasons: [business]\n    justification: Management must lead.\n    status: partial\n    owner: CEO\n    due: 2025-12-31\n"),
			want: []want{wantWarning("overdue", controls, "    |due: 2025-12-31", "A.5.4 is partial and was due on 2025-12-31")}},
		{name: "excluded with status", mut: ctl("A.7.12", excludedAs("A.7.12", "No premises hold cabling.")+"    status: implemented\n"),
			want: []want{wantWarning("excluded-with-status", controls, "    |status: implemented\n  A.7.13", `A.7.12 is excluded but carries status "implemented"`)}},
		{name: "no owner", mut: ctl("A.5.4", "  A.5.4:\n    applicable: true\n    reasons: [business]\n    justification: Management must lead.\n    status: implemented\n"),
			want: []want{wantWarning("no-owner", controls, "  A.5.4:\n    |applicable", "A.5.4 is applicable but has no owner")}},
		{name: "no due", mut: sub(controls, "    due: 2026-12-31\n", ""),
			want: []want{wantWarning("no-due", controls, "    |status: planned", "A.8.12 is planned but has no due date")}},
		{name: "not-implemented without due", mut: ctl("A.5.4", "  A.5.4:\n    applicable: true\n    reasons: [business]\n    justification: Management must lead.\n    status: not-implemented\n    owner: CEO\n"),
			want: []want{wantWarning("no-due", controls, "    |status: not-implemented", "A.5.4 is not-implemented but has no due date")}},
	})
}

func TestRulesOfTheTreatmentPlan(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "open treatment whose controls are all implemented", mut: sub(controls, "status: partial\n    owner: CTO\n    due: 2026-09-30\n", "status: implemented\n    owner: CTO\n"),
			want: []want{wantWarning("plan-open-controls-implemented", risks, "      |due: 2026-09-30", "the treatment of risk R-01 is open, but every control it selects (A.5.17, A.8.5, A.8.2) is implemented; record the date it was completed (treatment.done_on)")}},
		{name: "control due after the treatment", mut: sub(controls, "due: 2026-09-30", "due: 2026-10-15"),
			want: []want{wantWarning("control-due-after-risk", controls, "    |due: 2026-10-15", "A.8.2 is due on 2026-10-15, after the treatment of risk R-01 that selects it (due 2026-09-30, ")}},
		{name: "control due with the treatment", mut: sub(controls, "due: 2026-09-30", "due: 2026-09-29"), want: nil},
		{name: "implemented control with a later due date", mut: sub(controls, "status: partial\n    owner: CTO\n    due: 2026-09-30\n", "status: implemented\n    owner: CTO\n    due: 2026-12-01\n"),
			want: []want{wantWarning("plan-open-controls-implemented", risks, "      |due: 2026-09-30", "risk R-01 is open")}},
	})
}

func TestRuleExclusionBySupplier(t *testing.T) {
	cases := []ruleCase{}
	for _, j := range []struct{ text, cue string }{
		{"Data centre monitoring is AWS's responsibility.", "AWS"},
		{"Hosting runs on Microsoft Azure; its cabling is assured by the provider.", "Microsoft Azure"},
		{"Physical security is provided by our hosting company.", "provided by"},
		{"Covered by the provider's SOC 2 report.", "SOC 2"},
		{"Die Überwachung liegt in der Verantwortung des Rechenzentrums.", "Verantwortung des"},
		{"La surveillance est de la responsabilité du fournisseur.", "responsabilité du"},
		{"Supervisión proporcionado por el centro de datos.", "proporcionado por"},
		{"データセンターの監視はクラウド事業者が行う。", "クラウド事業者"},
	} {
		cases = append(cases, ruleCase{name: j.cue, mut: ctl("A.7.12", excludedAs("A.7.12", j.text)),
			want: []want{wantWarning("exclusion-by-supplier", controls, "  A.7.12:\n    applicable: false\n    |justification",
				fmt.Sprintf("A.7.12 is excluded because a supplier is responsible for it (%q): a control a supplier delivers is applicable and inherited — set applicable: true, with provided_by", j.cue))}})
	}
	for _, j := range []string{"Our laws do not require it.", "No premises hold cabling.", "Outsourced development does not happen.", "The drawings are ours."} {
		cases = append(cases, ruleCase{name: "no cue: " + j, mut: ctl("A.7.12", excludedAs("A.7.12", j)), want: nil})
	}
	cases = append(cases, ruleCase{name: "applicable and inherited", mut: ctl("A.7.12", "  A.7.12:\n    applicable: true\n    reasons: [contractual]\n    justification: Customer data runs over AWS data centre cabling.\n    status: implemented\n    owner: CTO\n    provided_by: Amazon Web Services\n    assurance: AWS SOC 2 Type II report\n"), want: nil})
	runRuleCases(t, cases)
}

func TestRulesOfAcceptance(t *testing.T) {
	byLevel := all(sub(isms, "{name: High, max: 15}", "{name: High, max: 15, accept_by: CTO}"), sub(isms, "{name: Critical, max: 25}", "{name: Critical, max: 25, accept_by: CEO}"))
	high := sub(risks, "residual: {likelihood: 2, impact: 3}", "residual: {likelihood: 3, impact: 4}\n    accepted_by: IT Lead\n    accepted_on: 2026-02-01")
	runRuleCases(t, []ruleCase{
		{name: "accepted by someone else", mut: all(byLevel, high),
			want: []want{wantWarning("acceptance-authority", risks, "    |accepted_by: IT Lead", `risk R-02 is accepted by "IT Lead", but a residual risk at level High is accepted by the CTO (risk_method.levels accept_by)`)}},
		{name: "accepted by the role", mut: all(byLevel, high, sub(risks, "accepted_by: IT Lead", "accepted_by: Dana Smith, CTO")), want: nil},
		{name: "the role in other words is not the role", mut: all(byLevel, high, sub(risks, "accepted_by: IT Lead", "accepted_by: Victor, Director")),
			want: []want{wantWarning("acceptance-authority", risks, "    |accepted_by: Victor", "is accepted by the CTO")}},
		{name: "a level without accept_by", mut: all(byLevel, sub(risks, "residual: {likelihood: 2, impact: 3}", "residual: {likelihood: 2, impact: 3}\n    accepted_by: IT Lead\n    accepted_on: 2026-02-01")), want: nil},
		{name: "needed and missing names the role", mut: all(byLevel, sub(risks, "residual: {likelihood: 2, impact: 3}", "residual: {likelihood: 4, impact: 4}")),
			want: []want{wantError("acceptance", risks, "  - |id: R-02", "risk R-02 needs acceptance by the CEO (accept_by of level Critical): its residual score 16"),
				wantWarning("residual-above-inherent", risks, "    |residual: {likelihood: 4", "")}},
		{name: "retained: the inherent level decides", mut: all(byLevel, sub(risks, "likelihood: 1\n    impact: 3\n", "likelihood: 4\n    impact: 3\n"), appendTo(risks, "    residual: {likelihood: 1, impact: 3}\n    accepted_by: COO\n    accepted_on: 2026-02-01\n")),
			want: []want{wantWarning("acceptance-authority", risks, "    |accepted_by: COO", "at level High is accepted by the CTO")}},
	})
}

func TestRulesOfTheMethodAndCurrent(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "descriptions", mut: appendTo(isms, "  likelihood_descriptions: [a, b, c, d, e]\n  impact_descriptions: [a, b, c, d, e]\n"), want: nil},
		{name: "too few descriptions", mut: appendTo(isms, "  impact_descriptions: [a, b]\n"),
			want: []want{wantError("method", isms, "  |impact_descriptions", "risk_method.impact_descriptions has 2 descriptions for 5 levels; give one description per level")}},
		{name: "current rating", mut: sub(risks, "    residual: {likelihood: 1, impact: 5}\n", "    current: {likelihood: 3, impact: 5}\n    residual: {likelihood: 1, impact: 5}\n"), want: nil},
		{name: "current off the scale", mut: sub(risks, "    residual: {likelihood: 1, impact: 5}\n", "    current: {likelihood: 6, impact: 5}\n    residual: {likelihood: 1, impact: 5}\n"),
			want: []want{wantError("scale", risks, "current: {likelihood: |6", "likelihood: 6 is outside the scale 1..5")}},
		{name: "current above inherent", mut: sub(risks, "option: retain\n", "option: retain\n    current: {likelihood: 2, impact: 3}\n"),
			want: []want{wantWarning("current-above-inherent", risks, "    |current: {likelihood: 2", "risk R-03 has a current score 6 above its inherent score 3")}},
		{name: "current needs both", mut: sub(risks, "    residual: {likelihood: 1, impact: 5}\n", "    current: {likelihood: 3}\n    residual: {likelihood: 1, impact: 5}\n"),
			want: []want{wantError("required", risks, "    current: |{likelihood: 3}", "impact")}},
		{name: "current on a completed treatment", mut: sub(risks, "      done_on: 2026-03-01\n    residual: {likelihood: 2, impact: 3}\n", "      done_on: 2026-03-01\n    current: {likelihood: 3, impact: 3}\n    residual: {likelihood: 2, impact: 3}\n"),
			want: []want{wantWarning("current-after-done", risks, "    |current: {likelihood: 3, impact: 3}", "risk R-02: the treatment was done on 2026-03-01, so the risk stands at its residual 2×3 = 6, but current gives 3×3 = 9; remove current, or correct the residual or done_on")}},
		{name: "current equal to the residual on a completed treatment", mut: sub(risks, "      done_on: 2026-03-01\n    residual: {likelihood: 2, impact: 3}\n", "      done_on: 2026-03-01\n    current: {likelihood: 2, impact: 3}\n    residual: {likelihood: 2, impact: 3}\n"), want: nil},
	})
}

func TestDerivedCurrentAndAcceptance(t *testing.T) {
	_, s := loadExample(t)
	for id, want := range map[string]struct {
		current, level, acceptance string
		interim                    bool
	}{
		"R-11": {"2×5", "High", "Within criteria (≤ 9); interim exposure: current score 10 is above 9 until the treatment is done", true},
		"R-05": {"3×5", "High", "Accepted by Zoë Łukasiewicz, CISO on 2026-10-06", false},
		"R-01": {"1×5", "Medium", "Within criteria (≤ 9)", false},
	} {
		r, _ := s.RiskByID(id)
		if got := fmt.Sprintf("%d×%d", r.Current.Likelihood, r.Current.Impact); got != want.current || r.CurrentLevel != want.level ||
			r.CurrentScore != r.Current.Score() || r.Acceptance != want.acceptance || r.InterimExposure != want.interim {
			t.Errorf("%s: current %s = %d %s, acceptance %q, interim %v; want %+v", id, got, r.CurrentScore, r.CurrentLevel, r.Acceptance, r.InterimExposure, want)
		}
	}
	if r, _ := s.RiskByID("R-04"); r.AcceptBy != "" {
		t.Errorf("R-04 residual 5 is Medium, accepted by anyone: AcceptBy %q", r.AcceptBy)
	}
	if r, _ := s.RiskByID("R-05"); r.AcceptBy != "CISO" {
		t.Errorf("R-05 residual 10 is High: AcceptBy %q, want CISO", r.AcceptBy)
	}
}

// TestManyProblems breaks a dozen rules across the three files and expects every finding in
// one run, sorted by file and line.
func TestManyProblems(t *testing.T) {
	files := soatest.ValidFiles()
	all(
		sub(isms, "  approved_on: 2026-01-10\n", ""),
		sub(isms, "next_review: 2027-01-10", "next_review: 2026-05-01"),
		sub(isms, "  owner: Jane Doe, CISO\n", "  owner: Jane Doe, CISO\n  clasification: Confidential\n"),
		sub(risks, "likelihood: 4\n", "likelihood: 6\n"),
		sub(risks, "residual: {likelihood: 2, impact: 3}", "residual: {likelihood: 3, impact: 4}"),
		sub(risks, "option: retain", "option: share\n      due: 2026-01-01"),
		sub(controls, "  A.5.1:\n    applicable: true", "  A.5.1:\n    applicable: maybe"),
		ctl("A.5.3", ""),
		ctl("A.5.4", "  A.5.4:\n    applicable: true\n    reasons: [legal]\n    justification: The law says so.\n    owner: CEO\n"),
		ctl("A.5.17", excludedAs("A.5.17", "Passwords are managed by each user.")),
		ctl("A.7.12", excludedAs("A.7.12", "TBD")),
		sub(controls, "    due: 2026-12-31\n", ""),
		appendTo(controls, "  5.2:\n    applicable: false\n    justification: Not needed here at all.\n"),
	)(t, files)
	wants := []want{
		wantError("undecided", controls, "|controls:", "A.5.3 Segregation of duties has no decision"),
		wantError("type", controls, "applicable: |maybe", "control A.5.1 applicable must be true or false"),
		wantError("status", controls, "  A.5.4:\n    |applicable", "A.5.4 is applicable but has no status"),
		wantError("excluded-but-selected", controls, "  A.5.17:\n    |applicable", "A.5.17 Authentication information is excluded, but risk R-01"),
		wantError("justification", controls, "    |justification: TBD", "A.7.12 is excluded without a justification"),
		wantWarning("no-due", controls, "    |status: planned", "A.8.12 is planned but has no due date"),
		wantError("duplicate-control", controls, "  |5.2:", "A.5.2 is decided twice"),
		wantError("unknown-key", isms, "  |clasification", `did you mean "classification"?`),
		wantError("approval", isms, "  |approved_by", "approved_by is given without approved_on"),
		wantWarning("review-overdue", isms, "  |next_review", "the document's next review (2026-05-01) has passed"),
		wantError("scale", risks, "likelihood: |6", "risk R-01 likelihood: 6 is outside the scale"),
		wantError("acceptance", risks, "  - |id: R-02", "risk R-02 needs its owner's acceptance"),
		wantError("treatment-controls", risks, "      |option: share", `risk R-03 is treated with "share" but names no controls`),
		wantWarning("plan-approval", risks, "      |option: share", "risk R-03: the risk owner's approval of the treatment plan"),
		wantWarning("overdue", risks, "      |due: 2026-01-01", "the treatment of risk R-03 was due on 2026-01-01"),
	}
	s := check(t, files)
	if len(s.Findings) != len(wants) {
		t.Errorf("%d findings, want %d", len(s.Findings), len(wants))
	}
	for i, w := range wants {
		if i >= len(s.Findings) || !w.matches(t, files, s.Findings[i]) {
			t.Errorf("finding %d: want %s", i, w)
		}
	}
	if t.Failed() {
		t.Logf("findings:\n%s", dump(s.Findings))
	}
	if err := s.Findings.Err(); err == nil || strings.Count(err.Error(), "\n") != len(s.Findings)-1 {
		t.Errorf("Err() does not print every finding: %v", err)
	}
}

func loadExample(t *testing.T) (*workspace.Workspace, *soa.SoA) {
	t.Helper()
	ws, err := workspace.Load(filepath.Join("..", "examples", "acme-saas"))
	if err != nil {
		t.Fatal(err)
	}
	s := soa.Derive(ws, soa.Options{Today: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)})
	if len(s.Findings) != 0 {
		t.Fatalf("examples/acme-saas has findings:\n%s", dump(s.Findings))
	}
	return ws, s
}

func TestDerivedSoA(t *testing.T) {
	ws, s := loadExample(t)
	cat := annexa.All()
	if len(s.Controls) != 93 || len(cat) != 93 {
		t.Fatalf("%d entries, %d in the catalogue", len(s.Controls), len(cat))
	}
	selectedBy := map[annexa.ID][]string{}
	open := 0
	for _, r := range ws.Risks {
		if r.Closed {
			continue // a closed risk selects nothing
		}
		open++
		for _, id := range r.Treatment.Controls {
			if !slices.Contains(selectedBy[id], r.ID) {
				selectedBy[id] = append(selectedBy[id], r.ID)
			}
		}
	}
	if open == len(ws.Risks) {
		t.Fatal("the example has no closed risk")
	}
	var adds []string
	for _, e := range s.Additional {
		adds = append(adds, e.ID()+" "+string(e.Control.Theme)+" "+e.Source+" "+strings.Join(e.Risks, ","))
	}
	if want := []string{"CLD.6.3.1 additional ISO/IEC 27017:2015 ", "CLD.9.5.1 additional ISO/IEC 27017:2015 ", "CLD.12.4.5 additional ISO/IEC 27017:2015 R-13"}; !slices.Equal(adds, want) {
		t.Errorf("additional controls %q, want %q", adds, want)
	}
	if a := s.Summary.Additional; a.Total != 3 || a.Applicable != 3 || s.Summary.Line() != "93 Annex A controls + 3 additional" {
		t.Errorf("additional counts %+v, line %q", a, s.Summary.Line())
	}
	applicable, excl := 0, 0
	byStatus := map[string]int{}
	for i, e := range s.Controls {
		if e.Control.ID != cat[i].ID {
			t.Fatalf("entry %d is %s, want %s (catalogue order)", i, e.Control.ID, cat[i].ID)
		}
		if !e.Decided {
			t.Errorf("%s not decided", e.Control.ID)
		}
		if e.Applicable {
			applicable++
			byStatus[e.Status]++
		} else {
			excl++
			if e.Status != "" || len(e.Reasons) != 0 {
				t.Errorf("excluded %s has status %q, reasons %v", e.Control.ID, e.Status, e.Reasons)
			}
		}
		hasRisk := slices.Contains(e.Reasons, workspace.ReasonRisk)
		if want := len(selectedBy[e.Control.ID]) > 0; hasRisk != want {
			t.Errorf("%s: reasons %v, selected by %v", e.Control.ID, e.Reasons, selectedBy[e.Control.ID])
		}
		if !slices.Equal(e.Risks, selectedBy[e.Control.ID]) {
			t.Errorf("%s: risks %v, want %v", e.Control.ID, e.Risks, selectedBy[e.Control.ID])
		}
		if hasRisk && e.Reasons[len(e.Reasons)-1] != workspace.ReasonRisk {
			t.Errorf("%s: risk is not the last reason: %v", e.Control.ID, e.Reasons)
		}
		d := ws.Decisions[e.Control.ID]
		if d.Justification == "" && e.Applicable {
			if len(d.Reasons) != 0 || !hasRisk {
				t.Errorf("%s: no justification, reasons %v", e.Control.ID, d.Reasons)
			}
			if !e.JustificationDerived || !strings.HasPrefix(e.Justification, "Selected to treat ") {
				t.Errorf("%s: derived justification %q", e.Control.ID, e.Justification)
			}
			if len(e.Risks) <= 3 {
				for _, rid := range e.Risks {
					r, _ := s.RiskByID(rid)
					if !strings.Contains(e.Justification, rid+" "+r.Title) {
						t.Errorf("%s: derived justification %q does not name %s %s", e.Control.ID, e.Justification, rid, r.Title)
					}
				}
			}
		} else if e.JustificationDerived || e.Justification != d.Justification {
			t.Errorf("%s: justification %q changed from %q", e.Control.ID, e.Justification, d.Justification)
		}
	}
	sum := s.Summary
	if sum.Total != 93 || sum.Applicable != 91 || sum.Excluded != 2 || applicable != 91 || excl != 2 {
		t.Errorf("summary %+v; counted %d applicable, %d excluded", sum.Counts, applicable, excl)
	}
	for st, n := range byStatus {
		if sum.ByStatus[st] != n {
			t.Errorf("ByStatus[%s] = %d, counted %d", st, sum.ByStatus[st], n)
		}
	}
	var themes soa.Counts
	for _, th := range annexa.Themes {
		c := sum.ByTheme[th]
		themes.Total += c.Total
		themes.Applicable += c.Applicable
		themes.Excluded += c.Excluded
	}
	if themes.Total != 93 || themes.Applicable != 91 || themes.Excluded != 2 {
		t.Errorf("themes add up to %+v", themes)
	}
	if len(s.Excluded()) != 2 {
		t.Errorf("Excluded() has %d entries", len(s.Excluded()))
	}
	if len(s.Risks) != 23 || s.ClosedRisks() != 1 {
		t.Errorf("%d risks, %d closed", len(s.Risks), s.ClosedRisks())
	}
	for name, h := range map[string]soa.HeatMap{"inherent": s.Inherent, "residual": s.Residual, "current": s.Current} {
		total := 0
		for l, row := range h {
			for i, c := range row {
				total += c.Count
				if score := (l + 1) * (i + 1); c.Score != score || c.Rank != s.Method.LevelOf(score) {
					t.Errorf("%s heat map cell %d×%d: score %d rank %d", name, l+1, i+1, c.Score, c.Rank)
				}
			}
		}
		if len(h) != 5 || len(h[0]) != 5 || total != open {
			t.Errorf("%s heat map %v: total %d, want %d open risks", name, h, total, open)
		}
	}
	for _, r := range s.Risks {
		if r.InherentScore != r.Inherent.Likelihood*r.Inherent.Impact || r.InherentLevel == "" || r.ResidualLevel == "" {
			t.Errorf("%s: score %d level %q/%q", r.ID, r.InherentScore, r.InherentLevel, r.ResidualLevel)
		}
		if r.NeedsAcceptance && !r.Accepted() {
			t.Errorf("%s needs acceptance but has none in a clean workspace", r.ID)
		}
	}
}

// TestDerivedJustification checks the justification soa writes for a control that only risks
// select.
func TestDerivedJustification(t *testing.T) {
	files := soatest.ValidFiles()
	sub(risks, "controls: [8.7]", "controls: [8.7, A.5.17]")(t, files)
	s := check(t, files)
	if len(s.Findings) != 0 {
		t.Fatalf("findings:\n%s", dump(s.Findings))
	}
	for id, want := range map[string]string{
		"A.5.17": "Selected to treat R-01 Takeover of admin accounts and R-02 Malware on laptops.",
		"A.8.7":  "Selected to treat R-02 Malware on laptops.",
	} {
		e := s.Controls[annexa.Index(mustParse(t, id))]
		if e.Justification != want || !e.JustificationDerived || !slices.Equal(e.Reasons, []string{workspace.ReasonRisk}) || !e.Applicable {
			t.Errorf("%s: %q derived=%v reasons=%v", id, e.Justification, e.JustificationDerived, e.Reasons)
		}
	}
	e := s.Controls[annexa.Index(mustParse(t, "A.8.12"))]
	if e.JustificationDerived || e.Justification != "Customer contracts require it." || !slices.Equal(e.Reasons, []string{"contractual"}) {
		t.Errorf("A.8.12: %+v", e)
	}
}

func mustParse(t *testing.T, s string) annexa.ID {
	t.Helper()
	id, err := annexa.ParseID(s)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// TestDeriveIsDeterministic derives the example twice and compares the findings and the
// entries.
func TestDeriveIsDeterministic(t *testing.T) {
	_, a := loadExample(t)
	_, b := loadExample(t)
	if fmt.Sprint(a.Controls) != fmt.Sprint(b.Controls) || fmt.Sprint(a.Summary) != fmt.Sprint(b.Summary) || a.Fingerprint != b.Fingerprint {
		t.Error("two derivations of the same workspace differ")
	}
}

func TestIsPlaceholder(t *testing.T) {
	for _, s := range []string{"", " ", "N/A", "n/a", "NA", "n.a.", "-", "--", "—", "TBD", "tbd.", "TBC", "TODO", "To do", "to-do",
		"FIXME", "?", "...", "None", "null", "Not applicable", "not relevant", "See above", "Same as above", "x", "XXX", "Lorem ipsum"} {
		if !soa.IsPlaceholder(s) {
			t.Errorf("soa.IsPlaceholder(%q) = false", s)
		}
	}
	for _, s := range []string{"No premises.", "NA region only", "Not applicable: no offices", "Hosting is with AWS", "TBD by the board on 2026-07-01: pending budget"} {
		if soa.IsPlaceholder(s) {
			t.Errorf("soa.IsPlaceholder(%q) = true", s)
		}
	}
}

func TestNextReviewAndFinal(t *testing.T) {
	day1 := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	ws, err := workspace.Load(soatest.Example("acme-saas"))
	if err != nil {
		t.Fatal(err)
	}
	s := soa.Derive(ws, soa.Options{Today: day1})
	if p := s.FinalProblems("dir", day1); len(p) != 0 {
		t.Errorf("the approved example is not final on %s: %v", label.Date(day1), p)
	}
}

// additional is an additional_controls block with one control, CLD.6.3.1, with body (four
// spaces of indent per line) after its title and source.
func additional(body string) mutation {
	return appendTo(controls, "additional_controls:\n  CLD.6.3.1:\n    title: Shared roles and responsibilities within a cloud computing environment\n    source: ISO/IEC 27017:2015\n"+body)
}

const additionalIncluded = "    applicable: true\n    reasons: [contractual]\n    justification: Customers require the split to be documented.\n    status: implemented\n    owner: CISO\n"

func TestRuleAdditionalControls(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "an additional control, decided", mut: additional(additionalIncluded), want: nil},
		{name: "an additional control selected by a risk", mut: all(additional("    status: implemented\n    owner: CISO\n"), sub(risks, "controls: [8.7]", "controls: [8.7, CLD.6.3.1]")), want: nil},
		{name: "selected additional control excluded", mut: all(additional("    applicable: false\n    justification: Not a cloud service.\n"), sub(risks, "controls: [8.7]", "controls: [8.7, CLD.6.3.1]")),
			want: []want{wantError("excluded-but-selected", controls, "  CLD.6.3.1:\n    title: Shared roles and responsibilities within a cloud computing environment\n    source: ISO/IEC 27017:2015\n    |applicable: false",
				"CLD.6.3.1 Shared roles and responsibilities within a cloud computing environment is excluded, but risk R-02")}},
		{name: "additional control without basis", mut: additional("    applicable: true\n    status: implemented\n    owner: CISO\n"),
			want: []want{wantError("no-basis", controls, "    |applicable: true\n    status: implemented\n    owner: CISO\n", "CLD.6.3.1 Shared roles and responsibilities within a cloud computing environment is applicable but no risk selects it")}},
		{name: "additional control undecided", mut: additional(""),
			want: []want{wantError("undecided", controls, "  |CLD.6.3.1:", "CLD.6.3.1 Shared roles and responsibilities within a cloud computing environment is not decided")}},
		{name: "additional control without title and source", mut: appendTo(controls, "additional_controls:\n  NW-EXT-01:\n"+additionalIncluded),
			want: []want{wantError("required", controls, "  NW-EXT-01:\n    |applicable", "additional control NW-EXT-01 title is missing"),
				wantError("required", controls, "  NW-EXT-01:\n    |applicable", "additional control NW-EXT-01 source is missing")}},
		{name: "additional control without title, undecided", mut: appendTo(controls, "additional_controls:\n  NW-EXT-01:\n    source: internal\n"),
			want: []want{wantError("required", controls, "  NW-EXT-01:\n    |source", "additional control NW-EXT-01 title is missing"),
				wantError("undecided", controls, "  |NW-EXT-01:", "NW-EXT-01 is not decided")}},
		{name: "additional control with an Annex A ID", mut: appendTo(controls, "additional_controls:\n  a.05.23:\n    title: Cloud\n    source: internal\n"),
			want: []want{wantError("additional-id", controls, "  |a.05.23:", "a.05.23 is the Annex A control A.5.23 Information security for use of cloud services; decide it under controls: as A.5.23")}},
		{name: "additional control with a 2013 ID", mut: appendTo(controls, "additional_controls:\n  A.9.2.1:\n    title: User registration\n    source: internal\n"),
			want: []want{wantError("additional-id", controls, "  |A.9.2.1:", "A.9.2.1 is the ISO/IEC 27001:2013 control User registration and de-registration; decide its 2022 successor A.5.16 under controls: instead")}},
		{name: "additional control written like Annex A", mut: appendTo(controls, "additional_controls:\n  A.5.99:\n    title: Mine\n    source: internal\n"),
			want: []want{wantError("additional-id", controls, "  |A.5.99:", "A.5.99 is written like an Annex A control ID but names none")}},
		{name: "additional control with an Annex A ID spelled with a space", mut: appendTo(controls, "additional_controls:\n  A 5.23:\n    title: Cloud\n    source: internal\n"),
			want: []want{wantError("additional-id", controls, "  |A 5.23:", "A 5.23 is the Annex A control A.5.23 Information security for use of cloud services; decide it under controls: as A.5.23")}},
		{name: "additional control ID with a space", mut: appendTo(controls, "additional_controls:\n  CLD 6.3.1:\n    title: Mine\n    source: internal\n"),
			want: []want{wantError("additional-id", controls, "  |CLD 6.3.1:", `additional control ID "CLD 6.3.1" may only hold letters, digits`)}},
		{name: "additional control given twice", mut: all(additional(additionalIncluded), appendTo(controls, "  CLD.6.3.1:\n    title: Again\n    source: internal\n")),
			want: []want{wantError("duplicate-key", controls, "  |CLD.6.3.1:\n    title: Again", `key "CLD.6.3.1" is given twice`)}},
		{name: "an unknown control in a treatment suggests the additional one", mut: all(additional(additionalIncluded), sub(risks, "controls: [8.7]", "controls: [8.7, CLD.6.3.2]")),
			want: []want{wantError("unknown-control", risks, "controls: [8.7, |CLD.6.3.2]", "did you mean the additional control CLD.6.3.1?")}},
		{name: "an unknown control in a treatment, none additional", mut: sub(risks, "controls: [8.7]", "controls: [8.7, CLD.6.3.2]"),
			want: []want{wantError("unknown-control", risks, "controls: [8.7, |CLD.6.3.2]", "a control beyond Annex A must be listed under additional_controls in controls.yaml")}},
		{name: "an Annex A key that is no ID points to additional_controls", mut: appendTo(controls, "  CLD.6.3.1: {applicable: true}\n"),
			want: []want{wantError("unknown-control", controls, "  |CLD.6.3.1: {", "a control beyond Annex A goes under additional_controls")}},
		{name: "excluded with implementation", mut: ctl("A.7.12", excludedAs("A.7.12", "No premises hold cabling.")+"    implementation: Cabling in conduits.\n"),
			want: []want{wantWarning("excluded-with-implementation", controls, "    |implementation: Cabling", "A.7.12 is excluded but still describes an implementation")}},
		{name: "excluded with evidence", mut: ctl("A.7.12", excludedAs("A.7.12", "No premises hold cabling.")+"    evidence: [Floor plan]\n"),
			want: []want{wantWarning("excluded-with-implementation", controls, "    |evidence: [Floor plan]", "A.7.12 is excluded but still describes evidence")}},
		{name: "additional control excluded with implementation", mut: additional("    applicable: false\n    justification: Not a cloud service.\n    implementation: A matrix.\n    evidence: [POL-12]\n"),
			want: []want{wantWarning("excluded-with-implementation", controls, "    |implementation: A matrix.", "CLD.6.3.1 is excluded but still describes an implementation and evidence")}},
	})
}

func TestRuleRiskLifecycle(t *testing.T) {
	closeR02 := sub(risks, "    owner: IT Lead\n", "    owner: IT Lead\n    status: closed\n    closed_on: 2026-05-01\n    closed_reason: Laptops replaced by managed Chromebooks\n")
	runRuleCases(t, []ruleCase{
		// R-02 alone selects A.8.7: once it is closed, A.8.7 has no basis.
		{name: "closed risk selects nothing", mut: closeR02,
			want: []want{wantError("undecided", controls, "  |A.8.7:", "A.8.7 Protection against malware is not decided: no risk selects it")}},
		{name: "closed risk needs no acceptance", mut: all(closeR02, ctl("A.8.7", included("A.8.7", "[business]", "Malware is everywhere.")),
			sub(risks, "residual: {likelihood: 2, impact: 3}", "residual: {likelihood: 4, impact: 4}")), want: nil},
		{name: "closed without date and reason", mut: sub(risks, "    owner: IT Lead\n", "    owner: IT Lead\n    status: closed\n"),
			want: []want{wantError("required", risks, "  - |id: R-02", "risk R-02 closed_on is missing"),
				wantError("required", risks, "  - |id: R-02", "risk R-02 closed_reason is missing"),
				wantError("undecided", controls, "  |A.8.7:", "A.8.7 Protection against malware is not decided")}},
		{name: "closed_on on an open risk", mut: sub(risks, "    owner: IT Lead\n", "    owner: IT Lead\n    closed_on: 2026-05-01\n"),
			want: []want{wantError("closed", risks, "    |closed_on: 2026-05-01", "risk R-02 has closed_on but its status is not closed")}},
		{name: "status neither open nor closed", mut: sub(risks, "    owner: IT Lead\n", "    owner: IT Lead\n    status: retired\n"),
			want: []want{wantError("vocabulary", risks, "    |status: retired", `risk R-02: status "retired" is not open or closed`)}},
		{name: "closed in the future", mut: sub(risks, "    owner: IT Lead\n", "    owner: IT Lead\n    status: closed\n    closed_on: 2026-07-01\n    closed_reason: Laptops replaced\n"),
			want: []want{wantError("future-date", risks, "    |closed_on: 2026-07-01", "risk R-02: the closure of the risk is dated 2026-07-01, after today (2026-06-01)"),
				wantError("undecided", controls, "  |A.8.7:", "A.8.7 Protection against malware is not decided")}},
		{name: "accepted in the future", mut: sub(risks, "residual: {likelihood: 2, impact: 3}", "residual: {likelihood: 3, impact: 4}\n    accepted_by: IT Lead\n    accepted_on: 2030-01-01"),
			want: []want{wantError("future-date", risks, "    |accepted_on: 2030-01-01", "risk R-02: the acceptance of the residual risk is dated 2030-01-01, after today")}},
		{name: "plan approved in the future", mut: sub(risks, "      approved_on: 2026-01-05\n    residual: {likelihood: 1", "      approved_on: 2026-06-02\n    residual: {likelihood: 1"),
			want: []want{wantError("future-date", risks, "      |approved_on: 2026-06-02", "risk R-01: the approval of the treatment plan is dated 2026-06-02")}},
		{name: "done in the future", mut: sub(risks, "      due: 2026-09-30\n", "      due: 2026-09-30\n      done_on: 2026-09-01\n"),
			want: []want{wantError("future-date", risks, "      |done_on: 2026-09-01", "risk R-01: the completion of the treatment is dated 2026-09-01")}},
		{name: "plan approval missing", mut: sub(risks, "      approved_on: 2026-01-05\n    residual: {likelihood: 1", "    residual: {likelihood: 1"),
			want: []want{wantWarning("plan-approval", risks, "      |option: modify\n      controls: [A.5.17", "risk R-01: the risk owner's approval of the treatment plan (6.1.3 f) is not recorded; once Head of Engineering has approved it")}},
		{name: "plan approved by someone without a date", mut: sub(risks, "      approved_on: 2026-01-05\n    residual: {likelihood: 1", "      approved_by: CTO\n    residual: {likelihood: 1"),
			want: []want{wantError("plan-approval", risks, "      |approved_by: CTO", "risk R-01: treatment.approved_by is given without approved_on"),
				wantWarning("plan-approval", risks, "      |option: modify\n      controls: [A.5.17", "approval of the treatment plan (6.1.3 f) is not recorded")}},
		{name: "retained risk needs no plan approval", mut: sub(risks, "option: retain", "option: retain\n      plan: Accept the flood risk"), want: nil},
		{name: "done treatment is not overdue", mut: sub(risks, "      due: 2026-09-30\n", "      due: 2026-05-01\n      done_on: 2026-04-20\n"), want: nil},
		{name: "closed risk with a past due date is not overdue", mut: all(closeR02, ctl("A.8.7", included("A.8.7", "[business]", "Malware is everywhere.")),
			sub(risks, "      controls: [8.7]\n", "      controls: [8.7]\n      due: 2026-01-01\n")), want: nil},
	})
}

// TestDraftDatedToday: a draft without history or approval carries today's date, not a
// fixed one; an approved document carries its approval date.
func TestDraftDatedToday(t *testing.T) {
	files := soatest.ValidFiles()
	sub(isms, "  approved_by: John Smith, CEO\n  approved_on: 2026-01-10\n", "")(t, files)
	if s := check(t, files); !s.Date.Equal(testToday) {
		t.Errorf("draft dated %s, want today %s", label.Date(s.Date), label.Date(testToday))
	}
	if s := check(t, soatest.ValidFiles()); label.Date(s.Date) != "2026-01-10" {
		t.Errorf("approved document dated %s, want its approval 2026-01-10", label.Date(s.Date))
	}
}

// TestUnreadFileNote: a file that cannot be read leaves out the findings that depend on it,
// and says so once.
func TestUnreadFileNote(t *testing.T) {
	files := soatest.ValidFiles()
	sub(risks, "title: Malware on laptops", "title: Malware on laptops\x92")(t, files)
	s := check(t, files)
	if n := s.UnreadNote(); n != "risks.yaml was not read: findings that depend on it are left out until the errors above are fixed" {
		t.Errorf("note %q", n)
	}
	if !strings.Contains(s.SummaryLine(), "risks not read; 1 error, 0 warnings") {
		t.Errorf("summary %q", s.SummaryLine())
	}
	if n := check(t, soatest.ValidFiles()).UnreadNote(); n != "" {
		t.Errorf("note %q for a readable workspace", n)
	}
}
