package audit

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
)

// ParseHugoList reads the CSV that "hugo list drafts", "hugo list future"
// or "hugo list expired" prints (path, ..., permalink, ...) and returns
// its pages as Unpublished, with why ("draft", "future", "expired") and
// their paths in the output: the permalink's path without the path of
// baseURL, so that a site published under a sub-path is handled.
func ParseHugoList(r io.Reader, why, baseURL string) ([]Unpublished, error) {
	base, err := url.Parse(baseURL)
	if err != nil {
		return nil, fmt.Errorf("audit: the base URL: %w", err)
	}
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("audit: hugo list: %w", err)
	}
	col := map[string]int{}
	for i, name := range head {
		col[name] = i
	}
	pathCol, ok1 := col["path"]
	linkCol, ok2 := col["permalink"]
	if !ok1 || !ok2 {
		return nil, fmt.Errorf("audit: hugo list: no path and permalink columns in %q", strings.Join(head, ","))
	}
	var list []Unpublished
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return list, nil
		}
		if err != nil {
			return nil, fmt.Errorf("audit: hugo list: %w", err)
		}
		if len(rec) <= max(pathCol, linkCol) {
			return nil, fmt.Errorf("audit: hugo list: a short line %q", strings.Join(rec, ","))
		}
		link, err := url.Parse(rec[linkCol])
		if err != nil {
			return nil, fmt.Errorf("audit: hugo list: the permalink of %s: %w", rec[pathCol], err)
		}
		p := strings.TrimPrefix(link.Path, strings.TrimSuffix(base.Path, "/"))
		list = append(list, Unpublished{Path: p, Why: why, Source: rec[pathCol]})
	}
}
