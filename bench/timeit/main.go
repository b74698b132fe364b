// Command timeit runs a command n times with its output discarded and
// prints its best wall time in seconds and its largest peak RSS in KiB.
// The clock is read around the command's fork, exec and wait only, where
// a shell script's `date` before and after would add the start of the
// date processes to every figure (a millisecond or two, much of the
// small inputs' time); bench/run.sh measures with it.
//
//	timeit [-n N] [-stdin FILE] -- command [args...]
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"syscall"
	"time"
)

func main() {
	n := flag.Int("n", 5, "runs")
	stdin := flag.String("stdin", os.DevNull, "the command's standard input")
	flag.Parse()
	if flag.NArg() == 0 || *n < 1 {
		fmt.Fprintln(os.Stderr, "usage: timeit [-n N] [-stdin FILE] -- command [args...]")
		os.Exit(2)
	}
	devnull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		fmt.Fprintln(os.Stderr, "timeit:", err)
		os.Exit(1)
	}
	best, peak := time.Duration(-1), int64(0)
	for range *n {
		in, err := os.Open(*stdin)
		if err != nil {
			fmt.Fprintln(os.Stderr, "timeit:", err)
			os.Exit(1)
		}
		cmd := exec.Command(flag.Arg(0), flag.Args()[1:]...)
		cmd.Stdin, cmd.Stdout, cmd.Stderr = in, devnull, devnull
		start := time.Now()
		err = cmd.Run()
		took := time.Since(start)
		in.Close()
		if _, exited := err.(*exec.ExitError); err != nil && !exited {
			fmt.Fprintln(os.Stderr, "timeit:", err)
			os.Exit(1)
		}
		if best < 0 || took < best {
			best = took
		}
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok && ru.Maxrss > peak {
			peak = ru.Maxrss // KiB on Linux
		}
	}
	fmt.Printf("%.6f %d\n", best.Seconds(), peak)
}
