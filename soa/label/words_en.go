package label

// The keys of the labels. Statuses, states, options, reasons and themes are looked up by
// prefix and value ("status.partial") and have no constant.
const (
	Yes, No                Key = "yes", "no"
	SoA                    Key = "soa"
	StandardLine           Key = "standard.line"
	StandardRef            Key = "standard.ref"
	Draft                  Key = "draft"
	DraftBanner            Key = "draft.banner"
	DraftBody              Key = "draft.body"
	DraftStatus            Key = "draft.status"
	DraftTitle             Key = "draft.title"
	Approved               Key = "approved"
	ApprovedByOn           Key = "approved.by.on"
	ScopeHeading           Key = "scope.heading"
	Scope                  Key = "scope"
	Organization           Key = "organization"
	DocID                  Key = "doc.id"
	Title                  Key = "title"
	Version                Key = "version"
	VersionN               Key = "version.n"
	Classification         Key = "classification"
	DocOwner               Key = "doc.owner"
	Owner                  Key = "owner"
	DateCol                Key = "date"
	Edition                Key = "edition"
	NextReview             Key = "next.review"
	StatusCol              Key = "status"
	ApprovedBy             Key = "approved.by"
	ApprovedOn             Key = "approved.on"
	ApprovedByOnLabel      Key = "approved.by.on.label"
	PreparedBy             Key = "prepared.by"
	ReviewedBy             Key = "reviewed.by"
	PageOf                 Key = "page.of"
	Contents               Key = "contents"
	Continued              Key = "continued"
	SecControl             Key = "sec.control"
	SecSignOff             Key = "sec.signoff"
	SecSummary             Key = "sec.summary"
	SecSummaryLong         Key = "sec.summary.long"
	SecExcluded            Key = "sec.excluded"
	SecAppendix            Key = "sec.appendix"
	Appendix               Key = "appendix"
	RevisionHistory        Key = "revision.history"
	Author                 Key = "author"
	Changes                Key = "changes"
	NoRevisions            Key = "no.revisions"
	Fingerprint            Key = "fingerprint"
	FingerprintIntro       Key = "fingerprint.intro"
	FingerprintCheck       Key = "fingerprint.check"
	InputFingerprint       Key = "input.fingerprint"
	HowToCheck             Key = "how.to.check"
	SignOffIntro           Key = "signoff.intro"
	Step                   Key = "step"
	Name                   Key = "name"
	Role                   Key = "role"
	Signature              Key = "signature"
	Pending                Key = "pending"
	ByTheme                Key = "by.theme"
	ThemeCol               Key = "theme"
	Controls               Key = "controls"
	Applicable             Key = "applicable"
	Excluded               Key = "excluded"
	AllControls            Key = "all.controls"
	ExcludedN              Key = "excluded.n"
	NoneExcluded           Key = "none.excluded"
	Control                Key = "control"
	ExclusionJustification Key = "exclusion.justification"
	InherentTitle          Key = "inherent.title"
	ResidualTitle          Key = "residual.title"
	LikelihoodImpact       Key = "likelihood.impact"
	Likelihood             Key = "likelihood"
	Impact                 Key = "impact"
	HeatNote               Key = "heat.note"
	SoAIntro               Key = "soa.intro"
	ThemeCounts            Key = "theme.counts"
	ID                     Key = "id"
	ReasonsAndRisks        Key = "reasons.risks"
	Reasons                Key = "reasons"
	RelatedRisks           Key = "related.risks"
	Justification          Key = "justification"
	Implementation         Key = "implementation"
	Evidence               Key = "evidence"
	ImplementationEvidence Key = "implementation.evidence"
	TargetDate             Key = "target.date"
	NewIn2022              Key = "new.2022"
	Ref2013                Key = "ref.2013"
	SOC2                   Key = "soc2"
	SOC2Criteria           Key = "soc2.criteria"
	RisksPrefix            Key = "risks.prefix"
	RisksBelow             Key = "risks.below"
	RisksOfControl         Key = "risks.of.control"
	SelectedToTreat        Key = "selected.to.treat"
	SelectedToTreatN       Key = "selected.to.treat.n"
	And                    Key = "and"
	DuePrefix              Key = "due.prefix"
	Risk                   Key = "risk"
	Inherent               Key = "inherent"
	Residual               Key = "residual"
	InherentRisk           Key = "inherent.risk"
	ResidualRisk           Key = "residual.risk"
	Treatment              Key = "treatment"
	OptionCol              Key = "option"
	TreatmentPlan          Key = "treatment.plan"
	Plan                   Key = "plan"
	Due                    Key = "due"
	Score                  Key = "score"
	Level                  Key = "level"
	Acceptance             Key = "acceptance"
	AcceptedByCol          Key = "accepted.by.col"
	AcceptedOnCol          Key = "accepted.on.col"
	AcceptedBy             Key = "accepted.by"
	AcceptedByOn           Key = "accepted.by.on"
	AcceptMissing          Key = "accept.missing"
	RegisterEmpty          Key = "register.empty"
	Method                 Key = "method"
	ChangesHeading         Key = "changes.heading"
	ChangesFullHeading     Key = "changes.full-heading"
	ChangesDigestNote      Key = "changes.digest-note"
	ChangesFrom            Key = "changes.from"
	Field                  Key = "field"
	Old                    Key = "old"
	New                    Key = "new"
	Change                 Key = "change"
	Document               Key = "document"
	SheetSoA               Key = "sheet.soa"
	SheetSummary           Key = "sheet.summary"
	SheetRisks             Key = "sheet.risks"
	SheetHeatMap           Key = "sheet.heatmap"
	SheetDocument          Key = "sheet.document"
	SheetChanges           Key = "sheet.changes"
	SummaryByTheme         Key = "summary.by.theme"
	StatusNote             Key = "status.note"
	ChartTitle             Key = "chart.title"
	ChartAlt               Key = "chart.alt"
	HeatSubtitle           Key = "heat.subtitle"
	HeatInherent           Key = "heat.inherent"
	HeatResidual           Key = "heat.residual"
	Levels                 Key = "levels"
	ScoresRange            Key = "scores.range"
	AcceptanceThreshold    Key = "acceptance.threshold"
	SoACounts              Key = "soa.counts"
	ChooseYesNo            Key = "choose.yes.no"
	ChooseStatus           Key = "choose.status"
	FingerprintRecompute   Key = "fingerprint.recompute"
	Generated              Key = "generated"
	Keywords               Key = "keywords"
	SubjectLine            Key = "subject.line"
	ApprovalsHeading       Key = "approvals.heading"
	Approval               Key = "approval"
	StandardCol            Key = "standard"
	ContShort              Key = "cont.short"
	AcceptByPart           Key = "accept.by.part"
	YesInherited           Key = "yes.inherited"
	ProvidedByText         Key = "provided.by.text"
	AssurancePrefix        Key = "assurance.prefix"
	CurrentTitle           Key = "current.title"
	HeatToday              Key = "heat.today"
	CurrentCol             Key = "current.col"
	TargetResidual         Key = "target.residual"
	AsTarget               Key = "as.target"
	AssetText              Key = "asset.text"
	ThreatText             Key = "threat.text"
	VulnerabilityText      Key = "vulnerability.text"
	AssetCol               Key = "asset.col"
	ThreatCol              Key = "threat.col"
	VulnerabilityCol       Key = "vulnerability.col"
	TargetResidualRisk     Key = "target.residual.risk"
	AgainstCriteria        Key = "against.criteria"
	ProvidedByCol          Key = "provided.by.col"
	AssuranceCol           Key = "assurance.col"
	DecisionReviewCol      Key = "decision.review.col"
	WhatItMeans            Key = "what.it.means"
	RiskScales             Key = "risk.scales"
	AcceptWithin           Key = "accept.within"
	AcceptClosed           Key = "accept.closed"
	AcceptRequiredFrom     Key = "accept.required.from"
	InterimExposure        Key = "interim.exposure"
	AcceptedByLevel        Key = "accepted.by.level"
	LikelihoodScale        Key = "likelihood.scale"
	ImpactScale            Key = "impact.scale"
	SourceCol              Key = "source.col"
	AnnexA                 Key = "annex.a"
	RiskAssessment         Key = "risk.assessment"
	ControlsLineAdditional Key = "controls.line.additional"
	ControlsLineCounts     Key = "controls.line.counts"
	ClosedOnText           Key = "closed.on.text"
	DoneOnText             Key = "done.on.text"
	PlanApprovedText       Key = "plan.approved.text"
	HeatClosed             Key = "heat.closed"
	DoneCol                Key = "done.col"
	PlanApprovedByCol      Key = "plan.approved.by.col"
	PlanApprovedOnCol      Key = "plan.approved.on.col"
	ClosedOnCol            Key = "closed.on.col"
	ClosedReasonCol        Key = "closed.reason.col"
	AdditionalCounts       Key = "additional.counts"
	AdditionalIntro        Key = "additional.intro"
)

// en is the English wording, the reference for every other language.
var en = map[Key]string{
	Yes: "Yes", No: "No",
	"state.applicable": "Applicable", "state.excluded": "Excluded", "state.undecided": "Not decided",
	"status.implemented": "Implemented", "status.partial": "Partial", "status.planned": "Planned", "status.not-implemented": "Not implemented",
	"option.modify": "Modify", "option.retain": "Retain", "option.avoid": "Avoid", "option.share": "Share",
	"reason.legal": "Legal", "reason.regulatory": "Regulatory", "reason.contractual": "Contractual", "reason.business": "Business",
	"reason.best-practice": "Best practice", "reason.risk": "Risk",
	"theme.organizational": "Organizational", "theme.people": "People", "theme.physical": "Physical", "theme.technological": "Technological",
	"themetitle.organizational": "Organizational controls", "themetitle.people": "People controls",
	"themetitle.physical": "Physical controls", "themetitle.technological": "Technological controls",

	SoA:               "Statement of Applicability",
	StandardLine:      "ISO/IEC 27001:2022, Annex A — information security controls",
	StandardRef:       "ISO/IEC 27001:2022, clause 6.1.3 d) and Annex A",
	Draft:             "DRAFT",
	DraftBanner:       "DRAFT — NOT APPROVED",
	DraftBody:         "This Statement of Applicability has not been approved by management. It must not be issued or relied on as the organization's SoA.",
	DraftStatus:       "DRAFT — not approved",
	DraftTitle:        " — DRAFT, not approved",
	Approved:          "Approved",
	ApprovedByOn:      "Approved by %s on %s",
	ScopeHeading:      "Scope of the information security management system",
	Scope:             "Scope",
	Organization:      "Organization",
	DocID:             "Document ID",
	Title:             "Title",
	Version:           "Version",
	VersionN:          "Version %s",
	Classification:    "Classification",
	DocOwner:          "Document owner",
	Owner:             "Owner",
	DateCol:           "Date",
	Edition:           "Date of this edition",
	NextReview:        "Next review",
	StatusCol:         "Status",
	ApprovedBy:        "Approved by",
	ApprovedOn:        "Approved on",
	ApprovedByOnLabel: "Approved by, on",
	PreparedBy:        "Prepared by",
	ReviewedBy:        "Reviewed by",
	PageOf:            "Page %s of %s",
	Contents:          "Contents",
	Continued:         "%s (continued)",
	SecControl:        "Document control",
	SecSignOff:        "Sign-off",
	SecSummary:        "Summary",
	SecSummaryLong:    "Summary: applicability, implementation status and risk",
	SecExcluded:       "Excluded controls and their justification",
	SecAppendix:       "Risk treatment plan",
	Appendix:          "Appendix A",
	RevisionHistory:   "Revision history",
	Author:            "Author",
	Changes:           "Changes",
	NoRevisions:       "No revisions recorded.",
	Fingerprint:       "Workspace fingerprint",
	FingerprintIntro:  "This document was built from the workspace files whose SHA-256 fingerprint is:",
	FingerprintCheck: "To check that it matches the files, run in the workspace directory: sha256sum isms.yaml risks.yaml controls.yaml | sha256sum — " +
		"the 64 hexadecimal digits it prints must equal the fingerprint above. The same fingerprint is recorded in soa.json.",
	InputFingerprint:       "Input fingerprint",
	HowToCheck:             "How to check it",
	FingerprintRecompute:   "The fingerprint identifies the workspace files this document was built from. To check it, run in the workspace directory:\nsha256sum isms.yaml risks.yaml controls.yaml | sha256sum\nThe first field of the output must equal the fingerprint above.",
	SignOffIntro:           "By signing, the persons below confirm that they prepared, reviewed or approved version %s of this Statement of Applicability.",
	Step:                   "Step",
	Name:                   "Name",
	Role:                   "Role",
	Signature:              "Signature",
	Pending:                "pending",
	ByTheme:                "Applicability and implementation status by theme",
	ThemeCol:               "Theme",
	Controls:               "Controls",
	Applicable:             "Applicable",
	Excluded:               "Excluded",
	AllControls:            "All controls",
	ExcludedN:              "Excluded controls (%d)",
	NoneExcluded:           "No control of Annex A is excluded: all 93 are applicable.",
	Control:                "Control",
	ExclusionJustification: "Justification for the exclusion",
	InherentTitle:          "Inherent risk (before treatment)",
	ResidualTitle:          "Target residual risk (after treatment)",
	LikelihoodImpact:       "Likelihood / Impact",
	Likelihood:             "Likelihood",
	Impact:                 "Impact",
	HeatNote: "Score = likelihood × impact. Each cell counts the risks of the register (%d in all) rated at that likelihood and impact; " +
		"its colour is the level of its score. A residual score above %d needs the risk owner's acceptance.",
	SoAIntro: "Every control of ISO/IEC 27001:2022 Annex A with the decision on it. Reasons for inclusion: %s — the control is selected by " +
		"the treatment of the risks listed (see Appendix A). Excluded controls are shaded.",
	ThemeCounts:            "%d controls: %d applicable, %d excluded.",
	ID:                     "ID",
	ReasonsAndRisks:        "Reasons and related risks",
	Reasons:                "Reasons",
	RelatedRisks:           "Related risks",
	Justification:          "Justification",
	Implementation:         "Implementation",
	Evidence:               "Evidence",
	ImplementationEvidence: "Implementation and evidence",
	TargetDate:             "Target date",
	NewIn2022:              "New in 2022",
	Ref2013:                "ISO 27001:2013 ref",
	SOC2:                   "SOC 2",
	SOC2Criteria:           "SOC 2 criteria",
	RisksPrefix:            "Risks: %s",
	RisksBelow:             "Risks: %d, listed below",
	RisksOfControl:         "Risks treated by %s (%d): %s",
	SelectedToTreat:        "Selected to treat %s.",
	SelectedToTreatN:       "Selected to treat %d risks (see related risks).",
	And:                    "and",
	DuePrefix:              "Due %s",
	Risk:                   "Risk",
	Inherent:               "Inherent",
	Residual:               "Residual",
	InherentRisk:           "Inherent risk",
	ResidualRisk:           "Residual risk",
	Treatment:              "Treatment",
	OptionCol:              "Option",
	TreatmentPlan:          "Treatment plan",
	Plan:                   "Plan",
	Due:                    "Due",
	Score:                  "Score",
	Level:                  "Level",
	Acceptance:             "Acceptance",
	AcceptedByCol:          "Accepted by",
	AcceptedOnCol:          "Accepted on",
	AcceptedBy:             "Accepted by %s",
	AcceptedByOn:           "Accepted by %s on %s",
	AcceptMissing:          "Required, not recorded",
	RegisterEmpty:          "The risk register is empty.",
	Method: "Risk method: score = likelihood (1–%d: %s) × impact (1–%d: %s). Levels: %s. " +
		"A residual score above %d needs the risk owner's acceptance.",
	ChangesHeading:      "Changes in this version",
	ChangesFullHeading:  "Appendix B  Changes in this version, in full",
	ChangesDigestNote:   "Material changes (bold) come first. Every change is listed with its old and new value in Appendix B, after the Statement of Applicability and the risk treatment plan.",
	ChangesFrom:         "Changes from %s to %s.",
	Field:               "Field",
	Old:                 "Old",
	New:                 "New",
	Change:              "Change",
	Document:            "Document",
	SheetSoA:            "Statement of Applicability",
	SheetSummary:        "Summary",
	SheetRisks:          "Risk register",
	SheetHeatMap:        "Heat map",
	SheetDocument:       "Document control",
	SheetChanges:        "Changes",
	SummaryByTheme:      "Controls by theme and implementation status",
	StatusNote:          "Implementation statuses count applicable controls only; excluded controls carry no status.",
	ChartTitle:          "Controls per theme by implementation status",
	ChartAlt:            "Implementation status of the Annex A controls per theme",
	HeatSubtitle:        "Number of risks in each likelihood × impact cell, %d risks in all. A cell's colour is the level of its score (likelihood × impact).",
	HeatInherent:        "Inherent risk — before treatment",
	HeatResidual:        "Target residual risk — after treatment",
	Levels:              "Levels",
	ScoresRange:         "scores %d–%d",
	AcceptanceThreshold: "Acceptance threshold: a residual score up to %d is accepted without the risk owner's sign-off; above it the owner must accept the risk (see the Risk register).",
	SoACounts:           "ISO/IEC 27001:2022 Annex A: %d controls, %d applicable, %d excluded",
	ChooseYesNo:         "Choose Yes or No.",
	ChooseStatus:        "Choose one of: %s. Leave it empty for an excluded control.",
	Generated:           "Generated by soa from the workspace with fingerprint %s",
	Keywords:            "ISO/IEC 27001:2022; Annex A; Statement of Applicability; risk treatment",
	SubjectLine:         "ISO/IEC 27001:2022 Statement of Applicability",
	ApprovalsHeading:    "Approvals",
	Approval:            "Approval",
	StandardCol:         "Standard",
	ContShort:           "(cont.)",
	// Current and target risk, supplier-delivered controls, acceptance authority (issue 18).
	AcceptByPart:       "at %s by the %s",
	YesInherited:       "Yes, inherited",
	ProvidedByText:     "Provided by %s",
	AssurancePrefix:    "Assurance: %s",
	CurrentTitle:       "Current risk (today)",
	HeatToday:          "The current map rates each risk as it stands today, while its treatment is open; the target residual map as it will stand once the treatment is done.",
	CurrentCol:         "Current",
	TargetResidual:     "Target residual",
	AsTarget:           "As target",
	AssetText:          "Asset: %s",
	ThreatText:         "Threat: %s",
	VulnerabilityText:  "Vulnerability: %s",
	AssetCol:           "Asset",
	ThreatCol:          "Threat",
	VulnerabilityCol:   "Vulnerability",
	TargetResidualRisk: "Target residual risk",
	AgainstCriteria:    "Against the criteria",
	ProvidedByCol:      "Provided by",
	AssuranceCol:       "Assurance",
	DecisionReviewCol:  "Decision review",
	WhatItMeans:        "What it means",
	RiskScales:         "Risk scales",
	AcceptWithin:       "Within criteria (≤ %d)",
	AcceptClosed:       "None needed: the risk is closed",
	AcceptRequiredFrom: "Required from the %s, not recorded",
	InterimExposure:    "; interim exposure: current score %d is above %d until the treatment is done",
	AcceptedByLevel:    "A residual risk at level %s is accepted by the %s.",
	LikelihoodScale:    "Likelihood scale",
	ImpactScale:        "Impact scale",
	// Controls beyond Annex A, the risk lifecycle and plan approval (issue 12).
	AdditionalIntro:         "Controls beyond Annex A that the risk treatment or other requirements call for (clause 6.1.3 b, Note 1), each with its source.",
	SourceCol:               "Source",
	AnnexA:                  "Annex A",
	RiskAssessment:          "Risk assessment",
	ControlsLineAdditional:  "%d Annex A controls + %d additional",
	ControlsLineCounts:      "%s: %d applicable, %d excluded.",
	ClosedOnText:            "Closed %s: %s",
	DoneOnText:              "Done %s",
	PlanApprovedText:        "Plan approved by %s on %s",
	HeatClosed:              "Closed risks left out: %d.",
	DoneCol:                 "Done",
	PlanApprovedByCol:       "Plan approved by",
	PlanApprovedOnCol:       "Plan approved on",
	ClosedOnCol:             "Closed on",
	ClosedReasonCol:         "Reason closed",
	AdditionalCounts:        "additional: %d controls, %d applicable, %d excluded",
	"theme.additional":      "Additional",
	"themetitle.additional": "Additional controls",
	"riskstatus.open":       "Open",
	"riskstatus.closed":     "Closed",
}
