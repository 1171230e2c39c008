package main

import "github.com/urfave/cli/v2"

// quietFlag is -q/--quiet: nothing on standard output when the command succeeds; findings,
// notes and errors still go to standard error.
func quietFlag(dest *bool) cli.Flag {
	return &cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "print nothing on success (findings and errors still go to standard error)", Destination: dest}
}
