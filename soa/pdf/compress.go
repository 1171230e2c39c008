package pdf

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"sync"
)

// Compression: gofpdf compresses each page's content stream with a new zlib writer, whose
// tables (about half a megabyte) it allocates and clears for every page: for a document of a
// few dozen pages that is a good part of its time. So a document of up to packAfterPages
// pages is generated uncompressed, and compressStreams compresses its streams afterwards with
// one reused writer per processor (up to four), the same way gofpdf would: zlib at BestSpeed, the
// dictionary "<</Filter /FlateDecode /Length n>>". The result is byte for byte the document
// gofpdf writes with compression on (TestCompressStreamsAsGofpdf). A larger document is left
// to gofpdf: uncompressed, it would be held three times over (gofpdf's pages, its output
// buffer and maroto's copy), hundreds of megabytes for a register of thousands of risks.

// reContents finds the streams gofpdf compresses: a page's contents, an indexed image's palette.
var reContents = regexp.MustCompile(`/Contents (\d+) 0 R|/Indexed /DeviceRGB \d+ (\d+) 0 R`)

// compressStreams compresses the streams of pdf that gofpdf would (page contents and the
// palettes of indexed images) and writes a new cross-reference table.
// pdf is a document as gofpdf writes it: a classic cross-reference table, no object streams,
// no incremental update.
func compressStreams(pdf []byte) ([]byte, error) {
	m := reStartXref.FindSubmatch(pdf)
	if m == nil {
		return nil, errors.New("no startxref at the end of the document")
	}
	xref, _ := strconv.Atoi(string(m[1]))
	if xref <= 0 || xref >= len(pdf) {
		return nil, errors.New("no cross-reference table")
	}
	sizeM := reSize.FindSubmatch(pdf[xref:])
	if sizeM == nil {
		return nil, errors.New("no /Size in the trailer")
	}
	size, _ := strconv.Atoi(string(sizeM[1]))
	if size < 1 || size > len(pdf)/16 { // an object takes more than 16 bytes
		return nil, fmt.Errorf("/Size %d does not fit a document of %d bytes", size, len(pdf))
	}
	offsets, err := xrefOffsets(pdf[xref:], size)
	if err != nil {
		return nil, err
	}
	trailer := bytes.Index(pdf[xref:], []byte("trailer\n"))
	end := bytes.LastIndex(pdf, []byte("startxref"))
	if trailer < 0 || end < xref+trailer {
		return nil, errors.New("no trailer after the cross-reference table")
	}

	// The objects in the order they appear; each runs to the next one, the last to the
	// cross-reference table.
	type object struct {
		n, start, end int
		stream        []byte // the plain stream's data, nil if the object is kept as it is
		rest          []byte // what follows the data: "\nendstream\nendobj\n"
		packed        []byte
	}
	// The streams gofpdf compresses: page contents and the palettes of indexed images.
	packable := map[int]bool{}
	for _, m := range reContents.FindAllSubmatch(pdf[:xref], -1) {
		n, _ := strconv.Atoi(string(m[1]) + string(m[2]))
		packable[n] = true
	}
	var objs []object
	for n, off := range offsets {
		if off > 0 {
			if off >= xref {
				return nil, fmt.Errorf("object %d lies beyond the cross-reference table", n)
			}
			objs = append(objs, object{n: n, start: off})
		}
	}
	slices.SortFunc(objs, func(a, b object) int { return a.start - b.start })
	head := xref // what comes before the first object: the header
	if len(objs) > 0 {
		head = objs[0].start
	}
	for i := range objs {
		o := &objs[i]
		o.end = xref
		if i+1 < len(objs) {
			o.end = objs[i+1].start
		}
		if !packable[o.n] {
			continue
		}
		body := pdf[o.start:o.end]
		prefix := fmt.Appendf(nil, "%d 0 obj\n<</Length ", o.n)
		if !bytes.HasPrefix(body, prefix) {
			return nil, fmt.Errorf("object %d: not a plain stream", o.n)
		}
		rest := body[len(prefix):]
		digits := bytes.IndexByte(rest, '>')
		length, err := strconv.Atoi(string(rest[:max(digits, 0)]))
		if digits <= 0 || err != nil || !bytes.HasPrefix(rest[digits:], []byte(">>\nstream\n")) {
			return nil, fmt.Errorf("object %d: not a plain stream", o.n)
		}
		data := rest[digits+len(">>\nstream\n"):]
		if length > len(data) || !bytes.HasPrefix(data[length:], []byte("\nendstream\nendobj\n")) {
			return nil, fmt.Errorf("object %d: stream length does not match its data", o.n)
		}
		o.stream, o.rest = data[:length], data[length:]
	}

	// Compress the streams, one worker per processor (at most four), each with its own writer.
	work := make(chan int)
	var wg sync.WaitGroup
	for range max(1, min(runtime.GOMAXPROCS(0), 4)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			zw, _ := zlib.NewWriterLevel(&buf, zlib.BestSpeed)
			for i := range work {
				buf.Reset()
				zw.Reset(&buf)
				zw.Write(objs[i].stream)
				zw.Close()
				objs[i].packed = bytes.Clone(buf.Bytes())
			}
		}()
	}
	for i := range objs {
		if objs[i].stream != nil {
			work <- i
		}
	}
	close(work)
	wg.Wait()

	out := make([]byte, 0, len(pdf)/3)
	out = append(out, pdf[:head]...)
	newOffsets := make([]int, len(offsets))
	for _, o := range objs {
		newOffsets[o.n] = len(out)
		if o.stream == nil {
			out = append(out, pdf[o.start:o.end]...)
			continue
		}
		out = fmt.Appendf(out, "%d 0 obj\n<</Filter /FlateDecode /Length %d>>\nstream\n", o.n, len(o.packed))
		out = append(out, o.packed...)
		out = append(out, o.rest...)
	}
	newXref := len(out)
	out = fmt.Appendf(out, "xref\n0 %d\n0000000000 65535 f \n", size)
	for _, off := range newOffsets[1:] {
		out = fmt.Appendf(out, "%010d 00000 n \n", off)
	}
	out = append(out, pdf[xref+trailer:end]...)
	out = fmt.Appendf(out, "startxref\n%d\n%%%%EOF\n", newXref)
	return out, nil
}
