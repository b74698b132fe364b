//go:build !linux

package edit

import (
	"bufio"
	"os"
)

// writeFile writes the output to f through a buffer: the pieces are many
// and small.
func (o *Output) writeFile(f *os.File) (int64, error) {
	bw := bufio.NewWriterSize(f, 64<<10)
	n, err := o.WriteTo(bw)
	if err == nil {
		err = bw.Flush()
	}
	return n, err
}
