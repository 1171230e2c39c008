// Package schema holds the JSON Schemas (draft 2020-12) of the three workspace files,
// isms.yaml, risks.yaml and controls.yaml, for editors that complete and validate YAML as it
// is typed (the files soa init writes name them in a yaml-language-server modeline), and of
// soa.json, the SoA as data that soa build writes, for the programs that read it.
//
// The schemas describe the form the loader in package soa accepts: the keys of every mapping,
// the required ones, the types, the vocabularies and the control ID forms. They do not hold
// the rules that need the whole workspace (a control selected by a risk, a residual score
// above the acceptance threshold): those are the checks of package soa, and only soa check
// reports them.
package schema

import "embed"

//go:embed *.schema.json
var files embed.FS

// Kinds lists the workspace files that have a schema, by the name of the file without
// ".yaml", in the order a workspace is read.
var Kinds = []string{"isms", "risks", "controls"}

// Output is the kind of soa.json's schema; [All] lists every kind, the workspace files first.
const Output = "soa"

// All lists the kinds of every schema: the workspace files, then soa.json.
var All = append(append([]string(nil), Kinds...), Output)

// FileName returns the name of the schema file for kind: "isms.schema.json" for "isms".
func FileName(kind string) string { return kind + ".schema.json" }

// Kind returns the kind that name stands for: "isms" for "isms", the workspace file name
// "isms.yaml" and the schema file name "isms.schema.json"; "soa" for "soa", "soa.json" and
// "soa.schema.json". ok is false for anything else.
func Kind(name string) (kind string, ok bool) {
	for _, k := range Kinds {
		if name == k || name == k+".yaml" || name == FileName(k) {
			return k, true
		}
	}
	if name == Output || name == Output+".json" || name == FileName(Output) {
		return Output, true
	}
	return "", false
}

// For returns the schema of the file name stands for (see [Kind]) as JSON; ok is false when
// name is not one of them.
func For(name string) (schema []byte, ok bool) {
	k, ok := Kind(name)
	if !ok {
		return nil, false
	}
	b, err := files.ReadFile(FileName(k))
	if err != nil {
		panic("schema: embedded file missing: " + err.Error())
	}
	return b, true
}
