package soc2

import "github.com/soa-tool/soa/annexa"

// beyond says, for each Annex A control whose crosswalk links are all partial
// ([annexa.SOC2Fit]), what its Trust Services Criteria ask for and what ISO/IEC 27001 expects
// beyond that. A program that meets those criteria has done related work, not the control, so
// "soa init --from-soc2" writes status partial with this text and the gap report shows it.
// The wording is ours, never the standard's or the AICPA's; a test keeps the keys in step with
// soc2.csv.
var beyond = map[annexa.ID]string{
	{Clause: 5, Num: 4}:  "SOC 2 asks for a commitment to integrity and an organizational structure (CC1.1, CC1.3); ISO 27001 expects management to require everyone to apply the security policies and to see that they do.",
	{Clause: 5, Num: 5}:  "SOC 2 asks for communication with external parties and incident response (CC2.3, CC7.4); ISO 27001 expects a maintained list of the authorities to contact (regulators, law enforcement, supervisors), with who contacts them and when.",
	{Clause: 5, Num: 7}:  "SOC 2 asks for monitoring of systems for anomalies, with intelligence sources as one input (CC7.2); ISO 27001 expects threat intelligence collected, analysed and used: on strategic, tactical and operational threats, fed into risk treatment and controls.",
	{Clause: 5, Num: 8}:  "SOC 2 asks for change management of systems (CC8.1); ISO 27001 expects information security built into every project, whatever its kind, from its start.",
	{Clause: 5, Num: 10}: "SOC 2 asks for standards of conduct and their communication (CC1.1, CC2.2); ISO 27001 expects documented rules for the acceptable use and handling of information and other assets.",
	{Clause: 5, Num: 13}: "SOC 2 asks for confidential information to be identified and access to it restricted (CC6.1, C1.1); ISO 27001 expects a labelling procedure that follows the classification scheme.",
	{Clause: 5, Num: 21}: "SOC 2 asks for vendor risk management in general (CC9.2); ISO 27001 expects security requirements for ICT products and services passed along the supply chain, with their provenance and integrity checked.",
	{Clause: 5, Num: 23}: "SOC 2 asks for vendor risk management and an organizational structure (CC1.3, CC9.2); ISO 27001 expects processes for acquiring, using, managing and leaving cloud services, with the shared responsibilities set per service.",
	{Clause: 5, Num: 28}: "SOC 2 asks for incident response and recovery (CC7.4, CC7.5); ISO 27001 expects procedures to identify, collect and preserve evidence of security events fit for disciplinary or legal action.",
	{Clause: 5, Num: 29}: "SOC 2 asks for business continuity and recovery (CC7.5, CC9.1, A1.3); ISO 27001 expects plans that keep information security at the required level during a disruption, not only restore the service.",
	{Clause: 5, Num: 31}: "SOC 2 asks for objectives that take laws and regulations into account (CC3.1); ISO 27001 expects the legal, statutory, regulatory and contractual requirements identified, documented and kept up to date, with the way each is met.",
	{Clause: 5, Num: 33}: "SOC 2 asks for backup, retention and storage of data (A1.2, C1.1, PI1.5, P4.2); ISO 27001 expects records identified by type, with retention periods, protected from loss, destruction, falsification and unauthorized access.",
	{Clause: 5, Num: 37}: "SOC 2 asks for policies and procedures behind control activities in general (CC5.3); ISO 27001 expects documented operating procedures for the information processing facilities, available to the people who need them.",
	{Clause: 6, Num: 2}:  "SOC 2 asks for standards of conduct and the communication of responsibilities (CC1.1, CC2.2); ISO 27001 expects employment contracts that state the employee's and the organization's information security responsibilities.",
	{Clause: 6, Num: 5}:  "SOC 2 asks for the communication of responsibilities in general (CC2.2); ISO 27001 expects the security duties that stay valid after someone leaves or changes role defined, enforced and communicated to them.",
	{Clause: 6, Num: 6}:  "SOC 2 asks for confidential information to be identified and for commitments from vendors (CC9.2, C1.1); ISO 27001 expects confidentiality or non-disclosure agreements with personnel and other parties, reviewed regularly.",
	{Clause: 6, Num: 7}:  "SOC 2 asks for secure remote access and protected mobile devices (CC6.1, CC6.6, CC6.7); ISO 27001 expects a remote working policy with conditions for the remote site: physical security, shared spaces, equipment and networks.",
	{Clause: 6, Num: 8}:  "SOC 2 asks for communication and incident handling in general (CC2.2, CC2.3, CC7.3 to CC7.5); ISO 27001 expects a known, easy channel through which all personnel report observed or suspected security events promptly.",
	{Clause: 7, Num: 1}:  "SOC 2 asks for physical access control in general (CC6.4) and secure disposal (CC6.5); ISO 27001 expects defined security perimeters whose strength matches the assets inside them.",
	{Clause: 7, Num: 3}:  "SOC 2 asks for physical access control in general (CC6.4) and secure disposal (CC6.5); ISO 27001 expects offices, rooms and facilities designed and secured against unauthorized access and being overlooked.",
	{Clause: 7, Num: 4}:  "SOC 2 asks for physical access control in general (CC6.4) and secure disposal (CC6.5); ISO 27001 expects premises monitored continuously for unauthorized physical access (guards, alarms, video).",
	{Clause: 7, Num: 6}:  "SOC 2 asks for physical access control in general (CC6.4) and secure disposal (CC6.5); ISO 27001 expects rules for working in secure areas: who may work there, supervision, no unauthorized recording devices.",
	{Clause: 7, Num: 8}:  "SOC 2 asks for physical access control (CC6.4), secure disposal (CC6.5) and environmental protections (A1.2) in general; ISO 27001 expects each piece of equipment sited and protected against physical and environmental threats and unauthorized access.",
	{Clause: 7, Num: 12}: "SOC 2 asks for physical access control in general (CC6.4) and secure disposal (CC6.5); ISO 27001 expects power and data cabling protected from interception, interference and damage.",
	{Clause: 7, Num: 13}: "SOC 2 asks for physical access control (CC6.4), secure disposal (CC6.5) and maintained recovery infrastructure (A1.2); ISO 27001 expects all equipment maintained as its supplier specifies, by authorized people, with records.",
	{Clause: 8, Num: 4}:  "SOC 2 asks for logical access security and change management in general (CC6.1, CC8.1); ISO 27001 expects read and write access to source code, development tools and software libraries restricted and managed.",
	{Clause: 8, Num: 11}: "SOC 2 asks for logical access, boundary protection and protected transmission (CC6.1, CC6.6, CC6.7); ISO 27001 expects data masking (pseudonymization, anonymization) where the access control policy and the law require it.",
	{Clause: 8, Num: 18}: "SOC 2 asks for protection against unauthorized software and configuration monitoring (CC6.8, CC7.1); ISO 27001 expects utility programs that can override system and application controls restricted to few people and tightly controlled.",
	{Clause: 8, Num: 21}: "SOC 2 asks for logical access security and boundary protection (CC6.1, CC6.6); ISO 27001 expects the security mechanisms, service levels and requirements of each network service identified, agreed with its provider and monitored.",
	{Clause: 8, Num: 23}: "SOC 2 asks for protection against unauthorized and malicious software (CC6.8); ISO 27001 expects access to external websites managed, with rules for the sites and content to block.",
	{Clause: 8, Num: 26}: "SOC 2 asks for objectives and change management in general (CC3.1, CC8.1); ISO 27001 expects security requirements identified, specified and approved for each application developed or acquired.",
	{Clause: 8, Num: 27}: "SOC 2 asks for logical access security and change management (CC6.1, CC8.1); ISO 27001 expects documented principles for engineering secure systems, applied to every development and kept up to date.",
	{Clause: 8, Num: 28}: "SOC 2 asks for vulnerability detection and change management (CC7.1, CC8.1); ISO 27001 expects secure coding principles applied throughout software development.",
	{Clause: 8, Num: 29}: "SOC 2 asks for changes to be tested before release (CC8.1); ISO 27001 expects security testing defined and performed in the development life cycle, with acceptance criteria.",
	{Clause: 8, Num: 30}: "SOC 2 asks for change management and vendor risk management (CC8.1, CC9.2); ISO 27001 expects outsourced development directed, monitored and reviewed, with the security requirements in the contract.",
	{Clause: 8, Num: 31}: "SOC 2 asks for logical access, protection against unauthorized software and change management (CC6.1, CC6.8, CC8.1); ISO 27001 expects development, test and production environments separated and each secured.",
}
