package annexa

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestCatalogue(t *testing.T) {
	all := All()
	if len(all) != 93 {
		t.Fatalf("catalogue has %d controls, want 93", len(all))
	}
	themes := map[Theme]int{}
	seen := map[ID]bool{}
	news := 0
	for i, c := range all {
		if seen[c.ID] {
			t.Errorf("%s appears twice", c.ID)
		}
		seen[c.ID] = true
		themes[c.Theme]++
		if c.New {
			news++
		}
		if i > 0 && all[i-1].ID.Compare(c.ID) >= 0 {
			t.Errorf("%s is out of order after %s", c.ID, all[i-1].ID)
		}
		if c.Title == "" || strings.TrimSpace(c.Title) != c.Title {
			t.Errorf("%s has title %q", c.ID, c.Title)
		}
		if c.New != (len(c.ISO2013) == 0) {
			t.Errorf("%s: new_in_2022=%v but 2013 predecessors %v", c.ID, c.New, c.ISO2013)
		}
	}
	want := map[Theme]int{Organizational: 37, People: 8, Physical: 14, Technological: 34}
	for th, n := range want {
		if themes[th] != n {
			t.Errorf("theme %s has %d controls, want %d", th, themes[th], n)
		}
	}
	if news != 11 {
		t.Errorf("%d controls new in 2022, want 11", news)
	}
}

func TestISO2013(t *testing.T) {
	old := All2013()
	if len(old) != 114 {
		t.Fatalf("%d controls of 2013, want 114", len(old))
	}
	union := map[string]bool{}
	for _, c := range All() {
		for _, o := range c.ISO2013 {
			union[o] = true
		}
	}
	for _, o := range old {
		if len(o.Now) == 0 {
			t.Errorf("%s resolves to nothing", o.ID)
		}
		if !union[o.ID] {
			t.Errorf("%s is in no control's iso2013 list", o.ID)
		}
	}
	if len(union) != 114 {
		t.Errorf("union of iso2013 lists has %d IDs, want 114", len(union))
	}
	tests := []struct {
		in   string
		want []string
	}{
		{"A.9.2.1", []string{"A.5.16"}},
		{"9.2.2", []string{"A.5.18"}},
		{"A.18.2.3", []string{"A.5.36", "A.8.8"}},
		{"A.13.2.1", []string{"A.5.14"}},
	}
	for _, tt := range tests {
		c, ok := Lookup2013(tt.in)
		if !ok {
			t.Errorf("Lookup2013(%q) found nothing", tt.in)
			continue
		}
		var got []string
		for _, id := range c.Now {
			got = append(got, id.String())
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Lookup2013(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
	a518, _ := Lookup(ID{5, 18})
	if want := []string{"A.9.2.2", "A.9.2.5", "A.9.2.6"}; !slices.Equal(a518.ISO2013, want) {
		t.Errorf("A.5.18 covers %v, want %v", a518.ISO2013, want)
	}
}

func TestParseID(t *testing.T) {
	accepted := []struct {
		in   string
		want ID
	}{
		{"5.1", ID{5, 1}},
		{"A.5.1", ID{5, 1}},
		{"a.5.1", ID{5, 1}},
		{"A 5.1", ID{5, 1}},
		{"A.05.01", ID{5, 1}},
		{"  A.8.34 ", ID{8, 34}},
		{"\tA.5.10\n", ID{5, 10}},
		{"A5.2", ID{5, 2}},
		{"9.9", ID{9, 9}}, // well formed; Resolve refuses it
	}
	for _, tt := range accepted {
		got, err := ParseID(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseID(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
	rejected := []string{"", " ", "5", "A.5", "5.", ".5", "5..1", "A..5.1", "B.5.1", "5.1a", "5,1",
		"A.5.0", "0.1", "5.-1", "A-5.1", "5.1.", "A.5.1 x", "５.１", "1234.1", "A. 5.1", "AA.5.1"}
	for _, in := range rejected {
		_, err := ParseID(in)
		var ie *IDError
		if !errors.As(err, &ie) || ie.Kind != BadForm {
			t.Errorf("ParseID(%q) error = %v, want a BadForm IDError", in, err)
			continue
		}
		if !strings.Contains(err.Error(), AcceptedForms) {
			t.Errorf("ParseID(%q) error %q does not say the accepted forms", in, err)
		}
	}
}

func TestResolve(t *testing.T) {
	tests := []struct {
		in      string
		kind    IDErrorKind
		message string
	}{
		{"A.9.2.1", Old, "A.9.2.1 is an ISO/IEC 27001:2013 control (User registration and de-registration); in the 2022 Annex A it is A.5.16 Identity management"},
		{"A.5.38", Unknown, `"A.5.38" is not an ISO/IEC 27001:2022 Annex A control; did you mean A.5.36 Compliance with policies, rules and standards for information security or A.5.37 Documented operating procedures?`},
		{"A.9.1", Unknown, "did you mean A.8.1 User end point devices or A.8.2 Privileged access rights?"},
		{"x", BadForm, `"x" is not a control ID`},
		{"A.9.9.9", No2013, `"A.9.9.9" is written like an ISO/IEC 27001:2013 control, but the 2013 Annex A has no such control`},
	}
	for _, tt := range tests {
		_, err := Resolve(tt.in)
		var ie *IDError
		if !errors.As(err, &ie) || ie.Kind != tt.kind || !strings.Contains(err.Error(), tt.message) {
			t.Errorf("Resolve(%q) = %v, want kind %d containing %q", tt.in, err, tt.kind, tt.message)
		}
	}
	if id, err := Resolve("a.08.34"); err != nil || id != (ID{8, 34}) {
		t.Errorf("Resolve(a.08.34) = %v, %v", id, err)
	}
}

func TestOrder(t *testing.T) {
	ids := []ID{{5, 10}, {8, 1}, {5, 2}, {6, 8}}
	slices.SortFunc(ids, ID.Compare)
	got := []string{}
	for _, id := range ids {
		got = append(got, id.String())
	}
	if want := []string{"A.5.2", "A.5.10", "A.6.8", "A.8.1"}; !slices.Equal(got, want) {
		t.Errorf("sorted %v, want %v", got, want)
	}
}

func FuzzParseID(f *testing.F) {
	for _, s := range []string{"5.1", "A.05.01", "A 5.1", "A.9.2.1", "", "A.5.", "9999.9"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, err := ParseID(s)
		if err != nil {
			return
		}
		again, err := ParseID(id.String())
		if err != nil || again != id {
			t.Fatalf("%q parsed to %v, whose canonical form parses to %v, %v", s, id, again, err)
		}
		if _, err := Resolve(s); err != nil && err.Error() == "" {
			t.Fatal("empty error")
		}
	})
}

// TestIDString: the names made once are the canonical form, inside and outside their range.
func TestIDString(t *testing.T) {
	for _, c := range []struct {
		id   ID
		want string
	}{
		{ID{5, 1}, "A.5.1"}, {ID{5, 37}, "A.5.37"}, {ID{8, 34}, "A.8.34"}, {ID{6, 8}, "A.6.8"},
		{ID{8, 40}, "A.8.40"}, {ID{8, 41}, "A.8.41"}, {ID{9, 1}, "A.9.1"}, {ID{4, 2}, "A.4.2"},
		{ID{5, 0}, "A.5.0"}, {ID{}, "A.0.0"},
	} {
		if got := c.id.String(); got != c.want {
			t.Errorf("%#v.String() = %q, want %q", c.id, got, c.want)
		}
	}
	for _, ctl := range All() {
		if got, want := ctl.ID.String(), fmt.Sprintf("A.%d.%d", ctl.ID.Clause, ctl.ID.Num); got != want {
			t.Errorf("%s, want %s", got, want)
		}
	}
}
