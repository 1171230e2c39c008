package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/soa-tool/soa/soa/schema"
	"github.com/urfave/cli/v2"
)

// shells are the shells soa completion writes scripts for.
var shells = []string{"bash", "zsh", "fish", "powershell"}

func completionCommand() command {
	return command{example: "source <(soa completion bash)", Command: &cli.Command{
		Name:      "completion",
		Usage:     "print a shell completion script: bash, zsh, fish or powershell",
		ArgsUsage: "SHELL",
		Description: "Prints a script that completes soa's commands, their flags and, for soa schema and soa\n" +
			"completion, their arguments; other arguments complete as file names. Load it for the\n" +
			"current shell, or save it where the shell reads completions:\n" +
			"   bash:       source <(soa completion bash)   or  soa completion bash > /etc/bash_completion.d/soa\n" +
			"   zsh:        source <(soa completion zsh)    (in ~/.zshrc, after compinit)\n" +
			"   fish:       soa completion fish > ~/.config/fish/completions/soa.fish\n" +
			"   powershell: soa completion powershell | Out-String | Invoke-Expression   (in $PROFILE)\n" +
			"The script lists the commands of this soa version: regenerate it after an upgrade.",
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 || !slices.Contains(shells, c.Args().First()) {
				return usage("soa completion needs one shell: %s, e.g. soa completion bash", strings.Join(shells, ", "))
			}
			return writeCompletion(c.App.Writer, c.App, c.Args().First())
		},
	}}
}

// completionWords is what completes after soa: the commands, and for each command its
// flags and the fixed words its arguments may be.
type completionWords struct {
	commands []string
	usage    map[string]string
	flags    map[string][]string // "--out", "-o", ...
	args     map[string][]string
}

func wordsOf(app *cli.App) completionWords {
	w := completionWords{usage: map[string]string{}, flags: map[string][]string{}, args: map[string][]string{
		"completion": shells,
		"schema":     schema.Kinds,
	}}
	for _, cmd := range app.Commands {
		if cmd.Hidden {
			continue
		}
		w.commands = append(w.commands, cmd.Name)
		w.usage[cmd.Name] = cmd.Usage
		for _, f := range cmd.Flags {
			for _, n := range f.Names() {
				w.flags[cmd.Name] = append(w.flags[cmd.Name], dashed(n))
			}
		}
		w.flags[cmd.Name] = append(w.flags[cmd.Name], "--help")
	}
	return w
}

func dashed(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

func writeCompletion(w io.Writer, app *cli.App, shell string) error {
	words := wordsOf(app)
	var b strings.Builder
	switch shell {
	case "bash":
		b.WriteString("# bash completion for soa; load with: source <(soa completion bash)\n")
		bashCompletion(&b, words)
	case "zsh":
		// zsh runs the bash function through its bash-compatible completion layer.
		b.WriteString("# zsh completion for soa; load with: source <(soa completion zsh)\n" +
			"autoload -U +X compinit && { (( $+functions[compdef] )) || compinit; }\n" +
			"autoload -U +X bashcompinit && bashcompinit\n")
		bashCompletion(&b, words)
	case "fish":
		fishCompletion(&b, words)
	case "powershell":
		powershellCompletion(&b, words)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func bashCompletion(b *strings.Builder, w completionWords) {
	b.WriteString("_soa() {\n" +
		"  local cur=${COMP_WORDS[COMP_CWORD]}\n" +
		"  COMPREPLY=()\n" +
		"  if [[ $COMP_CWORD -eq 1 ]]; then\n")
	fmt.Fprintf(b, "    COMPREPLY=($(compgen -W %q -- \"$cur\"))\n", strings.Join(w.commands, " ")+" --help --version")
	b.WriteString("    return\n  fi\n  local flags= args=\n  case ${COMP_WORDS[1]} in\n")
	for _, c := range w.commands {
		fmt.Fprintf(b, "    %s) flags=%q", c, strings.Join(w.flags[c], " "))
		if a := w.args[c]; len(a) > 0 {
			fmt.Fprintf(b, " args=%q", strings.Join(a, " "))
		}
		b.WriteString(" ;;\n")
	}
	b.WriteString("  esac\n" +
		"  if [[ $cur == -* ]]; then\n" +
		"    COMPREPLY=($(compgen -W \"$flags\" -- \"$cur\"))\n" +
		"  elif [[ -n $args ]]; then\n" +
		"    COMPREPLY=($(compgen -W \"$args\" -- \"$cur\"))\n" +
		"  fi\n" +
		"}\n" +
		"# With no match, -o default completes file and directory names (workspaces, outputs).\n" +
		"complete -o default -F _soa soa\n")
}

func fishCompletion(b *strings.Builder, w completionWords) {
	b.WriteString("# fish completion for soa; save as ~/.config/fish/completions/soa.fish\n" +
		"complete -c soa -n __fish_use_subcommand -l help -s h -d 'show help'\n" +
		"complete -c soa -n __fish_use_subcommand -l version -s v -d 'print the version'\n")
	for _, c := range w.commands {
		fmt.Fprintf(b, "complete -c soa -f -n __fish_use_subcommand -a %s -d %s\n", c, fishQuote(w.usage[c]))
		for _, f := range w.flags[c] {
			opt := "-l " + strings.TrimPrefix(f, "--")
			if !strings.HasPrefix(f, "--") {
				opt = "-s " + strings.TrimPrefix(f, "-")
			}
			fmt.Fprintf(b, "complete -c soa -n '__fish_seen_subcommand_from %s' %s\n", c, opt)
		}
		if a := w.args[c]; len(a) > 0 {
			fmt.Fprintf(b, "complete -c soa -f -n '__fish_seen_subcommand_from %s' -a '%s'\n", c, strings.Join(a, " "))
		}
	}
}

func fishQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `\'`) + "'" }

func powershellCompletion(b *strings.Builder, w completionWords) {
	b.WriteString("# PowerShell completion for soa; load with: soa completion powershell | Out-String | Invoke-Expression\n" +
		"Register-ArgumentCompleter -Native -CommandName soa -ScriptBlock {\n" +
		"    param($wordToComplete, $commandAst, $cursorPosition)\n" +
		"    $words = @{\n")
	for _, c := range w.commands {
		all := slices.Concat(w.flags[c], w.args[c])
		fmt.Fprintf(b, "        '%s' = @('%s')\n", c, strings.Join(all, "', '"))
	}
	fmt.Fprintf(b, "    }\n"+
		"    $elements = $commandAst.CommandElements\n"+
		"    if ($elements.Count -lt 2 -or ($elements.Count -eq 2 -and $wordToComplete -ne '')) {\n"+
		"        $candidates = @('%s', '--help', '--version')\n"+
		"    } else {\n"+
		"        $candidates = $words[$elements[1].ToString()]\n"+
		"    }\n"+
		"    $candidates | Where-Object { $_ -like \"$wordToComplete*\" } | ForEach-Object {\n"+
		"        [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)\n"+
		"    }\n"+
		"}\n", strings.Join(w.commands, "', '"))
}
