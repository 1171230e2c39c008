package xlsx

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// The palette. Status colours follow Excel's Good / Neutral / Bad cell styles so that the
// sheet reads as people expect.
const (
	font      = "Calibri"
	fontMono  = "Consolas"
	navy      = "1F3864"
	ink       = "262626"
	muted     = "595959"
	rule      = "BFBFBF"
	band      = "F2F2F2"
	linkBlue  = "0563C1"
	draftRed  = "C00000"
	greyText  = "808080"
	bodySize  = 10
	titleSize = 16
)

// statusColours are the fill and font colours of each status, by its code; the
// chart is the stronger colour the Summary chart uses.
var statusColours = []struct{ status, fill, font, chart string }{
	{"implemented", "C6EFCE", "006100", "70AD47"},
	{"partial", "FFEB9C", "9C5700", "FFC000"},
	{"planned", "DDEBF7", "1F4E78", "5B9BD5"},
	{"not-implemented", "FFC7CE", "9C0006", "C00000"},
}

// excludedFill colours the excluded controls in the Summary chart.
const excludedFill = "BFBFBF"

// levelStops are the colours a level scale runs through, lowest to highest.
var levelStops = [][3]float64{{0xA9, 0xD0, 0x8E}, {0xFF, 0xE6, 0x99}, {0xF4, 0xB1, 0x83}, {0xE0, 0x66, 0x66}}

// levelColour gives the fill colour of level i of n: green for the lowest, red for the
// highest, evenly spread in between, so methods with 3 or 6 levels read the same way.
func levelColour(i, n int) string {
	t := 0.0
	if n > 1 {
		t = float64(i) / float64(n-1)
	}
	t = min(max(t, 0), 1) * float64(len(levelStops)-1)
	k := min(int(t), len(levelStops)-2)
	frac := t - float64(k)
	var rgb [3]int
	for c := range rgb {
		rgb[c] = int(levelStops[k][c] + (levelStops[k+1][c]-levelStops[k][c])*frac + 0.5)
	}
	return fmt.Sprintf("%02X%02X%02X", rgb[0], rgb[1], rgb[2])
}

// styles holds the cell style IDs of the workbook.
type styles struct {
	title, subtitle, subtitleWrap, section, note             int
	header, headerGroup                                      int
	body, bodyBold, bodyCenter, date, dateLeft, link, number int
	label, value, valueDraft, valueMono                      int
	total, totalLabel                                        int
	level                                                    []int // level cells, by level index
	heat                                                     []int // heat map cells, by level index
	axis, axisTitle, axisTitleV, legend                      int
	// conditional formats
	cfExcluded int
	cfStatus   []int // by statusColours index
}

func border(colour string) []excelize.Border {
	return []excelize.Border{
		{Type: "left", Color: colour, Style: 1}, {Type: "right", Color: colour, Style: 1},
		{Type: "top", Color: colour, Style: 1}, {Type: "bottom", Color: colour, Style: 1},
	}
}

func fill(colour string) excelize.Fill {
	return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colour}}
}

func (b *book) style(s *excelize.Style) int {
	id, err := b.f.NewStyle(s)
	b.check(err)
	return id
}

func (b *book) newStyles() {
	f := func(size float64, bold bool, colour string) *excelize.Font {
		return &excelize.Font{Family: font, Size: size, Bold: bold, Color: colour}
	}
	top := func(h string) *excelize.Alignment {
		return &excelize.Alignment{Horizontal: h, Vertical: "top", WrapText: true}
	}
	mid := &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}
	dateFmt := b.l.DateFormat
	st := &b.st
	st.title = b.style(&excelize.Style{Font: f(titleSize, true, b.accent), Alignment: &excelize.Alignment{Vertical: "center"}})
	st.subtitle = b.style(&excelize.Style{Font: f(bodySize, false, muted), Alignment: &excelize.Alignment{Vertical: "center"}})
	st.subtitleWrap = b.style(&excelize.Style{Font: f(bodySize, false, muted), Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	st.section = b.style(&excelize.Style{Font: f(12, true, b.accent), Alignment: &excelize.Alignment{Vertical: "bottom"},
		Border: []excelize.Border{{Type: "bottom", Color: b.accent, Style: 2}}})
	st.note = b.style(&excelize.Style{Font: f(9, false, muted), Alignment: &excelize.Alignment{Vertical: "top"}})
	st.header = b.style(&excelize.Style{Font: f(bodySize, true, "FFFFFF"), Fill: fill(b.accent), Border: border(rule), Alignment: mid})
	st.headerGroup = b.style(&excelize.Style{Font: f(bodySize, true, b.accent), Fill: fill("D9E1F2"), Border: border(rule), Alignment: mid})
	st.body = b.style(&excelize.Style{Font: f(bodySize, false, ink), Border: border(rule), Alignment: top("left")})
	st.bodyBold = b.style(&excelize.Style{Font: f(bodySize, true, ink), Border: border(rule), Alignment: top("left")})
	st.bodyCenter = b.style(&excelize.Style{Font: f(bodySize, false, ink), Border: border(rule), Alignment: top("center")})
	st.date = b.style(&excelize.Style{Font: f(bodySize, false, ink), Border: border(rule), Alignment: top("center"), CustomNumFmt: &dateFmt})
	st.dateLeft = b.style(&excelize.Style{Font: f(bodySize, false, ink), Border: border(rule), Alignment: top("left"), CustomNumFmt: &dateFmt})
	st.link = b.style(&excelize.Style{Font: &excelize.Font{Family: font, Size: bodySize, Color: linkBlue, Underline: "single"},
		Border: border(rule), Alignment: top("left")})
	st.number = b.style(&excelize.Style{Font: f(bodySize, false, ink), Border: border(rule), Alignment: top("center")})
	st.label = b.style(&excelize.Style{Font: f(bodySize, true, b.accent), Fill: fill(band), Border: border(rule), Alignment: top("left")})
	st.value = b.style(&excelize.Style{Font: f(bodySize, false, ink), Border: border(rule), Alignment: top("left")})
	st.valueDraft = b.style(&excelize.Style{Font: f(bodySize, true, draftRed), Border: border(rule), Alignment: top("left")})
	st.valueMono = b.style(&excelize.Style{Font: &excelize.Font{Family: fontMono, Size: bodySize, Color: ink}, Border: border(rule), Alignment: top("left")})
	st.total = b.style(&excelize.Style{Font: f(bodySize, true, ink), Fill: fill("D9E1F2"), Border: border(rule), Alignment: top("center")})
	st.totalLabel = b.style(&excelize.Style{Font: f(bodySize, true, ink), Fill: fill("D9E1F2"), Border: border(rule), Alignment: top("left")})
	st.axis = b.style(&excelize.Style{Font: f(bodySize, true, ink), Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	st.axisTitle = b.style(&excelize.Style{Font: f(11, true, b.accent), Alignment: mid})
	st.axisTitleV = b.style(&excelize.Style{Font: f(11, true, b.accent), Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", TextRotation: 90}})
	st.legend = b.style(&excelize.Style{Font: f(bodySize, false, ink), Alignment: &excelize.Alignment{Vertical: "center"}})
	n := len(b.s.Method.Levels)
	hideZero := "0;-0;;@" // an empty heat map cell reads better than a 0
	for i := range n {
		c := levelColour(i, n)
		st.level = append(st.level, b.style(&excelize.Style{Font: f(bodySize, true, ink), Fill: fill(c), Border: border(rule), Alignment: top("center")}))
		st.heat = append(st.heat, b.style(&excelize.Style{Font: f(14, true, ink), Fill: fill(c), CustomNumFmt: &hideZero,
			Border: border("FFFFFF"), Alignment: mid}))
	}
	var err error
	st.cfExcluded, err = b.f.NewConditionalStyle(&excelize.Style{Font: &excelize.Font{Color: greyText}, Fill: fill(band)})
	b.check(err)
	for _, sc := range statusColours {
		id, err := b.f.NewConditionalStyle(&excelize.Style{Font: &excelize.Font{Color: sc.font, Bold: true}, Fill: fill(sc.fill)})
		b.check(err)
		st.cfStatus = append(st.cfStatus, id)
	}
}
