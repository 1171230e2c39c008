package pdf_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"golang.org/x/image/font/gofont/goregular"

	"github.com/soa-tool/soa/soa/pdf"
	"github.com/soa-tool/soa/soa/soatest"
)

// TestDamagedFonts: issue 17 — damaged TrueType files (truncated, or with bytes overwritten)
// are refused by CheckFont or render; none makes Write panic ("slice bounds out of range").
func TestDamagedFonts(t *testing.T) {
	s := soatest.Valid(t, soatest.Write(t, soatest.ValidFiles()))
	var fonts [][]byte
	n := len(goregular.TTF)
	for i := 1; i <= 64; i++ {
		fonts = append(fonts, goregular.TTF[:n*i/65])
	}
	for i := 1; i <= 65; i++ {
		b := bytes.Clone(goregular.TTF)
		at := 12 + (n-16)*i/66
		copy(b[at:], []byte{0xff, 0xff, 0xff, 0x7f})
		fonts = append(fonts, b)
	}
	refused := 0
	for i, b := range fonts {
		if pdf.CheckFont(b) != nil {
			refused++
			continue
		}
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("font %d: Write panics: %v", i, r)
				}
			}()
			pdf.Write(&bytes.Buffer{}, s, nil, pdf.Options{Regular: b})
		}()
	}
	if refused < 64 {
		t.Errorf("%d of 129 damaged fonts refused by CheckFont, want at least the 64 truncated ones", refused)
	}
}

// TestReadFont: issue 17 — --font must be a regular file under the limit; a FIFO or device is
// refused without being opened (opening a FIFO would wait forever, /dev/zero never ends).
func TestReadFont(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.ttf")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(dir, "go.ttf")
	os.WriteFile(good, goregular.TTF, 0o644)
	short := filepath.Join(dir, "short.ttf")
	os.WriteFile(short, goregular.TTF[:len(goregular.TTF)/3], 0o644)
	for _, tt := range []struct{ path, msg string }{
		{fifo, "is not a regular file"},
		{"/dev/zero", "is not a regular file"},
		{dir, "is a directory"},
		{short, "the font is damaged"},
		{good, ""},
	} {
		b, err := pdf.ReadFont(tt.path)
		if tt.msg == "" {
			if err != nil || len(b) != len(goregular.TTF) {
				t.Errorf("ReadFont(%s) = %d bytes, %v", tt.path, len(b), err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("ReadFont(%s) = %v, want %q", tt.path, err, tt.msg)
		}
	}
}

// TestGlyphCheck: issue 17 — a character beyond U+FFFF (an emoji) crashed gofpdf; any
// character the font cannot draw is now refused before rendering, naming the field.
func TestGlyphCheck(t *testing.T) {
	for _, tt := range []struct {
		name, file, old, new string
		want                 []string
		opt                  pdf.Options
	}{
		{"emoji in a control owner", "controls.yaml", "owner: CISO", `owner: "CISO 🙂"`,
			[]string{"controls.yaml A.5.1 owner: '🙂' (U+1F642) is beyond U+FFFF", "remove the characters beyond U+FFFF"}, pdf.Options{}},
		{"CJK extension B in a risk title", "risks.yaml", "title: Takeover of admin accounts", `title: "𠀋 takeover"`,
			[]string{"risks.yaml risk R-01 title: '𠀋' (U+2000B)"}, pdf.Options{}},
		{"Japanese without --font", "isms.yaml", "owner: Jane Doe, CISO", `owner: "山田太郎"`,
			[]string{"isms.yaml document.owner: the PDF font has no glyph for '山' (U+5C71)", "with --font"}, pdf.Options{}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			files := soatest.ValidFiles()
			files[tt.file] = strings.Replace(files[tt.file], tt.old, tt.new, 1)
			if files[tt.file] == soatest.ValidFiles()[tt.file] {
				t.Fatalf("%s has no %q", tt.file, tt.old)
			}
			s := soatest.Valid(t, soatest.Write(t, files))
			err := pdf.CheckGlyphs(s, nil, tt.opt)
			var ge *pdf.GlyphError
			if !errors.As(err, &ge) {
				t.Fatalf("CheckGlyphs = %v, want a GlyphError", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error\n%v\nlacks %q", err, w)
				}
			}
			// Write refuses too, without panicking.
			if err := pdf.Write(&bytes.Buffer{}, s, nil, tt.opt); !errors.As(err, &ge) {
				t.Errorf("Write = %v, want the GlyphError", err)
			}
		})
	}
	s := derive(t, soatest.Example("acme-saas"))
	if err := pdf.CheckGlyphs(s, nil, pdf.Options{}); err != nil {
		t.Errorf("the example: %v", err)
	}
	if err := pdf.CheckText("--by", "Siobhán O'Connor, CEO — Ελληνικά", pdf.Options{}); err != nil {
		t.Error(err)
	}
	if err := pdf.CheckText("--by", "CISO 🙂", pdf.Options{}); err == nil || !strings.Contains(err.Error(), "--by: '🙂' (U+1F642)") {
		t.Errorf("CheckText = %v", err)
	}
}
