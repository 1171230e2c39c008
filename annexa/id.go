package annexa

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// ID identifies an Annex A 2022 control: clause 5 to 8 and a number within it.
// The zero ID is not a control.
type ID struct {
	Clause, Num int
}

// String gives the canonical form, A.5.1.
func (id ID) String() string {
	if id.Clause >= 5 && id.Clause <= 8 && id.Num >= 1 && id.Num <= maxNum {
		return idNames[id.Clause-5][id.Num-1]
	}
	return fmt.Sprintf("A.%d.%d", id.Clause, id.Num)
}

// maxNum bounds the numbers whose names are made once (clause 5 has 37 controls).
const maxNum = 40

// idNames are the canonical forms of A.5.1 to A.8.40, made once: a large register names
// a control hundreds of thousands of times.
var idNames = func() (t [4][maxNum]string) {
	for c := range t {
		for n := range t[c] {
			t[c][n] = "A." + strconv.Itoa(c+5) + "." + strconv.Itoa(n+1)
		}
	}
	return t
}()

// Short gives the form without the A prefix, 5.1.
func (id ID) Short() string { return fmt.Sprintf("%d.%d", id.Clause, id.Num) }

// Compare orders IDs numerically: A.5.2 before A.5.10.
func (id ID) Compare(o ID) int {
	if c := cmp.Compare(id.Clause, o.Clause); c != 0 {
		return c
	}
	return cmp.Compare(id.Num, o.Num)
}

// IsZero reports whether id is the zero ID.
func (id ID) IsZero() bool { return id == ID{} }

// MarshalText writes the canonical form.
func (id ID) MarshalText() ([]byte, error) { return []byte(id.String()), nil }

// AcceptedForms says how a control ID may be written; error messages end with it.
const AcceptedForms = "write it as 5.1, A.5.1, a.5.1, A 5.1 or A.05.01"

// ParseID reads a control ID written as 5.1, A.5.1, a.5.1, A 5.1 or A.05.01, with surrounding
// spaces allowed. It checks the form only; [Resolve] also checks that the control exists.
func ParseID(s string) (ID, error) {
	nums, ok := splitID(s)
	if !ok || len(nums) != 2 {
		return ID{}, &IDError{Input: s, Kind: BadForm}
	}
	return ID{nums[0], nums[1]}, nil
}

// splitID reads an optional A prefix (followed by '.', spaces, or nothing) and two or more
// dot-separated decimal numbers of at most three digits.
func splitID(s string) ([]int, bool) {
	s = strings.TrimSpace(s)
	if len(s) > 0 && (s[0] == 'A' || s[0] == 'a') {
		s = s[1:]
		if rest := strings.TrimLeft(s, " "); len(rest) < len(s) {
			s = rest
		} else {
			s = strings.TrimPrefix(s, ".")
		}
	}
	parts := strings.Split(s, ".")
	nums := make([]int, 0, len(parts))
	for _, p := range parts {
		if p == "" || len(p) > 3 || strings.Trim(p, "0123456789") != "" {
			return nil, false
		}
		n, _ := strconv.Atoi(p)
		if n == 0 {
			return nil, false
		}
		nums = append(nums, n)
	}
	return nums, len(nums) >= 2
}

// parse2013 reads a 2013 control ID (A.9.2.1, 9.2.1, A 9.2.1) into its canonical form.
func parse2013(s string) (string, bool) {
	nums, ok := splitID(s)
	if !ok || len(nums) != 3 {
		return "", false
	}
	return fmt.Sprintf("A.%d.%d.%d", nums[0], nums[1], nums[2]), true
}

// IDErrorKind tells why a control ID was refused.
type IDErrorKind int

// The kinds of [IDError].
const (
	BadForm IDErrorKind = iota // not written as an ID at all
	Unknown                    // well formed, but not a 2022 control
	Old                        // a 2013 control; Replacements says what replaced it
	No2013                     // written like a 2013 control, but the 2013 Annex A has none such
)

// IDError reports a control ID that is not a 2022 Annex A control.
type IDError struct {
	Input        string
	Kind         IDErrorKind
	Replacements []ID // for Old: the 2022 controls that replaced it
	Nearest      []ID // for Unknown: real controls close to the input
}

func (e *IDError) Error() string {
	switch e.Kind {
	case Old:
		c, _ := Lookup2013(e.Input)
		return fmt.Sprintf("%s is an ISO/IEC 27001:2013 control (%s); in the 2022 Annex A it is %s",
			c.ID, c.Title, describe(e.Replacements, " and "))
	case No2013:
		return fmt.Sprintf("%q is written like an ISO/IEC 27001:2013 control, but the 2013 Annex A has no such control; give a 2022 control, %s",
			strings.TrimSpace(e.Input), AcceptedForms)
	case Unknown:
		return fmt.Sprintf("%q is not an ISO/IEC 27001:2022 Annex A control; did you mean %s?",
			strings.TrimSpace(e.Input), describe(e.Nearest, " or "))
	}
	return fmt.Sprintf("%q is not a control ID: %s", strings.TrimSpace(e.Input), AcceptedForms)
}

// describe lists controls with their titles: "A.5.16 Identity management or A.5.18 Access rights".
func describe(ids []ID, sep string) string {
	var b strings.Builder
	for i, id := range ids {
		if i > 0 {
			b.WriteString(sep)
		}
		c, _ := Lookup(id)
		fmt.Fprintf(&b, "%s %s", id, c.Title)
	}
	return b.String()
}

// Resolve parses s and checks that it names a 2022 control. A 2013 number gives an [IDError]
// of kind Old naming its replacements; an unknown number one of kind Unknown naming the nearest
// real controls.
func Resolve(s string) (ID, error) {
	if id, ok := canonical()[s]; ok { // the common case, A.5.1 as printed: no parsing
		return id, nil
	}
	if c, ok := Lookup2013(s); ok {
		return ID{}, &IDError{Input: s, Kind: Old, Replacements: c.Now}
	}
	if _, ok := parse2013(s); ok {
		return ID{}, &IDError{Input: s, Kind: No2013}
	}
	id, err := ParseID(s)
	if err != nil {
		return ID{}, err
	}
	if _, ok := byID[id]; !ok {
		return ID{}, &IDError{Input: s, Kind: Unknown, Nearest: Nearest(id, 2)}
	}
	return id, nil
}

// canonical maps each control's ID as printed ("A.5.1") to the ID.
var canonical = sync.OnceValue(func() map[string]ID {
	m := make(map[string]ID, len(catalogue))
	for _, c := range catalogue {
		m[c.ID.String()] = c.ID
	}
	return m
})

// Nearest returns up to n catalogue controls closest to id: the same clause first, then the
// closest numbers.
func Nearest(id ID, n int) []ID {
	dist := func(c Control) int {
		d := c.ID.Clause - id.Clause
		e := c.ID.Num - id.Num
		return 1000*max(d, -d) + max(e, -e)
	}
	ids := make([]Control, len(catalogue))
	copy(ids, catalogue)
	slices.SortStableFunc(ids, func(a, b Control) int { return cmp.Compare(dist(a), dist(b)) })
	out := make([]ID, 0, n)
	for _, c := range ids[:min(n, len(ids))] {
		out = append(out, c.ID)
	}
	slices.SortFunc(out, ID.Compare)
	return out
}
