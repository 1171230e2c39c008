package soc2

import (
	"fmt"
	"slices"
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
//   - a [Covered] or [Partly] covered control is applicable, with the status of
//     [Coverage.Status] and a one-line comment saying why (for a partly covered one, what is
//     missing); implementation names the program controls that implement it ([Attach]),
//     evidence lists what the export gives as their evidence (nothing is made up), owner is
//     proposed from theirs; reasons are [InitReasons] and the justification is left empty,
//     for the user to write;
//   - a [NotCovered] control is left undecided (applicable empty), with a comment on what
//     ISO/IEC 27001 expects: a decision, and for an exclusion a justification; when only
//     planned program controls implement it, it is applicable with status planned.
//
// Program controls that share a criterion with a control without being about it are named in
// a comment ("also related through CC7.5: …"). Nothing is excluded. header is the first line
// (the schema modeline soa init writes); source names the control list in the header comment
// only: the texts that reach the SoA do not carry it. The text loads with workspace.Load; soa
// check then reports the undecided controls and the empty justifications.
func ControlsYAML(r *Report, source, header string) []byte {
	var b strings.Builder
	w := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	w("%s\n", header)
	comment(&b, "", fmt.Sprintf("Annex A decisions drafted by soa init --from-soc2 from the SOC 2 control list %s "+
		"(%d controls addressing %d of the %d Trust Services Criteria).", source, len(r.Program.Controls), len(r.Criteria), len(annexa.Criteria())))
	planned := ""
	if n := len(r.Planned()); n > 0 {
		planned = fmt.Sprintf(", %d planned", n)
	}
	comment(&b, "", fmt.Sprintf("%d controls are covered by the program, %d partly (status partial)%s, "+
		"%d are left undecided. Nothing is excluded: every exclusion needs your justification (clause 6.1.3 d).",
		r.Total.Covered, r.Total.Partly, planned, r.Total.NotCovered-len(r.Planned())))
	unmapped := 0
	for _, c := range r.Program.Controls {
		if len(c.ISO) == 0 {
			unmapped++
		}
	}
	if r.Program.ISOMapped() {
		comment(&b, "", "The program's controls are tied to Annex A controls as the export maps them to ISO/IEC 27001.")
	}
	if unmapped > 0 {
		lead := "A program control"
		if r.Program.ISOMapped() {
			lead = fmt.Sprintf("The export maps %d of its controls to no Annex A control; such a control", unmapped)
		}
		comment(&b, "", fmt.Sprintf(lead+" is tied to an Annex A control when it meets one of the control's criteria "+
			"and is about the same subject (its name or description), or when its name plainly says that subject, at "+
			"most %d per control; those that only share a criterion are named in a comment. Status implemented means they meet every criterion that asks for essentially what the control "+
			"does (fit full in 'soa crosswalk'); partial means something is missing, and the comment says what.", MaxAttached))
	}
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
		switch {
		case cv.Level == NotCovered && cv.Status() == "":
			writeUndecided(&b, cv)
		default:
			writeCovered(&b, cv)
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
	case len(cv.Related) > 0:
		comment(b, "  ", fmt.Sprintf("Not covered: the program meets %s, but none of its controls is about this control.",
			idList(viaAll(cv.Related))))
	default:
		comment(b, "  ", fmt.Sprintf("Not covered: the crosswalk links it to %s, which no control of the program addresses.", strings.Join(cv.Criteria, ", ")))
	}
	writeRelated(b, cv)
	if c.Theme == annexa.Physical {
		comment(b, "  ", "SOC 2 treats physical security with far less granularity than Annex A.")
	}
	comment(b, "  ", "ISO 27001 expects a decision (clause 6.1.3 d): include it (applicable: true, reasons, justification, "+
		"status, owner) if your risks, contracts or obligations need it; or exclude it (applicable: false) with a "+
		"justification saying why it is not needed.")
	fmt.Fprintf(b, "  %s: # %s\n    applicable:\n", c.ID, clean(c.Title))
}

// why is the one-line comment above a control the program covers, at least in part.
func why(cv Coverage) string {
	switch {
	case cv.Level == NotCovered:
		return "Planned: the program controls that will implement it are not in place yet."
	case cv.ByISO && cv.Level == Covered:
		var mapped []string
		for _, pc := range cv.By {
			if slices.Contains(pc.ISO, cv.Control.ID) {
				mapped = append(mapped, pc.ID)
			}
		}
		if len(mapped) == len(cv.By) {
			return "Covered: the export maps these program controls to it."
		}
		return fmt.Sprintf("Covered: the export maps %s to it; the others meet its criteria and are about its subject.", idList(mapped))
	case cv.Level == Covered:
		return fmt.Sprintf("Covered: the program meets %s; %s for what this control does.", idList(cv.Met), asks(cv.Full))
	case len(cv.Missing) == 0:
		return "Partly covered: " + strings.Replace(cv.Beyond, "; ISO 27001 expects", "; still missing, ISO 27001 expects", 1)
	}
	return fmt.Sprintf("Partly covered: the program controls below do not meet %s.", critList(cv.Missing))
}

func writeCovered(b *strings.Builder, cv Coverage) {
	c := cv.Control
	comment(b, "  ", why(cv))
	if cv.Level == Covered && cv.Status() == StatusPartial {
		comment(b, "  ", "The export marks some of these program controls as in progress.")
	}
	writeRelated(b, cv)
	fmt.Fprintf(b, "  %s: # %s\n", c.ID, clean(c.Title))
	fmt.Fprintf(b, "    applicable: true\n")
	fmt.Fprintf(b, "    reasons: [%s] # proposed: confirm or change them\n", strings.Join(InitReasons, ", "))
	fmt.Fprintf(b, "    justification: \"\" # write why the ISMS needs this control\n")
	fmt.Fprintf(b, "    status: %s\n", cv.Status())
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
	fmt.Fprintf(b, "    implementation: |-\n")
	if len(cv.By) == 1 {
		fmt.Fprintf(b, "      Implemented by SOC 2 control %s.\n", implLine(cv, cv.Attached[0]))
	} else {
		fmt.Fprintf(b, "      Implemented by these SOC 2 controls:\n")
		for _, m := range cv.Attached {
			fmt.Fprintf(b, "      - %s\n", implLine(cv, m))
		}
	}
	var evidence []string
	for _, pc := range cv.By {
		for _, e := range pc.Evidence {
			evidence = appendNew(evidence, clean(e+" ("+pc.ID+")"))
		}
	}
	if len(evidence) == 0 {
		comment(b, "    ", "The export names no evidence for these controls: list the records that show the control works.")
		return
	}
	fmt.Fprintf(b, "    evidence:\n")
	for _, e := range evidence {
		fmt.Fprintf(b, "      - %s\n", scalar(e))
	}
}

// implLine is one program control in an implementation text: "AC-01 User access reviews
// (CC6.2, CC6.3; in progress)".
func implLine(cv Coverage, m Match) string {
	pc := m.Control
	var notes []string
	if len(m.Via) > 0 {
		notes = append(notes, strings.Join(m.Via, ", "))
	} else {
		var mine []string
		for _, t := range pc.Criteria {
			if slices.Contains(cv.Criteria, t) {
				mine = append(mine, t)
			}
		}
		if len(mine) > 0 {
			notes = append(notes, strings.Join(mine, ", "))
		}
	}
	switch pc.Status {
	case StatusPartial:
		notes = append(notes, "in progress")
	case StatusPlanned:
		notes = append(notes, "planned")
	}
	s := clean(pc.ID + " " + pc.Name)
	if len(notes) > 0 {
		s += " (" + strings.Join(notes, "; ") + ")"
	}
	return s
}

// writeRelated names, in a comment, the program controls that share a criterion with the
// control without being about it, grouped by criterion, and the points of focus the attached
// controls name.
func writeRelated(b *strings.Builder, cv Coverage) {
	var focus []string
	for _, pc := range cv.By {
		for _, f := range pc.Focus {
			if t := f[:strings.LastIndex(f, ".")]; slices.Contains(cv.Criteria, t) || cv.ByISO {
				focus = appendNew(focus, f)
			}
		}
	}
	if len(focus) > 0 {
		comment(b, "  ", "Points of focus named by these controls: "+shortList(focus, 12)+".")
	}
	for _, t := range viaAll(cv.Related) {
		var names []string
		for _, m := range cv.Related {
			if slices.Contains(m.Via, t) && !slices.Contains(names, m.Control.ID) {
				names = append(names, m.Control.ID+" "+m.Control.Name)
			}
		}
		comment(b, "  ", fmt.Sprintf("Also related through %s: %s.", t, shortList(names, 6)))
	}
}

// viaAll returns the criteria of the matches, in TSC order.
func viaAll(ms []Match) []string {
	var out []string
	for _, m := range ms {
		for _, t := range m.Via {
			out = appendNew(out, t)
		}
	}
	sortCriteria(out)
	return out
}

// shortList joins at most n items and says how many more there are.
func shortList(items []string, n int) string {
	if len(items) <= n {
		return strings.Join(items, "; ")
	}
	return fmt.Sprintf("%s; and %d more", strings.Join(items[:n], "; "), len(items)-n)
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
