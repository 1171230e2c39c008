// Package risk holds the risk method (likelihood and impact scales, score levels, the acceptance
// threshold), the risks of the register with their treatment, and the rules that tie them
// together: scoring, levels, and when a residual risk needs its owner's acceptance.
//
// Reading the YAML files is the job of package soa/workspace, which fills these types and keeps
// their positions; the rules that report problems with a position are package soa's. This
// package decides what the values mean and imports nothing of soa's.
package risk

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/soa-tool/soa/annexa"
)

// Level is a named band of scores: every score up to Max that is above the previous level's Max.
type Level struct {
	Name string
	Max  int
	// AcceptBy names the role that may accept a residual risk at this level (the CTO, the
	// CEO); "" when the risk owner may.
	AcceptBy string
}

// Method is the risk method: score = likelihood × impact, read against the levels.
type Method struct {
	Likelihood []string // level names, 1..n
	Impact     []string // level names, 1..m
	Levels     []Level  // ascending; the last Max is n×m
	// Acceptance is the highest residual score accepted without the owner's sign-off.
	Acceptance int
	// LikelihoodDescriptions and ImpactDescriptions say what each level of the scales means
	// ("Less than once in 10 years"), one per level; nil when not given.
	LikelihoodDescriptions, ImpactDescriptions []string
}

// MaxScore is n × m.
func (m Method) MaxScore() int { return len(m.Likelihood) * len(m.Impact) }

// LevelOf returns the index in Levels of the level a score falls in, or -1 when none does.
func (m Method) LevelOf(score int) int {
	for i, l := range m.Levels {
		if score <= l.Max {
			return i
		}
	}
	return -1
}

// MinScore returns the lowest score of level i: one above the previous level's Max.
func (m Method) MinScore(i int) int {
	if i == 0 {
		return 1
	}
	return m.Levels[i-1].Max + 1
}

// LevelName returns the name of the level a score falls in, or "" when none does.
func (m Method) LevelName(score int) string {
	if i := m.LevelOf(score); i >= 0 {
		return m.Levels[i].Name
	}
	return ""
}

// Range is a level with its lowest and highest score.
type Range struct {
	Name     string
	Min, Max int
}

// Ranges gives every level with its scores, lowest first.
func (m Method) Ranges() []Range {
	out := make([]Range, len(m.Levels))
	for i, l := range m.Levels {
		out[i] = Range{l.Name, m.MinScore(i), l.Max}
	}
	return out
}

// Describe is the method in one sentence, as every output states it: the scales with their
// level names, the score levels and the acceptance threshold.
func (m Method) Describe() string {
	var levels []string
	for _, r := range m.Ranges() {
		levels = append(levels, fmt.Sprintf("%s %d–%d", r.Name, r.Min, r.Max))
	}
	out := fmt.Sprintf("Risk method: score = likelihood (1–%d: %s) × impact (1–%d: %s). Levels: %s. "+
		"A residual score above %d needs the risk owner's acceptance",
		len(m.Likelihood), strings.Join(m.Likelihood, ", "), len(m.Impact), strings.Join(m.Impact, ", "),
		strings.Join(levels, "; "), m.Acceptance)
	var by []string
	for _, l := range m.Levels {
		if l.AcceptBy != "" {
			by = append(by, fmt.Sprintf("at %s by the %s", l.Name, l.AcceptBy))
		}
	}
	if len(by) > 0 {
		out += "; " + strings.Join(by, ", ")
	}
	return out + "."
}

// Scale is one level of the likelihood or impact scale with what it means.
type Scale struct {
	Value       int
	Name        string
	Description string
}

// Scales gives the likelihood and impact levels with their descriptions; both are nil when
// the method describes neither scale.
func (m Method) Scales() (likelihood, impact []Scale) {
	if len(m.LikelihoodDescriptions) == 0 && len(m.ImpactDescriptions) == 0 {
		return nil, nil
	}
	scale := func(names, desc []string) []Scale {
		out := make([]Scale, len(names))
		for i, n := range names {
			out[i] = Scale{Value: i + 1, Name: n}
			if i < len(desc) {
				out[i].Description = desc[i]
			}
		}
		return out
	}
	return scale(m.Likelihood, m.LikelihoodDescriptions), scale(m.Impact, m.ImpactDescriptions)
}

// AcceptBy names the role that may accept a residual score: the AcceptBy of its level, or ""
// when the level names none (the risk owner may).
func (m Method) AcceptBy(score int) string {
	if i := m.LevelOf(score); i >= 0 {
		return m.Levels[i].AcceptBy
	}
	return ""
}

// Value reads a likelihood or impact given as a number (1..len(scale)) or as a level name
// (case-insensitive). It returns 0 and an explanation when the value is off the scale.
func Value(scale []string, s string) (int, error) {
	s = strings.TrimSpace(s)
	if digits := strings.TrimPrefix(s, "-"); digits != "" && strings.Trim(digits, "0123456789") == "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > len(scale) {
			return 0, fmt.Errorf("%s is outside the scale 1..%d (%s)", s, len(scale), strings.Join(scale, ", "))
		}
		return n, nil
	}
	for i, name := range scale {
		if strings.EqualFold(name, s) {
			return i + 1, nil
		}
	}
	return 0, fmt.Errorf("%q is not a level of the scale: use 1..%d or one of %s", s, len(scale), strings.Join(scale, ", "))
}

// Problem is something wrong with the method: Key names the key it is about ("likelihood",
// "levels[2]", "acceptance"), Message says what to change.
type Problem struct {
	Key, Message string
}

// Problems reports the method's problems: scales of 2 to 10 levels, levels ascending and
// covering every score, and an acceptance threshold inside the score range.
func (m Method) Problems() []Problem {
	var l []Problem
	add := func(key, format string, a ...any) { l = append(l, Problem{key, fmt.Sprintf(format, a...)}) }
	for _, s := range []struct {
		key   string
		scale []string
	}{{"likelihood", m.Likelihood}, {"impact", m.Impact}} {
		if n := len(s.scale); n < 2 || n > 10 {
			add(s.key, "risk_method.%s has %d levels; give 2 to 10 level names, lowest first", s.key, n)
		}
		seen := map[string]bool{}
		for _, name := range s.scale {
			if k := strings.ToLower(name); seen[k] {
				add(s.key, "risk_method.%s names %q twice; each level needs its own name", s.key, name)
			} else {
				seen[k] = true
			}
		}
	}
	max := m.MaxScore()
	if len(m.Levels) == 0 {
		add("levels", "risk_method.levels is empty; list the score levels, e.g. {name: Low, max: 4}, ascending up to %d", max)
		return l
	}
	prev := 0
	for i, lv := range m.Levels {
		if lv.Max <= prev {
			add(fmt.Sprintf("levels[%d]", i), "level %q has max %d, not above the previous level's %d; levels must ascend", lv.Name, lv.Max, prev)
		}
		prev = lv.Max
	}
	if last := m.Levels[len(m.Levels)-1]; last.Max != max && len(m.Likelihood) > 0 && len(m.Impact) > 0 {
		add(fmt.Sprintf("levels[%d]", len(m.Levels)-1),
			"the last level %q ends at %d but scores go up to %d (%d×%d); set its max to %d so every score has a level",
			last.Name, last.Max, max, len(m.Likelihood), len(m.Impact), max)
	}
	for _, s := range []struct {
		key         string
		scale, desc []string
	}{{"likelihood_descriptions", m.Likelihood, m.LikelihoodDescriptions}, {"impact_descriptions", m.Impact, m.ImpactDescriptions}} {
		if len(s.desc) > 0 && len(s.desc) != len(s.scale) {
			add(s.key, "risk_method.%s has %d descriptions for %d levels; give one description per level, lowest first", s.key, len(s.desc), len(s.scale))
		}
	}
	if max > 0 && (m.Acceptance < 1 || m.Acceptance > max) {
		add("acceptance", "risk_method.acceptance is %d, outside the score range 1..%d; set it to the highest residual score accepted without the owner's sign-off", m.Acceptance, max)
	}
	return l
}

// Rating is a likelihood and an impact on the method's scales.
type Rating struct {
	Likelihood, Impact int
}

// Score is likelihood × impact.
func (r Rating) Score() int { return r.Likelihood * r.Impact }

// Option is a risk treatment option in ISO/IEC 27005 terms.
type Option string

// The treatment options.
const (
	Modify Option = "modify"
	Retain Option = "retain"
	Avoid  Option = "avoid"
	Share  Option = "share"
)

// Options lists the treatment options in the order the documents show them.
var Options = []Option{Modify, Retain, Avoid, Share}

// ParseOption reads a treatment option; the older words mitigate and reduce (modify), accept
// (retain) and transfer (share) are accepted too.
func ParseOption(s string) (Option, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "modify", "mitigate", "reduce":
		return Modify, true
	case "retain", "accept":
		return Retain, true
	case "avoid", "terminate":
		return Avoid, true
	case "share", "transfer":
		return Share, true
	}
	return "", false
}

// Treatment is the decision taken on a risk.
type Treatment struct {
	Option   Option
	Controls []annexa.ID // Annex A controls chosen, in the order written
	// ControlsGiven is true when controls were written, even if none was a valid ID (those
	// are reported where they stand, not again as "no controls").
	ControlsGiven bool
	// Additional are the IDs of controls beyond Annex A chosen (controls.yaml
	// additional_controls), in the order written.
	Additional []string
	Plan       string
	Due        time.Time // zero when not given
	// DoneOn is the date the treatment was completed; it then replaces Due.
	DoneOn time.Time
	// ApprovedOn and ApprovedBy record the risk owner's approval of the treatment plan
	// (ISO/IEC 27001:2022 6.1.3 f); ApprovedBy is empty when the risk's owner approved it.
	ApprovedOn time.Time
	ApprovedBy string
}

// Done reports whether the treatment is recorded as completed.
func (t Treatment) Done() bool { return !t.DoneOn.IsZero() }

// NeedsPlan reports whether the option has a plan for the owner to approve: modify, share
// and avoid change something; retain does not.
func (t Treatment) NeedsPlan() bool {
	return t.Option == Modify || t.Option == Share || t.Option == Avoid
}

// Risk is one entry of the risk register.
type Risk struct {
	ID, Title, Description       string
	Asset, Threat, Vulnerability string
	Owner                        string
	Inherent                     Rating
	Residual                     Rating // the target after treatment; equal to Inherent when not given
	ResidualGiven                bool
	Current                      Rating // the rating today, while the treatment is open; equal to Residual when not given
	CurrentGiven                 bool
	Treatment                    Treatment
	AcceptedBy                   string
	AcceptedOn                   time.Time
	// Closed is true for a risk that no longer exists (status: closed), recorded with the
	// date and the reason; it stays in the register but treats and counts for nothing.
	Closed       bool
	ClosedOn     time.Time
	ClosedReason string
}

// The statuses of a risk.
const (
	StatusOpen   = "open"
	StatusClosed = "closed"
)

// Status is StatusOpen or StatusClosed.
func (r Risk) Status() string {
	if r.Closed {
		return StatusClosed
	}
	return StatusOpen
}

// PlanApprover is who approved the treatment plan: ApprovedBy, else the risk's owner.
func (r Risk) PlanApprover() string {
	if r.Treatment.ApprovedBy != "" {
		return r.Treatment.ApprovedBy
	}
	return r.Owner
}

// NeedsAcceptance reports whether the owner must accept the risk: its residual score is above
// the threshold, or it is retained with an inherent score above it.
// A closed risk needs none.
func (r Risk) NeedsAcceptance(m Method) bool {
	if r.Closed {
		return false
	}
	return r.Residual.Score() > m.Acceptance || (r.Treatment.Option == Retain && r.Inherent.Score() > m.Acceptance)
}

// Accepted reports whether the owner's acceptance is recorded (who and when).
func (r Risk) Accepted() bool { return r.AcceptedBy != "" && !r.AcceptedOn.IsZero() }

// AcceptanceScore is the score whose level decides who may accept the risk: the residual
// score, or the inherent score of a retained risk whose residual is within the threshold.
func (r Risk) AcceptanceScore(m Method) int {
	if r.Residual.Score() <= m.Acceptance && r.Treatment.Option == Retain && r.Inherent.Score() > m.Acceptance {
		return r.Inherent.Score()
	}
	return r.Residual.Score()
}
