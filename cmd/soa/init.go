package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/soa-tool/soa/soa/output"
	"github.com/soa-tool/soa/soa/schema"
	"github.com/soa-tool/soa/soa/text"
	"github.com/soa-tool/soa/soa/workspace"
	"github.com/soa-tool/soa/templates"
	"github.com/urfave/cli/v2"
)

func initCommand() command {
	var force bool
	var fromSOC2 string
	return command{example: "soa init isms", Command: &cli.Command{
		Name:      "init",
		Usage:     "write a starter workspace: isms.yaml, risks.yaml and controls.yaml to fill in",
		ArgsUsage: "[DIR]",
		Description: "Writes into DIR (default: the current directory; created if missing) a commented isms.yaml\n" +
			"with a 5x5 risk method, a risks.yaml with one worked example risk, a controls.yaml listing\n" +
			"the 93 Annex A controls with the decision left to you, and their JSON Schemas in .schema/\n" +
			"for editors; also a .gitignore for out/ and a .yamllint that suits the files. Files that\n" +
			"exist are left untouched (and named), so running it again writes only what is missing;\n" +
			"--force overwrites them (never .gitignore or .yamllint). Then run soa check DIR: it lists\n" +
			"everything still to fill in.",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "force", Usage: "overwrite existing workspace and schema files", Destination: &force},
			&cli.StringFlag{Name: "from-soc2", Usage: "start controls.yaml from a SOC 2 control list `FILE` (CSV, JSON or YAML)", Destination: &fromSOC2},
		},
		Action: func(c *cli.Context) error {
			dir, err := oneDir(c)
			if err != nil {
				return err
			}
			if fromSOC2 != "" {
				return initFromSOC2(c, fromSOC2, dir, force)
			}
			if err := writeStarter(c.App.Writer, dir, starterFiles(templates.Controls()), force, ""); err != nil {
				return err
			}
			fmt.Fprintf(c.App.Writer, "next: fill in isms.yaml (organization, scope, document owner), replace the example risk in\n"+
				"risks.yaml with your own, and decide each control in controls.yaml; then run '%s',\n"+
				"which lists what is still missing\n", checkCommandLine(dir))
			return nil
		},
	}}
}

// starterFile is one file of a starter workspace, named relative to the workspace directory.
type starterFile struct {
	name string
	data []byte
	// optional files (.gitignore, .yamllint) are kept when they exist, even under --force:
	// they may be the repository's own.
	optional bool
}

// starterFiles returns the files soa init writes, with controls as controls.yaml: the three
// workspace files, the schemas their modelines point to, then a .gitignore for out/ and a
// .yamllint that suits the files.
func starterFiles(controls []byte) []starterFile {
	files := []starterFile{
		{name: workspace.ISMSFile, data: templates.ISMS()},
		{name: workspace.RisksFile, data: templates.Risks()},
		{name: workspace.ControlsFile, data: controls},
	}
	for _, k := range schema.Kinds {
		b, _ := schema.For(k)
		files = append(files, starterFile{name: filepath.Join(templates.SchemaDir, schema.FileName(k)), data: b})
	}
	return append(files,
		starterFile{name: ".gitignore", data: templates.Gitignore(), optional: true},
		starterFile{name: ".yamllint", data: templates.Yamllint(), optional: true})
}

// writeStarter writes files into dir, creating directories as needed, and prints each path
// written. Files that already exist are kept and named, unless force is set; with fromSOC2
// (the --from-soc2 file, whose point is controls.yaml) an existing file makes it write
// nothing and return a usage error naming them. Each file goes through a temporary name and a rename, so none is
// left half written. fromSOC2 is the --from-soc2 file, if any, for the hint that repeats the
// command.
func writeStarter(w io.Writer, dir string, files []starterFile, force bool, fromSOC2 string) error {
	var exist, kept []string
	dirs := map[string][]output.File{}
	var order []string
	for _, f := range files {
		path := filepath.Join(dir, f.name)
		sub := filepath.Dir(path)
		if st, err := os.Stat(sub); err == nil && !st.IsDir() {
			return usage("%s is a file, not a directory; give soa init a directory for the workspace", sub)
		}
		// Any other error (no permission, a parent that is a file) is the write's to report.
		if _, err := os.Lstat(path); err == nil {
			if f.optional {
				kept = append(kept, path)
				continue
			}
			exist = append(exist, path)
			if !force && fromSOC2 == "" {
				continue
			}
		}
		if _, ok := dirs[sub]; !ok {
			order = append(order, sub)
		}
		data := f.data
		dirs[sub] = append(dirs[sub], output.File{Name: filepath.Base(path), Render: func(w io.Writer) error {
			_, err := w.Write(data)
			return err
		}})
	}
	if len(exist) > 0 && !force && fromSOC2 != "" {
		verb := "already exists"
		if len(exist) > 1 {
			verb = "already exist"
		}
		from := ""
		if fromSOC2 != "" {
			from = " --from-soc2 " + shellArg(fromSOC2)
		}
		return usage("%s %s; soa init does not overwrite files, so it wrote nothing\n"+
			"run 'soa init --force%s%s' to overwrite them with the starter files, or give another directory",
			text.JoinAnd(exist), verb, from, dirArg(dir))
	}
	for _, sub := range order {
		if len(dirs[sub]) == 0 {
			continue
		}
		written, err := output.WriteAll(sub, dirs[sub], nil)
		if err != nil {
			return usage("%v", err)
		}
		for _, f := range written {
			fmt.Fprintf(w, "wrote %s\n", f.Path)
		}
	}
	if len(exist) > 0 && !force {
		state, pron := "it is", "it"
		if len(exist) > 1 {
			state, pron = "they are", "them"
		}
		fmt.Fprintf(w, "kept %s as %s (soa init --force%s would overwrite %s)\n", text.JoinAnd(exist), state, dirArg(dir), pron)
	}
	for _, k := range kept {
		fmt.Fprintf(w, "kept %s as it was\n", k)
	}
	return nil
}

// dirArg is the DIR argument to repeat in a suggested command: empty for the current
// directory, quoted for the shell when it needs to be.
func dirArg(dir string) string {
	if filepath.Clean(dir) == "." {
		return ""
	}
	if strings.ContainsAny(dir, " \t'\"$`\\!*?[]{}()<>|&;#~") {
		return " '" + strings.ReplaceAll(dir, "'", `'\''`) + "'"
	}
	return " " + dir
}

// checkCommandLine is the soa check command for the workspace in dir.
func checkCommandLine(dir string) string { return "soa check" + dirArg(dir) }
