package annotate

import (
	"strings"
	"unicode"
)

// Source is one person or body quoted in the texts, with the other ways the
// texts name them.
type Source struct {
	Name    string
	Aliases []string
}

// ResolveSource maps what the analyst typed to a known source, so that
// "Ushakov" and "Yuri Ushakov" become one source. It matches, ignoring case
// and punctuation: a name or alias exactly; else the one known source whose
// name contains every typed word; else the one known source whose every
// name word is among the typed words (typing "Mr Yuri Ushakov" finds "Yuri
// Ushakov"). It returns the canonical name and whether it is a known one;
// an unknown or ambiguous name comes back cleaned as typed.
func ResolveSource(typed string, known []Source) (string, bool) {
	clean := strings.Join(strings.Fields(typed), " ")
	if clean == "" {
		return "", false
	}
	want := nameWords(clean)
	for _, s := range known {
		if sameWords(nameWords(s.Name), want) {
			return s.Name, true
		}
		for _, a := range s.Aliases {
			if sameWords(nameWords(a), want) {
				return s.Name, true
			}
		}
	}
	pick := func(match func(have []string) bool) (string, bool) {
		found := ""
		for _, s := range known {
			if match(nameWords(s.Name)) {
				if found != "" && found != s.Name {
					return "", false // ambiguous: two Ushakovs
				}
				found = s.Name
			}
		}
		return found, found != ""
	}
	if name, ok := pick(func(have []string) bool { return subset(want, have) }); ok {
		return name, true
	}
	if name, ok := pick(func(have []string) bool { return len(have) > 1 && subset(have, want) }); ok {
		return name, true
	}
	return clean, false
}

// CompleteSource lists known source names that match what has been typed
// so far (every typed word is the start of a word of the name or an
// alias), for the completion list.
func CompleteSource(typed string, known []Source, limit int) []string {
	want := nameWords(typed)
	var out []string
	for _, s := range known {
		names := append([]string{s.Name}, s.Aliases...)
		for _, n := range names {
			if prefixWords(want, nameWords(n)) {
				out = append(out, s.Name)
				break
			}
		}
		if len(out) == limit {
			break
		}
	}
	return out
}

func nameWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\''
	})
}

func sameWords(a, b []string) bool {
	if len(a) != len(b) || len(a) == 0 {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// subset reports whether every word of small is in big.
func subset(small, big []string) bool {
	if len(small) == 0 {
		return false
	}
	for _, w := range small {
		found := false
		for _, b := range big {
			if b == w {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func prefixWords(typed, have []string) bool {
	if len(typed) == 0 {
		return true
	}
	for _, w := range typed {
		found := false
		for _, h := range have {
			if strings.HasPrefix(h, w) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}
