// Package risk holds the risk method (likelihood and impact scales, score levels, the acceptance
// threshold), the risks of the register with their treatment, and the rules that tie them
// together: scoring, levels, and when a residual risk needs its owner's acceptance.
//
// Reading the YAML files is the job of package soa, which fills these types and their
// positions; this package decides what the values mean.
package risk

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/soa-tool/soa/annexa"
	"github.com/soa-tool/soa/soa/finding"
)

// Level is a named band of scores: every score up to Max that is above the previous level's Max.
type Level struct {
	Name string
	Max  int
}

// Method is the risk method: score = likelihood × impact, read against the levels.
type Method struct {
	Likelihood []string // level names, 1..n
	Impact     []string // level names, 1..m
	Levels     []Level  // ascending; the last Max is n×m
	// Acceptance is the highest residual score accepted without the owner's sign-off.
	Acceptance int
	// Pos has the positions of "" (the method itself) and of its keys.
	Pos map[string]finding.Pos
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

// at returns the position of key, or of the whole item when key has none.
func at(pos map[string]finding.Pos, key string) finding.Pos {
	if p, ok := pos[key]; ok {
		return p
	}
	return pos[""]
}

// Check reports the method's problems: scales of 2 to 10 levels, levels ascending and covering
// every score, and an acceptance threshold inside the score range.
func (m Method) Check() finding.List {
	var l finding.List
	for _, s := range []struct {
		key   string
		scale []string
	}{{"likelihood", m.Likelihood}, {"impact", m.Impact}} {
		if n := len(s.scale); n < 2 || n > 10 {
			l.Errorf(at(m.Pos, s.key), "method", "risk_method.%s has %d levels; give 2 to 10 level names, lowest first", s.key, n)
		}
		seen := map[string]bool{}
		for _, name := range s.scale {
			if k := strings.ToLower(name); seen[k] {
				l.Errorf(at(m.Pos, s.key), "method", "risk_method.%s names %q twice; each level needs its own name", s.key, name)
			} else {
				seen[k] = true
			}
		}
	}
	max := m.MaxScore()
	if len(m.Levels) == 0 {
		l.Errorf(at(m.Pos, "levels"), "method", "risk_method.levels is empty; list the score levels, e.g. {name: Low, max: 4}, ascending up to %d", max)
		return l
	}
	prev := 0
	for i, lv := range m.Levels {
		if lv.Max <= prev {
			l.Errorf(at(m.Pos, fmt.Sprintf("levels[%d]", i)), "method", "level %q has max %d, not above the previous level's %d; levels must ascend", lv.Name, lv.Max, prev)
		}
		prev = lv.Max
	}
	if last := m.Levels[len(m.Levels)-1]; last.Max != max && len(m.Likelihood) > 0 && len(m.Impact) > 0 {
		l.Errorf(at(m.Pos, fmt.Sprintf("levels[%d]", len(m.Levels)-1)), "method",
			"the last level %q ends at %d but scores go up to %d (%d×%d); set its max to %d so every score has a level",
			last.Name, last.Max, max, len(m.Likelihood), len(m.Impact), max)
	}
	if max > 0 && (m.Acceptance < 1 || m.Acceptance > max) {
		l.Errorf(at(m.Pos, "acceptance"), "method", "risk_method.acceptance is %d, outside the score range 1..%d; set it to the highest residual score accepted without the owner's sign-off", m.Acceptance, max)
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
	Plan          string
	Due           time.Time // zero when not given
}

// Risk is one entry of the risk register.
type Risk struct {
	ID, Title, Description       string
	Asset, Threat, Vulnerability string
	Owner                        string
	Inherent                     Rating
	Residual                     Rating // equal to Inherent when not given
	ResidualGiven                bool
	Treatment                    Treatment
	AcceptedBy                   string
	AcceptedOn                   time.Time
	// Pos has the positions of "" (the list item) and of its keys ("likelihood",
	// "treatment.due", "treatment.controls[2]", …).
	Pos map[string]finding.Pos
}

// At returns the position of key in the risk, or of the risk itself.
func (r Risk) At(key string) finding.Pos { return at(r.Pos, key) }

// NeedsAcceptance reports whether the owner must accept the risk: its residual score is above
// the threshold, or it is retained with an inherent score above it.
func (r Risk) NeedsAcceptance(m Method) bool {
	return r.Residual.Score() > m.Acceptance || (r.Treatment.Option == Retain && r.Inherent.Score() > m.Acceptance)
}

// Accepted reports whether the owner's acceptance is recorded (who and when).
func (r Risk) Accepted() bool { return r.AcceptedBy != "" && !r.AcceptedOn.IsZero() }

// Check reports the register's treatment and acceptance problems, judged on today's date.
// Problems of form (missing fields, values off the scale) are the loader's to report.
func Check(risks []Risk, m Method, today time.Time) finding.List {
	var l finding.List
	for _, r := range risks {
		opt := r.Treatment.Option
		if (opt == Modify || opt == Share) && len(r.Treatment.Controls) == 0 && !r.Treatment.ControlsGiven {
			l.Errorf(r.At("treatment"), "treatment-controls",
				"risk %s is treated with %q but names no controls; list the Annex A controls that treat it under treatment.controls", r.ID, opt)
		}
		if r.NeedsAcceptance(m) && !r.Accepted() {
			why := fmt.Sprintf("its residual score %d is above the acceptance threshold %d", r.Residual.Score(), m.Acceptance)
			if r.Residual.Score() <= m.Acceptance {
				why = fmt.Sprintf("it is retained with an inherent score of %d, above the acceptance threshold %d", r.Inherent.Score(), m.Acceptance)
			}
			l.Errorf(r.At("accepted_by"), "acceptance",
				"risk %s needs its owner's acceptance: %s; add accepted_by and accepted_on (YYYY-MM-DD)", r.ID, why)
		} else if (r.AcceptedBy == "") != r.AcceptedOn.IsZero() {
			missing, key := "accepted_on", "accepted_by"
			if r.AcceptedBy == "" {
				missing, key = "accepted_by", "accepted_on"
			}
			l.Errorf(r.At(key), "acceptance", "risk %s records half an acceptance; add %s too", r.ID, missing)
		}
		// A score of 0 is a rating the loader found missing or off the scale, and has reported.
		if r.ResidualGiven && r.Inherent.Score() > 0 && r.Residual.Score() > r.Inherent.Score() {
			l.Warnf(r.At("residual"), "residual-above-inherent",
				"risk %s has a residual score %d above its inherent score %d; treatment should not raise a risk — check the ratings", r.ID, r.Residual.Score(), r.Inherent.Score())
		}
		if due := r.Treatment.Due; !due.IsZero() && due.Before(today) {
			l.Warnf(r.At("treatment.due"), "overdue",
				"the treatment of risk %s was due on %s; record it as done (remove due) or set a new date", r.ID, due.Format(time.DateOnly))
		}
	}
	return l
}
