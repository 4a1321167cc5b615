package suggest

import (
	"strings"
	"unicode"
)

type npKind uint8

const (
	npNone npKind = iota
	npPerson
	npOrg
	npNominal // an unnamed source: "the minister", "officials from both countries"
	npPronoun
	npDoc // a document: "the report", "a statement released by the union"
)

// phrase is a speaker phrase found next to a cue.
type phrase struct {
	kind         npKind
	ts, te       int // token range [ts, te) in the tokens it was parsed from
	s, e         int // rune span of the whole phrase
	name         string
	nameS, nameE int // rune span of the name (persons) or the whole phrase
	title        string
	by           string // author of a document ("a report by X")
	head         string // lower-case head noun of a nominal or document
	gender       int    // 1 male, 2 female, 0 unknown
}

func (p phrase) ok() bool { return p.kind != npNone }

// parser reads speaker phrases out of a token slice of one text.
type parser struct {
	rs   []rune
	toks []tok
	reg  *registry
}

func (p parser) span(a, b int) string {
	if a >= b {
		return ""
	}
	s, e := p.toks[a].s, p.toks[b-1].e
	return strings.TrimSpace(string(p.rs[s:e]))
}

// leftPhrase parses the speaker phrase that ends right before the cue at
// token c, not reaching before token lo: "X said", "X, the adviser, said",
// "the foreign policy adviser X said", "X, who ..., said".
func (p parser) leftPhrase(c, lo int) phrase {
	toks := p.toks
	j := c - 1
	for j >= lo && toks[j].word {
		switch {
		case adverbs[toks[j].low]:
			j--
			continue
		case timeWords[toks[j].low]:
			// "X on Wednesday evening called …"
			k := j
			for k > lo && timeWords[toks[k-1].low] {
				k--
			}
			if k > lo && (toks[k-1].low == "on" || toks[k-1].low == "last" || toks[k-1].low == "this") {
				j = k - 2
				continue
			}
		}
		break
	}
	if j < lo {
		return phrase{}
	}
	if toks[j].text == "," {
		k := j - 1
		for k >= lo && toks[k].text != "," && j-k < 30 {
			if strings.ContainsAny(toks[k].text, ".;:!?()") && !toks[k].word {
				return phrase{}
			}
			k--
		}
		if k < lo || toks[k].text != "," || k == j-1 {
			return phrase{}
		}
		// "Dean, 41, a forklift driver, added": step over the age.
		if k-2 >= lo && isNumber(toks[k-1].text) && toks[k-2].text == "," {
			k -= 2
		}
		hs := p.coreStart(k-1, lo)
		if hs < 0 {
			return phrase{}
		}
		head := p.analyse(hs, k)
		app := p.analyse(k+1, j)
		first := toks[k+1].low
		relative := first == "who" || first == "which" || first == "whose" || first == "whom" || first == "where" ||
			participleAppositive(toks[k+1])
		switch {
		case !head.ok() && app.kind == npPerson && app.te == j && !toks[hs].upper:
			// "The board's historian, Calum Reid, said": a description the
			// lists do not know, then the name.
			app.title = p.span(hs, k)
			app.ts = hs
			app.s = toks[hs].s
			return app
		case !head.ok():
			return phrase{}
		case relative:
		case head.kind == npNominal && app.kind == npPerson:
			// "The union's general secretary, Owen Pritchard, said"
			app.title = p.span(hs, k)
			app.ts = hs
			app.s = toks[hs].s
			return app
		case head.kind == npDoc:
			// "The report, prepared by the Brenmoor Water Authority, said"
			for m := k + 1; m < j; m++ {
				if toks[m].low == "by" {
					head.by = authorName(p.span(m+1, p.capEnd(m+1, j)))
					break
				}
			}
		case head.kind == npPerson || head.kind == npOrg:
			if t := p.appositive(k+1, j); !isNumber(t) {
				head.title = t
			}
		}
		head.te = j
		return head
	}
	s := p.coreStart(j, lo)
	if s < 0 {
		return phrase{}
	}
	return p.analyse(s, j+1)
}

// participleAppositive reports an appositive that is an action, not a
// title: "Judge Imogen Blake, sentencing the company, said"; "the
// governor, asked about the town, said".
func participleAppositive(t tok) bool {
	if !t.word || t.upper && t.low != "speaking" {
		return false
	}
	switch t.low {
	case "asked", "speaking", "writing", "commenting", "responding", "referring", "sentencing", "addressing", "visiting", "standing", "pressed", "quoted", "interviewed":
		return true
	}
	return hasSuffix(t.low, "ing") && len(t.low) > 5
}

// appositive returns the title given in tokens [a, b), cut before a relative
// clause ("a nurse who commutes from Ellerby" gives "a nurse").
func (p parser) appositive(a, b int) string {
	for i := a; i < b; i++ {
		switch p.toks[i].low {
		case "who", "which", "whose", "whom", "where":
			b = i
		}
	}
	return p.span(a, b)
}

// coreStart walks left from token j over a phrase without commas and returns
// its first token, or -1.
func (p parser) coreStart(j, lo int) int {
	toks := p.toks
	i := j
	for i >= lo && j-i < 12 {
		t := toks[i]
		if !t.word {
			break
		}
		if t.upper {
			if capBreak[t.low] {
				break
			}
		} else if npBreak[t.low] || isCue(t.low) {
			break
		}
		i--
	}
	start := i + 1
	if start > j {
		return -1
	}
	// Drop a leading time word ("Tuesday Varelo said").
	for start <= j && timeWords[toks[start].low] {
		start++
	}
	// A determiner after a plain word starts a new phrase: "the plan the minister".
	for k := j; k > start; k-- {
		if determiners[toks[k].low] && !toks[k-1].upper && !prepositions[toks[k-1].low] && !determiners[toks[k-1].low] {
			start = k
			break
		}
	}
	if start > j {
		return -1
	}
	return start
}

// rightPhrase parses the speaker phrase that starts at token i, after an
// inverted cue ("said Mayor Helen Dunmore at ...", "according to X, a Y").
func (p parser) rightPhrase(i int) phrase {
	toks := p.toks
	j := i
	for j < len(toks) && j-i < 14 {
		t := toks[j]
		if !t.word || rightStop[t.low] || cueTok(t) && j > i {
			break
		}
		j++
	}
	if j == i {
		return phrase{}
	}
	ph := p.analyse(i, j)
	if !ph.ok() {
		return ph
	}
	if j+1 < len(toks) && toks[j].text == "," && toks[j+1].word && ph.kind == npNominal {
		// "according to the port operator, Vessn Maritime Holdings"
		k := j + 1
		for k < len(toks) && toks[k].word && k < j+8 {
			k++
		}
		if app := p.analyse(j+1, k); (app.kind == npPerson || app.kind == npOrg) && app.te == k {
			app.title = p.span(i, j)
			app.ts, app.s = i, toks[i].s
			return app
		}
	}
	if j+1 < len(toks) && toks[j].text == "," && toks[j+1].word && ph.kind == npPerson {
		k := j + 1
		for k < len(toks) && toks[k].text != "," && !strings.ContainsAny(toks[k].text, ".;:!?") {
			k++
		}
		if t := p.appositive(j+1, k); t != "" && (ph.title == "" || honorific(ph.title)) && !isNumber(t) && !clauseAhead(toks[:k], j+1, k-j-1) {
			ph.title = t
		}
	}
	return ph
}

var rightStop = set("at", "in", "on", "during", "after", "before", "to", "from", "with", "when", "while", "as",
	"who", "which", "that", "and", "but", "because", "adding", "saying", "noting", "told", "if", "since",
	"last", "this", "yesterday", "today", "earlier", "later", "on", "via", "than")

func isCue(w string) bool {
	_, ok := verbCues[w]
	return ok
}

// cueTok reports a reporting verb. A capitalised one is a name or a
// headline word: "Secretary of State", "the United States", "State
// Department".
func cueTok(t tok) bool {
	return t.word && !t.upper && isCue(t.low)
}

// analyse classifies the phrase in tokens [a, b).
func (p parser) analyse(a, b int) phrase {
	toks := p.toks
	for a < b && !toks[a].word {
		a++
	}
	for b > a && !toks[b-1].word {
		b--
	}
	if a >= b {
		return phrase{}
	}
	ph := phrase{ts: a, te: b, s: toks[a].s, e: toks[b-1].e}
	ph.nameS, ph.nameE = ph.s, ph.e
	if b-a == 1 && pronouns[toks[a].low] {
		ph.kind = npPronoun
		ph.name = toks[a].low
		return ph
	}
	// "the Spaniard", "the Belarusian": a person named before.
	if b-a == 2 && toks[a].low == "the" && toks[a+1].upper && !orgWords[toks[a+1].low] && !titleWords[toks[a+1].low] &&
		p.reg.fullName(toks[a+1].text) == "" && demonym(toks[a+1].low) {
		ph.kind = npNominal
		ph.head = "star"
		ph.name = p.span(a, b)
		return ph
	}
	// A full name after a lower-case description: "Mother of two Sophie
	// Lang", "Friends of Eastfield Library chairwoman Anne Kowalski".
	if ns := p.finalName(a, b); ns > a {
		ph.kind = npPerson
		ph.name = p.span(ns, b)
		ph.nameS, ph.nameE = toks[ns].s, toks[b-1].e
		ph.title = p.span(a, ns)
		for k := a; k < ns; k++ {
			if femaleWords[toks[k].low] {
				ph.gender = 2
			} else if maleWords[toks[k].low] {
				ph.gender = 1
			}
		}
		return ph
	}
	// Split off a modifier: "a spokesman for the Department for Transport".
	hb := b
	for k := a + 1; k < b; k++ {
		if prepositions[toks[k].low] && !toks[k].upper {
			hb = k
			break
		}
	}
	for k := a; k < hb; k++ {
		if documentHeads[toks[k].low] {
			ph.kind = npDoc
			ph.head = toks[k].low
			ph.name = stripArticle(p.span(a, b))
			for m := k + 1; m < b; m++ {
				if toks[m].low == "by" {
					ph.by = authorName(p.span(m+1, p.capEnd(m+1, b)))
					break
				}
			}
			return ph
		}
	}
	// The capitalised run that ends the head.
	cs := hb
	for cs > a && (toks[cs-1].upper || nameParticles[toks[cs-1].low] && cs < hb && toks[cs].upper) {
		cs--
	}
	for cs < hb && (capBreak[toks[cs].low] || determiners[toks[cs].low] || timeWords[toks[cs].low]) {
		cs++
	}
	if cs < hb {
		org := false
		for k := cs; k < hb; k++ {
			if orgWords[toks[k].low] {
				org = true
			}
		}
		lastTitle := -1
		for k := cs; k < hb; k++ {
			if titleWords[toks[k].low] || isNationality(toks[k].text) && k+1 < hb {
				lastTitle = k
			}
		}
		switch {
		case org && (lastTitle < 0 || orgWords[toks[hb-1].low]):
			ph.kind = npOrg
			end := hb
			if hb < b && p.capEnd(hb+1, b) == b {
				end = b // "Halvern Institute for Regional Studies"
			}
			ph.name = stripArticle(p.span(a, end))
			ph.head = toks[hb-1].low
			return ph
		case lastTitle < hb-1 && !(hb-cs == 1 && isNationality(toks[cs].text) && p.reg.fullName(toks[cs].text) == ""):
			ns := lastTitle + 1
			if ns < cs {
				ns = cs
			}
			ph.kind = npPerson
			ph.name = p.span(ns, hb)
			ph.nameS, ph.nameE = toks[ns].s, toks[hb-1].e
			ta := a
			for ta < ns && capBreak[toks[ta].low] {
				ta++ // "For Ruth Aldane, the question now is …"
			}
			for k := ta; k < ns; k++ {
				if !determiners[toks[k].low] {
					ph.title = p.span(ta, ns)
				}
				if femaleWords[toks[k].low] {
					ph.gender = 2
				} else if maleWords[toks[k].low] {
					ph.gender = 1
				}
			}
			if full := p.reg.fullName(ph.name); full != "" {
				ph.name = full
			}
			if head := lastWord(strings.ToLower(ph.title)); ph.title != "" && businessHeads[head] {
				// "Battery maker Voltaris", "Operator Westway Buses": a
				// company, which "the maker" will name later.
				ph.kind = npOrg
				ph.title = ""
				p.reg.orgWord[head] = ph.name
			}
			return ph
		}
	}
	head := toks[hb-1].low
	if groupHeads[head] || orgWords[head] || toks[hb-1].upper && titleWords[head] {
		ph.kind = npNominal
		ph.head = head
		ph.name = stripArticle(p.span(a, b))
		if femaleWords[head] {
			ph.gender = 2
		} else if maleWords[head] {
			ph.gender = 1
		}
		return ph
	}
	return phrase{}
}

// finalName returns the start of a full name (two or more capitalised words,
// no organisation word) that ends tokens [a, b) after a lower-case word
// that is not a preposition or article, or a.
func (p parser) finalName(a, b int) int {
	toks := p.toks
	s := b
	for s > a && toks[s-1].word && toks[s-1].upper {
		if orgWords[toks[s-1].low] || titleWords[toks[s-1].low] {
			return a
		}
		s--
	}
	if b-s < 2 || s == a {
		return a
	}
	w := toks[s-1]
	if !w.word || w.upper || prepositions[w.low] || nameParticles[w.low] || articles[w.low] || npBreak[w.low] {
		return a
	}
	return s
}

var articles = set("the", "a", "an", "his", "her", "its", "their", "our", "this", "that", "these", "those", "local", "senior")

// demonym guesses a noun of origin: Spaniard, Belarusian, Frenchman.
func demonym(w string) bool {
	for _, suf := range []string{"ard", "ian", "ean", "ese", "ish", "man", "woman", "i", "an", "er"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

// capEnd returns the end of the capitalised run (with "the" and particles)
// that starts at token i, not past b.
func (p parser) capEnd(i, b int) int {
	j := i
	for j < b && (p.toks[j].upper || p.toks[j].low == "the" || nameParticles[p.toks[j].low] ||
		(p.toks[j].low == "for" || p.toks[j].low == "of" || p.toks[j].low == "and") && j+1 < b && p.toks[j+1].upper) {
		j++
	}
	return j
}

// authorName returns the author of "a report by X" if X is a name, or "".
func authorName(s string) string {
	s = stripArticle(s)
	for _, r := range s {
		if unicode.IsUpper(r) {
			return s
		}
	}
	return ""
}

func stripArticle(s string) string {
	for _, a := range []string{"the ", "The ", "a ", "A ", "an ", "An "} {
		if strings.HasPrefix(s, a) {
			return s[len(a):]
		}
	}
	return s
}

// isNationality guesses a capitalised adjective of origin (Korvanian, Delmari).
func isNationality(w string) bool {
	rs := []rune(w)
	if len(rs) < 5 || !unicode.IsUpper(rs[0]) {
		return false
	}
	for _, suf := range []string{"ian", "ean", "ese", "ish", "ani", "ari", "ic"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

// registry remembers the people and organisations named in the text.
// Every look-up is a map access, so that resolving a speaker costs the same
// at the end of a long text as at its start.
type registry struct {
	surnames map[string]string // lower-case surname -> full name
	gender   map[string]int
	titles   map[string]string // full name -> title
	orgs     map[string]bool
	orgWord  map[string]string // lower-case word -> the organisation named last with it
	byTitle  map[string]string // lower-case last word of a title -> the person who spoke last with it
	docs     map[string]string // document head -> author ("report" -> "Valdorian Environment Agency")
}

func newRegistry() *registry {
	return &registry{surnames: map[string]string{}, gender: map[string]int{}, titles: map[string]string{},
		orgs: map[string]bool{}, orgWord: map[string]string{}, byTitle: map[string]string{}, docs: map[string]string{}}
}

func (r *registry) fullName(name string) string {
	if strings.ContainsRune(name, ' ') {
		return ""
	}
	return r.surnames[strings.ToLower(name)]
}

func (r *registry) addPerson(name, title string, gender int) {
	f := strings.Fields(name)
	if len(f) >= 2 {
		last := strings.ToLower(f[len(f)-1])
		if _, ok := r.surnames[last]; !ok {
			r.surnames[last] = name
		}
	}
	if title != "" {
		r.titles[name] = title
	}
	if gender != 0 {
		r.gender[name] = gender
	}
}

func (r *registry) addOrg(name string) {
	if r.orgs[name] {
		return
	}
	r.orgs[name] = true
	for _, w := range strings.FieldsFunc(strings.ToLower(name), func(c rune) bool { return !isWordRune(c) }) {
		r.orgWord[w] = name
	}
}

// spoke records a named person who has just spoken, for "the minister said".
func (r *registry) spoke(name string) {
	if t := r.titles[name]; t != "" {
		r.byTitle[lastWord(strings.ToLower(t))] = name
	}
}

// nominal resolves "the minister" or "the authority" to the named person who
// spoke last with a title ending in the head noun, or else to the
// organisation named last with the head noun in its name.
func (r *registry) nominal(head string) string {
	if n := r.byTitle[head]; n != "" {
		return n
	}
	return r.orgWord[head]
}

// isNumber reports an appositive that is an age ("Joran Tekk, 54,").
func isNumber(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// honorific reports a title that is only a form of address (Dr., Mr, Ms.).
func honorific(t string) bool {
	switch strings.ToLower(t) {
	case "dr.", "dr", "mr.", "mr", "mrs.", "mrs", "ms.", "ms", "miss", "prof.", "sir", "dame":
		return true
	}
	return false
}
