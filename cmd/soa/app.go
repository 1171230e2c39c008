package main

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"
)

// command is one soa command: the urfave/cli definition and an example for the help text.
type command struct {
	*cli.Command
	example string
}

// commands returns every command, each built fresh so tests do not share flag state.
func commands() []command {
	return []command{
		approveCommand(),
		buildCommand(),
		checkCommand(),
		controlsCommand(),
		crosswalkCommand(),
		diffCommand(),
		gapCommand(),
		importCommand(),
		initCommand(),
		releaseCommand(),
		schemaCommand(),
		versionCommand(),
		completionCommand(),
		manCommand(),
	}
}

// newApp builds the CLI writing to stdout and stderr.
func newApp(stdout, stderr io.Writer) *cli.App {
	app := &cli.App{
		Name:      "soa",
		Usage:     "the ISO/IEC 27001:2022 Statement of Applicability, from YAML to XLSX and PDF",
		Version:   readBuildInfo().short(),
		Writer:    stdout,
		ErrWriter: stderr,
		// Exit codes are decided by run, after every deferred cleanup has happened.
		ExitErrHandler:  func(*cli.Context, error) {},
		OnUsageError:    usageErr,
		HideHelpCommand: true,
		// run answers unknown commands itself, with suggestions only when one is close.
		CommandNotFound: func(c *cli.Context, name string) {},
	}
	var help strings.Builder
	help.WriteString("soa - {{.Usage}}\n\nUsage: soa COMMAND [options] [arguments]\n\nCommands:\n")
	for _, c := range commands() {
		c.OnUsageError = usageErr
		c.Description = strings.TrimSpace(c.Description + "\n\nExample:\n   " + c.example)
		app.Commands = append(app.Commands, c.Command)
		fmt.Fprintf(&help, "  %-10s %s\n  %-10s   e.g. %s\n", c.Name, c.Usage, "", c.example)
	}
	help.WriteString("\nGlobal options:\n  --help, -h     show help (also after a command: soa build --help)\n" +
		"  --version, -v  print the version\n\nExit codes: 0 success, 1 the content has problems " +
		"(or a looked-up thing does not exist), 2 usage or I/O error.\n")
	app.CustomAppHelpTemplate = help.String()
	return app
}

// run executes the command line and returns the process exit code.
func run(args []string, stdout, stderr io.Writer) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "soa: internal error: %v\nsoa: this is a bug; please report it with the command you ran\n", r)
			code = 2
		}
	}()
	app := newApp(stdout, stderr)
	args = helpArgs(app, moveFlagsFirst(app, args))
	if len(args) > 1 && !strings.HasPrefix(args[1], "-") && app.Command(args[1]) == nil {
		msg := fmt.Sprintf("soa: unknown command %q", args[1])
		if s := suggestCommand(app.Commands, args[1]); s != "" {
			msg += fmt.Sprintf("\nsoa: did you mean %q?", s)
		}
		fmt.Fprintln(stderr, msg+"\nsoa: see 'soa --help' for the list of commands")
		return 2
	}
	err := app.Run(args)
	if err == nil {
		return 0
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			fmt.Fprintln(stderr, prefixLines(ee.err.Error()))
		}
		return ee.code
	}
	fmt.Fprintln(stderr, prefixLines(err.Error()))
	return 2
}

// prefixLines puts "soa: " in front of every line of msg.
func prefixLines(msg string) string {
	lines := strings.Split(strings.TrimRight(msg, "\n"), "\n")
	for i, l := range lines {
		lines[i] = "soa: " + l
	}
	return strings.Join(lines, "\n")
}

// exitError carries the exit code for an error; err may be nil when the command has already
// said everything (findings printed, say).
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// problems is exit code 1: the content was checked and has problems, or a looked-up thing
// does not exist.
func problems(err error) error { return &exitError{code: 1, err: err} }

// usage is exit code 2 for a command line that cannot be carried out.
func usage(format string, a ...any) error {
	return &exitError{code: 2, err: fmt.Errorf(format, a...)}
}

func usageErr(c *cli.Context, err error, _ bool) error {
	name := "soa"
	if c.Command != nil && c.Command.Name != "" && c.Command.Name != c.App.Name {
		name = "soa " + c.Command.Name
	}
	return usage("%v%s\nrun '%s --help' for usage", err, flagHint(c, err), name)
}

// moveFlagsFirst moves a command's flags ahead of its positional arguments, because
// urfave/cli v2 stops parsing flags at the first positional: "soa build dir -o out" works.
// Anything after "--" stays positional.
func moveFlagsFirst(app *cli.App, args []string) []string {
	if len(args) < 3 {
		return args
	}
	cmd := app.Command(args[1])
	if cmd == nil {
		return args
	}
	takesValue := map[string]bool{}
	for _, f := range cmd.Flags {
		_, isBool := f.(*cli.BoolFlag)
		for _, n := range f.Names() {
			takesValue[n] = !isBool
		}
	}
	var flags, pos []string
	rest := args[2:]
	for i := 0; i < len(rest); i++ {
		a := rest[i]
		switch {
		case a == "--":
			pos = append(pos, rest[i+1:]...)
			i = len(rest)
		case len(a) > 1 && a[0] == '-':
			flags = append(flags, a)
			name := strings.TrimLeft(a, "-")
			if !strings.Contains(name, "=") && takesValue[name] && i+1 < len(rest) {
				flags = append(flags, rest[i+1])
				i++
			}
		default:
			pos = append(pos, a)
		}
	}
	out := slices.Concat(args[:2], flags)
	if len(pos) > 0 {
		out = append(append(out, "--"), pos...)
	}
	return out
}
