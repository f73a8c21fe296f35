package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// sample is one run of a command in its own process.
type sample struct {
	wall time.Duration
	cpu  time.Duration // user + system, of the process and the children it waited for
	rss  int64         // peak resident set size in bytes, of the process or its largest child
	load [2]float64    // the one-minute load average before and after
}

// job is a command the benchmark runs as its own process.
type job struct {
	name string   // for messages
	args []string // program and arguments
	env  []string // added to the environment
	dir  string   // working folder; "" for this one
	// before runs before each run, untimed (removes the output folder).
	before func() error
}

// run runs j once and measures it as wait4 reports it: wall time from
// start to exit, CPU time and peak RSS from the rusage of the process,
// which on Linux includes its waited-for children (the Hugo child of
// dispatch build).
func (j job) run(ctx context.Context) (sample, error) {
	if j.before != nil {
		if err := j.before(); err != nil {
			return sample{}, err
		}
	}
	var s sample
	s.load[0] = loadAverage()
	cmd := exec.CommandContext(ctx, j.args[0], j.args[1:]...)
	cmd.Env = append(os.Environ(), j.env...)
	cmd.Dir = j.dir
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	start := time.Now()
	err := cmd.Run()
	s.wall = time.Since(start)
	s.load[1] = loadAverage()
	if err != nil {
		return s, fmt.Errorf("%s: %v\n%s", j.name, err, tail(out.String(), 40))
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		s.cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
		s.rss = ru.Maxrss * 1024 // kilobytes on Linux
	}
	return s, nil
}

// loadAverage is the one-minute load average, or -1 where there is none.
func loadAverage() float64 {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return -1
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return -1
	}
	v, err := strconv.ParseFloat(f[0], 64)
	if err != nil {
		return -1
	}
	return v
}

func tail(s string, lines int) string {
	l := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(l) > lines {
		l = l[len(l)-lines:]
	}
	return strings.Join(l, "\n")
}
