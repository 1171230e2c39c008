package risk

import (
	"strings"
	"testing"
	"time"
)

var fiveByFive = Method{
	Likelihood: []string{"Rare", "Unlikely", "Possible", "Likely", "Almost certain"},
	Impact:     []string{"Negligible", "Minor", "Moderate", "Major", "Severe"},
	Levels:     []Level{{Name: "Low", Max: 4}, {Name: "Medium", Max: 9}, {Name: "High", Max: 15}, {Name: "Critical", Max: 25}},
	Acceptance: 9,
}

func TestValue(t *testing.T) {
	scale := fiveByFive.Likelihood
	tests := []struct {
		in   string
		want int
		err  string
	}{
		{"1", 1, ""},
		{"5", 5, ""},
		{" 3 ", 3, ""},
		{"Rare", 1, ""},
		{"almost CERTAIN", 5, ""},
		{"  Likely ", 4, ""},
		{"0", 0, "0 is outside the scale 1..5 (Rare, Unlikely, Possible, Likely, Almost certain)"},
		{"6", 0, "6 is outside the scale 1..5"},
		{"-1", 0, "-1 is outside the scale 1..5"},
		{"99999999999999999999999", 0, "is outside the scale 1..5"},
		{"Catastrophic", 0, `"Catastrophic" is not a level of the scale: use 1..5 or one of Rare, Unlikely, Possible, Likely, Almost certain`},
		{"", 0, "is not a level of the scale"},
		{"2.5", 0, `"2.5" is not a level of the scale`},
		{"Almost", 0, "is not a level of the scale"},
	}
	for _, tt := range tests {
		got, err := Value(scale, tt.in)
		if got != tt.want {
			t.Errorf("Value(%q) = %d, want %d", tt.in, got, tt.want)
		}
		switch {
		case tt.err == "" && err != nil:
			t.Errorf("Value(%q): %v", tt.in, err)
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("Value(%q) error %v, want it to contain %q", tt.in, err, tt.err)
		}
	}
}

func TestLevelOf(t *testing.T) {
	m := fiveByFive
	for _, tt := range []struct {
		score int
		index int
		name  string
	}{
		{1, 0, "Low"}, {4, 0, "Low"}, {5, 1, "Medium"}, {9, 1, "Medium"}, {10, 2, "High"},
		{15, 2, "High"}, {16, 3, "Critical"}, {25, 3, "Critical"}, {26, -1, ""},
	} {
		if got := m.LevelOf(tt.score); got != tt.index {
			t.Errorf("LevelOf(%d) = %d, want %d", tt.score, got, tt.index)
		}
		if got := m.LevelName(tt.score); got != tt.name {
			t.Errorf("LevelName(%d) = %q, want %q", tt.score, got, tt.name)
		}
	}
	if got := (Method{}).LevelOf(1); got != -1 {
		t.Errorf("LevelOf with no levels = %d, want -1", got)
	}
	if got := fiveByFive.MaxScore(); got != 25 {
		t.Errorf("MaxScore = %d", got)
	}
}

func TestParseOption(t *testing.T) {
	for in, want := range map[string]Option{
		"modify": Modify, "Mitigate": Modify, "reduce": Modify, " MODIFY ": Modify,
		"retain": Retain, "accept": Retain, "Accept": Retain,
		"avoid": Avoid, "terminate": Avoid,
		"share": Share, "transfer": Share, "Transfer": Share,
	} {
		if got, ok := ParseOption(in); !ok || got != want {
			t.Errorf("ParseOption(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "ignore", "tolerate", "modified", "share it"} {
		if got, ok := ParseOption(in); ok || got != "" {
			t.Errorf("ParseOption(%q) = %q, %v; want not ok", in, got, ok)
		}
	}
}

func TestNeedsAcceptance(t *testing.T) {
	m := fiveByFive
	tests := []struct {
		name               string
		option             Option
		inherent, residual Rating
		want               bool
	}{
		{"residual below", Modify, Rating{4, 5}, Rating{1, 5}, false},
		{"residual at the threshold", Modify, Rating{4, 5}, Rating{3, 3}, false},
		{"residual above", Modify, Rating{4, 5}, Rating{2, 5}, true},
		{"retain below", Retain, Rating{3, 3}, Rating{3, 3}, false},
		{"retain above, residual below", Retain, Rating{4, 3}, Rating{1, 3}, true},
		{"avoid above, residual below", Avoid, Rating{4, 3}, Rating{1, 3}, false},
		{"share above", Share, Rating{5, 5}, Rating{2, 5}, true},
		{"share below", Share, Rating{5, 5}, Rating{1, 5}, false},
	}
	for _, tt := range tests {
		r := Risk{ID: "R", Inherent: tt.inherent, Residual: tt.residual, Treatment: Treatment{Option: tt.option}}
		if got := r.NeedsAcceptance(m); got != tt.want {
			t.Errorf("%s: NeedsAcceptance = %v, want %v", tt.name, got, tt.want)
		}
	}
	accepted := Risk{AcceptedBy: "CEO", AcceptedOn: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	if !accepted.Accepted() {
		t.Error("Accepted() = false with both fields")
	}
	if (Risk{AcceptedBy: "CEO"}).Accepted() || (Risk{AcceptedOn: accepted.AcceptedOn}).Accepted() {
		t.Error("Accepted() = true with one field")
	}
}

func TestMethodProblems(t *testing.T) {
	if l := fiveByFive.Problems(); len(l) != 0 {
		t.Errorf("5x5 method: %v", l)
	}
	bad := fiveByFive
	bad.Acceptance = 26
	l := bad.Problems()
	if len(l) != 1 || l[0].Key != "acceptance" || !strings.Contains(l[0].Message, "outside the score range 1..25") {
		t.Errorf("acceptance 26: %v", l)
	}
	bad = fiveByFive
	bad.Levels = nil
	if l := bad.Problems(); len(l) != 1 || l[0].Key != "levels" || !strings.Contains(l[0].Message, "levels is empty") {
		t.Errorf("no levels: %v", l)
	}
}

func TestDescribe(t *testing.T) {
	want := "Risk method: score = likelihood (1–5: Rare, Unlikely, Possible, Likely, Almost certain) × impact (1–5: " +
		"Negligible, Minor, Moderate, Major, Severe). Levels: Low 1–4; Medium 5–9; High 10–15; Critical 16–25. " +
		"A residual score above 9 needs the risk owner's acceptance."
	if got := fiveByFive.Describe(); got != want {
		t.Errorf("Describe() =\n%s\nwant\n%s", got, want)
	}
}
