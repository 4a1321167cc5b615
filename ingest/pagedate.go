package ingest

import (
	"regexp"
	"strings"
	"time"
)

// statedDate finds a publication date a page states in its opening lines
// when its markup gives none: "on July 4, 2025, 7:17 AM", "4 July 2025
// 14:05", "Posted Sept. 12, 2024". The date is read by parseDateLine, the
// one reader of printed dates: as stated, in UTC (the page gives no zone,
// so nothing is shifted). withTime says a clock time was stated.
func statedDate(text string) (t time.Time, stated string, withTime, ok bool) {
	head := text
	if paras := strings.SplitN(text, "\n\n", 4); len(paras) > 3 {
		head = strings.Join(paras[:3], "\n\n")
	}
	if len(head) > 800 {
		head = head[:800]
	}
	for _, re := range []*regexp.Regexp{pageMonthFirst, pageDayFirst} {
		for _, m := range re.FindAllString(head, 3) {
			cand := strings.TrimSpace(m)
			if t, ok := parseDateLine(strings.ReplaceAll(cand, "Sept.", "Sep")); ok {
				return t, cand, strings.Contains(cand, ":"), true
			}
		}
	}
	return time.Time{}, "", false, false
}

const (
	pageMonth = `(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?`
	pageClock = `(?:,?\s+(?:at\s+)?\d{1,2}:\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?)?`
)

var (
	pageMonthFirst = regexp.MustCompile(`\b` + pageMonth + `\s+\d{1,2},?\s+\d{4}` + pageClock)
	pageDayFirst   = regexp.MustCompile(`\b\d{1,2}\s+` + pageMonth + `,?\s+\d{4}` + pageClock)
)
