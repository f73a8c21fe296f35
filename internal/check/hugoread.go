package check

import (
	"path"
	"sort"
	"strings"
	"time"

	yast "github.com/goccy/go-yaml/ast"
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
			line, col := p.valuePos(k)
			c.fail(p, line, col, "fm.date", "Hugo cannot read %q as a date (%v), and stops the whole build: write it as 2024-10-21T09:00:00+09:00", k, cast.ToString(v))
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
		line, col := p.keyPos(buildKey)
		c.fail(p, line, col, "fm.structural", "Hugo cannot read %q: %v", buildKey, err)
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

// checkKeyCaseMap reports keys that differ only in case in front matter
// other than YAML, at any depth, at the front matter's first line.
func (c *checker) checkKeyCaseMap(p *page, m map[string]any) {
	seen := map[string]string{}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if first, ok := seen[strings.ToLower(k)]; ok {
			c.fail(p, max(p.fmLine, 1), 1, "fm.duplicate-key",
				"%q and %q are one key for Hugo, which ignores case, and it may keep either value: keep one", first, k)
		} else {
			seen[strings.ToLower(k)] = k
		}
		var walk func(v any)
		walk = func(v any) {
			switch x := v.(type) {
			case map[string]any:
				c.checkKeyCaseMap(p, x)
			case []any:
				for _, e := range x {
					walk(e)
				}
			}
		}
		walk(m[k])
	}
}

// checkKeyCase reports keys of one mapping that differ only in case: Hugo
// folds them into one key, and which value it keeps is not certain (a
// "draft: true" with a later "Draft: false" published a draft).
func (c *checker) checkKeyCase(p *page) {
	var walk func(n yast.Node)
	walk = func(n yast.Node) {
		switch m := n.(type) {
		case *yast.MappingNode:
			seen := map[string]string{}
			for _, mv := range m.Values {
				k := mv.Key.String()
				if first, ok := seen[strings.ToLower(k)]; ok && first != k {
					line, col := p.nodePos(mv.Key)
					c.fail(p, line, col, "fm.duplicate-key",
						"%q and %q are one key for Hugo, which ignores case, and it may keep either value: keep one", first, k)
				} else if !ok {
					seen[strings.ToLower(k)] = k
				}
				walk(mv.Value)
			}
		case *yast.MappingValueNode:
			walk(&yast.MappingNode{Values: []*yast.MappingValueNode{m}})
		case *yast.SequenceNode:
			for _, v := range m.Values {
				walk(v)
			}
		case *yast.TagNode:
			walk(m.Value)
		case *yast.AnchorNode:
			walk(m.Value)
		}
	}
	top := &yast.MappingNode{}
	for _, k := range p.order {
		top.Values = append(top.Values, p.keys[k])
	}
	walk(top)
}

// hugoTime parses a front matter date as Hugo does.
func hugoTime(v any, loc *time.Location) (time.Time, error) {
	return htime.ToTimeInDefaultLocationE(v, loc)
}
