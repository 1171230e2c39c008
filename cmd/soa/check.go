package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/soa-tool/soa/soa"
	"github.com/soa-tool/soa/soa/finding"
	"github.com/soa-tool/soa/soa/text"
	"github.com/soa-tool/soa/soa/workspace"
	"github.com/urfave/cli/v2"
)

func checkCommand() command {
	var format string
	var strict bool
	return command{example: "soa check examples/acme-saas", Command: &cli.Command{
		Name:      "check",
		Usage:     "check every control is decided, justified and agrees with the risk register",
		ArgsUsage: "[DIR]",
		Description: "Reads isms.yaml, risks.yaml and controls.yaml in DIR (default: the current directory) and\n" +
			"prints every finding as file:line:col: error|warning: message [rule], then a summary.\n" +
			"Exit 0 with no errors (warnings allowed), 1 with errors (or warnings under --strict).\n" +
			"For CI: --format github prints workflow annotations, --format sarif a SARIF 2.1.0 log for\n" +
			"code scanning (every finding shows on the pull request) and --format junit a JUnit XML\n" +
			"report for test report views (errors fail; warnings fail under --strict).",
		Flags: []cli.Flag{
			formatFlag(&format, "text", "text", "json", "github", "sarif", "junit"),
			&cli.BoolFlag{Name: "strict", Usage: "fail on warnings too", Destination: &strict},
		},
		Action: func(c *cli.Context) error {
			dir, err := oneDir(c)
			if err != nil {
				return err
			}
			s, err := loadSoA(dir)
			if err != nil {
				return err
			}
			if err := writeReport(c.App.Writer, s, format, dir, strict); err != nil {
				return err
			}
			if s.Findings.Count(finding.Error) > 0 || (strict && len(s.Findings) > 0) {
				return problems(nil)
			}
			return nil
		},
	}}
}

// oneDir returns the single optional DIR argument, "." by default.
func oneDir(c *cli.Context) (string, error) {
	switch c.NArg() {
	case 0:
		return ".", nil
	case 1:
		return c.Args().First(), nil
	}
	return "", usage("soa %s takes one workspace directory, not %d arguments (%s)", c.Command.Name, c.NArg(), strings.Join(c.Args().Slice(), " "))
}

// loadSoA loads and checks the workspace in dir, judging dates against today.
func loadSoA(dir string) (*soa.SoA, error) {
	ws, err := workspace.Load(dir)
	if err != nil {
		return nil, err
	}
	today, date, err := dates()
	if err != nil {
		return nil, err
	}
	return soa.Derive(ws, soa.Options{Today: today, Date: date}), nil
}

type findingJSON struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Col      int    `json:"col"`
	Severity string `json:"severity"`
	Rule     string `json:"rule"`
	Message  string `json:"message"`
}

func writeFindings(w io.Writer, s *soa.SoA, format string) error {
	var b strings.Builder
	switch format {
	case "json":
		all := s.Summary.Combined()
		out := struct {
			Findings   []findingJSON `json:"findings"`
			Controls   int           `json:"controls"`
			Additional int           `json:"additional_controls"`
			Applicable int           `json:"applicable"`
			Excluded   int           `json:"excluded"`
			Risks      int           `json:"risks"`
			Errors     int           `json:"errors"`
			Warnings   int           `json:"warnings"`
			// Unread are the files that could not be read; findings that depend on them
			// are left out.
			Unread []string `json:"unread,omitempty"`
			// Omitted counts the findings left out after the first maxPrinted.
			Omitted int `json:"omitted,omitempty"`
		}{Unread: s.Unread, Findings: []findingJSON{}, Controls: s.Summary.Total, Additional: s.Summary.Additional.Total, Applicable: all.Applicable,
			Excluded: all.Excluded, Risks: len(s.Risks),
			Errors: s.Findings.Count(finding.Error), Warnings: s.Findings.Count(finding.Warning)}
		shown, _ := capped(s.Findings)
		out.Omitted = len(s.Findings) - len(shown)
		for _, f := range shown {
			out.Findings = append(out.Findings, findingJSON{f.Pos.File, f.Pos.Line, f.Pos.Col, f.Severity.String(), f.Rule, f.Message})
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	case "github":
		shown, _ := capped(s.Findings)
		for _, f := range shown {
			fmt.Fprintf(&b, "::%s file=%s,line=%d,col=%d,title=%s::%s\n", f.Severity, ghProp(f.Pos.File),
				f.Pos.Line, f.Pos.Col, ghProp("soa "+f.Rule), ghData(f.Message))
		}
		b.WriteString(omitted(s.Findings))
		if n := s.UnreadNote(); n != "" {
			fmt.Fprintf(&b, "%s\n", n)
		}
		fmt.Fprintf(&b, "%s\n", s.SummaryLine())
	default:
		printFindings(&b, s.Findings)
		if n := s.UnreadNote(); n != "" {
			fmt.Fprintf(&b, "%s\n", n)
		}
		fmt.Fprintf(&b, "%s\n", s.SummaryLine())
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// maxPrinted is the most findings printed: a broken file can give a million (one per
// unknown key), and the first ones say what is wrong.
const maxPrinted = 1000

// capped splits l into the findings printed and the rest. Past maxPrinted the errors come
// first, each severity in l's order, so that thousands of warnings never hide the error
// that stops the build.
func capped(l finding.List) (shown, rest finding.List) {
	if len(l) <= maxPrinted {
		return l, nil
	}
	var errs, warns finding.List
	for _, f := range l {
		if f.Severity == finding.Error {
			errs = append(errs, f)
		} else {
			warns = append(warns, f)
		}
	}
	all := append(errs, warns...)
	return all[:maxPrinted], all[maxPrinted:]
}

// printFindings prints the first maxPrinted findings of l (errors first when there are
// more), one a line, then how many more there are.
func printFindings(w io.Writer, l finding.List) {
	var b strings.Builder
	shown, _ := capped(l)
	for _, f := range shown {
		b.WriteString(f.String())
		b.WriteByte('\n')
	}
	b.WriteString(omitted(l))
	io.WriteString(w, b.String())
}

// omitted is the line that counts the findings of l beyond the first maxPrinted, or "".
func omitted(l finding.List) string {
	_, rest := capped(l)
	if len(rest) == 0 {
		return ""
	}
	return fmt.Sprintf("soa: ... and %d more findings not shown (%s, %s); fix the ones above first\n",
		len(rest), text.Plural(rest.Count(finding.Error), "error"), text.Plural(rest.Count(finding.Warning), "warning"))
}

// ghData escapes a GitHub Actions workflow command's message.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProp escapes a workflow command's property value.
func ghProp(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
