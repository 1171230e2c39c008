package pdf

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
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

// TestCompressStreamsRefuses: a document without a cross-reference table where it says, with
// an impossible /Size, or whose stream is shorter than its /Length says, is an error naming
// the problem, not a panic or a silent copy.
func TestCompressStreamsRefuses(t *testing.T) {
	// doc is a document of objects with its cross-reference table where startxref says.
	doc := func(size string, objects ...string) string {
		b := "%PDF-1.3\n"
		var xref strings.Builder
		fmt.Fprintf(&xref, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
		for _, o := range objects {
			fmt.Fprintf(&xref, "%010d 00000 n \n", len(b))
			b += o
		}
		return fmt.Sprintf("%s%strailer\n<<\n/Size %s\n>>\nstartxref\n%d\n%%%%EOF\n", b, xref.String(), size, len(b))
	}
	page := "1 0 obj\n<</Type /Page /Contents 2 0 R>>\nendobj\n"
	for _, c := range []struct{ name, pdf, want string }{
		{"no startxref", "%PDF-1.3\n1 0 obj\n<<>>\nendobj\n", "no startxref"},
		{"xref too far", "%PDF-1.3\nstartxref\n999\n%%EOF\n", "no cross-reference table"},
		{"size 0", doc("0", page), "/Size 0"},
		{"size too large", doc("999999999", page), "/Size 999999999"},
		{"short stream", doc("3", page, "2 0 obj\n<</Length 99>>\nstream\nabc\nendstream\nendobj\n"), "object 2: stream length"},
		{"not a stream", doc("3", page, "2 0 obj\n<</Type /XObject>>\nendobj\n"), "object 2: not a plain stream"},
	} {
		_, err := compressStreams([]byte(c.pdf))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one saying %q", c.name, err, c.want)
		}
	}
}
