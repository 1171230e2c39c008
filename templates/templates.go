// Package templates holds the starter workspace that soa init writes: isms.yaml with a 5x5 risk
// method, risks.yaml with one worked example, and controls.yaml listing the 93 Annex A
// controls with the decision left for the user.
//
// Each file starts with a yaml-language-server modeline naming its schema in .schema/, which
// soa init writes from package [github.com/soa-tool/soa/soa/schema]. This package does not
// write files; it only gives their content.
package templates

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"

	"github.com/soa-tool/soa/annexa"
)

var (
	//go:embed isms.yaml
	isms []byte
	//go:embed risks.yaml
	risks []byte
)

// ISMS returns the starter isms.yaml: the document metadata and a 5x5 risk method, with the
// organization, scope and document owner left empty for the user.
func ISMS() []byte { return slices.Clone(isms) }

// Risks returns the starter risks.yaml: one worked example risk, with comments that explain
// each key.
func Risks() []byte { return slices.Clone(risks) }

// SchemaDir is the directory, next to the workspace files, that the modelines point into.
const SchemaDir = ".schema"

// Modeline returns the first line of a workspace file that tells editors running
// yaml-language-server where the schema of kind ("isms", "risks" or "controls") is.
func Modeline(kind string) string {
	return "# yaml-language-server: $schema=" + SchemaDir + "/" + kind + ".schema.json"
}

const controlsHeader = `
#
# controls.yaml: one decision for each of the 93 controls of ISO/IEC 27001:2022 Annex A, the
# content of the Statement of Applicability (clause 6.1.3 d). For each control, fill in:
#
#   applicable     true to include the control, false to exclude it. It may stay empty when a
#                  risk treatment in risks.yaml selects the control: it is then applicable.
#   reasons        why it is included: legal, regulatory, contractual, business, best-practice
#                  ("risk" is added by soa from the register, never typed).
#   justification  why it is included (required with reasons), or why it is excluded (always
#                  required). N/A, TBD, TODO and the like do not count.
#   status         for an applicable control: implemented, partial, planned or not-implemented.
#                  Leave it empty for an excluded control.
#   owner          who is responsible for an applicable control.
#
# Optional on any control:
#   implementation how the control is implemented
#   evidence       documents or records that show it, e.g. [POL-01 Information Security Policy]
#   due            the target date (YYYY-MM-DD) of a partial, planned or not-implemented control
#   review         when to revisit the decision (YYYY-MM-DD)
#   provided_by    the supplier that delivers the control (inherited), e.g. Amazon Web Services;
#                  a control a supplier delivers is applicable, not excluded
#   assurance      what assures the supplier's control, e.g. its SOC 2 Type II report
#
# For example:
#   A.5.1:
#     applicable: true
#     reasons: [legal, contractual]
#     justification: Required by customer contracts and the board's policy mandate.
#     status: implemented
#     owner: CISO
#   A.7.12:
#     applicable: false
#     justification: No premises of our own hold information processing cabling.
#
# 'soa controls ID' shows a control's theme, attributes and 2013 predecessors; 'soa check'
# lists the controls still undecided.

controls:
`

// Controls returns the starter controls.yaml: every Annex A control in catalogue order under
// a heading per theme, its title as a comment, and an empty decision.
func Controls() []byte {
	var b strings.Builder
	b.WriteString(Modeline("controls"))
	b.WriteString(controlsHeader)
	all := annexa.All()
	for i, c := range all {
		if i == 0 || all[i-1].Theme != c.Theme {
			last := c
			for _, d := range all[i:] {
				if d.Theme == c.Theme {
					last = d
				}
			}
			if i > 0 {
				b.WriteString("\n")
			}
			fmt.Fprintf(&b, "  # ---- %d %s: %s to %s ----\n", c.ID.Clause, c.Theme.Title(), c.ID, last.ID)
		}
		fmt.Fprintf(&b, "\n  %s: # %s\n", c.ID, c.Title)
		b.WriteString(Undecided)
	}
	b.WriteString(additionalFooter)
	return []byte(b.String())
}

var (
	//go:embed yamllint.yaml
	yamllint []byte
	//go:embed gitignore
	gitignore []byte
)

// Yamllint returns the .yamllint that soa init writes: yamllint's default rules, relaxed where
// the workspace files differ from them on purpose (modeline instead of "---", prose lines).
func Yamllint() []byte { return slices.Clone(yamllint) }

// Gitignore returns the .gitignore that soa init writes, keeping the built outputs in out/
// out of version control.
func Gitignore() []byte { return slices.Clone(gitignore) }

// Undecided is the decision of a control left to decide, as the starter controls.yaml and an
// imported one write it: the keys to fill in, with their vocabularies as comments.
const Undecided = "" +
	"    applicable:       # true | false\n" +
	"    reasons: []       # legal, regulatory, contractual, business, best-practice\n" +
	"    justification: \"\"\n" +
	"    status:           # implemented | partial | planned | not-implemented\n" +
	"    owner:\n"

// additionalFooter ends controls.yaml with how to add controls beyond Annex A.
const additionalFooter = `
# Controls beyond Annex A (clause 6.1.3 b, Note 1: controls may come from any source), e.g.
# the cloud controls of ISO/IEC 27017 or your own. Key each by its own ID (letters, digits,
# '.', '-' and '_', up to 40 characters; never an Annex A ID), give its title and source, then
# decide it like the controls above. A risk treatment may select it by ID. For example:
#
# additional_controls:
#   CLD.6.3.1:
#     title: Shared roles and responsibilities within a cloud computing environment
#     source: ISO/IEC 27017:2015     # a standard, a framework, or "internal"
#     applicable: true
#     reasons: [contractual]
#     justification: Customers' contracts require the shared-responsibility split to be documented.
#     status: implemented
#     owner: CISO
`
