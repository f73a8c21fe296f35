package cli

import "strings"

// hugoArgs is a Hugo command line as far as dispatch needs to understand it.
// Everything else passes through to Hugo untouched.
type hugoArgs struct {
	rest        []string // the arguments without --destination
	source      string   // --source, -s
	destination string   // --destination, -d
	environment string   // --environment, -e
	configFile  string   // --config
	contentDir  string   // --contentDir, -c
	buildDrafts bool     // --buildDrafts, -D
}

// hugoValueFlags are the Hugo flags dispatch reads, long name first.
var hugoValueFlags = map[string]string{
	"--source": "source", "-s": "source",
	"--destination": "destination", "-d": "destination",
	"--environment": "environment", "-e": "environment",
	"--config":     "config",
	"--contentDir": "contentDir", "-c": "contentDir",
}

// parseHugoArgs picks the flags dispatch needs out of a Hugo command line.
// It accepts --flag value, --flag=value, -f value, -f=value and -fvalue.
func parseHugoArgs(args []string) (hugoArgs, error) {
	var h hugoArgs
	set := func(name, value string) {
		switch name {
		case "source":
			h.source = value
		case "destination":
			h.destination = value
		case "environment":
			h.environment = value
		case "config":
			h.configFile = value
		case "contentDir":
			h.contentDir = value
		}
	}
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			h.rest = append(h.rest, args[i:]...)
			break
		}
		if a == "-D" || a == "--buildDrafts" || a == "--buildDrafts=true" {
			h.buildDrafts = true
		}
		key, value, hasValue := strings.Cut(a, "=")
		name, known := hugoValueFlags[key]
		if !known && len(a) > 2 && a[0] == '-' && a[1] != '-' {
			// -dpublic
			if n, ok := hugoValueFlags[a[:2]]; ok {
				name, known, value, hasValue = n, true, a[2:], true
			}
		}
		if !known {
			h.rest = append(h.rest, a)
			continue
		}
		if !hasValue {
			if i+1 >= len(args) {
				return h, usagef("flag %s needs a value", a)
			}
			i++
			value = args[i]
		}
		set(name, value)
		if name != "destination" {
			h.rest = append(h.rest, "--"+name, value)
		}
	}
	return h, nil
}

// sourceDir returns the site's root: --source, made absolute, or dir.
func (h hugoArgs) sourceDir(dir string) string {
	if h.source == "" {
		return dir
	}
	return absJoin(dir, h.source)
}
