package main

import (
	"io"

	"github.com/soa-tool/soa/soa"
	"github.com/soa-tool/soa/soa/cireport"
)

// homePage is where SARIF readers link rules and the tool.
const homePage = "https://github.com/soa-tool/soa"

// writeReport writes the findings of soa check on the workspace in dir in format; the CI
// formats come from package cireport, the others from writeFindings.
func writeReport(w io.Writer, s *soa.SoA, format, dir string, strict bool) error {
	switch format {
	case "sarif":
		return cireport.WriteSARIF(w, cireport.Tool{Name: "soa", Version: readBuildInfo().short(), URI: homePage}, s.Findings)
	case "junit":
		return cireport.WriteJUnit(w, "soa check "+dir, s.Findings, strict)
	}
	return writeFindings(w, s, format)
}
