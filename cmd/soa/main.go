// Command soa checks an ISO/IEC 27001:2022 workspace and renders its Statement of Applicability.
// Run "soa --help" for the commands.
package main

import "os"

func main() {
	os.Exit(run(os.Args, os.Stdout, os.Stderr))
}
