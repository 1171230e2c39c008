// Package workspace reads a workspace directory (isms.yaml, risks.yaml, controls.yaml) into a
// [Workspace], with the position of every value, and reports problems of form as findings:
// syntax, types, unknown keys, vocabularies, limits. Rules that need the whole workspace (a
// control decided, justified, agreeing with the register) are package soa's; this package
// must not import soa, its renderers or its versions.
package workspace

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/soa-tool/soa/annexa"
	"github.com/soa-tool/soa/risk"
	"github.com/soa-tool/soa/soa/finding"
	"github.com/soa-tool/soa/soa/internal/yamlpos"
	"github.com/soa-tool/soa/soa/text"
	"gopkg.in/yaml.v3"
)

// The three files of a workspace.
const (
	ISMSFile     = "isms.yaml"
	RisksFile    = "risks.yaml"
	ControlsFile = "controls.yaml"
)

// Files lists the workspace files in the order they are read and fingerprinted.
var Files = []string{ISMSFile, RisksFile, ControlsFile}

// Document is the ISMS and document metadata from isms.yaml.
type Document struct {
	Organization   string
	Scope          string
	ID             string
	Title          string
	Version        string
	Classification string
	Owner          string
	ApprovedBy     string
	ApprovedOn     time.Time
	NextReview     time.Time
	History        []Revision
	// Pos has the positions of keys, as "document.version".
	Pos map[string]finding.Pos
}

// Approved reports whether the document records an approval.
func (d Document) Approved() bool { return d.ApprovedBy != "" && !d.ApprovedOn.IsZero() }

// NewestRevision returns the history entry with the latest date.
func (d Document) NewestRevision() (Revision, bool) {
	var out Revision
	for _, h := range d.History {
		if h.Date.After(out.Date) || out.Date.IsZero() {
			out = h
		}
	}
	return out, len(d.History) > 0
}

// Revision is one entry of the document's history.
type Revision struct {
	Version string
	Date    time.Time
	Author  string
	Changes string
}

// The vocabularies of controls.yaml.
var (
	// Reasons a user may give for including a control; "risk" is added from the register.
	Reasons = []string{"legal", "regulatory", "contractual", "business", "best-practice"}
	// Statuses of an applicable control, from done to not started.
	Statuses = []string{"implemented", "partial", "planned", "not-implemented"}
)

// ReasonRisk is the reason soa adds to a control that a risk treatment selects.
const ReasonRisk = "risk"

// Decision is what controls.yaml says about one control.
type Decision struct {
	ID             annexa.ID
	Applicable     bool
	Decided        bool // applicable was given
	Reasons        []string
	Justification  string
	Status         string
	Owner          string
	Implementation string
	Evidence       []string
	Due            time.Time
	Review         time.Time
	// Pos has the positions of "" (the control's key) and of its keys.
	Pos map[string]finding.Pos

	// ApplicableBad is true when applicable was given but is neither true nor false.
	ApplicableBad bool
}

// Workspace is everything read from a workspace directory.
type Workspace struct {
	Dir       string
	Document  Document
	Method    Method
	Risks     []Risk
	Decisions map[annexa.ID]*Decision
	// Fingerprint is the SHA-256 of the output of "sha256sum isms.yaml risks.yaml controls.yaml"
	// run in the workspace: anyone can recompute it from the files.
	Fingerprint string
	// Findings are the problems found while reading.
	Findings finding.List

	// MethodOK is true when the risk method was read without errors, so ratings could be
	// read against it.
	MethodOK bool
	// ControlsRead is true when the controls mapping was read; ControlsPos is its position
	// (its File is empty when controls.yaml is missing).
	ControlsRead bool
	ControlsPos  finding.Pos
	// Incomplete is set when a file, or the register or the decisions as a whole, could not
	// be read (missing, not YAML, not a mapping, over a limit). The workspace then holds less
	// than its files do, so a comparison must not take what is absent as removed.
	Incomplete bool
}

// Limits on the size of a workspace, beyond those on files and fields ([yamlpos.MaxFileSize],
// [yamlpos.MaxFieldSize]): they bound the time and memory of a build. A real ISMS is far
// below each of them.
const (
	// MaxRisks is the most entries the register may hold; a real register holds hundreds.
	MaxRisks = 30_000
	// MaxSelections is the most risk × control links (treatment.controls entries, summed
	// over the register) a workspace may hold: 30,000 risks with 8 controls each.
	MaxSelections = 240_000
	// MaxEvidence is the most evidence items one control may list.
	MaxEvidence = 500
)

// Method is the risk method with the positions of "" (the method itself) and of its keys.
type Method struct {
	risk.Method
	Pos map[string]finding.Pos
}

// Risk is a risk of the register with the positions of "" (the list item) and of its keys
// ("likelihood", "treatment.due", "treatment.controls[2]", "control A.5.17", …).
type Risk struct {
	risk.Risk
	Pos map[string]finding.Pos
}

// At returns the position of key in the risk, or of the risk itself.
func (r Risk) At(key string) finding.Pos {
	if p, ok := r.Pos[key]; ok {
		return p
	}
	return r.Pos[""]
}

// IOError is an error reading the workspace that is not about its content: the directory
// does not exist or cannot be read.
type IOError struct{ Err error }

func (e *IOError) Error() string { return e.Err.Error() }
func (e *IOError) Unwrap() error { return e.Err }

// Load reads the workspace in dir. Problems with the files' content are findings in the
// returned workspace; an error is returned only when dir itself cannot be read.
func Load(dir string) (*Workspace, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, &IOError{fmt.Errorf("cannot read workspace %s: %w\ngive the directory that holds isms.yaml, risks.yaml and controls.yaml, or create one with 'soa init %s'", dir, errors.Unwrap(err), dir)}
	}
	if !st.IsDir() {
		return nil, &IOError{fmt.Errorf("%s is not a directory; give the workspace directory that holds isms.yaml, risks.yaml and controls.yaml", dir)}
	}
	return LoadFS(os.DirFS(dir), dir)
}

// LoadFS reads a workspace from fsys, naming files in findings as dir/isms.yaml etc.
func LoadFS(fsys fs.FS, dir string) (*Workspace, error) {
	files := map[string][]byte{}
	for _, f := range Files {
		b, err := readLimited(fsys, f)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			continue
		case err != nil:
			return nil, &IOError{fmt.Errorf("cannot read %s: %w", filepath.Join(dir, f), err)}
		}
		files[f] = b
	}
	return LoadFiles(files, dir), nil
}

// LoadFiles reads a workspace from the contents of its files, keyed by base name
// (isms.yaml, …); a file that files lacks is reported missing. Findings name the files as
// dir/isms.yaml etc.
func LoadFiles(files map[string][]byte, dir string) *Workspace {
	ws := &Workspace{Dir: dir, Decisions: map[annexa.ID]*Decision{}}
	sum := sha256.New()
	nodes := map[string]*yaml.Node{}
	for _, f := range Files {
		name := filepath.Join(dir, f)
		b, ok := files[f]
		if !ok {
			ws.Findings.Errorf(finding.Pos{File: name, Line: 1, Col: 1}, "missing-file", "%s is missing; run 'soa init %s' to write a starter, or check the directory", f, dir)
			ws.Incomplete = true
			continue
		}
		fmt.Fprintf(sum, "%x  %s\n", sha256.Sum256(b), f)
		r := &yamlpos.Reader{File: name, L: &ws.Findings}
		nodes[f] = r.Parse(b)
		ws.Incomplete = ws.Incomplete || nodes[f] == nil
	}
	if len(nodes) == len(Files) {
		ws.Fingerprint = hex.EncodeToString(sum.Sum(nil))
	}
	ws.readISMS(&yamlpos.Reader{File: filepath.Join(dir, ISMSFile), L: &ws.Findings}, nodes[ISMSFile])
	ws.readRisks(&yamlpos.Reader{File: filepath.Join(dir, RisksFile), L: &ws.Findings}, nodes[RisksFile], nodes[RisksFile] != nil)
	ws.readControls(&yamlpos.Reader{File: filepath.Join(dir, ControlsFile), L: &ws.Findings}, nodes[ControlsFile])
	return ws
}

// readLimited reads a file, reading at most one byte past MaxFileSize so that parse can
// refuse a larger one without holding it all.
func readLimited(fsys fs.FS, name string) ([]byte, error) {
	// Stat before opening: opening a named pipe would wait for a writer.
	st, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return nil, fmt.Errorf("%s is a directory, not a file", name)
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file (a device, pipe or socket); give the workspace file itself", name)
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, yamlpos.MaxFileSize+1))
}

func (ws *Workspace) readISMS(r *yamlpos.Reader, n *yaml.Node) {
	if n == nil {
		return
	}
	top := r.Object(n, "", "organization", "scope", "document", "risk_method")
	if top == nil {
		ws.Incomplete = true
		if yamlpos.IsNull(n) { // otherwise object has said it is not a mapping
			r.Errorf(n, "type", "isms.yaml must be a mapping with organization, scope, document and risk_method")
		}
		return
	}
	d := &ws.Document
	d.Pos = map[string]finding.Pos{}
	d.Organization = top.RequiredStr("organization", "give the organization's legal name")
	d.Scope = top.RequiredStr("scope", "give the ISMS scope statement (clause 4.3)")
	d.Pos["organization"], d.Pos["scope"] = top.At("organization"), top.At("scope")
	if top.Require("document", "add a document block with id, version and owner") {
		doc := r.Object(top.Node("document"), "document", "id", "title", "version", "classification", "owner",
			"approved_by", "approved_on", "next_review", "history")
		if doc != nil {
			d.ID = doc.RequiredStr("id", "give the document identifier, e.g. ISMS-SOA-01")
			d.Title = doc.Str("title")
			if d.Title == "" {
				d.Title = "Statement of Applicability"
			}
			d.Version = doc.RequiredStr("version", `give the version as text, e.g. version: "1.0"`)
			d.Classification = doc.Str("classification")
			d.Owner = doc.RequiredStr("owner", "name the document owner, e.g. Jane Doe, CISO")
			d.ApprovedBy = doc.Str("approved_by")
			d.ApprovedOn = doc.Date("approved_on")
			d.NextReview = doc.Date("next_review")
			for k, p := range doc.Positions() {
				d.Pos["document."+k] = p
			}
			hasBy := doc.Has("approved_by")
			hasOn := doc.Has("approved_on")
			if d.ApprovedBy != "" && doc.Node("approved_on") == nil {
				msg := "approved_by is given without approved_on; add the date of approval (YYYY-MM-DD)"
				if hasOn {
					msg = "approved_by is given but approved_on is empty; add the date of approval (YYYY-MM-DD)"
				}
				r.L.Errorf(doc.At("approved_by"), "approval", "%s", msg)
			}
			if d.ApprovedBy == "" && hasOn && doc.Node("approved_on") != nil {
				msg := "approved_on is given without approved_by; name who approved the document, or remove approved_on for a draft"
				if hasBy {
					msg = "approved_by is empty but approved_on is given; name who approved the document, or remove approved_on for a draft"
				}
				r.L.Errorf(doc.At("approved_on"), "approval", "%s", msg)
			}
			ws.readHistory(r, doc)
		}
	}
	if top.Require("risk_method", "add the risk method: likelihood and impact scales, levels and acceptance") {
		ws.readMethod(r, top.Node("risk_method"))
	}
}

func (ws *Workspace) readHistory(r *yamlpos.Reader, doc *yamlpos.Object) {
	h := doc.Node("history")
	if h == nil {
		return
	}
	if h.Kind != yaml.SequenceNode {
		r.Errorf(h, "type", "document.history must be a list of {version, date, author, changes}")
		return
	}
	for i, e := range h.Content {
		o := r.Object(e, fmt.Sprintf("document.history[%d]", i), "version", "date", "author", "changes")
		if o == nil {
			if yamlpos.IsNull(e) {
				r.Errorf(e, "type", "each history entry must be a mapping {version, date, author, changes}")
			}
			continue
		}
		rev := Revision{Version: o.RequiredStr("version", "give the version this entry describes"), Author: o.Str("author"), Changes: o.Str("changes")}
		if o.Require("date", "give the date of the revision (YYYY-MM-DD)") {
			rev.Date = o.Date("date")
		}
		ws.Document.Pos[fmt.Sprintf("document.history[%d]", i)] = o.At("date")
		ws.Document.History = append(ws.Document.History, rev)
	}
}

func (ws *Workspace) readMethod(r *yamlpos.Reader, n *yaml.Node) {
	o := r.Object(n, "risk_method", "likelihood", "impact", "levels", "acceptance")
	if o == nil {
		return
	}
	m := &ws.Method
	m.Pos = map[string]finding.Pos{"": o.At("")}
	before := ws.Findings.Count(finding.Error)
	ok := true
	for _, key := range []string{"likelihood", "impact"} {
		m.Pos[key] = o.At(key)
		if !o.Require(key, "list the level names, lowest first, e.g. [Rare, Unlikely, Possible, Likely, Almost certain]") {
			ok = false
			continue
		}
		var names []string
		for _, it := range o.List(key, false) {
			names = append(names, it.Value)
		}
		if key == "likelihood" {
			m.Likelihood = names
		} else {
			m.Impact = names
		}
	}
	m.Pos["levels"] = o.At("levels")
	if o.Require("levels", "list the score levels, ascending, e.g. - {name: Low, max: 4}") {
		lv := o.Node("levels")
		if lv.Kind != yaml.SequenceNode {
			r.Errorf(lv, "type", "risk_method.levels must be a list of {name, max}")
			ok = false
		} else {
			for i, e := range lv.Content {
				path := fmt.Sprintf("risk_method.levels[%d]", i)
				lo := r.Object(e, path, "name", "max")
				if lo == nil {
					if yamlpos.IsNull(e) {
						r.Errorf(e, "type", "%s must be a mapping {name, max}", path)
					}
					ok = false
					continue
				}
				m.Pos[fmt.Sprintf("levels[%d]", i)] = r.Pos(e)
				name := lo.RequiredStr("name", "give the level a name, e.g. Medium")
				var mx int
				if lo.Require("max", "give the highest score of this level") {
					mx, _ = lo.Int("max")
				}
				m.Levels = append(m.Levels, risk.Level{Name: name, Max: mx})
			}
		}
	} else {
		ok = false
	}
	m.Pos["acceptance"] = o.At("acceptance")
	if o.Require("acceptance", "give the highest residual score accepted without the owner's sign-off") {
		m.Acceptance, _ = o.Int("acceptance")
	} else {
		ok = false
	}
	if ws.Findings.Count(finding.Error) > before {
		return // a value could not be read: checking the method would report its absence too
	}
	probs := m.Problems()
	for _, p := range probs {
		pos, found := m.Pos[p.Key]
		if !found {
			pos = m.Pos[""]
		}
		ws.Findings.Errorf(pos, "method", "%s", p.Message)
	}
	ws.MethodOK = ok && len(probs) == 0 && len(m.Likelihood) > 0 && len(m.Impact) > 0
}

func (ws *Workspace) readRisks(r *yamlpos.Reader, n *yaml.Node, parsed bool) {
	if !parsed {
		return
	}
	top := r.Object(n, "", "risks")
	if top == nil {
		ws.Incomplete = true
		if yamlpos.IsNull(n) {
			r.Errorf(n, "type", "risks.yaml must be a mapping with a risks list")
		}
		return
	}
	list := top.Node("risks")
	if list == nil || (list.Kind == yaml.SequenceNode && len(list.Content) == 0) {
		r.L.Errorf(top.At("risks"), "empty-register", "the risk register is empty; the SoA must follow from the risk assessment — add at least one risk under risks:")
		return
	}
	if list.Kind != yaml.SequenceNode {
		r.Errorf(list, "type", "risks must be a list of risks (each item starting with - id: ...)")
		ws.Incomplete = true
		return
	}
	if len(list.Content) > MaxRisks {
		r.Errorf(list, "limit", "the register has %d risks, over the limit of %d", len(list.Content), MaxRisks)
		ws.Incomplete = true
		return
	}
	seen := map[string]finding.Pos{}
	selections := 0
	for i, e := range list.Content {
		path := fmt.Sprintf("risk #%d", i+1)
		o := r.Object(e, path, "id", "title", "description", "asset", "threat", "vulnerability", "owner",
			"likelihood", "impact", "treatment", "residual", "accepted_by", "accepted_on")
		if o == nil {
			if yamlpos.IsNull(e) {
				r.Errorf(e, "type", "%s must be a mapping (id, title, owner, likelihood, impact, treatment)", path)
			}
			ws.Incomplete = true // a risk not read
			continue
		}
		k := Risk{Pos: map[string]finding.Pos{}}
		k.ID = o.RequiredStr("id", "give the risk a unique identifier, e.g. R-01")
		if strings.ContainsAny(k.ID, "\n\t") {
			// An ID is printed at the start of lines (diff, findings): a line break in it
			// could fake a line of output.
			r.L.Errorf(o.At("id"), "encoding", "risk ID %q holds a line break or tab; write the ID on one line, e.g. R-01", k.ID)
		}
		if k.ID != "" {
			path = "risk " + k.ID
			if first, dup := seen[k.ID]; dup {
				r.L.Errorf(o.At("id"), "duplicate-risk", "risk ID %s is used twice (first at %s); give each risk its own ID", k.ID, first)
			} else {
				seen[k.ID] = o.At("id")
			}
		}
		o.Path = path
		k.Title = o.RequiredStr("title", "give the risk a short title")
		k.Description, k.Asset, k.Threat, k.Vulnerability = o.Str("description"), o.Str("asset"), o.Str("threat"), o.Str("vulnerability")
		k.Owner = o.RequiredStr("owner", "name the risk owner, who accepts the residual risk")
		k.Inherent = ws.rating(o)
		k.AcceptedBy = o.Str("accepted_by")
		k.AcceptedOn = o.Date("accepted_on")
		for key, p := range o.Positions() {
			k.Pos[key] = p
		}
		if rn := o.Node("residual"); rn != nil {
			ro := r.Object(rn, path+" residual", "likelihood", "impact")
			if ro != nil {
				k.Residual = ws.rating(ro)
				k.ResidualGiven = true
			}
		} else {
			k.Residual = k.Inherent
		}
		if o.Require("treatment", "give the treatment: option (modify, retain, avoid, share) and, for modify or share, the controls") {
			ws.readTreatment(r, o, &k)
		}
		ws.Risks = append(ws.Risks, k)
		if selections += len(k.Treatment.Controls); selections > MaxSelections {
			// The rest of the register is not read: its cost is what the limit bounds.
			ws.Incomplete = true
			r.L.Errorf(k.At("treatment"), "limit", "the register selects more than %d controls in all (risk × control, counting each risk's treatment.controls), the limit; up to here %d risks select on average %.1f — select the controls that treat each risk, or split the register", MaxSelections, len(ws.Risks), float64(selections)/float64(len(ws.Risks)))
			return
		}
	}
}

// rating reads likelihood and impact from o; missing values are reported by require.
func (ws *Workspace) rating(o *yamlpos.Object) risk.Rating {
	var rt risk.Rating
	scales := map[string][]string{"likelihood": ws.Method.Likelihood, "impact": ws.Method.Impact}
	for _, key := range []string{"likelihood", "impact"} {
		if !o.Require(key, fmt.Sprintf("rate the %s, 1..%d or a level name", key, len(scales[key]))) {
			continue
		}
		v := o.Node(key)
		if v.Kind != yaml.ScalarNode {
			o.Errorf(v, "type", "%s must be a number or a level name, not %s", o.Full(key), yamlpos.Describe(v))
			continue
		}
		if !ws.MethodOK {
			continue // the method's own findings say what to fix first
		}
		val := o.Str(key) // reports a value over the field limit
		if len(val) > yamlpos.MaxFieldSize {
			continue
		}
		n, err := risk.Value(scales[key], val)
		if err != nil {
			o.Errorf(v, "scale", "%s: %v", o.Full(key), err)
			continue
		}
		if key == "likelihood" {
			rt.Likelihood = n
		} else {
			rt.Impact = n
		}
	}
	return rt
}

func (ws *Workspace) readTreatment(r *yamlpos.Reader, o *yamlpos.Object, k *Risk) {
	t := r.Object(o.Node("treatment"), o.Path+" treatment", "option", "controls", "plan", "due")
	if t == nil {
		return
	}
	for key, p := range t.Positions() {
		k.Pos[strings.TrimSuffix("treatment."+key, ".")] = p
	}
	if t.Require("option", "choose modify, retain, avoid or share") {
		s := t.Str("option")
		opt, ok := risk.ParseOption(s)
		if !ok && s != "" {
			r.L.Errorf(t.At("option"), "vocabulary", "treatment option %q is not one of modify, retain, avoid, share (mitigate, reduce, accept and transfer are accepted too)", s)
		}
		k.Treatment.Option = opt
	}
	k.Treatment.Plan = t.Str("plan")
	k.Treatment.Due = t.Date("due")
	written := t.List("controls", true)
	k.Treatment.ControlsGiven = len(written) > 0
	for i, it := range written {
		k.Pos[fmt.Sprintf("treatment.controls[%d]", i)] = it.Pos
		id, err := annexa.Resolve(it.Value)
		if err != nil {
			r.L.Errorf(it.Pos, "unknown-control", "risk %s: %v", k.ID, err)
			continue
		}
		k.Treatment.Controls = append(k.Treatment.Controls, id)
		k.Pos["control "+id.String()] = it.Pos
	}
}

func (ws *Workspace) readControls(r *yamlpos.Reader, n *yaml.Node) {
	if n == nil {
		return
	}
	top := r.Object(n, "", "controls")
	if top == nil {
		ws.Incomplete = true
		if yamlpos.IsNull(n) {
			r.Errorf(n, "type", "controls.yaml must be a mapping with a controls mapping")
		}
		return
	}
	ws.ControlsPos = top.At("controls")
	cn := top.Node("controls")
	if cn == nil {
		r.L.Errorf(top.At("controls"), "required", "controls is missing or empty; give a decision for each of the 93 Annex A controls (soa init writes the list)")
		return
	}
	if cn.Kind != yaml.MappingNode {
		r.Errorf(cn, "type", "controls must be a mapping of control ID to decision (A.5.1: {applicable: true, ...})")
		ws.Incomplete = true
		return
	}
	ws.ControlsRead = true
	for i := 0; i+1 < len(cn.Content); i += 2 {
		kn, vn := cn.Content[i], cn.Content[i+1]
		id, err := annexa.Resolve(kn.Value)
		if err != nil {
			r.Errorf(kn, "unknown-control", "%v", err)
			continue
		}
		if first, dup := ws.Decisions[id]; dup {
			r.Errorf(kn, "duplicate-control", "%s is decided twice: first at %s, again here as %q; keep one decision", id, first.Pos[""], kn.Value)
			continue
		}
		d := &Decision{ID: id, Pos: map[string]finding.Pos{"": r.Pos(kn)}}
		ws.Decisions[id] = d
		o := r.Object(vn, "control "+id.String(), "applicable", "reasons", "justification", "status", "owner",
			"implementation", "evidence", "due", "review")
		if o == nil {
			if !yamlpos.IsNull(vn) { // reported by object
				ws.Incomplete = true // a decision not read
				continue
			}
			continue // an empty decision: undecided
		}
		for key, p := range o.Positions() {
			if key != "" {
				d.Pos[key] = p
			}
		}
		d.Applicable, d.Decided = o.Bool("applicable")
		d.ApplicableBad = !d.Decided && o.Node("applicable") != nil
		for _, it := range o.List("reasons", true) {
			reason := normalise(it.Value)
			switch {
			case reason == ReasonRisk:
				r.L.Errorf(it.Pos, "vocabulary", "%s: reason \"risk\" is added by soa from the risk register, never typed; select %s in a risk's treatment.controls instead", id, id)
			case slices.Contains(Reasons, reason):
				if !slices.Contains(d.Reasons, reason) {
					d.Reasons = append(d.Reasons, reason)
				}
			default:
				msg := fmt.Sprintf("%s: reason %q is not one of %s", id, it.Value, strings.Join(Reasons, ", "))
				if s := text.Suggest(reason, Reasons); s != "" {
					msg += fmt.Sprintf("; did you mean %q?", s)
				}
				r.L.Errorf(it.Pos, "vocabulary", "%s", msg)
			}
		}
		d.Justification = o.Str("justification")
		if s := o.Str("status"); s != "" {
			st := normalise(s)
			if slices.Contains(Statuses, st) {
				d.Status = st
			} else {
				msg := fmt.Sprintf("%s: status %q is not one of %s", id, s, strings.Join(Statuses, ", "))
				if sg := text.Suggest(st, Statuses); sg != "" {
					msg += fmt.Sprintf("; did you mean %q?", sg)
				}
				r.L.Errorf(o.At("status"), "vocabulary", "%s", msg)
				d.Status = "?" // given, but not understood: not reported as missing
			}
		}
		d.Owner = o.Str("owner")
		d.Implementation = o.Str("implementation")
		evidence := o.List("evidence", false)
		if len(evidence) > MaxEvidence {
			r.L.Errorf(o.At("evidence"), "limit", "%s lists %d evidence items, over the limit of %d; list the main records and refer to an evidence register for the rest", o.Full("evidence"), len(evidence), MaxEvidence)
			evidence = evidence[:MaxEvidence]
			ws.Incomplete = true
		}
		for _, it := range evidence {
			d.Evidence = append(d.Evidence, it.Value)
		}
		d.Due = o.Date("due")
		d.Review = o.Date("review")
	}
}

// normalise folds a vocabulary word: lower case, spaces and underscores as dashes.
func normalise(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '_' || r == '-' }), "-")
}
