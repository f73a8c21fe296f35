package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/dispatch-news/dispatch/internal/check"
	"github.com/dispatch-news/dispatch/internal/preview"
	"github.com/dispatch-news/dispatch/internal/site"
)

func (a *app) newServerCommand() (*cobra.Command, error) {
	c := &cobra.Command{
		Use:   "server [flags]",
		Short: "preview the site with live reload, drafts and scheduled articles included",
		Long: `Preview the site with Hugo's live-reloading server, on this machine only
(127.0.0.1) unless --bind says otherwise. The preview is built in memory:
public/ is never touched. Drafts and scheduled articles are shown, each with
a banner that no build ever shows (-D=false or -F=false to leave them out).

An article Hugo cannot build is left out of the preview, listed here and on
a banner on every preview page, and comes back once it is fixed: one
writer's mistake never stops the preview for the rest of the newsroom.
Every content file saved is checked again (only the files that changed are
read again).

The preview answers only the names of this machine (and those of --bind and
--baseURL), so that no web page can read drafts through DNS rebinding.
With --bind 0.0.0.0 it is reachable from the local network: it prints the
address and a QR code to open it on a phone.`,
		Example: `  dispatch server
  dispatch server --bind 0.0.0.0      # to preview on a phone`,
		Args: noArgs,
	}
	h, err := a.withHugoFlags(c, "server", "renderToMemory", "renderStaticToDisk", "appendPort", "liveReloadPort", "watch")
	if err != nil {
		return nil, err
	}
	c.RunE = func(cmd *cobra.Command, args []string) error {
		// The preview shows what a build would not, with a banner.
		for _, f := range []string{"buildDrafts", "buildFuture"} {
			if !h.changed(f) {
				_ = h.set.Set(f, "true")
			}
		}
		s, err := a.loadSite(h, true)
		if err != nil {
			return err
		}
		return a.serve(cmd.Context(), s, h)
	}
	return c, nil
}

// serve runs the preview until ctx ends or Hugo stops.
func (a *app) serve(ctx context.Context, s *site.Site, h *hugoFlags) error {
	bind := h.string("bind")
	port, _ := strconv.Atoi(h.string("port"))
	ln, err := net.Listen("tcp", net.JoinHostPort(bind, strconv.Itoa(port)))
	if err != nil {
		return fmt.Errorf("cannot serve the preview on %s:%d (%v): choose another port with --port", bind, port, unwrapNetErr(err))
	}
	defer ln.Close()
	port = ln.Addr().(*net.TCPAddr).Port
	inner, err := freeLoopbackPort()
	if err != nil {
		return err
	}

	tmp, err := os.MkdirTemp("", "dispatch-preview-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	pv := &previewState{a: a, s: s, config: filepath.Join(tmp, "preview.toml")}
	if err := pv.recheck(nil, false); err != nil {
		return err
	}

	hosts := slices.Clone(preview.LoopbackHosts)
	lan := []string{}
	if !preview.IsLoopback(bind) {
		lan = preview.LANAddresses(bind)
		hosts = append(hosts, lan...)
	}
	if b := h.string("baseURL"); b != "" {
		if u, err := url.Parse(b); err == nil && u.Hostname() != "" {
			hosts = append(hosts, u.Hostname())
		}
	}
	target := &url.URL{Scheme: "http", Host: net.JoinHostPort("127.0.0.1", strconv.Itoa(inner))}
	proxy := preview.NewProxy(target, hosts)
	proxy.LeftOut = pv.leftOut
	srv := &http.Server{Handler: proxy, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	defer srv.Close()

	public := fmt.Sprintf("http://localhost:%d/", port)
	fmt.Fprintf(a.e.stderr, "dispatch: preview at %s (drafts and scheduled articles shown, with a banner; public/ is not touched)\n", public)
	if !preview.IsLoopback(bind) {
		fmt.Fprintf(a.e.stderr, "dispatch: warning: --bind %s makes the preview, drafts included, reachable from the network this machine is on.\n", bind)
		for i, addr := range lan {
			u := fmt.Sprintf("http://%s/", net.JoinHostPort(addr, strconv.Itoa(port)))
			fmt.Fprintf(a.e.stderr, "dispatch: on a phone on the same network, open %s\n", u)
			if i == 0 {
				preview.QR(a.e.stderr, u)
			}
		}
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	if err := a.watchChecks(ctx, s, pv.recheck); err != nil {
		return err
	}
	cfg := pv.config
	if f := h.string("config"); f != "" {
		cfg = f + "," + cfg
	} else if main := site.ConfigFile(s.Dir); main != "" {
		cfg = main + "," + cfg
	}
	args := []string{"server", "--source", s.Dir, "--renderToMemory", "--bind", "127.0.0.1",
		"--port", strconv.Itoa(inner), "--liveReloadPort", strconv.Itoa(port), "--appendPort=false",
		"--baseURL", public, "--config", cfg}
	args = append(args, h.args("source", "bind", "port", "baseURL", "config")...)
	err = hugoRun{args: args, site: s.Dir, stdout: a.e.stdout, stderr: a.e.stderr}.run(ctx)
	if errors.Is(err, ErrHugoFailed) {
		return fmt.Errorf("dispatch: the preview stopped: Hugo could not start it (its errors are above)")
	}
	return err
}

// previewState is what the preview leaves out, kept in step with the
// content as it is saved.
type previewState struct {
	a      *app
	s      *site.Site
	config string

	// cache keeps what each file was found to have between saves: a save
	// reads and checks the files that changed, and the pages together.
	cache check.Cache

	mu         sync.Mutex
	broken     []preview.Broken
	urls       map[string]string // of the pages left out: why
	generation int               // bumped to make Hugo rebuild everything
}

// leftOut says why a URL path is an article left out of the preview.
func (pv *previewState) leftOut(path string) (string, bool) {
	pv.mu.Lock()
	defer pv.mu.Unlock()
	why, ok := pv.urls[strings.ToLower(path)]
	return why, ok
}

// recheck checks the site again (the files that changed, and every page
// against the others), prints the diagnostics of the files saved, and rewrites the preview's configuration when the articles Hugo
// cannot build change, or when new folders nest (Hugo then rebuilds the
// whole preview).
func (pv *previewState) recheck(saved []string, nested bool) error {
	o := pv.a.checkOptions(pv.s, nil)
	o.Cache = &pv.cache
	r, err := runCheck(o)
	if err != nil {
		return err
	}
	var leave []string
	var broken []preview.Broken
	seen := map[string]bool{}
	for _, d := range r.Diagnostics {
		if !d.StopsHugo() || seen[d.Path] {
			continue
		}
		seen[d.Path] = true
		leave = append(leave, filepath.Join(pv.s.Dir, filepath.FromSlash(d.Path)))
		broken = append(broken, preview.Broken{File: filepath.ToSlash(d.Path), Line: d.Line, Column: d.Column, Message: d.Message})
	}
	for i := range r.Diagnostics {
		r.Diagnostics[i].Severity = check.Warning
	}
	if saved == nil {
		_ = r.WriteText(pv.a.e.stderr)
	} else {
		for _, d := range r.Diagnostics {
			if slices.Contains(saved, filepath.Join(pv.s.Dir, filepath.FromSlash(d.Path))) {
				fmt.Fprintln(pv.a.e.stderr, d)
			}
		}
	}

	urls := map[string]string{}
	for _, p := range r.Pages {
		for _, b := range broken {
			if p.URL != "" && p.Path == b.File {
				urls[p.URL] = fmt.Sprintf("%s:%d:%d: %s", b.File, b.Line, b.Column, b.Message)
			}
		}
	}
	pv.mu.Lock()
	defer pv.mu.Unlock()
	pv.urls = urls
	if nested {
		pv.generation++
	}
	changed := !slices.Equal(pv.broken, broken)
	pv.broken = broken
	if changed || saved == nil {
		for _, b := range broken {
			fmt.Fprintf(pv.a.e.stderr, "dispatch: left out of the preview until fixed: %s:%d:%d: %s\n", b.File, b.Line, b.Column, b.Message)
		}
		if changed && len(broken) == 0 && saved != nil {
			fmt.Fprintln(pv.a.e.stderr, "dispatch: every article is back in the preview")
		}
	}
	return preview.Config{IgnoreFiles: pv.s.Configs.Base.IgnoreFiles, Leave: leave, Broken: broken,
		Generation: pv.generation}.Write(pv.config)
}

func freeLoopbackPort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func unwrapNetErr(err error) error {
	var oe *net.OpError
	if errors.As(err, &oe) && oe.Err != nil {
		if se, ok := oe.Err.(*os.SyscallError); ok {
			return se.Err
		}
		return oe.Err
	}
	return err
}
