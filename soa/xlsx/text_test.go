package xlsx

import (
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestCut(t *testing.T) {
	for _, c := range []struct {
		name string
		in   string
		cut  bool
	}{
		{"short", "a justification", false},
		{"at the limit", strings.Repeat("a", maxCell), false},
		{"over", strings.Repeat("a", maxCell+1), true},
		{"wide runes over", strings.Repeat("日本語", 12000), true},
		{"surrogate pairs over", strings.Repeat("😀", maxCell/2+1), true},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := cut(c.in)
			if n := utf16Len(got); n > maxCell {
				t.Errorf("%d UTF-16 units, over %d", n, maxCell)
			}
			if strings.HasSuffix(got, truncated) != c.cut {
				t.Errorf("marker present = %v, want %v", !c.cut, c.cut)
			}
			if !c.cut && got != c.in {
				t.Error("changed a text under the limit")
			}
			if c.cut && !strings.HasPrefix(c.in, strings.TrimSuffix(got, truncated)) {
				t.Error("the kept part is not the start of the text")
			}
		})
	}
}

func TestCellTextEscapesCharacterCodes(t *testing.T) {
	if got, want := cellText("a _x0041_ b _xZZZZ_"), "a _x005F_x0041_ b _xZZZZ_"; got != want {
		t.Errorf("cellText = %q, want %q", got, want)
	}
}

func TestLinkURL(t *testing.T) {
	for _, c := range []struct {
		items []string
		ok    bool
	}{
		{[]string{"https://example.com/a?b=c#d"}, true},
		{[]string{"http://example.com"}, true},
		{[]string{"javascript:alert(1)"}, false},
		{[]string{"JavaScript://example.com/%0Aalert(1)"}, false},
		{[]string{"file:///etc/passwd"}, false},
		{[]string{"data:text/html,<b>x</b>"}, false},
		{[]string{"https:example.com"}, false},
		{[]string{"//example.com/a"}, false},
		{[]string{"https://exa mple.com"}, false},
		{[]string{"https://example.com/\n=1"}, false},
		{[]string{"https://example.com/" + strings.Repeat("a", 2000)}, false},
		{[]string{"https://example.com", "https://example.org"}, false},
		{nil, false},
	} {
		if _, ok := linkURL(c.items); ok != c.ok {
			t.Errorf("linkURL(%q) = %v, want %v", c.items, ok, c.ok)
		}
	}
}

func TestExcelDate(t *testing.T) {
	for _, c := range []struct {
		date string
		want float64
		ok   bool
	}{
		{"1900-03-01", 61, true},
		{"2026-10-15", 46310, true},
		{"1900-01-01", 0, false},
	} {
		d, _ := time.Parse(time.DateOnly, c.date)
		got, ok := excelDate(d)
		if got != c.want || ok != c.ok {
			t.Errorf("excelDate(%s) = %v, %v; want %v, %v", c.date, got, ok, c.want, c.ok)
		}
	}
}

func TestLines(t *testing.T) {
	for _, c := range []struct {
		text  string
		width float64
		want  int
	}{
		{"", 10, 1},
		{"short", 10, 1},
		{"one two three four five six seven", 10, 4}, // 11 characters a line
		{"a\nb\nc", 40, 3},
		{strings.Repeat("x", 100), 11, 9}, // an unbroken token wraps anywhere
		{"日本語日本語日本語日本語", 11, 2},           // wide characters count twice
	} {
		if got := lines(c.text, c.width); got != c.want {
			t.Errorf("lines(%q, %v) = %d, want %d", c.text, c.width, got, c.want)
		}
	}
	if h := height(1000); h != maxHeight {
		t.Errorf("height(1000) = %v, want the cap %v", h, maxHeight)
	}
}

func TestLevelColour(t *testing.T) {
	hex := regexp.MustCompile(`^[0-9A-F]{6}$`)
	for n := 1; n <= 10; n++ {
		for i := range n {
			if c := levelColour(i, n); !hex.MatchString(c) {
				t.Errorf("levelColour(%d, %d) = %q", i, n, c)
			}
		}
		if got := levelColour(0, n); got != "A9D08E" {
			t.Errorf("lowest of %d levels = %s, want green", n, got)
		}
		if got := levelColour(n-1, n); n > 1 && got != "E06666" {
			t.Errorf("highest of %d levels = %s, want red", n, got)
		}
	}
}

func TestHeaderFooterText(t *testing.T) {
	if got, want := hf("R&D & Co", 40), "R&&D && Co"; got != want {
		t.Errorf("hf = %q, want %q", got, want)
	}
	if got := hf(strings.Repeat("&", 100), 30); len(got) > 2*30+3 {
		t.Errorf("hf kept %d bytes", len(got))
	}
}
