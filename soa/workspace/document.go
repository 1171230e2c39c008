package workspace

import (
	"bytes"
	"fmt"
	"image"
	_ "image/jpeg" // logos may be JPEG
	_ "image/png"  // or PNG
	"io"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/soa-tool/soa/annexa"
	"github.com/soa-tool/soa/soa/internal/yamlpos"
	"gopkg.in/yaml.v3"
)

// Languages are the codes document.language accepts, English first.
var Languages = []string{"en", "de", "fr", "es", "it", "nl", "pl", "pt"}

// TitlesFile is the optional file of translated control titles: a mapping of control IDs
// to titles ("A.5.1: Informationssicherheitsrichtlinien").
const TitlesFile = "titles.yaml"

// Limits on the logo: a logo is a small picture, not a photograph.
const (
	MaxLogoSize   = 1 << 20 // bytes
	MaxLogoPixels = 4000    // on either side
)

// readSignOff reads prepared_by, reviewed_by and the approvals: either approved_by and
// approved_on (one approval, already read) or approvals, a list of {by, role, on}.
func (ws *Workspace) readSignOff(r *yamlpos.Reader, doc *yamlpos.Object) {
	d := &ws.Document
	d.PreparedBy = doc.Str("prepared_by")
	d.ReviewedBy = doc.Str("reviewed_by")
	if d.ApprovedBy != "" && !d.ApprovedOn.IsZero() {
		d.Approvals = []Approval{{By: d.ApprovedBy, On: d.ApprovedOn, At: doc.At("approved_on")}}
	}
	n := doc.Node("approvals")
	if n == nil {
		return
	}
	if doc.Has("approved_by") || doc.Has("approved_on") {
		r.L.Errorf(doc.At("approvals"), "approval", "document has both approvals and approved_by/approved_on; keep one: move the approval into approvals as {by: ..., role: ..., on: YYYY-MM-DD}")
		return
	}
	if n.Kind != yaml.SequenceNode {
		r.Errorf(n, "type", "document.approvals must be a list of {by, role, on}")
		return
	}
	var names []string
	for i, e := range n.Content {
		path := fmt.Sprintf("document.approvals[%d]", i)
		o := r.Object(e, path, "by", "role", "on")
		if o == nil {
			if yamlpos.IsNull(e) {
				r.Errorf(e, "type", "each approval must be a mapping {by, role, on}")
			}
			continue
		}
		a := Approval{By: o.RequiredStr("by", "name who approved the document"), Role: o.Str("role"), At: o.At("on")}
		if o.Require("on", "give the date of the approval (YYYY-MM-DD)") {
			a.On = o.Date("on")
		}
		d.Pos[path] = o.At("on")
		if a.By == "" || a.On.IsZero() {
			continue
		}
		d.Approvals = append(d.Approvals, a)
		names = append(names, a.By)
		if a.On.After(d.ApprovedOn) {
			// Findings on ApprovedOn (a date in the future) point at the approval it comes from.
			d.ApprovedOn = a.On
			d.Pos["document.approved_on"] = o.At("on")
		}
	}
	d.ApprovedBy = strings.Join(names, "; ")
}

var hexColor = regexp.MustCompile(`^#[0-9A-Fa-f]{6}$`)

// readLook reads language, logo and color. The logo's bytes are read by [LoadFS].
func (ws *Workspace) readLook(r *yamlpos.Reader, doc *yamlpos.Object) {
	d := &ws.Document
	d.Language = "en"
	if l := strings.ToLower(doc.Str("language")); l != "" {
		if !slices.Contains(Languages, l) {
			r.Errorf(doc.Node("language"), "language", "document.language %q is not a language soa has labels for; choose one of %s", l, strings.Join(Languages, ", "))
		} else {
			d.Language = l
		}
	}
	d.Logo = doc.Str("logo")
	if c := doc.Str("color"); c != "" {
		if !hexColor.MatchString(c) {
			r.Errorf(doc.Node("color"), "color", `document.color %q is not a colour written #RRGGBB, e.g. color: "#17365D" (quote it: # starts a comment)`, c)
		} else {
			d.Color = strings.ToUpper(c)
		}
	}
}

// readLogo reads document.logo from fsys: a PNG or JPEG file inside the workspace, at most
// [MaxLogoSize] bytes and [MaxLogoPixels] on a side.
func (ws *Workspace) readLogo(fsys fs.FS) {
	d := &ws.Document
	if d.Logo == "" {
		return
	}
	at := d.Pos["document.logo"]
	fail := func(format string, a ...any) {
		ws.Findings.Errorf(at, "logo", "document.logo %q: %s", d.Logo, fmt.Sprintf(format, a...))
		d.Logo = ""
	}
	name := path.Clean(strings.ReplaceAll(d.Logo, `\`, "/"))
	if !fs.ValidPath(name) {
		fail("give a path inside the workspace, relative to isms.yaml, e.g. logo: logo.png")
		return
	}
	st, err := fs.Stat(fsys, name)
	switch {
	case err != nil:
		fail("cannot read it (%v); give a PNG or JPEG file inside the workspace, relative to isms.yaml", errUnwrap(err))
		return
	case !st.Mode().IsRegular():
		fail("is not a regular file; give a PNG or JPEG file")
		return
	case st.Size() > MaxLogoSize:
		fail("is %d KiB, over the limit of %d KiB; give a smaller picture (a logo needs a few hundred pixels)", st.Size()>>10, MaxLogoSize>>10)
		return
	}
	f, err := fsys.Open(name)
	if err != nil {
		fail("cannot read it (%v)", errUnwrap(err))
		return
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, MaxLogoSize+1))
	if err != nil || len(b) > MaxLogoSize {
		fail("cannot read it whole; give a PNG or JPEG file of at most %d KiB", MaxLogoSize>>10)
		return
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(b))
	switch {
	case err != nil || (format != "png" && format != "jpeg"):
		fail("is not a PNG or JPEG picture; save the logo as .png or .jpg")
		return
	case cfg.Width < 1 || cfg.Height < 1 || cfg.Width > MaxLogoPixels || cfg.Height > MaxLogoPixels:
		fail("is %d×%d pixels; give a picture of at most %d pixels on each side", cfg.Width, cfg.Height, MaxLogoPixels)
		return
	}
	// The PDF library embeds PNG data as it is and refuses 16-bit and interlaced files.
	if format == "png" && len(b) > 28 && (b[24] > 8 || b[28] != 0) {
		fail("is a 16-bit or interlaced PNG, which the PDF cannot embed; save it as an 8-bit PNG without interlacing")
		return
	}
	if _, _, err := image.Decode(bytes.NewReader(b)); err != nil {
		fail("cannot be decoded (%v); save it again as PNG or JPEG", err)
		return
	}
	d.LogoData, d.LogoFormat = b, format
}

func errUnwrap(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}

// readTitles reads titles.yaml: control IDs mapped to the organisation's titles.
func (ws *Workspace) readTitles(r *yamlpos.Reader, n *yaml.Node) {
	if n == nil {
		return
	}
	if n.Kind != yaml.MappingNode {
		if !yamlpos.IsNull(n) {
			r.Errorf(n, "type", "titles.yaml must be a mapping of control IDs to titles, e.g. A.5.1: Informationssicherheitsrichtlinien")
		}
		return
	}
	ws.Titles = map[annexa.ID]string{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		id, err := annexa.Resolve(k.Value)
		if err != nil {
			r.Errorf(k, "unknown-control", "%v", err)
			continue
		}
		if v.Kind != yaml.ScalarNode || strings.TrimSpace(v.Value) == "" || yamlpos.IsNull(v) {
			r.Errorf(v, "type", "the title of %s must be text", id)
			continue
		}
		if len(v.Value) > 500 {
			r.Errorf(v, "limit", "the title of %s is over 500 bytes; a control title is one line", id)
			continue
		}
		ws.Titles[id] = strings.Join(strings.Fields(v.Value), " ")
	}
}
