package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"time"
)

// previews measures the preview of an n-article corpus: dispatch server
// with the theme and dispatch hugo server with the bare theme on the same
// content, alternated, each a process of its own. Ready is the time from
// start until the home page is served; edit-to-served the time from
// saving an article with a new title until its page shows that title.
func (b *bench) previews(ctx context.Context, n, images, edits int) ([]*row, error) {
	site, err := b.corpusSite(n, images)
	if err != nil {
		return nil, err
	}
	bare, err := b.bareSite()
	if err != nil {
		return nil, err
	}
	article, url, err := pickArticle(site)
	if err != nil {
		return nil, err
	}
	type server struct {
		ready, edit *row
		args        func(port int) []string
	}
	servers := []server{
		{ready: &row{what: "dispatch server: until the home page is served", articles: n},
			edit: &row{what: "dispatch server: save to new title served", articles: n},
			args: func(port int) []string {
				return []string{b.dispatch, "server", "--source", site, "--port", fmt.Sprint(port)}
			}},
		{ready: &row{what: "hugo server, bare theme: until the home page is served", articles: n},
			edit: &row{what: "hugo server, bare theme: save to new title served", articles: n},
			args: func(port int) []string {
				return []string{b.dispatch, "hugo", "server", "--source", bare, "--contentDir", filepath.Join(site, "content"),
					"--renderToMemory", "--port", fmt.Sprint(port), "--bind", "127.0.0.1"}
			}},
	}
	original, err := os.ReadFile(article)
	if err != nil {
		return nil, err
	}
	defer os.WriteFile(article, original, 0o644)
	for round := range b.rounds {
		for k := range servers {
			sv := servers[(k+round)%len(servers)]
			ready, saves, s, err := b.preview(ctx, sv.args, article, original, url, edits)
			if err != nil {
				return nil, err
			}
			rs := s
			rs.wall = ready
			sv.ready.samples = append(sv.ready.samples, rs)
			for _, d := range saves {
				es := s
				es.wall = d
				sv.edit.samples = append(sv.edit.samples, es)
			}
			b.logf("preview round %d: %-55s ready %.1f s, saves %v, %d MB", round+1, sv.ready.what, ready.Seconds(), saves, s.rss/1e6)
		}
	}
	servers[0].ready.pair(servers[1].ready, 1.3, 0)
	// Edits are paired save by save.
	servers[0].edit.pair(servers[1].edit, 1.0, 0)
	return []*row{servers[0].ready, servers[1].ready, servers[0].edit, servers[1].edit}, nil
}

// preview starts a server, waits for its home page, saves the article
// edits times with a new title, each time waiting for the page to show it,
// and stops the server. The sample is the whole process's.
func (b *bench) preview(ctx context.Context, args func(int) []string, article string, original []byte, url string, edits int) (time.Duration, []time.Duration, sample, error) {
	port, err := freePort()
	if err != nil {
		return 0, nil, sample{}, err
	}
	a := args(port)
	cmd := exec.CommandContext(ctx, a[0], a[1:]...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 20 * time.Second
	var s sample
	s.load[0] = loadAverage()
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return 0, nil, s, err
	}
	stopped := false
	stop := func() error {
		if stopped {
			return nil
		}
		stopped = true
		_ = cmd.Process.Signal(os.Interrupt)
		err := cmd.Wait()
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			s.cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
			s.rss = ru.Maxrss * 1024
		}
		return err
	}
	defer stop()
	base := fmt.Sprintf("http://localhost:%d", port)
	if err := waitFor(ctx, base+"/", "</html>", 10*time.Minute); err != nil {
		return 0, nil, s, fmt.Errorf("%s: %v\n%s", strings.Join(a, " "), err, tail(out.String(), 30))
	}
	ready := time.Since(start)
	// The article's page once, as an editor would have it open.
	if err := waitFor(ctx, base+url, "</html>", time.Minute); err != nil {
		return 0, nil, s, fmt.Errorf("%s: %v\n%s", base+url, err, tail(out.String(), 30))
	}
	title := regexp.MustCompile(`(?m)^title: .*$`)
	var saves []time.Duration
	for i := range edits {
		time.Sleep(time.Second)
		nonce := fmt.Sprintf("Edited %d %d", i, time.Now().UnixNano())
		edited := title.ReplaceAll(original, []byte(fmt.Sprintf("title: %q", nonce)))
		t0 := time.Now()
		if err := os.WriteFile(article, edited, 0o644); err != nil {
			return 0, nil, s, err
		}
		if err := waitFor(ctx, base+url, nonce, 2*time.Minute); err != nil {
			return 0, nil, s, fmt.Errorf("save %d: %v\n%s", i+1, err, tail(out.String(), 30))
		}
		saves = append(saves, time.Since(t0))
	}
	if err := os.WriteFile(article, original, 0o644); err != nil {
		return 0, nil, s, err
	}
	time.Sleep(time.Second)
	s.load[1] = loadAverage()
	_ = stop()
	return ready, saves, s, nil
}

// waitFor polls url until its body contains want.
func waitFor(ctx context.Context, url, want string, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	client := &http.Client{Timeout: 30 * time.Second}
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		resp, err := client.Do(req)
		if err == nil {
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK && bytes.Contains(body, []byte(want)) {
				return nil
			}
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%s did not serve %q within %v", url, want, limit)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// pickArticle returns the newest English news article of a corpus site and
// its URL path.
func pickArticle(site string) (string, string, error) {
	years, err := filepath.Glob(filepath.Join(site, "content", "news", "*"))
	if err != nil || len(years) == 0 {
		return "", "", fmt.Errorf("no news in %s", site)
	}
	year := years[len(years)-1]
	slugs, err := filepath.Glob(filepath.Join(year, "*", "index.md"))
	if err != nil || len(slugs) == 0 {
		return "", "", fmt.Errorf("no article in %s", year)
	}
	f := slugs[len(slugs)-1]
	dir := filepath.Dir(f)
	return f, fmt.Sprintf("/news/%s/%s/", filepath.Base(year), filepath.Base(dir)), nil
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
