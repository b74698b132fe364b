//go:build !unix

package rusttest

import "os/exec"

func setProcessGroup(cmd *exec.Cmd) {}
