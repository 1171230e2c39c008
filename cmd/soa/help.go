package main

import (
	"slices"
	"strings"

	"github.com/urfave/cli/v2"
)

// helpArgs rewrites a command line that asks for help anywhere into the one urfave/cli
// answers: "soa help check foo", "soa check DIR --help" and "soa check -h DIR" all become
// "soa check --help". Left alone, urfave/cli takes DIR for a help topic and prints nothing.
func helpArgs(app *cli.App, args []string) []string {
	if len(args) > 1 && args[1] == "help" {
		if len(args) == 2 {
			return []string{args[0], "--help"}
		}
		return []string{args[0], args[2], "--help"}
	}
	if len(args) < 3 || app.Command(args[1]) == nil {
		return args
	}
	rest := args[2:]
	if i := slices.Index(rest, "--"); i >= 0 {
		rest = rest[:i]
	}
	for _, a := range rest {
		if a == "-h" || a == "--help" || a == "-help" {
			return []string{args[0], args[1], "--help"}
		}
	}
	return args
}

// flagHint adds advice to a flag error where the mistake is a common one: -v given to soa
// release for the new version, while -v is soa's own --version.
func flagHint(c *cli.Context, err error) string {
	if c.Command != nil && c.Command.Name == "release" && strings.HasSuffix(err.Error(), "defined: -v") {
		return "\n-v is soa's own version flag (soa -v); give the new version as --version, e.g. soa release --version 2.1"
	}
	return ""
}
