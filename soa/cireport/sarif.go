package cireport

import (
	"io"
	"slices"

	"github.com/owenrumney/go-sarif/v2/sarif"
	"github.com/soa-tool/soa/soa/finding"
)

// WriteSARIF writes findings as a SARIF 2.1.0 log with one run of tool: one rule per distinct
// finding rule (sorted by name), one result per finding, in the order given.
func WriteSARIF(w io.Writer, tool Tool, findings finding.List) error {
	report, err := sarif.New(sarif.Version210)
	if err != nil {
		return err
	}
	driver := sarif.NewVersionedDriver(tool.Name, tool.Version).WithInformationURI(tool.URI)
	run := sarif.NewRun(*sarif.NewTool(driver))
	var rules []string
	for _, f := range findings {
		if !slices.Contains(rules, f.Rule) {
			rules = append(rules, f.Rule)
		}
	}
	slices.Sort(rules)
	for _, r := range rules {
		// go-sarif writes "shortDescription": null unless one is set, which the schema refuses.
		run.AddRule(r).WithName(r).WithDescription("soa check rule " + r).WithHelpURI(tool.URI + "#soa-check")
	}
	for _, f := range findings {
		level := "error"
		if f.Severity == finding.Warning {
			level = "warning"
		}
		loc := sarif.NewPhysicalLocation().WithArtifactLocation(sarif.NewSimpleArtifactLocation(fileURI(f.Pos.File)))
		if f.Pos.Line > 0 {
			region := sarif.NewRegion().WithStartLine(f.Pos.Line)
			if f.Pos.Col > 0 {
				region.WithStartColumn(f.Pos.Col)
			}
			loc.WithRegion(region)
		}
		run.AddResult(sarif.NewRuleResult(f.Rule).
			WithRuleIndex(slices.Index(rules, f.Rule)).
			WithLevel(level).
			WithMessage(sarif.NewTextMessage(f.Message)).
			WithLocations([]*sarif.Location{sarif.NewLocationWithPhysicalLocation(loc)}))
	}
	report.AddRun(run)
	if err := report.PrettyWrite(w); err != nil {
		return err
	}
	_, err = io.WriteString(w, "\n")
	return err
}
