package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"

	"github.com/urfave/cli/v2"
)

// Set by release builds: go build -ldflags "-X main.stampedVersion=v1.2.3 -X main.stampedCommit=…
// -X main.stampedDate=…"
// (see .goreleaser.yaml). Otherwise they come from the build info: the module version for go
// install …@v1.2.3, the VCS revision and time for a build from a git checkout.
var (
	stampedVersion = ""
	stampedCommit  = ""
	stampedDate    = ""
)

// buildInfo is what soa version prints.
type buildInfo struct {
	Version, Commit, Date, Go, Platform string
	Modified                            bool // built from a checkout with uncommitted changes
}

// readBuildInfo combines the stamped values with the Go build info.
func readBuildInfo() buildInfo {
	b := buildInfo{Version: stampedVersion, Commit: stampedCommit, Date: stampedDate, Go: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
	if bi, ok := debug.ReadBuildInfo(); ok {
		if b.Version == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			b.Version = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch {
			case s.Key == "vcs.revision" && b.Commit == "":
				b.Commit = s.Value
			case s.Key == "vcs.time" && b.Date == "":
				b.Date = s.Value
			case s.Key == "vcs.modified":
				b.Modified = s.Value == "true"
			}
		}
	}
	return b
}

// short is the version alone, as --version's first line and the SARIF driver show it.
func (b buildInfo) short() string {
	if b.Version == "" {
		return "devel"
	}
	return b.Version
}

func (b buildInfo) write(w io.Writer) error {
	or := func(s, none string) string {
		if s == "" {
			return none
		}
		return s
	}
	c := or(b.Commit, "unknown")
	if b.Modified {
		c += " (with uncommitted changes)"
	}
	_, err := fmt.Fprintf(w, "soa version %s\ncommit: %s\nbuilt:  %s\ngo:     %s %s\n", b.short(), c, or(b.Date, "unknown"), b.Go, b.Platform)
	if err == nil && b.Version == "" {
		_, err = fmt.Fprintln(w, "note:   a build from source without version stamping; release binaries and\n"+
			"        go install github.com/soa-tool/soa/cmd/soa@VERSION carry the version")
	}
	return err
}

func init() {
	// --version prints the same as soa version.
	cli.VersionPrinter = func(c *cli.Context) { _ = readBuildInfo().write(c.App.Writer) }
}

func versionCommand() command {
	return command{example: "soa version", Command: &cli.Command{
		Name:        "version",
		Usage:       "print the version, commit, build date and Go version (as --version does)",
		Description: "Prints what identifies this soa binary, for bug reports and audits of the tool chain.",
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usage("soa version takes no arguments")
			}
			return readBuildInfo().write(c.App.Writer)
		},
	}}
}
