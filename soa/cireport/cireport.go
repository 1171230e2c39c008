// Package cireport writes the findings of soa check in the formats CI systems read: SARIF 2.1.0
// for code scanning (GitHub shows every result on the pull request, where workflow annotations
// are capped per step) and JUnit XML for the test report views of GitLab, Jenkins and others.
//
// It only formats findings; the checks that produce them live in package
// [github.com/soa-tool/soa/soa]. The text, JSON and GitHub formats stay with the CLI.
package cireport

import (
	"net/url"
	"path/filepath"
	"strings"
)

// Tool names the program in a report.
type Tool struct {
	Name    string // "soa"
	Version string // as soa version prints it
	URI     string // the project's home page
}

// fileURI gives a finding's file as a URI reference: relative paths stay relative (SARIF
// readers resolve them against the checkout), absolute ones become file: URIs.
func fileURI(path string) string {
	p := filepath.ToSlash(path)
	u := url.URL{Path: p}
	if filepath.IsAbs(path) {
		u.Scheme = "file"
		if !strings.HasPrefix(p, "/") { // C:/x on Windows
			u.Path = "/" + p
		}
	}
	return u.String()
}
