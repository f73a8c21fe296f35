package check

import (
	"cmp"
	"maps"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/gohugoio/hugo/common/hmaps"
	"github.com/gohugoio/hugo/common/htime"
	"github.com/gohugoio/hugo/resources/page/pagemeta"
	"github.com/spf13/cast"
)

// publication is what Hugo makes of a page's front matter: whether a build
// publishes it, and when. It is computed with Hugo's own date handler and
// conversions, so that what the checks call a draft is a draft for Hugo.
type publication struct {
	draft   bool // draft, or published: false
	future  bool // published later than the build's clock
	expired bool // expired before the build's clock
	render  bool // false for build.render: never and headless
	dates   pagemeta.Dates
}

// published says whether a build with the site's flags writes the page.
func (pub publication) published(r *rules) bool {
	s := r.site
	return pub.render && (s.BuildDrafts || !pub.draft) && (s.BuildFuture || !pub.future) && (s.BuildExpired || !pub.expired)
}

// readPublication reads p's publication as Hugo does, and reports what
// makes Hugo fail: dates it cannot parse, a build block it cannot decode.
func (c *checker) readPublication(p *page, f source, lang string) publication {
	pub := publication{render: true}
	params := p.params
	loc := c.r.site.Location(lang)
	for _, k := range p.order {
		lk := strings.ToLower(k)
		v := params[lk]
		if !c.r.dates.IsDateKey(lk) || v == nil || v == "" {
			continue
		}
		if _, err := htime.ToTimeInDefaultLocationE(v, loc); err != nil {
			c.failAt(p, p.valueAt(k), "fm.date", "Hugo cannot read %q as a date (%v), and stops the whole build: write it as 2024-10-21T09:00:00+09:00", k, cast.ToString(v))
		}
	}
	base := path.Base(f.contentRel)
	if b := strings.SplitN(base, ".", 2)[0]; b == "index" || b == "_index" {
		base = path.Base(path.Dir(f.contentRel))
	}
	late := &pagemeta.PageConfigLate{Params: hmaps.Params{}}
	d := &pagemeta.FrontMatterDescriptor{
		BaseFilename:    base,
		PathOrTitle:     f.rel,
		ModTime:         f.modTime,
		PageConfigEarly: &pagemeta.PageConfigEarly{Frontmatter: params},
		PageConfigLate:  late,
		Location:        loc,
	}
	if err := c.r.dates.HandleDates(d); err == nil {
		pub.dates = late.Dates
	}

	// As hugolib's setMetaPostParams: draft wins over published.
	if v, ok := params["draft"]; ok {
		pub.draft = cast.ToBool(v)
	} else if v, ok := params["published"]; ok {
		if b, err := cast.ToBoolE(v); err == nil {
			pub.draft = !b
		}
	}
	buildKey := "build"
	if _, ok := params["_build"]; ok {
		buildKey = "_build"
	}
	if bc, err := pagemeta.DecodeBuildConfig(params[buildKey]); err != nil {
		c.failAt(p, p.keyAt(p.actualKey(buildKey)), "fm.structural", "Hugo cannot read %q: %v", buildKey, err)
	} else if bc.Render == pagemeta.Never {
		pub.render = false
	}
	if cast.ToBool(params["headless"]) {
		pub.render = false
	}
	now := c.r.now
	pub.future = !pub.dates.PublishDate.IsZero() && pub.dates.PublishDate.After(now)
	pub.expired = !pub.dates.ExpiryDate.IsZero() && pub.dates.ExpiryDate.Before(now)
	return pub
}

// prepared returns a copy of a front matter map with its keys lower-cased
// at every level, as Hugo prepares it.
func prepared(fm map[string]any) hmaps.Params {
	cp := deepCopy(fm).(map[string]any)
	hmaps.PrepareParams(cp)
	return hmaps.Params(cp)
}

func deepCopy(v any) any {
	switch x := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, vv := range x {
			m[k] = deepCopy(vv)
		}
		return m
	case []any:
		l := make([]any, len(x))
		for i, vv := range x {
			l[i] = deepCopy(vv)
		}
		return l
	}
	return v
}

// checkKeyCase reports keys of one mapping, at any depth, that differ only
// in case: Hugo folds them into one key, and which value it keeps is not
// certain (a "draft: true" with a later "Draft: false" published a draft).
// m is the mapping as decoded, at path.
func (c *checker) checkKeyCase(p *page, m map[string]any, path []any) {
	var folded map[string][]string // lower case -> keys, when two fold together
	if len(m) > 1 {
		seen := make(map[string]string, len(m))
		for k := range m {
			l := strings.ToLower(k)
			if first, ok := seen[l]; ok {
				if folded == nil {
					folded = map[string][]string{}
				}
				if len(folded[l]) == 0 {
					folded[l] = []string{first}
				}
				folded[l] = append(folded[l], k)
			}
			seen[l] = k
		}
	}
	for _, l := range slices.Sorted(maps.Keys(folded)) {
		// In the order they are written: the later ones are reported.
		type placed struct {
			key       string
			w         where
			line, col int
		}
		var keys []placed
		for _, k := range folded[l] {
			w := where{p: p, path: append(slices.Clone(path), k), key: true}
			line, col := w.resolve()
			keys = append(keys, placed{k, w, line, col})
		}
		slices.SortFunc(keys, func(a, b placed) int {
			return cmp.Or(cmp.Compare(a.line, b.line), cmp.Compare(a.col, b.col), strings.Compare(a.key, b.key))
		})
		for _, k := range keys[1:] {
			c.failAt(p, k.w, "fm.duplicate-key",
				"%q and %q are one key for Hugo, which ignores case, and it may keep either value: keep one", keys[0].key, k.key)
		}
	}
	for k, v := range m {
		switch v.(type) {
		case map[string]any, []any:
			c.checkKeyCaseIn(p, v, append(slices.Clone(path), k))
		}
	}
}

func (c *checker) checkKeyCaseIn(p *page, v any, path []any) {
	switch x := v.(type) {
	case map[string]any:
		c.checkKeyCase(p, x, path)
	case []any:
		for i, e := range x {
			switch e.(type) {
			case map[string]any, []any:
				c.checkKeyCaseIn(p, e, append(slices.Clone(path), i))
			}
		}
	}
}

// hugoTime parses a front matter date as Hugo does.
func hugoTime(v any, loc *time.Location) (time.Time, error) {
	return htime.ToTimeInDefaultLocationE(v, loc)
}
