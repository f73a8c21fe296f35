// Package imagemeta finds and removes the metadata in a photo that can tell
// where it was taken or who took it: GPS coordinates, place names, camera
// serial numbers, and author or owner names, in EXIF, XMP and IPTC blocks of
// JPEG, PNG and WebP files. Removal never re-encodes the pixels: whole
// metadata blocks are dropped and the file's container is rewritten around
// the untouched image data.
package imagemeta

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Kind is a sort of identifying metadata.
type Kind string

const (
	GPS      Kind = "GPS coordinates"
	Location Kind = "a place name"
	Serial   Kind = "a camera serial number"
	Owner    Kind = "an author or owner name"
)

// Finding is one identifying field found in a file.
type Finding struct {
	Kind  Kind
	Block string // "EXIF", "XMP", "IPTC" or "PNG text"
	Field string // the field's name in that block, such as "GPSLatitude"
}

func (f Finding) String() string {
	return fmt.Sprintf("%s (%s %s)", f.Kind, f.Block, f.Field)
}

// Format is an image file format this package reads.
type Format string

const (
	JPEG Format = "JPEG"
	PNG  Format = "PNG"
	WebP Format = "WebP"
)

// ErrUnknownFormat is returned for data that is not JPEG, PNG or WebP.
var ErrUnknownFormat = errors.New("not a JPEG, PNG or WebP file")

// Detect returns the format of data from its first bytes.
func Detect(head []byte) (Format, error) {
	switch {
	case bytes.HasPrefix(head, []byte{0xFF, 0xD8, 0xFF}):
		return JPEG, nil
	case bytes.HasPrefix(head, pngSignature):
		return PNG, nil
	case len(head) >= 12 && string(head[:4]) == "RIFF" && string(head[8:12]) == "WEBP":
		return WebP, nil
	}
	return "", ErrUnknownFormat
}

// IsImageName says whether a file name has the extension of a format this
// package reads.
func IsImageName(name string) bool {
	switch strings.ToLower(name[strings.LastIndexByte(name, '.')+1:]) {
	case "jpg", "jpeg", "png", "webp":
		return true
	}
	return false
}

// Scan returns the identifying metadata in an image file's data.
func Scan(data []byte) ([]Finding, error) {
	_, findings, err := process(data, false)
	return findings, err
}

// Scrub returns data without its identifying metadata blocks, and what they
// held. When nothing identifying is found, out is data itself.
func Scrub(data []byte) (out []byte, removed []Finding, err error) {
	out, removed, err = process(data, true)
	if err != nil || len(removed) == 0 {
		return data, removed, err
	}
	return out, removed, nil
}

func process(data []byte, scrub bool) ([]byte, []Finding, error) {
	f, err := Detect(data)
	if err != nil {
		return nil, nil, err
	}
	var s scanner
	var out []byte
	switch f {
	case JPEG:
		out, err = s.jpeg(data, scrub)
	case PNG:
		out, err = s.png(data, scrub)
	case WebP:
		out, err = s.webp(data, scrub)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", f, err)
	}
	// The most dangerous first: where, then who.
	slices.SortStableFunc(s.findings, func(a, b Finding) int { return kindRank[a.Kind] - kindRank[b.Kind] })
	return out, s.findings, nil
}

var kindRank = map[Kind]int{GPS: 0, Location: 1, Serial: 2, Owner: 3}

// scanner collects findings, each field once.
type scanner struct {
	findings []Finding
	seen     map[Finding]bool
}

func (s *scanner) add(k Kind, block, field string) {
	f := Finding{Kind: k, Block: block, Field: field}
	if s.seen == nil {
		s.seen = map[Finding]bool{}
	}
	if !s.seen[f] {
		s.seen[f] = true
		s.findings = append(s.findings, f)
	}
}

var errTruncated = errors.New("the file is truncated or damaged")

// xmpProps are the XMP properties that identify a place or a person.
var xmpProps = []struct {
	name string
	kind Kind
}{
	{"exif:GPSLatitude", GPS}, {"exif:GPSLongitude", GPS}, {"exif:GPSAltitude", GPS},
	{"photoshop:City", Location}, {"photoshop:State", Location},
	{"Iptc4xmpCore:Location", Location}, {"Iptc4xmpExt:LocationShown", Location}, {"Iptc4xmpExt:LocationCreated", Location},
	{"aux:SerialNumber", Serial}, {"aux:LensSerialNumber", Serial},
	{"exifEX:BodySerialNumber", Serial}, {"exifEX:LensSerialNumber", Serial},
	{"dc:creator", Owner}, {"photoshop:Author", Owner}, {"xmpRights:Owner", Owner},
	{"aux:OwnerName", Owner}, {"exifEX:CameraOwnerName", Owner}, {"Iptc4xmpCore:CreatorContactInfo", Owner},
}

// xmp reports the identifying properties of an XMP packet. Properties are
// found as elements (<exif:GPSLatitude>) or attributes (exif:GPSLatitude="").
func (s *scanner) xmp(packet []byte) {
	for _, p := range xmpProps {
		if bytes.Contains(packet, []byte("<"+p.name+">")) || bytes.Contains(packet, []byte("<"+p.name+" ")) ||
			bytes.Contains(packet, []byte(p.name+"=")) {
			s.add(p.kind, "XMP", p.name)
		}
	}
}
