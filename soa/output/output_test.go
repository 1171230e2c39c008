package output

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

func text(s string) func(io.Writer) error {
	return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
}

func names(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		out = append(out, e.Name())
	}
	return out
}

func TestWriteAll(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	dir := filepath.Join(t.TempDir(), "out", "nested")
	written, err := WriteAll(dir, []File{{"a.txt", text("alpha")}, {"b.txt", text("beta!")}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(written) != 2 || written[0].Size != 5 || written[1].Path != filepath.Join(dir, "b.txt") {
		t.Errorf("written = %+v", written)
	}
	for _, n := range []string{"a.txt", "b.txt"} {
		st, err := os.Stat(filepath.Join(dir, n))
		if err != nil || st.Mode().Perm() != 0o644 {
			t.Errorf("%s: mode %v, %v; want 0644", n, st.Mode().Perm(), err)
		}
	}
	if st, _ := os.Stat(dir); st.Mode().Perm() != 0o755 {
		t.Errorf("directory mode %v, want 0755", st.Mode().Perm())
	}
}

func TestUmaskRespected(t *testing.T) {
	old := syscall.Umask(0o077)
	defer syscall.Umask(old)
	dir := t.TempDir()
	if _, err := WriteAll(dir, []File{{"a.txt", text("x")}}, nil); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(filepath.Join(dir, "a.txt")); st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v under umask 077, want 0600", st.Mode().Perm())
	}
}

func TestFailureKeepsEarlierOutputs(t *testing.T) {
	dir := t.TempDir()
	if _, err := WriteAll(dir, []File{{"a.txt", text("old a")}, {"b.txt", text("old b")}}, nil); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("renderer failed")
	_, err := WriteAll(dir, []File{
		{"a.txt", text("new a")},
		{"b.txt", func(w io.Writer) error { io.WriteString(w, "half"); return boom }},
	}, nil)
	if !errors.Is(err, boom) || !strings.Contains(err.Error(), "b.txt") {
		t.Fatalf("err = %v, want the renderer's error naming b.txt", err)
	}
	for n, want := range map[string]string{"a.txt": "old a", "b.txt": "old b"} {
		if b, _ := os.ReadFile(filepath.Join(dir, n)); string(b) != want {
			t.Errorf("%s = %q after a failed build, want %q", n, b, want)
		}
	}
	if got := names(t, dir); !slices.Equal(got, []string{"a.txt", "b.txt"}) {
		t.Errorf("directory holds %v: temporary files left behind", got)
	}
}

func TestSymlinkOutputReplaced(t *testing.T) {
	dir := t.TempDir()
	victim := filepath.Join(dir, "precious.yaml")
	os.WriteFile(victim, []byte("keep me"), 0o644)
	out := filepath.Join(dir, "out")
	os.Mkdir(out, 0o755)
	if err := os.Symlink(victim, filepath.Join(out, "soa.json")); err != nil {
		t.Fatal(err)
	}
	if _, err := WriteAll(out, []File{{"soa.json", text("{}")}}, []string{victim}); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(victim); string(b) != "keep me" {
		t.Errorf("the link was followed: target now %q", b)
	}
	st, _ := os.Lstat(filepath.Join(out, "soa.json"))
	if st.Mode()&os.ModeSymlink != 0 {
		t.Error("soa.json is still a link")
	}
}

func TestRefusals(t *testing.T) {
	dir := t.TempDir()
	input := filepath.Join(dir, "isms.yaml")
	os.WriteFile(input, []byte("x"), 0o644)
	// An input that is a link into the output directory under an output's name.
	out := filepath.Join(dir, "out")
	os.Mkdir(out, 0o755)
	os.WriteFile(filepath.Join(out, "soa.json"), []byte("real"), 0o644)
	linked := filepath.Join(dir, "risks.yaml")
	os.Symlink(filepath.Join(out, "soa.json"), linked)
	tests := []struct {
		name, dir, want string
		inputs          []string
	}{
		{"output is a file", input, "is a file, not a directory", nil},
		{"output path with .. in it", filepath.Join(dir, "sub", ".."), "", nil},
		{"output is where an input leads", filepath.Join(out, "..", "out"), "it is the input", []string{linked}},
		{"directory cannot be made", filepath.Join(input, "sub"), "cannot create output directory", nil},
	}
	for _, tt := range tests {
		_, err := WriteAll(tt.dir, []File{{"soa.json", text("new")}}, tt.inputs)
		if tt.want == "" {
			if err != nil {
				t.Errorf("%s: %v", tt.name, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
	}
	if b, _ := os.ReadFile(input); string(b) != "x" {
		t.Errorf("input changed to %q", b)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "soa.json")); string(b) != "real" {
		t.Errorf("linked input changed to %q", b)
	}
}

// TestDirectoryInTheWay: when one output cannot be replaced, none is.
func TestDirectoryInTheWay(t *testing.T) {
	dir := t.TempDir()
	if _, err := WriteAll(dir, []File{{"a.txt", text("old a")}, {"c.txt", text("old c")}}, nil); err != nil {
		t.Fatal(err)
	}
	os.Mkdir(filepath.Join(dir, "b.txt"), 0o755)
	_, err := WriteAll(dir, []File{{"a.txt", text("new a")}, {"b.txt", text("new b")}, {"c.txt", text("new c")}}, nil)
	if err == nil || !strings.Contains(err.Error(), "is a directory") {
		t.Fatalf("err = %v, want a refusal naming the directory", err)
	}
	for n, want := range map[string]string{"a.txt": "old a", "c.txt": "old c"} {
		if b, _ := os.ReadFile(filepath.Join(dir, n)); string(b) != want {
			t.Errorf("%s = %q, want %q", n, b, want)
		}
	}
	if got := names(t, dir); !slices.Equal(got, []string{"a.txt", "b.txt", "c.txt"}) {
		t.Errorf("directory holds %v", got)
	}
}

// TestPlaceRestores: a rename that fails half way puts the earlier outputs back.
func TestPlaceRestores(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.txt"), []byte("old a"), 0o644)
	os.WriteFile(filepath.Join(dir, ".a.tmp"), []byte("new a"), 0o644)
	// The second temporary file does not exist, so its rename fails after the first one.
	err := place(dir, []File{{Name: "a.txt"}, {Name: "b.txt"}}, []string{filepath.Join(dir, ".a.tmp"), filepath.Join(dir, ".b.tmp")})
	if err == nil {
		t.Fatal("no error")
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "a.txt")); string(b) != "old a" {
		t.Errorf("a.txt = %q after a failed placement, want the old content", b)
	}
	if _, err := os.Stat(filepath.Join(dir, "b.txt")); err == nil {
		t.Error("b.txt exists after a failed placement")
	}
}

func TestReplace(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "isms.yaml")
	if err := os.WriteFile(path, []byte("old\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := Replace(path, []byte("new\n")); err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(path)
	if b, _ := os.ReadFile(path); string(b) != "new\n" || st.Mode().Perm() != 0o600 {
		t.Errorf("content %q, mode %v", b, st.Mode())
	}

	// A failing rename (as on a full or read-only disk) leaves the original and no temporary file.
	rename = func(string, string) error { return errors.New("no space left on device") }
	defer func() { rename = os.Rename }()
	if err := Replace(path, []byte("newer\n")); err == nil || !strings.Contains(err.Error(), "the file was not changed") {
		t.Errorf("err = %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "new\n" {
		t.Errorf("content %q after a failed write", b)
	}
	if m, _ := filepath.Glob(filepath.Join(dir, ".isms.yaml.*")); len(m) > 0 {
		t.Errorf("temporary files left: %v", m)
	}
}

func TestReplaceReadOnlyDir(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes into read-only directories; TestReplace covers the failure")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "isms.yaml")
	os.WriteFile(path, []byte("old\n"), 0o644)
	os.Chmod(dir, 0o555)
	defer os.Chmod(dir, 0o755)
	if err := Replace(path, []byte("new\n")); err == nil {
		t.Fatal("no error in a read-only directory")
	}
	if b, _ := os.ReadFile(path); string(b) != "old\n" {
		t.Errorf("content %q after a failed write", b)
	}
}

// TestPanicCleansUp: issue 17 — a renderer that panics (as gofpdf did on an emoji) is an
// error, and no temporary file is left.
func TestPanicCleansUp(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.txt"), []byte("old"), 0o644)
	_, err := WriteAll(dir, []File{{"a.txt", text("new")}, {"b.txt", func(io.Writer) error {
		var s []int
		_ = s[65536] // index out of range, like gofpdf's CID map
		return nil
	}}}, nil)
	if err == nil || !strings.Contains(err.Error(), "b.txt: internal error") {
		t.Fatalf("err = %v", err)
	}
	if got := names(t, dir); !slices.Equal(got, []string{"a.txt"}) {
		t.Errorf("directory holds %v after a panic", got)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "a.txt")); string(b) != "old" {
		t.Errorf("a.txt = %q", b)
	}
}

// TestStaleTempsRemoved: issue 17 — the temporary files of a killed build are removed by the
// next one; other hidden files stay.
func TestStaleTempsRemoved(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{".a.txt.tmp999-0", ".a.txt.tmp999-0.old", ".b.txt.tmp1-3", ".keep", "a.txt"} {
		os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o644)
	}
	if _, err := WriteAll(dir, []File{{"a.txt", text("a")}, {"b.txt", text("b")}}, nil); err != nil {
		t.Fatal(err)
	}
	if got := names(t, dir); !slices.Equal(got, []string{".keep", "a.txt", "b.txt"}) {
		t.Errorf("directory holds %v", got)
	}
}

// TestNoMomentWithoutTarget: issue 17 — each output is renamed straight over its target, so
// at every rename all the earlier outputs are still there.
func TestNoMomentWithoutTarget(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"a.txt", "b.txt", "c.txt"} {
		os.WriteFile(filepath.Join(dir, n), []byte("old"), 0o644)
	}
	calls := 0
	rename = func(from, to string) error {
		calls++
		for _, n := range []string{"a.txt", "b.txt", "c.txt"} {
			if _, err := os.Stat(filepath.Join(dir, n)); err != nil {
				t.Errorf("rename %d: %s is missing", calls, n)
			}
		}
		return os.Rename(from, to)
	}
	defer func() { rename = os.Rename }()
	if _, err := WriteAll(dir, []File{{"a.txt", text("a")}, {"b.txt", text("b")}, {"c.txt", text("c")}}, nil); err != nil {
		t.Fatal(err)
	}
	if calls != 3 {
		t.Errorf("%d renames, want 3", calls)
	}
	if got := names(t, dir); !slices.Equal(got, []string{"a.txt", "b.txt", "c.txt"}) {
		t.Errorf("directory holds %v", got)
	}
}

// TestLock: issue 17 — while one soa writes into a directory, another waits for it and,
// after LockWait, fails clearly; the outputs are one build's, never a mix.
func TestLock(t *testing.T) {
	dir := t.TempDir()
	unlock, err := lock(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer func(w time.Duration) { LockWait = w }(LockWait)
	LockWait = 100 * time.Millisecond
	_, err = WriteAll(dir, []File{{"a.txt", text("second")}}, nil)
	if err == nil || !strings.Contains(err.Error(), "another soa has been writing to") {
		t.Errorf("err = %v, want a clear refusal", err)
	}
	// Released, a waiting build goes ahead.
	LockWait = 5 * time.Second
	done := make(chan error)
	go func() {
		_, err := WriteAll(dir, []File{{"a.txt", text("one")}, {"b.txt", text("one")}}, nil)
		done <- err
	}()
	time.Sleep(50 * time.Millisecond)
	unlock()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	// Two builds at once: each finds the directory locked or waits, and the set is whole.
	errs := make(chan error, 2)
	for _, who := range []string{"x", "y"} {
		go func() {
			_, err := WriteAll(dir, []File{{"a.txt", text(who)}, {"b.txt", func(w io.Writer) error {
				time.Sleep(20 * time.Millisecond)
				_, err := io.WriteString(w, who)
				return err
			}}}, nil)
			errs <- err
		}()
	}
	for range 2 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	a, _ := os.ReadFile(filepath.Join(dir, "a.txt"))
	b, _ := os.ReadFile(filepath.Join(dir, "b.txt"))
	if string(a) != string(b) {
		t.Errorf("a.txt %q and b.txt %q come from different builds", a, b)
	}
}

// TestReplaceRefuses: issue 17 — a read-only file and a file with other hard links are not
// replaced, with a message that says why and what to do.
func TestReplaceRefuses(t *testing.T) {
	dir := t.TempDir()
	ro := filepath.Join(dir, "ro.yaml")
	os.WriteFile(ro, []byte("old\n"), 0o444)
	linked := filepath.Join(dir, "linked.yaml")
	os.WriteFile(linked, []byte("old\n"), 0o644)
	if err := os.Link(linked, filepath.Join(dir, "other.yaml")); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ path, msg string }{
		{ro, "is read-only (mode -r--r--r--); the file was not changed"},
		{linked, "has 2 hard links"},
	} {
		if err := Replace(tt.path, []byte("new\n")); err == nil || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("Replace(%s) = %v, want %q", filepath.Base(tt.path), err, tt.msg)
		}
		if b, _ := os.ReadFile(tt.path); string(b) != "old\n" {
			t.Errorf("%s = %q", tt.path, b)
		}
	}
}
