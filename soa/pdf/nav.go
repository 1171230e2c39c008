package pdf

import (
	"bytes"
	"crypto/md5"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"unicode/utf16"
)

// Navigation: maroto offers no bookmarks, internal links or document language, so they are
// added to the finished PDF as an incremental update: new objects appended after the
// document, a catalogue that points at the outline and names the language, and the page of
// the contents again with its link annotations, then a cross-reference section for them.
// The original bytes stay as they are, and the update is a function of them only, so the
// PDF stays deterministic.

// link is a line of the contents: where it is (page, mm from the top of the page, height
// and width in mm) and the section it leads to.
type link struct {
	page               int
	top, height, width float64
	key                string
}

// outlineItem is a bookmark.
type outlineItem struct {
	title string
	page  int
	kids  []outlineItem
}

// navigation is what addNavigation adds.
type navigation struct {
	lang    string
	outline []outlineItem
	links   []resolvedLink
}

type resolvedLink struct {
	link
	target int
}

// navigation gives the outline (every section, the themes under the SoA) and the links of
// the contents, with the pages the sections start on.
func (r *renderer) navigation() navigation {
	nav := navigation{lang: r.l.Code}
	nav.outline = append(nav.outline, outlineItem{title: r.l.T("soa"), page: 1})
	for _, e := range r.sections() {
		it := outlineItem{title: e.title, page: r.pageOf[e.key]}
		if e.level > 0 && len(nav.outline) > 1 {
			p := &nav.outline[len(nav.outline)-1]
			p.kids = append(p.kids, it)
			continue
		}
		nav.outline = append(nav.outline, it)
	}
	for _, l := range r.links {
		nav.links = append(nav.links, resolvedLink{link: l, target: r.pageOf[l.key]})
	}
	return nav
}

var (
	reStartXref = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
	reRoot      = regexp.MustCompile(`/Root (\d+) 0 R`)
	reInfo      = regexp.MustCompile(`/Info (\d+) 0 R`)
	reSize      = regexp.MustCompile(`/Size (\d+)`)
	reKids      = regexp.MustCompile(`/Type /Pages\s*/Kids \[([0-9 R]*)\]`)
)

// addNavigation appends the outline, the language and the contents' links to pdf, a
// document as gofpdf writes it (a classic cross-reference table, no object streams).
func addNavigation(pdf []byte, nav navigation) ([]byte, error) {
	m := reStartXref.FindSubmatch(pdf)
	if m == nil {
		return nil, errors.New("no startxref at the end of the document")
	}
	prevXref, _ := strconv.Atoi(string(m[1]))
	trailer := pdf[prevXref:]
	rootM, infoM, sizeM := reRoot.FindSubmatch(trailer), reInfo.FindSubmatch(trailer), reSize.FindSubmatch(trailer)
	if rootM == nil || sizeM == nil {
		return nil, errors.New("no /Root or /Size in the trailer")
	}
	root, _ := strconv.Atoi(string(rootM[1]))
	size, _ := strconv.Atoi(string(sizeM[1]))
	offsets, err := xrefOffsets(pdf[prevXref:], size)
	if err != nil {
		return nil, err
	}
	object := func(n int) ([]byte, error) {
		if n <= 0 || n >= len(offsets) || offsets[n] == 0 {
			return nil, fmt.Errorf("object %d is not in the cross-reference table", n)
		}
		body := pdf[offsets[n]:]
		start := bytes.Index(body, []byte("obj"))
		end := bytes.Index(body, []byte("endobj"))
		if start < 0 || end < start {
			return nil, fmt.Errorf("object %d cannot be read", n)
		}
		return bytes.TrimSpace(body[start+3 : end]), nil
	}
	kidsM := reKids.FindSubmatch(pdf)
	if kidsM == nil {
		return nil, errors.New("no page tree")
	}
	// The kids are "n 0 R" triples: the object numbers of the pages, in order.
	var refs []int
	fields := bytes.Fields(kidsM[1])
	for i := 0; i+2 < len(fields); i += 3 {
		n, err := strconv.Atoi(string(fields[i]))
		if err != nil {
			return nil, errors.New("unexpected page tree")
		}
		refs = append(refs, n)
	}
	pages := refs
	pageRef := func(p int) string {
		if p < 1 || p > len(pages) {
			p = 1
		}
		return fmt.Sprintf("%d 0 R", pages[p-1])
	}

	var out bytes.Buffer
	out.Write(pdf)
	if !bytes.HasSuffix(pdf, []byte("\n")) {
		out.WriteByte('\n')
	}
	next := size
	written := map[int]int{} // object number → offset
	put := func(n int, body string) {
		written[n] = out.Len()
		fmt.Fprintf(&out, "%d 0 obj\n%s\nendobj\n", n, body)
	}
	alloc := func() int { next++; return next - 1 }

	// The outline: the root, then the items depth first.
	outlines := alloc()
	// Numbers are given first (depth first), then the items are written.
	type node struct {
		n, parent int
		item      outlineItem
		children  []*node
	}
	var build func(items []outlineItem, parent int) []*node
	build = func(items []outlineItem, parent int) []*node {
		var ns []*node
		for _, it := range items {
			ns = append(ns, &node{n: alloc(), parent: parent, item: it})
		}
		for _, nd := range ns {
			nd.children = build(nd.item.kids, nd.n)
		}
		return ns
	}
	top := build(nav.outline, outlines)
	count := 0
	var emit func(ns []*node)
	emit = func(ns []*node) {
		for i, nd := range ns {
			count++
			body := fmt.Sprintf("<< /Title %s /Parent %d 0 R /Dest [%s /Fit]", pdfText(nd.item.title), nd.parent, pageRef(nd.item.page))
			if i > 0 {
				body += fmt.Sprintf(" /Prev %d 0 R", ns[i-1].n)
			}
			if i+1 < len(ns) {
				body += fmt.Sprintf(" /Next %d 0 R", ns[i+1].n)
			}
			if len(nd.children) > 0 {
				body += fmt.Sprintf(" /First %d 0 R /Last %d 0 R /Count %d", nd.children[0].n, nd.children[len(nd.children)-1].n, len(nd.children))
			}
			put(nd.n, body+" >>")
			emit(nd.children)
		}
	}
	emit(top)
	if len(top) > 0 {
		put(outlines, fmt.Sprintf("<< /Type /Outlines /First %d 0 R /Last %d 0 R /Count %d >>", top[0].n, top[len(top)-1].n, len(top)))
	} else {
		put(outlines, "<< /Type /Outlines /Count 0 >>")
	}

	// The links of the contents, by page.
	byPage := map[int][]string{}
	for _, l := range nav.links {
		if l.target < 1 {
			continue
		}
		x1, x2 := mmToPt(marginSide), mmToPt(marginSide+l.width)
		y1, y2 := mmToPt(pageHeight-l.top-l.height), mmToPt(pageHeight-l.top)
		n := alloc()
		put(n, fmt.Sprintf("<< /Type /Annot /Subtype /Link /F 4 /Rect [%.2f %.2f %.2f %.2f] /Border [0 0 0] /Dest [%s /Fit] >>",
			x1, y1, x2, y2, pageRef(l.target)))
		byPage[l.page] = append(byPage[l.page], fmt.Sprintf("%d 0 R", n))
	}
	for _, p := range slices.Sorted(mapKeys(byPage)) {
		if p < 1 || p > len(pages) {
			continue
		}
		n := pages[p-1]
		body, err := object(n)
		if err != nil {
			return nil, err
		}
		if bytes.Contains(body, []byte("/Annots")) || !bytes.HasSuffix(body, []byte(">>")) {
			return nil, fmt.Errorf("page %d has a form soa cannot add links to", p)
		}
		put(n, fmt.Sprintf("%s\n/Annots [%s] >>", body[:len(body)-2], joinSpace(byPage[p])))
	}

	// The catalogue, with the outline shown and the language named.
	cat, err := object(root)
	if err != nil {
		return nil, err
	}
	if bytes.Contains(cat, []byte("/Outlines")) || bytes.Contains(cat, []byte("/Lang")) || !bytes.HasSuffix(cat, []byte(">>")) {
		return nil, errors.New("the catalogue has a form soa cannot extend")
	}
	put(root, fmt.Sprintf("%s\n/Outlines %d 0 R\n/PageMode /UseOutlines\n/Lang %s\n>>", bytes.TrimSpace(cat[:len(cat)-2]), outlines, pdfText(nav.lang)))

	// The cross-reference section of the update: one subsection per object, in order.
	xref := out.Len()
	out.WriteString("xref\n")
	for _, n := range slices.Sorted(mapKeys(written)) {
		fmt.Fprintf(&out, "%d 1\n%010d 00000 n \n", n, written[n])
	}
	out.WriteString("trailer\n<<\n")
	fmt.Fprintf(&out, "/Size %d\n/Root %d 0 R\n", next, root)
	if infoM != nil {
		fmt.Fprintf(&out, "/Info %s 0 R\n", infoM[1])
	}
	// A file identifier, which PDF/A asks for; derived from the document so it stays the same.
	id := md5.Sum(pdf)
	fmt.Fprintf(&out, "/ID [<%x> <%x>]\n", id, id)
	fmt.Fprintf(&out, "/Prev %d\n>>\nstartxref\n%d\n%%%%EOF\n", prevXref, xref)
	return out.Bytes(), nil
}

// xrefOffsets reads a classic cross-reference table: the offset of each object by number.
func xrefOffsets(b []byte, size int) ([]int, error) {
	if !bytes.HasPrefix(b, []byte("xref")) {
		return nil, errors.New("no classic cross-reference table")
	}
	lines := bytes.Split(b, []byte("\n"))
	offsets := make([]int, size)
	i := 1
	for i < len(lines) {
		f := bytes.Fields(lines[i])
		if len(f) != 2 {
			break // the trailer
		}
		first, err1 := strconv.Atoi(string(f[0]))
		n, err2 := strconv.Atoi(string(f[1]))
		if err1 != nil || err2 != nil {
			return nil, errors.New("malformed cross-reference table")
		}
		i++
		for k := 0; k < n && i < len(lines); k, i = k+1, i+1 {
			e := bytes.Fields(lines[i])
			if len(e) == 3 && string(e[2]) == "n" && first+k < size {
				off, _ := strconv.Atoi(string(e[0]))
				offsets[first+k] = off
			}
		}
	}
	return offsets, nil
}

// pdfText writes s as a PDF text string: UTF-16BE with a byte order mark, in hex.
func pdfText(s string) string {
	var b bytes.Buffer
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}

func mmToPt(mm float64) float64 { return mm * 72 / 25.4 }

func joinSpace(s []string) string {
	var b bytes.Buffer
	for i, x := range s {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(x)
	}
	return b.String()
}

func mapKeys[V any](m map[int]V) func(func(int) bool) {
	return func(yield func(int) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}
