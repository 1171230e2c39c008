// Package soa holds the Statement of Applicability: the workspace read from YAML with the
// position of every value, the checks that clause 6.1.3 of ISO/IEC 27001:2022 implies, and the
// derived SoA (one entry for each of the 93 controls, with its reasons and risks) that the
// renderers in soa/xlsx and soa/pdf read.
//
// # Flow
//
// [Load] reads a workspace directory into a [Workspace] and reports problems of form as
// findings; [Derive] runs the checks and returns the [SoA]. Data flows one way: renderers never
// re-derive a rule.
//
// # Versions
//
// [Compare] tells what changed between two SoAs in their soa.json form; [OpenSide] and
// [OpenGitSide] read one side of a comparison (a directory, a soa.json or a git revision), and
// side.go is the only place that runs git. release.go edits isms.yaml in place for soa release
// and soa approve, keeping the user's comments and layout.
package soa

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/soa-tool/soa/annexa"
	"github.com/soa-tool/soa/risk"
	"github.com/soa-tool/soa/soa/finding"
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

	applicableBad bool // applicable was given but is not true or false
}

// Workspace is everything read from a workspace directory.
type Workspace struct {
	Dir       string
	Document  Document
	Method    risk.Method
	Risks     []risk.Risk
	Decisions map[annexa.ID]*Decision
	// Fingerprint is the SHA-256 of the output of "sha256sum isms.yaml risks.yaml controls.yaml"
	// run in the workspace: anyone can recompute it from the files.
	Fingerprint string
	// Findings are the problems found while reading.
	Findings finding.List

	methodOK     bool
	controlsRead bool // the controls mapping was read
	controlsPos  finding.Pos
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
	ws := &Workspace{Dir: dir, Decisions: map[annexa.ID]*Decision{}}
	sum := sha256.New()
	nodes := map[string]*yaml.Node{}
	for _, f := range Files {
		name := filepath.Join(dir, f)
		b, err := readLimited(fsys, f)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			ws.Findings.Errorf(finding.Pos{File: name, Line: 1, Col: 1}, "missing-file", "%s is missing; run 'soa init %s' to write a starter, or check the directory", f, dir)
			continue
		case err != nil:
			return nil, &IOError{fmt.Errorf("cannot read %s: %w", name, err)}
		}
		fmt.Fprintf(sum, "%x  %s\n", sha256.Sum256(b), f)
		r := &reader{file: name, l: &ws.Findings}
		nodes[f] = r.parse(b)
	}
	if len(nodes) == len(Files) {
		ws.Fingerprint = hex.EncodeToString(sum.Sum(nil))
	}
	ws.readISMS(&reader{file: filepath.Join(dir, ISMSFile), l: &ws.Findings}, nodes[ISMSFile])
	ws.readRisks(&reader{file: filepath.Join(dir, RisksFile), l: &ws.Findings}, nodes[RisksFile], nodes[RisksFile] != nil)
	ws.readControls(&reader{file: filepath.Join(dir, ControlsFile), l: &ws.Findings}, nodes[ControlsFile])
	return ws, nil
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
	return io.ReadAll(io.LimitReader(f, MaxFileSize+1))
}

func (ws *Workspace) readISMS(r *reader, n *yaml.Node) {
	if n == nil {
		return
	}
	top := r.object(n, "", "organization", "scope", "document", "risk_method")
	if top == nil {
		if isNull(n) { // otherwise object has said it is not a mapping
			r.errorf(n, "type", "isms.yaml must be a mapping with organization, scope, document and risk_method")
		}
		return
	}
	d := &ws.Document
	d.Pos = map[string]finding.Pos{}
	d.Organization = top.requiredStr("organization", "give the organization's legal name")
	d.Scope = top.requiredStr("scope", "give the ISMS scope statement (clause 4.3)")
	d.Pos["organization"], d.Pos["scope"] = top.at("organization"), top.at("scope")
	if top.require("document", "add a document block with id, version and owner") {
		doc := r.object(top.node("document"), "document", "id", "title", "version", "classification", "owner",
			"approved_by", "approved_on", "next_review", "history")
		if doc != nil {
			d.ID = doc.requiredStr("id", "give the document identifier, e.g. ISMS-SOA-01")
			d.Title = doc.str("title")
			if d.Title == "" {
				d.Title = "Statement of Applicability"
			}
			d.Version = doc.requiredStr("version", `give the version as text, e.g. version: "1.0"`)
			d.Classification = doc.str("classification")
			d.Owner = doc.requiredStr("owner", "name the document owner, e.g. Jane Doe, CISO")
			d.ApprovedBy = doc.str("approved_by")
			d.ApprovedOn = doc.date("approved_on")
			d.NextReview = doc.date("next_review")
			for k, p := range doc.pos {
				d.Pos["document."+k] = p
			}
			_, hasBy := doc.keys["approved_by"]
			_, hasOn := doc.keys["approved_on"]
			if d.ApprovedBy != "" && doc.node("approved_on") == nil {
				msg := "approved_by is given without approved_on; add the date of approval (YYYY-MM-DD)"
				if hasOn {
					msg = "approved_by is given but approved_on is empty; add the date of approval (YYYY-MM-DD)"
				}
				r.l.Errorf(doc.at("approved_by"), "approval", "%s", msg)
			}
			if d.ApprovedBy == "" && hasOn && doc.node("approved_on") != nil {
				msg := "approved_on is given without approved_by; name who approved the document, or remove approved_on for a draft"
				if hasBy {
					msg = "approved_by is empty but approved_on is given; name who approved the document, or remove approved_on for a draft"
				}
				r.l.Errorf(doc.at("approved_on"), "approval", "%s", msg)
			}
			ws.readHistory(r, doc)
		}
	}
	if top.require("risk_method", "add the risk method: likelihood and impact scales, levels and acceptance") {
		ws.readMethod(r, top.node("risk_method"))
	}
}

func (ws *Workspace) readHistory(r *reader, doc *object) {
	h := doc.node("history")
	if h == nil {
		return
	}
	if h.Kind != yaml.SequenceNode {
		r.errorf(h, "type", "document.history must be a list of {version, date, author, changes}")
		return
	}
	for i, e := range h.Content {
		o := r.object(e, fmt.Sprintf("document.history[%d]", i), "version", "date", "author", "changes")
		if o == nil {
			if isNull(e) {
				r.errorf(e, "type", "each history entry must be a mapping {version, date, author, changes}")
			}
			continue
		}
		rev := Revision{Version: o.requiredStr("version", "give the version this entry describes"), Author: o.str("author"), Changes: o.str("changes")}
		if o.require("date", "give the date of the revision (YYYY-MM-DD)") {
			rev.Date = o.date("date")
		}
		ws.Document.Pos[fmt.Sprintf("document.history[%d]", i)] = o.at("date")
		ws.Document.History = append(ws.Document.History, rev)
	}
}

func (ws *Workspace) readMethod(r *reader, n *yaml.Node) {
	o := r.object(n, "risk_method", "likelihood", "impact", "levels", "acceptance")
	if o == nil {
		return
	}
	m := &ws.Method
	m.Pos = map[string]finding.Pos{"": o.at("")}
	before := ws.Findings.Count(finding.Error)
	ok := true
	for _, key := range []string{"likelihood", "impact"} {
		m.Pos[key] = o.at(key)
		if !o.require(key, "list the level names, lowest first, e.g. [Rare, Unlikely, Possible, Likely, Almost certain]") {
			ok = false
			continue
		}
		var names []string
		for _, it := range o.list(key, false) {
			names = append(names, it.Value)
		}
		if key == "likelihood" {
			m.Likelihood = names
		} else {
			m.Impact = names
		}
	}
	m.Pos["levels"] = o.at("levels")
	if o.require("levels", "list the score levels, ascending, e.g. - {name: Low, max: 4}") {
		lv := o.node("levels")
		if lv.Kind != yaml.SequenceNode {
			r.errorf(lv, "type", "risk_method.levels must be a list of {name, max}")
			ok = false
		} else {
			for i, e := range lv.Content {
				path := fmt.Sprintf("risk_method.levels[%d]", i)
				lo := r.object(e, path, "name", "max")
				if lo == nil {
					if isNull(e) {
						r.errorf(e, "type", "%s must be a mapping {name, max}", path)
					}
					ok = false
					continue
				}
				m.Pos[fmt.Sprintf("levels[%d]", i)] = r.pos(e)
				name := lo.requiredStr("name", "give the level a name, e.g. Medium")
				var mx int
				if lo.require("max", "give the highest score of this level") {
					mx, _ = lo.integer("max")
				}
				m.Levels = append(m.Levels, risk.Level{Name: name, Max: mx})
			}
		}
	} else {
		ok = false
	}
	m.Pos["acceptance"] = o.at("acceptance")
	if o.require("acceptance", "give the highest residual score accepted without the owner's sign-off") {
		m.Acceptance, _ = o.integer("acceptance")
	} else {
		ok = false
	}
	if ws.Findings.Count(finding.Error) > before {
		return // a value could not be read: checking the method would report its absence too
	}
	mf := m.Check()
	ws.Findings = append(ws.Findings, mf...)
	ws.methodOK = ok && mf.Count(finding.Error) == 0 && len(m.Likelihood) > 0 && len(m.Impact) > 0
}

func (ws *Workspace) readRisks(r *reader, n *yaml.Node, parsed bool) {
	if !parsed {
		return
	}
	top := r.object(n, "", "risks")
	if top == nil {
		if isNull(n) {
			r.errorf(n, "type", "risks.yaml must be a mapping with a risks list")
		}
		return
	}
	list := top.node("risks")
	if list == nil || (list.Kind == yaml.SequenceNode && len(list.Content) == 0) {
		r.l.Errorf(top.at("risks"), "empty-register", "the risk register is empty; the SoA must follow from the risk assessment — add at least one risk under risks:")
		return
	}
	if list.Kind != yaml.SequenceNode {
		r.errorf(list, "type", "risks must be a list of risks (each item starting with - id: ...)")
		return
	}
	if len(list.Content) > MaxRisks {
		r.errorf(list, "limit", "the register has %d risks, over the limit of %d", len(list.Content), MaxRisks)
		return
	}
	seen := map[string]finding.Pos{}
	for i, e := range list.Content {
		path := fmt.Sprintf("risk #%d", i+1)
		o := r.object(e, path, "id", "title", "description", "asset", "threat", "vulnerability", "owner",
			"likelihood", "impact", "treatment", "residual", "accepted_by", "accepted_on")
		if o == nil {
			if isNull(e) {
				r.errorf(e, "type", "%s must be a mapping (id, title, owner, likelihood, impact, treatment)", path)
			}
			continue
		}
		k := risk.Risk{Pos: map[string]finding.Pos{}}
		k.ID = o.requiredStr("id", "give the risk a unique identifier, e.g. R-01")
		if k.ID != "" {
			path = "risk " + k.ID
			if first, dup := seen[k.ID]; dup {
				r.l.Errorf(o.at("id"), "duplicate-risk", "risk ID %s is used twice (first at %s); give each risk its own ID", k.ID, first)
			} else {
				seen[k.ID] = o.at("id")
			}
		}
		o.path = path
		k.Title = o.requiredStr("title", "give the risk a short title")
		k.Description, k.Asset, k.Threat, k.Vulnerability = o.str("description"), o.str("asset"), o.str("threat"), o.str("vulnerability")
		k.Owner = o.requiredStr("owner", "name the risk owner, who accepts the residual risk")
		k.Inherent = ws.rating(o)
		k.AcceptedBy = o.str("accepted_by")
		k.AcceptedOn = o.date("accepted_on")
		for key, p := range o.pos {
			k.Pos[key] = p
		}
		if rn := o.node("residual"); rn != nil {
			ro := r.object(rn, path+" residual", "likelihood", "impact")
			if ro != nil {
				k.Residual = ws.rating(ro)
				k.ResidualGiven = true
			}
		} else {
			k.Residual = k.Inherent
		}
		if o.require("treatment", "give the treatment: option (modify, retain, avoid, share) and, for modify or share, the controls") {
			ws.readTreatment(r, o, &k)
		}
		ws.Risks = append(ws.Risks, k)
	}
}

// rating reads likelihood and impact from o; missing values are reported by require.
func (ws *Workspace) rating(o *object) risk.Rating {
	var rt risk.Rating
	scales := map[string][]string{"likelihood": ws.Method.Likelihood, "impact": ws.Method.Impact}
	for _, key := range []string{"likelihood", "impact"} {
		if !o.require(key, fmt.Sprintf("rate the %s, 1..%d or a level name", key, len(scales[key]))) {
			continue
		}
		v := o.node(key)
		if v.Kind != yaml.ScalarNode {
			o.r.errorf(v, "type", "%s must be a number or a level name, not %s", o.full(key), describe(v))
			continue
		}
		if !ws.methodOK {
			continue // the method's own findings say what to fix first
		}
		text := o.str(key) // reports a value over the field limit
		if len(text) > MaxFieldSize {
			continue
		}
		n, err := risk.Value(scales[key], text)
		if err != nil {
			o.r.errorf(v, "scale", "%s: %v", o.full(key), err)
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

func (ws *Workspace) readTreatment(r *reader, o *object, k *risk.Risk) {
	t := r.object(o.node("treatment"), o.path+" treatment", "option", "controls", "plan", "due")
	if t == nil {
		return
	}
	for key, p := range t.pos {
		k.Pos[strings.TrimSuffix("treatment."+key, ".")] = p
	}
	if t.require("option", "choose modify, retain, avoid or share") {
		s := t.str("option")
		opt, ok := risk.ParseOption(s)
		if !ok && s != "" {
			r.l.Errorf(t.at("option"), "vocabulary", "treatment option %q is not one of modify, retain, avoid, share (mitigate, reduce, accept and transfer are accepted too)", s)
		}
		k.Treatment.Option = opt
	}
	k.Treatment.Plan = t.str("plan")
	k.Treatment.Due = t.date("due")
	written := t.list("controls", true)
	k.Treatment.ControlsGiven = len(written) > 0
	for i, it := range written {
		k.Pos[fmt.Sprintf("treatment.controls[%d]", i)] = it.Pos
		id, err := annexa.Resolve(it.Value)
		if err != nil {
			r.l.Errorf(it.Pos, "unknown-control", "risk %s: %v", k.ID, err)
			continue
		}
		k.Treatment.Controls = append(k.Treatment.Controls, id)
		k.Pos["control "+id.String()] = it.Pos
	}
}

func (ws *Workspace) readControls(r *reader, n *yaml.Node) {
	if n == nil {
		return
	}
	top := r.object(n, "", "controls")
	if top == nil {
		if isNull(n) {
			r.errorf(n, "type", "controls.yaml must be a mapping with a controls mapping")
		}
		return
	}
	ws.controlsPos = top.at("controls")
	cn := top.node("controls")
	if cn == nil {
		r.l.Errorf(top.at("controls"), "required", "controls is missing or empty; give a decision for each of the 93 Annex A controls (soa init writes the list)")
		return
	}
	if cn.Kind != yaml.MappingNode {
		r.errorf(cn, "type", "controls must be a mapping of control ID to decision (A.5.1: {applicable: true, ...})")
		return
	}
	ws.controlsRead = true
	for i := 0; i+1 < len(cn.Content); i += 2 {
		kn, vn := cn.Content[i], cn.Content[i+1]
		id, err := annexa.Resolve(kn.Value)
		if err != nil {
			r.errorf(kn, "unknown-control", "%v", err)
			continue
		}
		if first, dup := ws.Decisions[id]; dup {
			r.errorf(kn, "duplicate-control", "%s is decided twice: first at %s, again here as %q; keep one decision", id, first.Pos[""], kn.Value)
			continue
		}
		d := &Decision{ID: id, Pos: map[string]finding.Pos{"": r.pos(kn)}}
		ws.Decisions[id] = d
		o := r.object(vn, "control "+id.String(), "applicable", "reasons", "justification", "status", "owner",
			"implementation", "evidence", "due", "review")
		if o == nil {
			if !isNull(vn) {
				continue // reported by object
			}
			continue // an empty decision: undecided
		}
		for key, p := range o.pos {
			if key != "" {
				d.Pos[key] = p
			}
		}
		d.Applicable, d.Decided = o.boolean("applicable")
		d.applicableBad = !d.Decided && o.node("applicable") != nil
		for _, it := range o.list("reasons", true) {
			reason := normalise(it.Value)
			switch {
			case reason == ReasonRisk:
				r.l.Errorf(it.Pos, "vocabulary", "%s: reason \"risk\" is added by soa from the risk register, never typed; select %s in a risk's treatment.controls instead", id, id)
			case contains(Reasons, reason):
				if !contains(d.Reasons, reason) {
					d.Reasons = append(d.Reasons, reason)
				}
			default:
				msg := fmt.Sprintf("%s: reason %q is not one of %s", id, it.Value, strings.Join(Reasons, ", "))
				if s := suggest(reason, Reasons); s != "" {
					msg += fmt.Sprintf("; did you mean %q?", s)
				}
				r.l.Errorf(it.Pos, "vocabulary", "%s", msg)
			}
		}
		d.Justification = o.str("justification")
		if s := o.str("status"); s != "" {
			st := normalise(s)
			if contains(Statuses, st) {
				d.Status = st
			} else {
				msg := fmt.Sprintf("%s: status %q is not one of %s", id, s, strings.Join(Statuses, ", "))
				if sg := suggest(st, Statuses); sg != "" {
					msg += fmt.Sprintf("; did you mean %q?", sg)
				}
				r.l.Errorf(o.at("status"), "vocabulary", "%s", msg)
				d.Status = "?" // given, but not understood: not reported as missing
			}
		}
		d.Owner = o.str("owner")
		d.Implementation = o.str("implementation")
		for _, it := range o.list("evidence", false) {
			d.Evidence = append(d.Evidence, it.Value)
		}
		d.Due = o.date("due")
		d.Review = o.date("review")
	}
}

// normalise folds a vocabulary word: lower case, spaces and underscores as dashes.
func normalise(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '_' || r == '-' }), "-")
}
