// Package preview serves a newsroom's live preview: Hugo's server renders
// the site in memory behind a proxy that answers only the host names an
// editor uses (so that a web page cannot read drafts through DNS
// rebinding), and a configuration file tells Hugo which articles to leave
// out while they cannot be built, and the theme which to list on the
// preview's error banner.
package preview

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/mdp/qrterminal/v3"
	toml "github.com/pelletier/go-toml/v2"
)

// Proxy passes requests for the allowed host names to Hugo's server, and
// refuses every other Host with 403.
type Proxy struct {
	hosts []string
	rp    *httputil.ReverseProxy
	// LeftOut, if set, says why a path is an article left out of the
	// preview: Hugo may still hold what it rendered before.
	LeftOut func(path string) (why string, ok bool)
}

// NewProxy returns a proxy to the server at target that answers the host
// names hosts (compared without case and port).
func NewProxy(target *url.URL, hosts []string) *Proxy {
	p := &Proxy{rp: httputil.NewSingleHostReverseProxy(target)}
	for _, h := range hosts {
		p.hosts = append(p.hosts, strings.ToLower(strings.Trim(h, "[]")))
	}
	p.rp.ErrorHandler = func(w http.ResponseWriter, r *http.Request, err error) {
		// Hugo is starting, or rebuilding the whole site.
		w.Header().Set("Retry-After", "1")
		http.Error(w, "dispatch preview: the site is being built; this page reloads when it is ready", http.StatusServiceUnavailable)
	}
	return p
}

// Allowed says whether a request's Host header names this preview.
func (p *Proxy) Allowed(host string) bool {
	h := host
	if hh, _, err := net.SplitHostPort(host); err == nil {
		h = hh
	}
	return slices.Contains(p.hosts, strings.ToLower(strings.Trim(h, "[]")))
}

func (p *Proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !p.Allowed(r.Host) {
		http.Error(w, fmt.Sprintf("dispatch preview: %q is not a name of this preview; open it as http://localhost or the address dispatch server printed", r.Host),
			http.StatusForbidden)
		return
	}
	if p.LeftOut != nil {
		if why, ok := p.LeftOut(r.URL.Path); ok {
			w.Header().Set("Cache-Control", "no-store")
			http.Error(w, "dispatch preview: this article is left out of the preview until it is fixed: "+why, http.StatusNotFound)
			return
		}
	}
	p.rp.ServeHTTP(w, r)
}

// LoopbackHosts are the names of this machine.
var LoopbackHosts = []string{"localhost", "127.0.0.1", "::1"}

// IsLoopback says whether a bind address is only reachable from this
// machine.
func IsLoopback(bind string) bool {
	if bind == "localhost" {
		return true
	}
	ip := net.ParseIP(strings.Trim(bind, "[]"))
	return ip != nil && ip.IsLoopback()
}

// LANAddresses returns the addresses other devices on the local network
// can reach this machine at, for a bind address: all of this machine's
// non-loopback addresses for 0.0.0.0 or ::, else bind itself.
func LANAddresses(bind string) []string {
	ip := net.ParseIP(strings.Trim(bind, "[]"))
	if ip == nil || !ip.IsUnspecified() {
		return []string{bind}
	}
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		return nil
	}
	var v4, v6 []string
	for _, a := range addrs {
		n, ok := a.(*net.IPNet)
		if !ok || n.IP.IsLoopback() || n.IP.IsLinkLocalUnicast() {
			continue
		}
		if n.IP.To4() != nil {
			v4 = append(v4, n.IP.String())
		} else if ip.To4() == nil {
			v6 = append(v6, n.IP.String())
		}
	}
	return append(v4, v6...)
}

// QR writes a QR code of s for a terminal, to open the preview on a phone.
func QR(w io.Writer, s string) {
	qrterminal.GenerateWithConfig(s, qrterminal.Config{
		Level: qrterminal.L, Writer: w, HalfBlocks: true,
		BlackChar: qrterminal.BLACK_BLACK, WhiteChar: qrterminal.WHITE_WHITE,
		WhiteBlackChar: qrterminal.WHITE_BLACK, BlackWhiteChar: qrterminal.BLACK_WHITE,
		QuietZone: 2,
	})
}

// Broken is an article the preview leaves out: Hugo cannot build it.
type Broken struct {
	File    string `toml:"file"` // relative to the site, slash-separated
	Line    int    `toml:"line"`
	Column  int    `toml:"column"`
	Message string `toml:"message"`
}

// Config is the preview's own configuration, given to Hugo after the
// site's: the files to leave out, and what the error banner lists.
type Config struct {
	// IgnoreFiles are the site's own ignoreFiles patterns, kept.
	IgnoreFiles []string
	// Leave are the absolute file names to leave out.
	Leave  []string
	Broken []Broken
	// Generation, when it changes, makes Hugo rebuild the whole preview.
	Generation int
}

// Write writes c as TOML to path, atomically: Hugo reloads it on change.
func (c Config) Write(path string) error {
	ignore := slices.Clone(c.IgnoreFiles)
	leave := slices.Clone(c.Leave)
	sort.Strings(leave)
	for _, f := range leave {
		ignore = append(ignore, "^"+regexp.QuoteMeta(f)+"$")
	}
	broken := c.Broken
	if broken == nil {
		broken = []Broken{}
	}
	doc := map[string]any{
		"ignoreFiles": ignore,
		"params": map[string]any{
			"dispatchPreview": map[string]any{"broken": broken},
		},
	}
	b, err := toml.Marshal(doc)
	if err != nil {
		return err
	}
	head := fmt.Sprintf("# Written by dispatch server while it runs: the articles it leaves out\n# of the preview until they can be built. Not part of the site.\n# generation %d\n", c.Generation)
	b = append([]byte(head), b...)
	if old, err := os.ReadFile(path); err == nil && string(old) == string(b) {
		return nil // unchanged: no rebuild
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
