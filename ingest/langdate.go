package ingest

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// monthNames maps the month names and abbreviations news databases print,
// in English and the main European languages, lower-cased and without a
// trailing dot, to the month.
var monthNames = map[string]time.Month{}

// weekdayNames are the weekday names a date line may carry ("March 18, 2024
// Monday", "lundi 18 mars 2024"); they are ignored.
var weekdayNames = map[string]bool{}

// dateFillers are the small words between a date's parts ("18 de marzo de
// 2024", "le 18 mars").
var dateFillers = map[string]bool{"de": true, "del": true, "le": true, "den": true, "der": true, "the": true, "of": true, "am": false, "at": true, "um": true, "à": true, "alle": true, "às": true, "om": true, "a": true}

func init() {
	months := [][]string{
		// English, German, French, Spanish, Italian, Dutch, Portuguese
		{"january", "jan", "januar", "jänner", "janvier", "janv", "enero", "ene", "gennaio", "gen", "januari", "janeiro"},
		{"february", "feb", "februar", "feber", "février", "févr", "fevrier", "fevr", "febrero", "febbraio", "februari", "fevereiro", "fev", "fév"},
		{"march", "mar", "märz", "maerz", "mär", "mars", "marzo", "maart", "mrt", "março", "marco"},
		{"april", "apr", "avril", "avr", "abril", "abr", "aprile"},
		{"may", "mai", "mayo", "may", "maggio", "mag", "mei", "maio"},
		{"june", "jun", "juni", "juin", "junio", "giugno", "giu", "junho"},
		{"july", "jul", "juli", "juillet", "juil", "julio", "luglio", "lug", "julho"},
		{"august", "aug", "août", "aout", "agosto", "ago", "augustus"},
		{"september", "sep", "sept", "septembre", "septiembre", "set", "settembre", "setembro"},
		{"october", "oct", "oktober", "okt", "octobre", "octubre", "ottobre", "ott", "outubro", "out"},
		{"november", "nov", "novembre", "noviembre", "novembro"},
		{"december", "dec", "dezember", "dez", "décembre", "déc", "decembre", "diciembre", "dic", "dicembre", "dezembro"},
	}
	for i, names := range months {
		for _, n := range names {
			monthNames[n] = time.Month(i + 1)
		}
	}
	for _, w := range []string{
		"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
		"montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonnabend", "sonntag",
		"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
		"lunes", "martes", "miércoles", "miercoles", "jueves", "viernes", "sábado", "sabado", "domingo",
		"lunedì", "lunedi", "martedì", "martedi", "mercoledì", "mercoledi", "giovedì", "giovedi",
		"venerdì", "venerdi", "sabato", "domenica",
		"maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
		"segunda-feira", "terça-feira", "terca-feira", "quarta-feira", "quinta-feira", "sexta-feira",
		"segunda", "terça", "quarta", "quinta", "sexta",
	} {
		weekdayNames[w] = true
	}
}

// parseDateLine reads a date as news databases print it on a line of its
// own: "March 18, 2024 Monday", "Monday, March 18, 2024 10:49 AM GMT",
// "18 March 2024", "18. März 2024 Montag", "lundi 18 mars 2024",
// "18 de marzo de 2024", "18 maart 2024", "18.03.2024", "2024-03-18".
// A line that holds anything but a date, a weekday, a time and a zone is not
// a date line. Times are read as given, in UTC (the zone names these
// exports print are too ambiguous to trust).
func parseDateLine(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 80 {
		return time.Time{}, false
	}
	if t, ok := parseDate(s); ok {
		return t, true
	}
	if t, ok := readDateWords(s); ok {
		return t, true
	}
	// "January 11, 2018 Thursday, Late Edition - Final": the edition after
	// the last commas is not part of the date
	for rest := s; ; {
		i := strings.LastIndexByte(rest, ',')
		if i < 0 {
			return time.Time{}, false
		}
		tail := strings.TrimSpace(rest[i+1:])
		if tail != "" && !editionLine.MatchString(tail) {
			return time.Time{}, false
		}
		rest = rest[:i]
		if t, ok := readDateWords(rest); ok {
			return t, true
		}
	}
}

// readDateWords reads a date line word by word: month names, weekdays,
// day, year, time and zone, and nothing else.
func readDateWords(s string) (time.Time, bool) {
	var (
		day, year  int
		month      time.Month
		hour, min  = -1, 0
		pm, am     bool
		numbers    []int
		unexplains int
	)
	for _, w := range dateWords(s) {
		lw := strings.ToLower(strings.TrimSuffix(w, "."))
		switch {
		case lw == "":
		case monthNames[lw] != 0 && month == 0:
			month = monthNames[lw]
		case weekdayNames[lw] || dateFillers[lw]:
		case lw == "pm" || lw == "p.m":
			pm = true
		case lw == "am" || lw == "a.m":
			am = true
		case strings.Contains(w, ":"):
			h, m, ok := clock(w)
			if !ok || hour >= 0 {
				return time.Time{}, false
			}
			hour, min = h, m
		case isZone(w):
		case strings.Count(w, ".") == 2 || strings.Count(w, "/") == 2 || strings.Count(w, "-") == 2:
			d, m, y, ok := numericDate(w)
			if !ok || month != 0 {
				return time.Time{}, false
			}
			day, month, year = d, m, y
		default:
			n, err := strconv.Atoi(strings.TrimRight(w, ".,"))
			if err != nil {
				unexplains++
				continue
			}
			numbers = append(numbers, n)
		}
	}
	if unexplains > 0 || month == 0 {
		return time.Time{}, false
	}
	for _, n := range numbers {
		switch {
		case n >= 1000 && year == 0:
			year = n
		case n >= 1 && n <= 31 && day == 0:
			day = n
		default:
			return time.Time{}, false
		}
	}
	if year == 0 || day == 0 || day > 31 {
		return time.Time{}, false
	}
	if hour < 0 {
		hour = 0
	}
	if pm && hour < 12 {
		hour += 12
	}
	if am && hour == 12 {
		hour = 0
	}
	t := time.Date(year, month, day, hour, min, 0, 0, time.UTC)
	if t.Day() != day {
		return time.Time{}, false // 31 April
	}
	return t, true
}

// dateWords splits a date line into words at spaces and commas, keeping
// the dots and colons inside words ("18.", "10:49", "18.03.2024").
func dateWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == ',' || r == '(' || r == ')'
	})
}

// clock reads "10:49" or "10:49:05".
func clock(w string) (int, int, bool) {
	parts := strings.Split(w, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, 0, false
	}
	h, err1 := strconv.Atoi(parts[0])
	m, err2 := strconv.Atoi(parts[1])
	if err1 != nil || err2 != nil || h > 23 || m > 59 {
		return 0, 0, false
	}
	return h, m, true
}

var zoneOffset = regexp.MustCompile(`^(GMT|UTC|MEZ|CET)[+-]\d{1,2}(:?\d\d)?$`)

// isZone reports whether w is a time-zone word these exports print: GMT,
// UTC, CET, EST, MESZ, "+0100"...
func isZone(w string) bool {
	if len(w) >= 2 && len(w) <= 5 && strings.ToUpper(w) == w && strings.IndexFunc(w, func(r rune) bool { return r < 'A' || r > 'Z' }) < 0 {
		return true
	}
	if zoneOffset.MatchString(w) {
		return true // GMT+1, UTC-05:00
	}
	if len(w) == 5 && (w[0] == '+' || w[0] == '-') {
		_, err := strconv.Atoi(w[1:])
		return err == nil
	}
	return false
}

// numericDate reads 18.03.2024, 18/03/2024 (day first, as Europe writes)
// and 2024-03-18.
func numericDate(w string) (int, time.Month, int, bool) {
	sep := "."
	switch {
	case strings.Count(w, "/") == 2:
		sep = "/"
	case strings.Count(w, "-") == 2:
		sep = "-"
	}
	parts := strings.Split(strings.TrimSuffix(w, "."), sep)
	if len(parts) != 3 {
		return 0, 0, 0, false
	}
	n := make([]int, 3)
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil {
			return 0, 0, 0, false
		}
		n[i] = v
	}
	d, m, y := n[0], n[1], n[2]
	if len(parts[0]) == 4 {
		y, m, d = n[0], n[1], n[2]
	}
	if y < 100 {
		y += 2000
	}
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return 0, 0, 0, false
	}
	return d, time.Month(m), y, true
}

// parseAnyDate reads a date in a record field: the machine forms of
// parseDate, then the printed forms of parseDateLine in any of the
// languages it knows.
func parseAnyDate(s string) (time.Time, bool) {
	if t, ok := parseDate(s); ok {
		return t, true
	}
	return parseDateLine(s)
}

// parseDateLoose reads a line known to be in a date's place: a date line,
// or a date followed after a comma by anything ("April 7, 2018 Saturday,
// The New York Times on the Web").
func parseDateLoose(s string) (time.Time, bool) {
	if t, ok := parseDateLine(s); ok {
		return t, true
	}
	for rest := s; ; {
		i := strings.LastIndexByte(rest, ',')
		if i < 0 {
			return time.Time{}, false
		}
		rest = rest[:i]
		if t, ok := readDateWords(rest); ok {
			return t, true
		}
	}
}
