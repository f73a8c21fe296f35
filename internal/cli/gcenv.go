package cli

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// buildGOGC is the GC target dispatch build gives the Hugo child: the heap
// may grow to (1 + buildGOGC/100) times what is live before a collection.
// See README.md, "Memory and garbage collection", for what it was chosen
// from (bench/cmd/buildbench measures it against Go's default, 100).
const buildGOGC = 100

// buildMemoryShare is the share of the machine's memory (or of the
// cgroup's limit, when lower) that the Hugo child of dispatch build takes
// as its soft memory limit: past it the Go runtime collects more often
// instead of letting a large archive's build be killed for lack of memory.
const buildMemoryShare = 0.75

// buildGC returns the environment variables dispatch build adds for its
// Hugo child: GOGC and GOMEMLIMIT as chosen above, or nothing when the
// user's environment sets either (theirs is inherited as it is). memory is
// the memory the build may use, in bytes; 0 leaves out the limit.
func buildGC(environ []string, memory int64) []string {
	for _, kv := range environ {
		if strings.HasPrefix(kv, "GOGC=") || strings.HasPrefix(kv, "GOMEMLIMIT=") {
			return nil
		}
	}
	env := []string{"GOGC=" + strconv.Itoa(buildGOGC)}
	if memory > 0 {
		env = append(env, fmt.Sprintf("GOMEMLIMIT=%dMiB", int64(float64(memory)*buildMemoryShare)>>20))
	}
	return env
}

// machineMemory returns the memory this process may use: the machine's
// total, or its cgroup's limit when that is lower; 0 if neither is known.
func machineMemory() int64 {
	var total int64
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		s := bufio.NewScanner(bytes.NewReader(b))
		for s.Scan() {
			if f := strings.Fields(s.Text()); len(f) >= 2 && f[0] == "MemTotal:" {
				if kb, err := strconv.ParseInt(f[1], 10, 64); err == nil {
					total = kb << 10
				}
			}
		}
	}
	for _, f := range []string{"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"} {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		if limit, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64); err == nil && limit > 0 && (total == 0 || limit < total) {
			total = limit
		}
	}
	return total
}
