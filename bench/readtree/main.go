// Command readtree walks a tree and reads every .rs file with N workers,
// doing nothing else: the floor for `asynctrait expand --check`, which
// bench/run.sh reports its time against.
//
//	go run ./bench/readtree [-j N] DIR
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

func walk(dir string, out *[]string) {
	es, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range es {
		n := e.Name()
		if strings.HasPrefix(n, ".") || e.Type()&os.ModeSymlink != 0 {
			continue
		}
		p := filepath.Join(dir, n)
		if e.IsDir() {
			walk(p, out)
		} else if e.Type().IsRegular() && strings.HasSuffix(n, ".rs") {
			*out = append(*out, p)
		}
	}
}

func main() {
	jobs := flag.Int("j", 2, "workers")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: readtree [-j N] DIR")
		os.Exit(2)
	}
	start := time.Now()
	var files []string
	walk(flag.Arg(0), &files)
	var total atomic.Int64
	ch := make(chan string, 64)
	var wg sync.WaitGroup
	for range *jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			buf := make([]byte, 1<<20)
			for p := range ch {
				f, err := os.Open(p)
				if err != nil {
					continue
				}
				n := 0
				for {
					if n == len(buf) {
						buf = append(buf, 0)[:cap(buf)]
					}
					m, err := f.Read(buf[n:])
					n += m
					if err == io.EOF || m == 0 {
						break
					}
				}
				f.Close()
				total.Add(int64(n))
			}
		}()
	}
	for _, p := range files {
		ch <- p
	}
	close(ch)
	wg.Wait()
	d := time.Since(start)
	fmt.Fprintf(os.Stderr, "%d files, %d bytes in %v: %.0f MB/s\n", len(files), total.Load(), d, float64(total.Load())/d.Seconds()/1e6)
}
