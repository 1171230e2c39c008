package pdf

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/soa-tool/soa/soa/soatest"
)

// TestCompressStreamsAsGofpdf renders the example and a generated register both ways:
// compressed by gofpdf page by page, and uncompressed then compressed by compressStreams.
// The documents must be the same bytes.
func TestCompressStreamsAsGofpdf(t *testing.T) {
	// A logo with a palette: gofpdf compresses its palette too.
	branded := soatest.Branded(t, "de")
	img := image.NewPaletted(image.Rect(0, 0, 40, 20), color.Palette{color.RGBA{0x5b, 0x2c, 0x83, 0xff}, color.White})
	for x := range 20 {
		img.SetColorIndex(x, x%20, 1)
	}
	var logo bytes.Buffer
	if err := png.Encode(&logo, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(branded, "logo.png"), logo.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{soatest.Example("acme-saas"), soatest.Generated(t, 300), branded} {
		s := soatest.Derive(t, dir)
		render := func(byGofpdf bool) []byte {
			gofpdfCompresses = byGofpdf
			defer func() { gofpdfCompresses = false }()
			var b bytes.Buffer
			if err := Write(&b, s, nil, Options{}); err != nil {
				t.Fatal(err)
			}
			return b.Bytes()
		}
		want, got := render(true), render(false)
		if dir == branded && !bytes.Contains(got, []byte("/Indexed")) {
			t.Error("the paletted logo is not drawn with a palette")
		}
		if !bytes.Equal(got, want) {
			i := 0
			for i < len(got) && i < len(want) && got[i] == want[i] {
				i++
			}
			t.Fatalf("%s: %d bytes, gofpdf %d; first difference at %d:\n%q\n%q", dir, len(got), len(want), i,
				got[max(0, i-80):min(len(got), i+80)], want[max(0, i-80):min(len(want), i+80)])
		}
	}
}

// TestCompressStreamsRefuses: a document without a cross-reference table where it says, or
// whose stream is shorter than its /Length says, is an error, not a panic or a silent copy.
func TestCompressStreamsRefuses(t *testing.T) {
	for name, doc := range map[string]string{
		"no startxref": "%PDF-1.3\n1 0 obj\n<<>>\nendobj\n",
		"xref too far": "%PDF-1.3\nstartxref\n999\n%%EOF\n",
		"short stream": "%PDF-1.3\n1 0 obj\n<</Length 99>>\nstream\nabc\nendstream\nendobj\nxref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n<<\n/Size 2\n>>\nstartxref\n55\n%%EOF\n",
	} {
		if _, err := compressStreams([]byte(doc)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
