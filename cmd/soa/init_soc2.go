package main

import "github.com/urfave/cli/v2"

// initFromSOC2 writes a starter workspace in dir whose controls.yaml is built from the SOC 2
// control list in file (CSV or YAML). force allows overwriting existing files.
func initFromSOC2(c *cli.Context, file, dir string, force bool) error {
	return usage("soa init --from-soc2 is not available yet")
}
