package cli

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/dispatch-news/dispatch/internal/audit"
	"github.com/dispatch-news/dispatch/internal/site"
)

// A mirror is another address of the site, from [params.mirrors]: a name
// and a base URL, such as onion = "http://....onion/".
type mirror struct {
	name, url string
}

// mirrors returns the site's mirrors, by name.
func mirrors(s *site.Site) []mirror {
	var ms []mirror
	for name, u := range s.Mirrors() {
		ms = append(ms, mirror{name: name, url: u})
	}
	slices.SortFunc(ms, func(a, b mirror) int { return strings.Compare(a.name, b.name) })
	return ms
}

// mirrorNames is the list of names for messages.
func mirrorNames(ms []mirror) string {
	var names []string
	for _, m := range ms {
		names = append(names, m.name)
	}
	if len(names) == 0 {
		return "none: [params.mirrors] in the configuration names none"
	}
	return strings.Join(names, ", ")
}

// A mirror's name becomes a folder name (public-NAME): letters, digits, -
// and _ only (Hugo lower-cases parameter keys).
var mirrorName = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)

// mirrorSpec returns what a build for the mirror name makes: the site with
// Hugo's baseURL set to the mirror's, and params.mainBaseURL to the main
// site's, which the theme keeps in canonical links; in the folder
// public-NAME beside the site's publish folder, unless --destination says
// otherwise, but never the main site's or another mirror's. The audit takes
// the mirror's host as the site's own. An empty name is the site itself.
func (a *app) mirrorSpec(s *site.Site, h *hugoFlags, name string) (buildSpec, error) {
	if name == "" {
		return buildSpec{}, nil
	}
	ms := mirrors(s)
	i := slices.IndexFunc(ms, func(m mirror) bool { return m.name == strings.ToLower(name) })
	if i < 0 {
		return buildSpec{}, usagef("--mirror: the site has no mirror %q; its mirrors are %s", name, mirrorNames(ms))
	}
	m := ms[i]
	if !mirrorName.MatchString(m.name) {
		return buildSpec{}, usagef("--mirror: name the mirror %q in [params.mirrors] with letters, digits, - and _ only: it names the folder of its build", m.name)
	}
	u, err := url.Parse(m.url)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return buildSpec{}, fmt.Errorf("params.mirrors.%s: %q is not the base URL of a mirror, such as \"https://dispatch-mirror.example/\"", m.name, m.url)
	}
	if h.changed("baseURL") {
		return buildSpec{}, usagef("--mirror %s sets the base URL to %s; leave out --baseURL", m.name, m.url)
	}
	dest := filepath.Clean(s.PublishDir) + "-" + m.name
	if h.changed("destination") {
		// loadSite read --destination into PublishDir; the site's own
		// publish folder is the configuration's.
		dest = s.PublishDir
		main, err := a.loadSite(h.without("destination"), false)
		if err != nil {
			return buildSpec{}, err
		}
		others := map[string]string{filepath.Clean(main.PublishDir): "the main site's build"}
		for _, o := range ms {
			if o.name != m.name {
				others[filepath.Clean(main.PublishDir)+"-"+o.name] = fmt.Sprintf("the mirror %q's build", o.name)
			}
		}
		for dir, whose := range others {
			if sameFolder(dir, dest) {
				return buildSpec{}, usagef("--mirror %s: --destination %s is %s; a mirror's build goes to a folder of its own", m.name, h.string("destination"), whose)
			}
		}
	}
	return buildSpec{
		dest: dest,
		args: []string{"--baseURL", m.url},
		skip: []string{"baseURL"},
		env:  []string{"HUGO_PARAMS_MAINBASEURL=" + s.BaseURL},
		audit: func(o *audit.Options) {
			// The mirror's host is among the site's own already
			// (auditOptions reads every mirror); the main site's too.
			o.BaseURL = m.url
			o.Mirrors = append(o.Mirrors, s.BaseURL)
		},
	}, nil
}

// checkMirrorTarget refuses to publish a build to a target named after
// another address of the site: the main site's build to a mirror's target,
// or one mirror's build to another's.
func checkMirrorTarget(s *site.Site, name string, d *hugoFlags) error {
	target := d.string("target")
	for _, m := range mirrors(s) {
		if target == m.name && !strings.EqualFold(name, m.name) {
			if name == "" {
				return usagef("deploy: the target %q is the mirror %q's; publish its build with --mirror %s", target, m.name, m.name)
			}
			return usagef("deploy: the target %q is the mirror %q's, not %q's", target, m.name, name)
		}
	}
	return nil
}

// sameFolder says whether the paths a and b name the same folder, directly
// or through a symbolic link.
func sameFolder(a, b string) bool {
	if filepath.Clean(a) == filepath.Clean(b) {
		return true
	}
	fa, errA := os.Stat(a)
	fb, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(fa, fb)
}
