package soc2

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/soa-tool/soa/annexa"
	"gopkg.in/yaml.v3"
)

// InitReasons are the reasons a generated decision proposes for a control the program covers:
// a SOC 2 program usually answers customer contracts and the company's own needs. The user
// confirms them.
var InitReasons = []string{"contractual", "business"}

// ControlsYAML returns the text of a first controls.yaml built from the report's coverage, one
// entry per Annex A control in catalogue order:
//
//   - a [Covered] control is applicable with status implemented, a [Partly] covered one with
//     status partial and a comment naming the criteria the program misses or, where every
//     link is partial, what the criteria do not ask for ([Coverage.Beyond]); both name the
//     implementing SOC 2 controls in implementation and their evidence in evidence, propose
//     [InitReasons] and leave the justification empty, with a comment asking the user to
//     confirm the reasons and write the justification;
//   - a [NotCovered] control is left undecided (applicable empty), with a comment on what
//     ISO/IEC 27001 expects: a decision, and for an exclusion a justification.
//
// Nothing is excluded. header is the first line (the schema modeline soa init writes); source
// names the control list in the header comment. The text loads with workspace.Load; soa check
// then reports the undecided controls and the empty justifications.
func ControlsYAML(r *Report, source, header string) []byte {
	var b strings.Builder
	w := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	w("%s\n", header)
	comment(&b, "", fmt.Sprintf("Annex A decisions drafted by soa init --from-soc2 from the SOC 2 control list %s "+
		"(%d controls addressing %d of the %d Trust Services Criteria).", source, len(r.Program.Controls), len(r.Criteria), len(annexa.Criteria())))
	comment(&b, "", fmt.Sprintf("%d controls are covered by the program (status implemented), %d partly (status partial), "+
		"%d are left undecided. Nothing is excluded: every exclusion needs your justification (clause 6.1.3 d).",
		r.Total.Covered, r.Total.Partly, r.Total.NotCovered))
	comment(&b, "", "Status implemented means a criterion the program meets asks for essentially what the control does "+
		"(fit full in 'soa crosswalk'); status partial means the program misses some of the control's criteria, or "+
		"meets only criteria that touch its subject in general (fit partial), and the comment says what is left.")
	comment(&b, "", "For each applicable control, confirm the reasons (contractual, business), write the justification "+
		"and name the owner; then decide the undecided ones. 'soa check' lists what is left. A SOC 2 criterion "+
		"asks for part of what an Annex A control does, so read each control against ISO/IEC 27002 before approving.")
	w("controls:\n")
	theme := annexa.Theme("")
	for _, cv := range r.Controls {
		c := cv.Control
		if c.Theme != theme {
			theme = c.Theme
			w("  # ---- %d %s ----\n\n", c.ID.Clause, theme.Title())
		}
		switch cv.Level {
		case NotCovered:
			writeUndecided(&b, cv)
		default:
			writeCovered(&b, cv, source)
		}
		w("\n")
	}
	return []byte(strings.TrimRight(b.String(), "\n") + "\n")
}

func writeUndecided(b *strings.Builder, cv Coverage) {
	c := cv.Control
	switch {
	case cv.NoSOC2 != "":
		comment(b, "  ", "Not covered: SOC 2 has no counterpart. "+cv.NoSOC2)
	default:
		comment(b, "  ", fmt.Sprintf("Not covered: the crosswalk links it to %s, which no control of the program addresses.", strings.Join(cv.Criteria, ", ")))
	}
	if c.Theme == annexa.Physical {
		comment(b, "  ", "SOC 2 treats physical security with far less granularity than Annex A.")
	}
	comment(b, "  ", "ISO 27001 expects a decision (clause 6.1.3 d): include it (applicable: true, reasons, justification, "+
		"status, owner) if your risks, contracts or obligations need it; or exclude it (applicable: false) with a "+
		"justification saying why it is not needed.")
	fmt.Fprintf(b, "  %s: # %s\n    applicable:\n", c.ID, clean(c.Title))
}

func writeCovered(b *strings.Builder, cv Coverage, source string) {
	c := cv.Control
	switch {
	case cv.Level == Covered:
		comment(b, "  ", fmt.Sprintf("Covered: the program addresses %s; %s for what this control does.",
			idList(cv.Criteria), asks(cv.Full)))
	case len(cv.Missing) == 0:
		comment(b, "  ", fmt.Sprintf("Partly covered: the program addresses %s, but %s this control's subject only in general. %s "+
			"Check what the control still needs and set a due date.", idList(cv.Met), touch(cv.Met), cv.Beyond))
	default:
		comment(b, "  ", fmt.Sprintf("Partly covered: the program addresses %s but not %s; check what the control still needs and set a due date.",
			idList(cv.Met), critList(cv.Missing)))
		if cv.OnlyPartial() {
			comment(b, "  ", "Even with all of them, the criteria touch this control only in general. "+cv.Beyond)
		}
	}
	fmt.Fprintf(b, "  %s: # %s\n", c.ID, clean(c.Title))
	fmt.Fprintf(b, "    applicable: true\n")
	fmt.Fprintf(b, "    reasons: [%s] # proposed: confirm or change them\n", strings.Join(InitReasons, ", "))
	fmt.Fprintf(b, "    justification: \"\" # write why the ISMS needs this control\n")
	status := "implemented"
	if cv.Level == Partly {
		status = "partial"
	}
	fmt.Fprintf(b, "    status: %s\n", status)
	owner, n, owners := proposeOwner(cv.By)
	switch {
	case owner != "" && n == len(cv.By):
		fmt.Fprintf(b, "    owner: %s\n", scalar(owner))
	case owner != "" && len(owners) == 1:
		fmt.Fprintf(b, "    owner: %s # proposed: owns %d of the %d SOC 2 controls\n", scalar(owner), n, len(cv.By))
	case owner != "":
		fmt.Fprintf(b, "    owner: %s # proposed: owns %d of the %d SOC 2 controls; the others: %s\n",
			scalar(owner), n, len(cv.By), clean(strings.Join(owners[1:], ", ")))
	case len(owners) > 0:
		comment(b, "    ", "Name one owner; the SOC 2 controls have "+strings.Join(owners, ", ")+".")
		fmt.Fprintf(b, "    owner:\n")
	}
	fmt.Fprintf(b, "    implementation: |-\n      Through the SOC 2 program (%s):\n", clean(source))
	var evidence []string
	for _, pc := range cv.By {
		var mine []string
		for _, t := range pc.Criteria {
			if contains(cv.Criteria, t) {
				mine = append(mine, t)
			}
		}
		fmt.Fprintf(b, "      %s %s (%s)\n", clean(pc.ID), clean(pc.Name), strings.Join(mine, ", "))
		if len(pc.Evidence) == 0 {
			evidence = appendNew(evidence, clean(pc.Name+" ("+pc.ID+")"))
		}
		for _, e := range pc.Evidence {
			evidence = appendNew(evidence, clean(e+" ("+pc.ID+")"))
		}
	}
	fmt.Fprintf(b, "    evidence:\n")
	for _, e := range evidence {
		fmt.Fprintf(b, "      - %s\n", scalar(e))
	}
}

// proposeOwner returns the owner of more than half of the controls, if any, with how many
// they own, and the distinct owners, that one first.
func proposeOwner(by []*Control) (owner string, n int, owners []string) {
	count := map[string]int{}
	for _, pc := range by {
		if pc.Owner == "" {
			continue
		}
		if count[pc.Owner] == 0 {
			owners = append(owners, pc.Owner)
		}
		count[pc.Owner]++
	}
	for _, o := range owners {
		if 2*count[o] > len(by) {
			owner, n = o, count[o]
		}
	}
	if owner != "" {
		i := 0
		for owners[i] != owner {
			i++
		}
		owners = append([]string{owner}, append(owners[:i:i], owners[i+1:]...)...)
	}
	return owner, n, owners
}

func appendNew(list []string, s string) []string {
	if contains(list, s) {
		return list
	}
	return append(list, s)
}

// asks is "CC8.1 asks" or "CC6.1 and CC6.3 ask".
func asks(ids []string) string {
	if len(ids) == 1 {
		return ids[0] + " asks"
	}
	return idList(ids) + " ask"
}

// touch is "it touches" or "they touch".
func touch(ids []string) string {
	if len(ids) == 1 {
		return "it touches"
	}
	return "they touch"
}

// idList joins IDs: "CC6.1, CC6.2 and CC6.3".
func idList(ids []string) string {
	if len(ids) <= 1 {
		return strings.Join(ids, "")
	}
	return strings.Join(ids[:len(ids)-1], ", ") + " and " + ids[len(ids)-1]
}

// critList joins criteria with their names: "CC6.1 (logical access security measures)".
func critList(ids []string) string {
	var parts []string
	for _, id := range ids {
		c, _ := annexa.LookupCriterion(id)
		parts = append(parts, id+" ("+strings.ToLower(c.Name[:1])+c.Name[1:]+")")
	}
	return idList(parts)
}

// clean makes s one line of printable text.
func clean(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return ' '
		}
		if !unicode.IsGraphic(r) || r == '\ufeff' {
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// scalar writes s as a one-line YAML scalar, quoted where YAML needs it.
func scalar(s string) string {
	s = clean(s)
	out, err := yaml.Marshal(s)
	if t := strings.TrimSuffix(string(out), "\n"); err == nil && !strings.Contains(t, "\n") {
		return t
	}
	return fmt.Sprintf("%q", s) // not reached for one-line text; Go quoting is valid YAML here
}

// comment writes text as comment lines of at most about 100 columns, with the indent.
func comment(b *strings.Builder, indent, text string) {
	width := 100 - len(indent) - 2
	line := ""
	for _, word := range strings.Fields(clean(text)) {
		if line != "" && len(line)+1+len(word) > width {
			fmt.Fprintf(b, "%s# %s\n", indent, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += word
	}
	if line != "" {
		fmt.Fprintf(b, "%s# %s\n", indent, line)
	}
}
