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
	"strconv"
	"strings"
	"sync"
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
	// ApprovedBy and ApprovedOn sum up the approvals: the names joined with "; " and the
	// latest date. Approvals holds them one by one (approved_by/approved_on is one approval).
	ApprovedBy string
	ApprovedOn time.Time
	Approvals  []Approval
	// PreparedBy and ReviewedBy name who prepared and who reviewed the document.
	PreparedBy string
	ReviewedBy string
	// RiskAssessment names the risk assessment report (and its date) the SoA follows.
	RiskAssessment string
	NextReview     time.Time
	History        []Revision
	// Language is the language of the document's labels (a code of [Languages]; "en" when
	// not given). Logo is the logo's path in the workspace, LogoData its bytes and
	// LogoFormat "png" or "jpeg". Color is the brand colour, "#RRGGBB" or "".
	Language   string
	Logo       string
	LogoData   []byte
	LogoFormat string
	Color      string
	// Pos has the positions of keys, as "document.version".
	Pos map[string]finding.Pos
}

// Approved reports whether the document records an approval.
func (d Document) Approved() bool { return d.ApprovedBy != "" && !d.ApprovedOn.IsZero() }

// Approval is one approval of the document: who, in which role, on which date.
type Approval struct {
	By   string
	Role string
	On   time.Time
	// At is the position of its date in isms.yaml.
	At finding.Pos
}

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

// Decision is what controls.yaml says about one control: an Annex A control under controls,
// or a control beyond Annex A under additional_controls (Key, Title and Source set, ID zero).
type Decision struct {
	ID annexa.ID
	// Key is an additional control's own ID as written (CLD.6.3.1); "" for Annex A.
	Key string
	// Title and Source are an additional control's title and where it comes from (a
	// standard, a framework, "internal").
	Title, Source  string
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
	// ProvidedBy names the supplier that delivers the control (an inherited control) and
	// Assurance what assures it (a SOC 2 report, a certificate); both "" when not given.
	ProvidedBy, Assurance string
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
	// Additional are the controls beyond Annex A (additional_controls), in file order.
	Additional []*Decision
	// Titles are the organisation's own control titles from titles.yaml (nil without it).
	Titles map[annexa.ID]string
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
	// Unread lists the workspace files (base names, in the order of [Files]) that are missing
	// or could not be parsed: findings that depend on them are left out.
	Unread []string

	// refs are treatment controls that are not Annex A IDs, resolved against
	// additional_controls once controls.yaml is read.
	refs []ref
	// Incomplete is set when a file, or the register or the decisions as a whole, could not
	// be read (missing, not YAML, not a mapping, over a limit). The workspace then holds less
	// than its files do, so a comparison must not take what is absent as removed.
	Incomplete bool
}

// ref is a treatment's control that may be an additional control.
type ref struct {
	risk int // index in Risks
	item yamlpos.Item
	err  error
}

// AdditionalByKey returns the additional control with the given ID.
func (ws *Workspace) AdditionalByKey(key string) (*Decision, bool) {
	for _, d := range ws.Additional {
		if d.Key == key {
			return d, true
		}
	}
	return nil, false
}

// Read reports whether the file (a base name of [Files]) was read.
func (ws *Workspace) Read(file string) bool { return !slices.Contains(ws.Unread, file) }

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
	switch b, err := readLimited(fsys, TitlesFile); {
	case err == nil:
		files[TitlesFile] = b
	case !errors.Is(err, fs.ErrNotExist):
		return nil, &IOError{fmt.Errorf("cannot read %s: %w", filepath.Join(dir, TitlesFile), err)}
	}
	ws := LoadFiles(files, dir)
	ws.readLogo(fsys)
	ws.Findings.Sort()
	return ws, nil
}

// LoadFiles reads a workspace from the contents of its files, keyed by base name
// (isms.yaml, …); a file that files lacks is reported missing. Findings name the files as
// dir/isms.yaml etc.
func LoadFiles(files map[string][]byte, dir string) *Workspace {
	ws := &Workspace{Dir: dir, Decisions: map[annexa.ID]*Decision{}}
	sum := sha256.New()
	nodes := map[string]*yaml.Node{}
	// The files are parsed at the same time, each with its own findings, which are then
	// taken in the order of Files: the same findings in the same order as one by one.
	parsed := make([]*yaml.Node, len(Files))
	found := make([]finding.List, len(Files))
	var wg sync.WaitGroup
	for i, f := range Files {
		if b, ok := files[f]; ok {
			wg.Add(1)
			go func() {
				defer wg.Done()
				parsed[i] = (&yamlpos.Reader{File: filepath.Join(dir, f), L: &found[i]}).Parse(b)
			}()
		}
	}
	wg.Wait()
	for i, f := range Files {
		name := filepath.Join(dir, f)
		b, ok := files[f]
		if !ok {
			ws.Findings.Errorf(finding.Pos{File: name, Line: 1, Col: 1}, "missing-file", "%s is missing; run 'soa init %s' to write the missing files (the others are left as they are), or check the directory", f, dir)
			ws.Unread = append(ws.Unread, f)
			ws.Incomplete = true
			continue
		}
		fmt.Fprintf(sum, "%x  %s\n", sha256.Sum256(b), f)
		ws.Findings = append(ws.Findings, found[i]...)
		nodes[f] = parsed[i]
		if nodes[f] == nil {
			ws.Unread = append(ws.Unread, f)
			ws.Incomplete = true
		}
	}
	if len(nodes) == len(Files) {
		ws.Fingerprint = hex.EncodeToString(sum.Sum(nil))
	}
	ws.readISMS(&yamlpos.Reader{File: filepath.Join(dir, ISMSFile), L: &ws.Findings}, nodes[ISMSFile])
	ws.readRisks(&yamlpos.Reader{File: filepath.Join(dir, RisksFile), L: &ws.Findings}, nodes[RisksFile], nodes[RisksFile] != nil)
	cr := &yamlpos.Reader{File: filepath.Join(dir, ControlsFile), L: &ws.Findings}
	ws.readControls(cr, nodes[ControlsFile])
	ws.resolveRefs()
	if b, ok := files[TitlesFile]; ok {
		r := &yamlpos.Reader{File: filepath.Join(dir, TitlesFile), L: &ws.Findings}
		ws.readTitles(r, r.Parse(b))
	}
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
			"approved_by", "approved_on", "approvals", "prepared_by", "reviewed_by", "risk_assessment", "next_review", "history",
			"language", "logo", "color")
		if doc != nil {
			d.ID = doc.RequiredStr("id", "give the document identifier, e.g. ISMS-SOA-01")
			d.Title = doc.Str("title")
			if d.Title == "" {
				d.Title = "Statement of Applicability"
			}
			d.Version = doc.RequiredStr("version", `give the version as text, e.g. version: "1.0"`)
			d.Classification = doc.Str("classification")
			d.Owner = doc.RequiredStr("owner", "name the document owner, e.g. Jane Doe, CISO")
			d.RiskAssessment = doc.Str("risk_assessment")
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
			ws.readSignOff(r, doc)
			ws.readLook(r, doc)
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
	o := r.Object(n, "risk_method", "likelihood", "impact", "levels", "acceptance", "likelihood_descriptions", "impact_descriptions")
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
	for _, key := range []string{"likelihood_descriptions", "impact_descriptions"} {
		m.Pos[key] = o.At(key)
		var desc []string
		for _, it := range o.List(key, false) {
			desc = append(desc, it.Value)
		}
		if key == "likelihood_descriptions" {
			m.LikelihoodDescriptions = desc
		} else {
			m.ImpactDescriptions = desc
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
				lo := r.Object(e, path, "name", "max", "accept_by")
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
				m.Levels = append(m.Levels, risk.Level{Name: name, Max: mx, AcceptBy: lo.Str("accept_by")})
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
	seen := make(map[string]finding.Pos, len(list.Content))
	ws.Risks = make([]Risk, 0, len(list.Content))
	selections := 0
	for i, e := range list.Content {
		path := fmt.Sprintf("risk #%d", i+1)
		o := r.Object(e, path, "id", "title", "description", "asset", "threat", "vulnerability", "owner",
			"likelihood", "impact", "treatment", "current", "residual", "accepted_by", "accepted_on", "status", "closed_on", "closed_reason")
		if o == nil {
			if yamlpos.IsNull(e) {
				r.Errorf(e, "type", "%s must be a mapping (id, title, owner, likelihood, impact, treatment)", path)
			}
			ws.Incomplete = true // a risk not read
			continue
		}
		k := Risk{Pos: make(map[string]finding.Pos, 32)}
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
		ws.readStatus(o, &k)
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
		k.Current = k.Residual
		if cn := o.Node("current"); cn != nil {
			if co := r.Object(cn, path+" current", "likelihood", "impact"); co != nil {
				k.Current = ws.rating(co)
				k.CurrentGiven = true
			}
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
	t := r.Object(o.Node("treatment"), o.Path+" treatment", "option", "controls", "plan", "due", "done_on", "approved_on", "approved_by")
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
	k.Treatment.DoneOn = t.Date("done_on")
	k.Treatment.ApprovedOn = t.Date("approved_on")
	k.Treatment.ApprovedBy = t.Str("approved_by")
	if k.Treatment.ApprovedBy != "" && t.Node("approved_on") == nil {
		r.L.Errorf(t.At("approved_by"), "plan-approval", "risk %s: treatment.approved_by is given without approved_on; add the date the owner approved the plan (YYYY-MM-DD)", k.ID)
	}
	written := t.List("controls", true)
	k.Treatment.ControlsGiven = len(written) > 0
	for i, it := range written {
		k.Pos["treatment.controls["+strconv.Itoa(i)+"]"] = it.Pos
		id, err := annexa.Resolve(it.Value)
		var ie *annexa.IDError
		if errors.As(err, &ie) && ie.Kind == annexa.BadForm {
			// Perhaps an additional control: resolved once controls.yaml is read.
			ws.refs = append(ws.refs, ref{risk: len(ws.Risks), item: it, err: err})
			continue
		}
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
	top := r.Object(n, "", "controls", "additional_controls")
	if top == nil {
		ws.Incomplete = true
		if yamlpos.IsNull(n) {
			r.Errorf(n, "type", "controls.yaml must be a mapping with a controls mapping")
		}
		return
	}
	ws.ControlsPos = top.At("controls")
	ws.readAdditional(r, top.Node("additional_controls"))
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
			msg := err.Error()
			var ie *annexa.IDError
			if errors.As(err, &ie) && ie.Kind == annexa.BadForm {
				msg += "; a control beyond Annex A goes under additional_controls, with its title and source"
			}
			r.Errorf(kn, "unknown-control", "%s", msg)
			continue
		}
		if first, dup := ws.Decisions[id]; dup {
			r.Errorf(kn, "duplicate-control", "%s is decided twice: first at %s, again here as %q; keep one decision", id, first.Pos[""], kn.Value)
			continue
		}
		d := &Decision{ID: id, Pos: map[string]finding.Pos{"": r.Pos(kn)}}
		ws.Decisions[id] = d
		o := r.Object(vn, "control "+id.String(), decisionKeys...)
		ws.readDecision(r, vn, o, d, id.String())
	}
}

// decisionKeys are the keys of a control's decision.
var decisionKeys = []string{"applicable", "reasons", "justification", "status", "owner", "implementation", "evidence", "due", "review",
	"provided_by", "assurance"}

// MaxAdditionalID is the longest ID an additional control may have.
const MaxAdditionalID = 40

// readAdditional reads additional_controls: controls beyond Annex A, keyed by their own IDs.
func (ws *Workspace) readAdditional(r *yamlpos.Reader, n *yaml.Node) {
	if n == nil {
		return
	}
	if n.Kind != yaml.MappingNode {
		r.Errorf(n, "type", "additional_controls must be a mapping of control ID to decision (CLD.6.3.1: {title: ..., source: ..., applicable: true, ...})")
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		kn, vn := n.Content[i], n.Content[i+1]
		key := strings.TrimSpace(kn.Value)
		// Annex A first: "A 5.1" is an accepted spelling of A.5.1, and the advice is to
		// decide it under controls, not to change its characters.
		if msg := annexLike(key); msg != "" {
			r.Errorf(kn, "additional-id", "%s", msg)
			continue
		}
		if !validAdditionalID(key) {
			r.Errorf(kn, "additional-id", "additional control ID %q may only hold letters, digits, '.', '-' and '_', 1 to %d characters; e.g. CLD.6.3.1 or NW-EXT-01", kn.Value, MaxAdditionalID)
			continue
		}
		d := &Decision{Key: key, Pos: map[string]finding.Pos{"": r.Pos(kn)}}
		ws.Additional = append(ws.Additional, d)
		keys := append([]string{"title", "source"}, decisionKeys...)
		o := r.Object(vn, "additional control "+key, keys...)
		if o == nil {
			if yamlpos.IsNull(vn) {
				r.Errorf(kn, "required", "additional control %s is empty; give its title, source and decision", key)
			}
			continue
		}
		d.Title = o.RequiredStr("title", "give the control's title as its source words it")
		d.Source = o.RequiredStr("source", `say where the control comes from: a standard ("ISO/IEC 27017:2015"), a framework, or "internal"`)
		ws.readDecision(r, vn, o, d, key)
	}
}

func validAdditionalID(s string) bool {
	if len(s) == 0 || len(s) > MaxAdditionalID {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// annexLike explains why an additional control's ID may not be used: it is an Annex A 2022
// or 2013 ID, or written like one. It returns "" for an ID of its own.
func annexLike(key string) string {
	if id, err := annexa.Resolve(key); err == nil {
		c, _ := annexa.Lookup(id)
		return fmt.Sprintf("%s is the Annex A control %s %s; decide it under controls: as %s, not under additional_controls", key, id, c.Title, id)
	}
	if c, ok := annexa.Lookup2013(key); ok {
		var now []string
		for _, id := range c.Now {
			now = append(now, id.String())
		}
		return fmt.Sprintf("%s is the ISO/IEC 27001:2013 control %s; decide its 2022 successor %s under controls: instead", key, c.Title, text.JoinAnd(now))
	}
	if annexaForm(key) {
		return fmt.Sprintf("%s is written like an Annex A control ID but names none; give the additional control an ID of its own, with a prefix such as CLD. or your organisation's", key)
	}
	return ""
}

// annexaForm reports whether s is written like an Annex A ID (5.99, A.9.9.9) without naming a
// control.
func annexaForm(s string) bool {
	var ie *annexa.IDError
	_, err := annexa.Resolve(s)
	return errors.As(err, &ie) && ie.Kind != annexa.BadForm
}

// readDecision reads a control's decision (an Annex A or an additional control, named name
// in messages) from o into d.
func (ws *Workspace) readDecision(r *yamlpos.Reader, vn *yaml.Node, o *yamlpos.Object, d *Decision, name string) {
	if o == nil {
		if !yamlpos.IsNull(vn) {
			ws.Incomplete = true // not a mapping (reported): a decision not read
		}
		return // empty: undecided
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
			r.L.Errorf(it.Pos, "vocabulary", "%s: reason \"risk\" is added by soa from the risk register, never typed; select %s in a risk's treatment.controls instead", name, name)
		case slices.Contains(Reasons, reason):
			if !slices.Contains(d.Reasons, reason) {
				d.Reasons = append(d.Reasons, reason)
			}
		default:
			msg := fmt.Sprintf("%s: reason %q is not one of %s", name, it.Value, strings.Join(Reasons, ", "))
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
			msg := fmt.Sprintf("%s: status %q is not one of %s", name, s, strings.Join(Statuses, ", "))
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
	d.ProvidedBy, d.Assurance = o.Str("provided_by"), o.Str("assurance")
}

// readStatus reads a risk's status, closed_on and closed_reason.
func (ws *Workspace) readStatus(o *yamlpos.Object, k *Risk) {
	if s := o.Str("status"); s != "" {
		switch normalise(s) {
		case risk.StatusOpen:
		case risk.StatusClosed:
			k.Closed = true
		default:
			ws.Findings.Errorf(o.At("status"), "vocabulary", "risk %s: status %q is not open or closed", k.ID, s)
		}
	}
	k.ClosedOn = o.Date("closed_on")
	k.ClosedReason = o.Str("closed_reason")
	if k.Closed {
		o.Require("closed_on", "give the date the risk was closed (YYYY-MM-DD)")
		o.Require("closed_reason", `say why the risk no longer exists, e.g. "Jenkins decommissioned"`)
		return
	}
	for _, key := range []string{"closed_on", "closed_reason"} {
		if o.Node(key) != nil {
			ws.Findings.Errorf(o.At(key), "closed", "risk %s has %s but its status is not closed; set status: closed, or remove %s", k.ID, key, key)
		}
	}
}

// resolveRefs resolves the treatments' controls that are not Annex A IDs against
// additional_controls. When controls.yaml could not be read, they are left unresolved and
// unreported: whether they exist is not known.
func (ws *Workspace) resolveRefs() {
	if !ws.Read(ControlsFile) {
		return
	}
	var keys []string
	for _, d := range ws.Additional {
		keys = append(keys, d.Key)
	}
	for _, rf := range ws.refs {
		k := &ws.Risks[rf.risk]
		if d, ok := ws.AdditionalByKey(rf.item.Value); ok {
			if !slices.Contains(k.Treatment.Additional, d.Key) {
				k.Treatment.Additional = append(k.Treatment.Additional, d.Key)
			}
			k.Pos["control "+d.Key] = rf.item.Pos
			continue
		}
		msg := fmt.Sprintf("risk %s: %v", k.ID, rf.err)
		if s := text.Suggest(rf.item.Value, keys); s != "" {
			msg += fmt.Sprintf("; did you mean the additional control %s?", s)
		} else if len(keys) == 0 {
			msg += "; a control beyond Annex A must be listed under additional_controls in controls.yaml"
		} else {
			msg += "; the additional controls are " + strings.Join(keys, ", ")
		}
		ws.Findings.Errorf(rf.item.Pos, "unknown-control", "%s", msg)
	}
	ws.refs = nil
}

// normalise folds a vocabulary word: lower case, spaces and underscores as dashes.
func normalise(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '_' || r == '-' }), "-")
}
