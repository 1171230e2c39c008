// Package cireporttest checks reports in tests: SARIF logs against the official SARIF 2.1.0
// JSON Schema, kept in testdata with its provenance. Only test code imports it, so the schema
// validator never reaches the soa binary.
package cireporttest

import (
	"bytes"
	_ "embed"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

//go:embed testdata/sarif-schema-2.1.0.json
var sarifSchema []byte

var compiled = sync.OnceValues(func() (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(sarifSchema))
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	const url = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	if err := c.AddResource(url, doc); err != nil {
		return nil, err
	}
	return c.Compile(url)
})

// SARIFErr validates log against the SARIF 2.1.0 schema and returns what is wrong, or nil.
func SARIFErr(tb testing.TB, log []byte) error {
	tb.Helper()
	sch, err := compiled()
	if err != nil {
		tb.Fatalf("compiling the SARIF 2.1.0 schema: %v", err)
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(log))
	if err != nil {
		return err
	}
	return sch.Validate(v)
}

// CheckSARIF fails the test unless log is a valid SARIF 2.1.0 log.
func CheckSARIF(tb testing.TB, log []byte) {
	tb.Helper()
	if err := SARIFErr(tb, log); err != nil {
		tb.Errorf("the SARIF log does not validate against the SARIF 2.1.0 schema:\n%v", err)
	}
}
