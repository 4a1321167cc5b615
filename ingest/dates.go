package ingest

import (
	"strconv"
	"strings"
	"time"
)

// dateLayouts are the date forms Redline understands, tried in order. Forms
// without a zone are read as UTC.
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05 MST",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"Mon, 2 Jan 2006 15:04 -0700",
	"Mon, 2 Jan 2006 15:04 MST",
	"2 Jan 2006 15:04:05 -0700",
	"2 Jan 2006 15:04:05 MST",
	time.RFC822Z,
	time.RFC822,
	time.RFC850,
	time.ANSIC,
	time.UnixDate,
	"Mon, 2 Jan 2006",
	"2 January 2006",
	"2 Jan 2006",
	"January 2, 2006",
	"Jan 2, 2006",
	"January 2, 2006 15:04",
	"Jan 2, 2006 15:04",
	"2006/01/02",
	"2006/01/02 15:04",
	"2006/01/02 15:04:05",
}

// dateHint is what a warning about a date it could not read tells the user.
const dateHint = `use a form like 2024-03-18, 2024-03-18 14:39 or 2024-03-18T14:39:00Z`

// parseDate reads a date in one of dateLayouts, or a Unix time in seconds or
// milliseconds. ok is false when s is not empty and not understood.
func parseDate(s string) (t time.Time, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, true
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil && len(s) >= 9 {
		return unixTime(float64(n)), true
	}
	return time.Time{}, false
}

// unixTime reads a number as a Unix time, in milliseconds when it is too
// large to be seconds.
func unixTime(n float64) time.Time {
	if n > 1e11 || n < -1e11 {
		return time.UnixMilli(int64(n)).UTC()
	}
	return time.Unix(int64(n), 0).UTC()
}
