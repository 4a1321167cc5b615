// Command gen writes the wire-copy evaluation corpus (corpus.jsonl) and its
// pair labels (pairs.tsv) from the stories in stories.go.
//
// Every text is fictional and written for this corpus. Each derived copy is
// the agency text put through the edits an outlet makes by hand: a house
// style (spelling, titles), sentences cut or reworded (written out below as
// literal replacements), paragraphs dropped, a brief grown with the
// outlet's own paragraphs, a write-through's new lede, page chrome around
// the story, a truncation, or a content farm's synonym spinning. The labels
// are written here, with the texts, before any method was tuned on them.
//
// Run from the repository root:
//
//	go run ./diff/testdata/wire/gen
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// story is one agency story and the copies outlets made of it.
type story struct {
	id, split, event    string // event groups stories about one happening (hard negatives)
	outlet, title, date string
	paras               []string
	copies              []edit
}

// edit is how one outlet made its copy of a story.
type edit struct {
	practice      string
	outlet, title string
	date          string     // defaults to the story's date
	keep          []int      // paragraphs kept, in order; nil keeps all
	lede          []string   // new paragraphs before the kept ones (write-through)
	tail          []string   // the outlet's own paragraphs after them
	subs          [][]string // literal replacements {old, new}; new "" cuts
	uk            bool       // a national agency's house style
	spin          bool       // a content farm's synonym spinning
	top, bottom   []string   // page chrome around the story
	cutWords      int        // truncate to this many words
	from          int        // start from this copy (1-based) instead of the agency text
	local         bool       // the outlet's own light edit: dateline and weekday dropped
}

type record struct {
	ID        string `json:"id"`
	Story     string `json:"story"`
	Event     string `json:"event"`
	Split     string `json:"split"`
	Practice  string `json:"practice"`
	Title     string `json:"title"`
	Outlet    string `json:"outlet"`
	URL       string `json:"url"`
	Published string `json:"published"`
	Text      string `json:"text"`
}

func main() {
	dir := filepath.Join("diff", "testdata", "wire")
	var recs []record
	for _, s := range stories {
		base := record{ID: s.id + "-0", Story: s.id, Event: s.event, Split: s.split, Practice: "original",
			Title: s.title, Outlet: s.outlet, URL: url(s.outlet, s.id, 0), Published: s.date,
			Text: strings.Join(s.paras, "\n\n")}
		if base.Event == "" {
			base.Event = s.id
		}
		recs = append(recs, base)
		for i, e := range s.copies {
			r := base
			r.ID = fmt.Sprintf("%s-%d", s.id, i+1)
			r.Practice = e.practice
			r.Outlet = e.outlet
			r.URL = url(e.outlet, s.id, i+1)
			if e.title != "" {
				r.Title = e.title
			}
			if e.date != "" {
				r.Published = e.date
			}
			r.Text = apply(s, e)
			recs = append(recs, r)
		}
	}
	f, err := os.Create(filepath.Join(dir, "corpus.jsonl"))
	check(err)
	enc := json.NewEncoder(f)
	enc.SetEscapeHTML(false)
	for _, r := range recs {
		check(enc.Encode(r))
	}
	check(f.Close())

	// pairs.tsv: every pair that is not plainly unrelated.
	var b strings.Builder
	b.WriteString("a\tb\trelation\tpractice\tsplit\n")
	for i := range recs {
		for j := i + 1; j < len(recs); j++ {
			a, c := recs[i], recs[j]
			rel, pr := "", ""
			switch {
			case a.Story == c.Story:
				rel = "version"
				pr = pairPractice(a.Practice, c.Practice)
				if a.Practice == "reworded" || c.Practice == "reworded" {
					rel = "reworded"
				}
			case sharesBackground(a.Story, c.Story):
				rel, pr = "related", "shared-background"
			case a.Event == c.Event:
				rel, pr = "unrelated", "independent"
			default:
				continue
			}
			split := a.Split
			if c.Split != split {
				panic("a labelled pair crosses the split: " + a.ID + " " + c.ID)
			}
			fmt.Fprintf(&b, "%s\t%s\t%s\t%s\t%s\n", a.ID, c.ID, rel, pr, split)
		}
	}
	check(os.WriteFile(filepath.Join(dir, "pairs.tsv"), []byte(b.String()), 0o644))
	fmt.Printf("%d documents, %d stories\n", len(recs), len(stories))
}

func pairPractice(a, b string) string {
	if a == "original" {
		return b
	}
	if b == "original" {
		return a
	}
	p := []string{a, b}
	slices.Sort(p)
	return p[0] + "+" + p[1]
}

func sharesBackground(a, b string) bool {
	for _, p := range background {
		if (p[0] == a && p[1] == b) || (p[0] == b && p[1] == a) {
			return true
		}
	}
	return false
}

func url(outlet, id string, n int) string {
	host := strings.ToLower(regexp.MustCompile(`[^A-Za-z]+`).ReplaceAllString(outlet, ""))
	return fmt.Sprintf("https://%s.example/news/%s-%d", host, id, n)
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func apply(s story, e edit) string {
	src := s.paras
	if e.from > 0 {
		src = strings.Split(apply(s, s.copies[e.from-1]), "\n\n")
	}
	var paras []string
	paras = append(paras, e.lede...)
	if e.keep == nil {
		paras = append(paras, src...)
	} else {
		for _, k := range e.keep {
			paras = append(paras, src[k])
		}
	}
	paras = append(paras, e.tail...)
	text := strings.Join(paras, "\n\n")
	for _, sb := range e.subs {
		if !strings.Contains(text, sb[0]) {
			panic(fmt.Sprintf("%s/%s: %q not in the text", s.id, e.outlet, sb[0]))
		}
		text = strings.Replace(text, sb[0], sb[1], 1)
	}
	if e.uk {
		text = houseStyle(text)
	}
	if e.local || e.uk {
		text = localEdit(text, e.uk)
	}
	if e.spin {
		text = spin(text)
	}
	// a cut sentence can leave a doubled space or an empty paragraph
	text = regexp.MustCompile(` {2,}`).ReplaceAllString(text, " ")
	text = regexp.MustCompile(`\n{3,}`).ReplaceAllString(text, "\n\n")
	text = strings.TrimSpace(text)
	if e.cutWords > 0 {
		ws := strings.Fields(text)
		n, seen := 0, 0
		for i := 0; i < len(text); {
			for i < len(text) && (text[i] == ' ' || text[i] == '\n') {
				i++
			}
			if i >= len(text) {
				break
			}
			seen++
			for i < len(text) && text[i] != ' ' && text[i] != '\n' {
				i++
			}
			n = i
			if seen == e.cutWords {
				break
			}
		}
		if e.cutWords < len(ws) {
			text = text[:n] + " …"
		}
	}
	if len(e.top) > 0 {
		text = strings.Join(e.top, "\n") + "\n\n" + text
	}
	if len(e.bottom) > 0 {
		text += "\n\n" + strings.Join(e.bottom, "\n")
	}
	return text
}

// houseStyle is the national agency's spelling and style: British
// spellings, "per cent", no point after honorifics, day-month dates.
func houseStyle(t string) string {
	pairs := []string{
		"percent", "per cent", "Mr.", "Mr", "Mrs.", "Mrs", "Dr.", "Dr",
		"organization", "organisation", "Organization", "Organisation",
		"center", "centre", "Center", "Centre", "defense", "defence", "Defense", "Defence",
		"labor", "labour", "Labor", "Labour", "program", "programme", "neighbor", "neighbour",
		"traveled", "travelled", "favor", "favour", "gray", "grey", "analyze", "analyse",
		"recognize", "recognise", "criticize", "criticise", "criticized", "criticised",
		"apologized", "apologised", "authorized", "authorised", "organized", "organised",
		"color", "colour", "harbor", "harbour", "canceled", "cancelled", "fueled", "fuelled",
		"modeling", "modelling", "license", "licence", "offense", "offence", "meters", "metres",
		"kilometers", "kilometres", "tire", "tyre", "aluminum", "aluminium", "behavior", "behaviour",
		"realize", "realise", "emphasized", "emphasised", "prioritize", "prioritise",
		"mobilized", "mobilised", "stabilize", "stabilise", "honor", "honour",
	}
	r := strings.NewReplacer(pairs...)
	t = r.Replace(t)
	months := "January|February|March|April|May|June|July|August|September|October|November|December"
	t = regexp.MustCompile(`\b(`+months+`) (\d{1,2})\b`).ReplaceAllString(t, "$2 $1")
	return t
}

// localEdit is what an outlet does to any agency copy it runs: the
// agency dateline goes (a national agency credits itself), weekdays go
// ("on Tuesday" is yesterday by the time the paper is read), and a
// national agency also writes its numbers and currency its own way.
func localEdit(t string, national bool) string {
	dl := regexp.MustCompile(`^([A-Z][A-Z ]+), [A-Z][a-z]+\.? \d{1,2} \(MP\) - `)
	if national {
		t = regexp.MustCompile(`^([A-Z][A-Z ]+), (\d{1,2} [A-Z][a-z]+|[A-Z][a-z]+\.? \d{1,2}) \(MP\) - `).ReplaceAllString(t, "$1 (Nordpress) – ")
		t = regexp.MustCompile(`(\d),(\d\d\d)`).ReplaceAllString(t, "$1 $2")
		t = regexp.MustCompile(`(\d+) million euros`).ReplaceAllString(t, "EUR $1 million")
		t = regexp.MustCompile(`(\d+) percent`).ReplaceAllString(t, "$1%")
		t = regexp.MustCompile(`(\d+) per cent`).ReplaceAllString(t, "$1%")
		t = strings.NewReplacer("more than", "over", "told reporters", "said", "about ", "around ", "said on ", "said ").Replace(t)
	} else {
		t = dl.ReplaceAllString(t, "")
	}
	t = regexp.MustCompile(` on (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)( (morning|afternoon|evening|night))?`).ReplaceAllString(t, "")
	return t
}

// spin replaces words by synonyms as article spinners do.
func spin(t string) string {
	words := map[string]string{}
	for i := 0; i+1 < len(synonyms); i += 2 {
		words[synonyms[i]] = synonyms[i+1]
	}
	re := regexp.MustCompile(`[A-Za-z]+`)
	return re.ReplaceAllStringFunc(t, func(w string) string {
		lw := strings.ToLower(w)
		s, ok := words[lw]
		if !ok {
			return w
		}
		if w[0] >= 'A' && w[0] <= 'Z' {
			return strings.ToUpper(s[:1]) + s[1:]
		}
		return s
	})
}

var synonyms = []string{
	"said", "stated", "says", "states", "told", "informed", "people", "individuals", "government", "administration",
	"announced", "declared", "increase", "rise", "increased", "rose", "decrease", "decline", "big", "large",
	"large", "sizeable", "small", "little", "new", "fresh", "old", "aged", "city", "municipality", "town", "township",
	"country", "nation", "company", "firm", "companies", "firms", "workers", "employees", "worker", "employee",
	"police", "law enforcement", "officials", "authorities", "official", "functionary", "minister", "secretary",
	"president", "head", "leader", "chief", "help", "assist", "helped", "assisted", "plan", "scheme", "plans", "schemes",
	"start", "begin", "started", "began", "end", "finish", "ended", "finished", "week", "seven days", "year", "twelve months",
	"years", "years", "month", "calendar month", "day", "day", "today", "these days", "several", "a number of",
	"many", "numerous", "most", "the majority of", "also", "additionally", "however", "nevertheless", "because", "since",
	"about", "approximately", "more", "extra", "than", "than", "after", "following", "before", "prior to",
	"during", "throughout", "against", "towards", "under", "beneath", "over", "above", "near", "close to",
	"home", "residence", "homes", "residences", "house", "dwelling", "houses", "dwellings", "water", "H2O",
	"money", "funds", "cost", "expense", "costs", "expenses", "price", "value", "prices", "values", "pay", "wages",
	"deal", "agreement", "talks", "negotiations", "meeting", "assembly", "vote", "ballot", "voted", "balloted",
	"strike", "walkout", "protest", "demonstration", "protesters", "demonstrators", "crowd", "throng",
	"fire", "blaze", "fires", "blazes", "storm", "tempest", "rain", "precipitation", "flood", "deluge", "floods", "deluges",
	"road", "street", "roads", "streets", "bridge", "overpass", "train", "locomotive", "trains", "locomotives",
	"hospital", "infirmary", "doctors", "physicians", "patients", "sufferers", "school", "academy", "schools", "academies",
	"children", "youngsters", "students", "pupils", "teachers", "educators", "court", "tribunal", "judge", "justice",
	"law", "legislation", "rules", "regulations", "report", "account", "reported", "described", "study", "research",
	"expected", "anticipated", "likely", "probable", "important", "significant", "major", "key", "key", "crucial",
	"problem", "issue", "problems", "issues", "show", "demonstrate", "showed", "demonstrated", "shows", "demonstrates",
	"found", "discovered", "find", "discover", "make", "create", "made", "created", "take", "seize", "took", "seized",
	"give", "provide", "gave", "provided", "need", "require", "needed", "required", "want", "wish", "wanted", "wished",
	"use", "utilize", "used", "utilized", "work", "labor", "hard", "difficult", "high", "elevated", "low", "reduced",
	"quickly", "rapidly", "slowly", "gradually", "early", "premature", "late", "belated", "last", "final", "first", "initial",
	"rescue", "recovery", "damage", "harm", "damaged", "harmed", "killed", "slain", "injured", "hurt", "dead", "deceased",
	"residents", "inhabitants", "local", "regional", "area", "region", "areas", "regions", "centre", "hub", "center", "hub",
	"support", "backing", "supported", "backed", "warned", "cautioned", "added", "included", "according", "in keeping",
	"began", "commenced", "continue", "proceed", "continued", "proceeded", "spokesperson", "representative",
	"spokesman", "representative", "spokeswoman", "representative", "statement", "declaration", "week's", "seven days'",
	"power", "electricity", "energy", "vitality", "farmers", "growers", "crops", "harvests", "ship", "vessel", "ships", "vessels",
	"port", "harbour", "record", "document",
	"in", "within", "on", "upon", "and", "as well as", "but", "yet", "was", "had been", "were", "had been",
	"will", "shall", "would", "might", "from", "coming from", "by", "through", "with", "along with",
	"which", "that", "who", "that", "their", "their own", "his", "his own", "her", "her own",
	"two", "2", "three", "3", "four", "4", "five", "5", "ten", "10", "could", "may", "should", "ought to",
	"hit", "struck", "hours", "hrs", "night", "evening", "morning", "early morning", "left", "departed",
	"taken", "brought", "reached", "arrived at", "since", "considering that", "up", "upward", "down", "downward",
	"first", "very first", "all", "each of the", "every", "each", "other", "various other", "some", "certain", "million", "million", "percent", "percent", "rate", "charge", "rates", "charges",
}
