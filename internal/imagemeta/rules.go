package imagemeta

import (
	"slices"
	"strings"
	"unicode"
)

// What counts as identifying. EXIF and IPTC-IIM have closed vocabularies,
// matched by tag; XMP, QuickTime keys and PNG text keywords are open, so
// they are matched by the words in a property's local name, in any
// namespace.

type rule struct {
	name string // the name reported, as the standard spells it
	kind Kind
	also []string // other names bep/imagemeta or ExifTool give the same tag
}

// exifTags are the EXIF and TIFF tags that identify a person, a camera or
// a place, besides everything in the GPS directory.
var exifTags = map[uint16]rule{
	0x010D: {"DocumentName", Text, nil},
	0x010E: {"ImageDescription", Text, nil},
	0x011D: {"PageName", Text, nil},
	0x013B: {"Artist", Owner, nil},
	0x8298: {"Copyright", Owner, nil},
	0x927C: {"MakerNote", Serial, nil}, // camera makers keep the serial number there
	0x9286: {"UserComment", Text, nil},
	0x9C9B: {"XPTitle", Text, nil},
	0x9C9C: {"XPComment", Text, nil},
	0x9C9D: {"XPAuthor", Owner, nil},
	0x9C9E: {"XPKeywords", Text, nil},
	0x9C9F: {"XPSubject", Text, nil},
	0xA430: {"CameraOwnerName", Owner, []string{"OwnerName"}},
	0xA431: {"BodySerialNumber", Serial, []string{"SerialNumber"}},
	0xA435: {"LensSerialNumber", Serial, nil},
	0xA436: {"ImageTitle", Text, []string{"Title"}},
	0xA437: {"Photographer", Owner, nil},
	0xA438: {"ImageEditor", Owner, nil},
	0xC62F: {"CameraSerialNumber", Serial, nil},
	0xFDE8: {"CameraOwnerName", Owner, nil}, // Sony and Panasonic
	0xFDE9: {"BodySerialNumber", Serial, nil},
}

// The TIFF tags that hold other metadata blocks, and the directories.
const (
	tagOrientation = 0x0112
	tagSubIFDs     = 0x014A
	tagXMP         = 0x02BC
	tagIPTC        = 0x83BB
	tagPhotoshop   = 0x8649
	tagExifIFD     = 0x8769
	tagGPSIFD      = 0x8825
	tagInteropIFD  = 0xA005
)

var exifByName = func() map[string]rule {
	m := map[string]rule{}
	for _, r := range exifTags {
		m[r.name] = r
		for _, a := range r.also {
			m[a] = r
		}
	}
	return m
}()

// exifRule classifies a tag as bep/imagemeta names it: name, and the path
// of directories it was found in.
func exifRule(name, namespace string) (string, Kind, bool) {
	switch {
	case strings.Contains(namespace, "GPSInfoIFD"):
		return "GPS", GPS, true
	case strings.HasPrefix(name, "MakerNote"):
		return "MakerNote", Serial, true
	}
	r, ok := exifByName[name]
	return r.name, r.kind, ok
}

// iptcDatasets are the IPTC-IIM datasets of the application record (2)
// that identify a person or a place, or are free text.
var iptcDatasets = map[byte]rule{
	5:   {"ObjectName", Text, nil},
	25:  {"Keywords", Text, nil},
	26:  {"ContentLocationCode", Location, nil},
	27:  {"ContentLocationName", Location, nil},
	40:  {"SpecialInstructions", Text, nil},
	80:  {"By-line", Owner, nil},
	85:  {"By-lineTitle", Owner, nil},
	90:  {"City", Location, nil},
	92:  {"Sub-location", Location, nil},
	95:  {"Province-State", Location, nil},
	100: {"Country-PrimaryLocationCode", Location, nil},
	101: {"Country-PrimaryLocationName", Location, nil},
	105: {"Headline", Text, nil},
	110: {"Credit", Owner, nil},
	115: {"Source", Owner, nil},
	116: {"CopyrightNotice", Owner, nil},
	118: {"Contact", Owner, nil},
	120: {"Caption-Abstract", Text, nil},
	121: {"LocalCaption", Text, nil},
	122: {"Writer-Editor", Owner, nil},
	125: {"RasterizedCaption", Text, nil},
	188: {"OwnerID", Owner, nil},
	202: {"ObjectPreviewData", Embedded, nil},
	230: {"DocumentNotes", Text, nil},
}

var iptcByName = func() map[string]rule {
	m := map[string]rule{}
	for _, r := range iptcDatasets {
		m[r.name] = r
	}
	return m
}()

// Words of open vocabularies, lower case.
var (
	locationNames = []string{"state", "province", "provincestate", "worldregion", "address", "street", "postalcode", "placename", "sublocation"}
	ownerNames    = []string{"creator", "rights", "owner", "ownername", "cameraownername", "author", "authors", "artist", "byline",
		"captionwriter", "credit", "creditline", "authorsposition", "contributor", "publisher", "photographer", "imagecreator",
		"copyrightowner", "licensor", "imagesupplier", "aocreator", "aocopyrightnotice", "copyright", "copyrightnotice",
		"source", "usageterms", "writer", "editor", "imageeditor", "xpauthor"}
	textNames = []string{"description", "title", "usercomment", "comment", "comments", "headline", "caption", "captionabstract",
		"imagedescription", "keywords", "subject", "hierarchicalsubject", "instructions", "alttextaccessibility",
		"extdescraccessibility", "notes", "event", "xptitle", "xpcomment", "xpkeywords", "xpsubject", "lastkeywordxmp",
		"lastkeywordiptc", "tagslist", "catalogsets", "disclaimer", "warning", "information"}
)

// wordRule classifies a property of an open vocabulary by the words of its
// local name (GPSLatitude is "gps latitude", CiAdrCity "ci adr city");
// space is its namespace URI, if any.
func wordRule(space, local string) (Kind, bool) {
	ws := words(local)
	l := strings.Join(ws, "")
	word := func(prefixes ...string) bool { // a word starts with one of prefixes
		return slices.ContainsFunc(ws, func(w string) bool {
			return slices.ContainsFunc(prefixes, func(p string) bool { return strings.HasPrefix(w, p) })
		})
	}
	sp := strings.ToLower(space)
	switch {
	case l == "data" && (strings.Contains(sp, "google.com/photos/1.0/image") || strings.Contains(sp, "google.com/photos/1.0/depthmap")):
		return Embedded, true // a second picture, such as the unblurred original of a portrait
	case word("gps", "latitude", "longitude", "longtitude", "altitude", "geotag", "geolocation"), strings.Contains(l, "iso6709"),
		slices.Contains([]string{"lat", "lon", "long", "lng"}, l):
		return GPS, true
	case strings.Contains(l, "serial"):
		return Serial, true
	case strings.Contains(l, "person"), strings.Contains(l, "people"),
		l == "name" && (strings.Contains(sp, "region") || strings.Contains(sp, "face")):
		return Person, true
	case word("city", "country", "sublocation"), word("location") && !word("subject", "focus", "afpoint"),
		slices.Contains(locationNames, l):
		return Location, true
	case word("contact", "email", "phone", "telephone"), slices.Contains(ownerNames, l):
		return Owner, true
	case slices.Contains(textNames, l):
		return Text, true
	}
	return "", false
}

// words splits a name into lower-case words at changes of case and at
// anything but letters: "GPSLatitude" is gps, latitude.
func words(name string) []string {
	var ws []string
	rs := []rune(name)
	start := -1
	for i, r := range rs {
		if !unicode.IsLetter(r) {
			if start >= 0 {
				ws = append(ws, strings.ToLower(string(rs[start:i])))
				start = -1
			}
			continue
		}
		if start >= 0 && unicode.IsUpper(r) && (unicode.IsLower(rs[i-1]) || i+1 < len(rs) && unicode.IsLower(rs[i+1]) && unicode.IsUpper(rs[i-1])) {
			ws = append(ws, strings.ToLower(string(rs[start:i])))
			start = i
		}
		if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		ws = append(ws, strings.ToLower(string(rs[start:])))
	}
	return ws
}

// atoms are the QuickTime and MP4 metadata atoms (in udta or ilst) that
// identify a place or a person or hold free text. © is 0xA9 in the file.
var atoms = map[string]Kind{
	"\xA9xyz": GPS, "loci": GPS,
	"\xA9ART": Owner, "\xA9aut": Owner, "auth": Owner, "\xA9wrt": Owner, "\xA9cpy": Owner, "cprt": Owner,
	"perf": Owner, "\xA9dir": Owner, "\xA9prd": Owner, "aART": Owner, "\xA9com": Owner,
	"\xA9cmt": Text, "\xA9des": Text, "desc": Text, "ldes": Text, "dscp": Text, "\xA9inf": Text,
	"\xA9nam": Text, "titl": Text, "kywd": Text, "\xA9lyr": Text, "\xA9key": Text,
	"GPMF": Serial, // GoPro's metadata holds the camera serial number
}

func atomName(typ string) string {
	return strings.ReplaceAll(typ, "\xA9", "©")
}

// keyRule classifies a QuickTime metadata key such as
// com.apple.quicktime.location.ISO6709.
func keyRule(key string) (Kind, bool) {
	l := strings.ToLower(key)
	switch {
	case strings.Contains(l, "iso6709"), strings.Contains(l, "gps"), strings.Contains(l, "latitude"), strings.Contains(l, "longitude"):
		return GPS, true
	case strings.Contains(l, ".location"):
		return Location, true
	}
	return wordRule("", key[strings.LastIndexByte(key, '.')+1:])
}

// harmlessText are PNG text keywords that say nothing about a person or a
// place; any other text is reported.
var harmlessText = []string{"software", "creation time", "date:create", "date:modify", "date:timestamp",
	"raw profile type icc", "raw profile type icm"}

// textRule classifies a PNG text chunk by its keyword.
func textRule(keyword string) (Kind, bool) {
	l := strings.ToLower(keyword)
	if slices.Contains(harmlessText, l) || strings.HasPrefix(l, "icc:") { // ImageMagick's copy of the colour profile's names
		return "", false
	}
	if name, ok := strings.CutPrefix(keyword, "exif:"); ok { // ImageMagick writes EXIF tags as text
		if r, ok := exifByName[name]; ok {
			return r.kind, true
		}
		return wordRule("", name)
	}
	if k, ok := wordRule("", keyword[strings.LastIndexByte(keyword, ':')+1:]); ok {
		return k, true
	}
	return Text, true
}

// blank says whether a value holds only spaces and NULs, as cameras write
// for an unset artist or copyright.
func blank(b []byte) bool {
	for _, c := range b {
		if c != 0 && c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			return false
		}
	}
	return true
}
