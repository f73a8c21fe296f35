package check

import (
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// clean says whether the front matter, as goldmark-meta read it, certainly
// has nothing to report. It is a fast, conservative copy of the rules of
// checkFrontMatter and checkTerms: when it is unsure it says false, and the
// file is then read again with positions and checked in full. Most files of a
// newsroom are clean, and reading YAML a second time costs as much as all the
// rest of a run. TestCleanAgreesWithChecks holds the two in step.
func (c *checker) clean(p *page, article bool) bool {
	m := p.meta
	hasBool := false
	for key, v := range m {
		f, ok := fields[key]
		if !ok {
			return false
		}
		if v == nil {
			return false
		}
		if _, ok := v.(bool); ok {
			hasBool = true
		}
		switch f.kind {
		case kString:
			s, ok := v.(string)
			if !ok || (f.required && strings.TrimSpace(s) == "") || strings.Contains(s, "TODO") ||
				(f.max > 0 && utf8.RuneCountInString(s) > f.max) {
				return false
			}
		case kDate:
			if !cleanDate(v) {
				return false
			}
		case kBool:
			if _, ok := v.(bool); !ok {
				return false
			}
		case kStringList:
			list, ok := v.([]any)
			if !ok || (f.required && len(list) == 0) {
				return false
			}
			for _, item := range list {
				s, ok := item.(string)
				if !ok || strings.TrimSpace(s) == "" || strings.Contains(s, "TODO") {
					return false
				}
				if vocab := c.o.vocab[key]; vocab != nil && !vocab[s] {
					return false
				}
			}
		case kImage:
			if !c.cleanImage(p, v) {
				return false
			}
		case kCorrections:
			list, ok := v.([]any)
			if !ok {
				return false
			}
			for _, item := range list {
				cm, ok := item.(map[any]any)
				if !ok || len(cm) != 2 || !cleanDate(cm["date"]) {
					return false
				}
				if s, ok := cm["text"].(string); !ok || strings.TrimSpace(s) == "" {
					return false
				}
			}
		}
	}
	if article {
		for _, name := range requiredFields {
			if _, ok := m[name]; !ok {
				return false
			}
		}
	}
	// A YAML 1.1 boolean word read as true or false here is a string for Hugo.
	return !hasBool || !yaml11Word.Match(p.src[:p.lines[p.fmEnd-1]])
}

// yaml11Word finds a value that may be a YAML 1.1 boolean word.
var yaml11Word = regexp.MustCompile(`(?im)(?:[:\-\[,]\s*)(?:y|n|yes|no|on|off)\s*(?:$|[,\]#])`)

func cleanDate(v any) bool {
	switch d := v.(type) {
	case time.Time:
		return false // a date without quotes yaml.v2 could read: let the full check decide
	case string:
		for _, layout := range dateLayouts {
			if _, err := time.Parse(layout, d); err == nil {
				return true
			}
		}
	}
	return false
}

func (c *checker) cleanImage(p *page, v any) bool {
	im, ok := v.(map[any]any)
	if !ok {
		return false
	}
	for k, val := range im {
		ks, ok := k.(string)
		if !ok || !imageFields[ks] {
			return false
		}
		if _, ok := val.(string); !ok {
			return false
		}
	}
	src, _ := im["src"].(string)
	alt, _ := im["alt"].(string)
	credit, _ := im["credit"].(string)
	license, _ := im["license"].(string)
	if strings.TrimSpace(src) == "" || strings.Contains(src, "://") || strings.TrimSpace(alt) == "" ||
		strings.TrimSpace(credit) == "" || !validLicense(strings.TrimSpace(license)) {
		return false
	}
	return c.bundleHas(p, strings.TrimSpace(src))
}
