package suggest

import (
	"strings"
	"unicode"
)

// boundary reports whether rune i ends a sentence or clause outside quotes.
func (e *engine) boundary(i int) bool {
	rs := e.rs
	r := rs[i]
	if e.inQ[i] || !strings.ContainsRune(".!?;", r) {
		return false
	}
	if i+1 < len(rs) && !unicode.IsSpace(rs[i+1]) && !isQuoteMark(rs[i+1]) {
		return false
	}
	if r == '.' {
		j := i
		for j > 0 && (unicode.IsLetter(rs[j-1]) || rs[j-1] == '.') {
			j--
		}
		w := strings.ToLower(string(rs[j:i]))
		if abbreviations[w] || (i-j == 1 && unicode.IsUpper(rs[j])) {
			return false
		}
	}
	return true
}

// before returns the start of the clause that leads into quote q and
// whether it begins right after another quotation.
func (e *engine) before(q quote) (int, bool) {
	lo := e.paras[q.para][0]
	for i := q.open - 1; i >= lo; i-- {
		if e.inQ[i] {
			// A name in marks (told the „Handelsblatt“ newspaper) is part
			// of the clause, not a quotation before it.
			if k := e.quoteAt(i); k >= 0 && e.nameQuote[k] {
				i = e.quotes[k].open
				continue
			}
			return i + 1, true
		}
		if e.boundary(i) {
			return i + 1, false
		}
	}
	return lo, false
}

// after returns the end of the clause that follows quote q.
func (e *engine) after(q quote) (int, int) {
	if q.close < 0 {
		return q.in1, q.in1
	}
	hi := e.paras[q.para][1]
	// “… into a flood.” Rain is forecast …: the quotation ended its
	// sentence, and what follows is not its attribution.
	if q.close > 0 && strings.ContainsRune(".!?", e.rs[q.close-1]) {
		j := q.close + 1
		for j < hi && unicode.IsSpace(e.rs[j]) {
			j++
		}
		if j < hi && unicode.IsUpper(e.rs[j]) {
			return q.close + 1, q.close + 1
		}
	}
	for i := q.close + 1; i < hi; i++ {
		if e.inQ[i] || e.boundary(i) {
			return q.close + 1, i
		}
	}
	return q.close + 1, hi
}

func hasWord(toks []tok) bool {
	for _, t := range toks {
		if t.word {
			return true
		}
	}
	return false
}

// direct makes the suggestion for quotation qi, if it is attributed speech.
func (e *engine) direct(qi int) {
	q := e.quotes[qi]
	if e.headline[q.para] {
		return
	}
	bs, sibling := e.before(q)
	as, ae := e.after(q)
	btoks := tokenize(e.rs, bs, q.open)
	atoks := tokenize(e.rs, as, ae)
	if n := len(btoks); n > 0 && btoks[n-1].word && namingWords[btoks[n-1].low] {
		e.nameQuote[qi] = true
		return // a title or a name in quotation marks: titled “Silent Borders”
	}
	if n := len(btoks); n > 1 && btoks[n-1].low == "as" && btoks[n-2].low == "known" {
		return
	}
	// A name in marks after an article: told the „Handelsblatt“ newspaper.
	if n := len(btoks); n > 0 && (btoks[n-1].low == "the" || btoks[n-1].low == "a") && words(e.rs, q.in0, q.in1) <= 3 &&
		unicode.IsUpper(e.rs[q.in0]) {
		e.nameQuote[qi] = true
		return
	}
	si := e.sentOf(q.open)
	kind := Direct
	at := e.afterAttrib(atoks, si, q.open)
	if at == nil {
		at = e.beforeAttrib(btoks, si, q.open)
	}
	startsSentence := !hasWord(btoks)
	if at == nil && sibling && e.lastDir >= 0 && e.sentOf(e.out[e.lastDir].QuoteStart) == si {
		at = e.inherit(e.out[e.lastDir], 0.8)
	}
	if at == nil && startsSentence && !hasWord(atoks) && e.lastDir >= 0 {
		prev := e.out[e.lastDir]
		pp := e.paraOf(prev.QuoteStart)
		switch {
		case pp == q.para:
			at = e.inherit(prev, 0.7)
		case pp == q.para-1 && e.lastDir == len(e.out)-1:
			at = e.inherit(prev, 0.55)
		}
	}
	if at == nil && startsSentence && !hasWord(atoks) && len(e.out) > 0 && words(e.rs, q.in0, q.in1) >= 8 {
		// A long quote that stands alone continues the last speaker's
		// words, if they spoke within the last three paragraphs.
		if prev := e.out[len(e.out)-1]; prev.Speaker != "" && e.paraOf(prev.QuoteStart) >= q.para-3 {
			at = e.inherit(prev, 0.5)
		}
	}
	if at == nil {
		if !startsSentence || words(e.rs, q.in0, q.in1) < 8 {
			return // a scare quote or a phrase in passing
		}
		e.out = append(e.out, Suggestion{QuoteStart: q.in0, QuoteEnd: q.in1, SpeakerStart: -1, SpeakerEnd: -1,
			Kind: Direct, Form: FormDirect, Confidence: 0.3})
		e.lastDir = len(e.out) - 1
		return
	}
	if at.statement {
		kind = Statement
	}
	e.emit(q.in0, q.in1, kind, FormDirect, at)
	e.lastDir = len(e.out) - 1
}

// inherit copies the speaker of an earlier suggestion.
func (e *engine) inherit(s Suggestion, conf float64) *attrib {
	return &attrib{speaker: s.Speaker, title: s.Title, ss: s.SpeakerStart, se: s.SpeakerEnd, cue: s.Cue,
		statement: s.Kind == Statement, conf: conf * s.Confidence, resolved: true}
}

// afterAttrib reads "…,” X said" and "…,” said X" in the tokens after a quote.
func (e *engine) afterAttrib(toks []tok, si, anchor int) *attrib {
	p := parser{rs: e.rs, toks: toks, reg: e.reg}
	i := 0
	for i < len(toks) && !toks[i].word {
		i++
	}
	if i >= len(toks) {
		return nil
	}
	if toks[i].low == "according" && i+1 < len(toks) && toks[i+1].low == "to" {
		if sp := p.rightPhrase(i + 2); sp.ok() {
			return e.attribute(p, sp, i, i+2, si, anchor, 0.9)
		}
		return nil
	}
	// A dash attribution ending the paragraph: "…” — Kremlin aide Yuri Ushakov".
	if i > 0 && isDash(toks[i-1].text) && len(toks)-i <= 8 {
		if sp := p.analyse(i, len(toks)); sp.ok() && sp.kind != npPronoun && sp.te == len(toks) &&
			toks[len(toks)-1].e == e.paras[e.paraOf(toks[i].s)][1] {
			at := &attrib{sp: sp, cue: "—", cueS: toks[i-1].s, conf: 0.85, p: p}
			e.resolve(at, si, anchor)
			return at
		}
	}
	if cueTok(toks[i]) {
		oe := p.objectEnd(i)
		if sp := p.rightPhrase(oe); sp.ok() && sp.kind != npPronoun {
			return e.attribute(p, sp, i, oe, si, anchor, 0.95)
		}
		return nil
	}
	for c := i; c < len(toks) && c < i+30; c++ {
		if !cueTok(toks[c]) {
			continue
		}
		sp := p.leftPhrase(c, i)
		if sp.ok() && sp.ts == i {
			return e.attribute(p, sp, c, p.objectEnd(c), si, anchor, 0.95)
		}
		return nil
	}
	return nil
}

func isDash(s string) bool { return s == "—" || s == "–" || s == "-" }

// beforeAttrib reads "X said: “…" and "X said the plan was “…" in the
// tokens of the clause before a quote.
func (e *engine) beforeAttrib(toks []tok, si, anchor int) *attrib {
	p := parser{rs: e.rs, toks: toks, reg: e.reg}
	if len(toks) > 2 && toks[0].low == "according" && toks[1].low == "to" {
		if sp := p.rightPhrase(2); sp.ok() {
			return e.attribute(p, sp, 0, 2, si, anchor, 0.85)
		}
	}
	tried := 0
	for c := len(toks) - 1; c >= 0 && tried < 2; c-- {
		if !cueTok(toks[c]) {
			continue
		}
		tried++
		conf := 0.9
		if len(toks)-c > 8 {
			conf = 0.75
		}
		if sp := p.leftPhrase(c, 0); sp.ok() {
			return e.attribute(p, sp, c, p.objectEnd(c), si, anchor, conf)
		}
		if at := e.coordinated(p, c, si); at != nil {
			return at
		}
	}
	return nil
}

// coordinated attributes a cue that follows "and" or "but" ("X said … and
// accused …") to the speaker of the clause before it.
func (e *engine) coordinated(p parser, c, si int) *attrib {
	if !e.canCoordinate(p, c, si) {
		return nil
	}
	e.consumed[p.toks[c].s] = true
	if prev := e.sentAttr[si]; prev != nil {
		at := *prev
		at.cue = p.toks[c].text
		at.conf = prev.conf * 0.9
		if p.toks[c].low == "wrote" {
			at.statement = true
		}
		return &at
	}
	// The first person named in the sentence: "Lev Antonov returned …, and promised".
	for _, m := range e.mentions[si] {
		if m.s < p.toks[c].s && m.kind == npPerson {
			return &attrib{speaker: m.name, title: e.reg.titles[m.name], ss: m.s, se: m.s + len([]rune(m.name)),
				cue: p.toks[c].text, conf: 0.6, resolved: true}
		}
	}
	// A sentence that starts with a pronoun: "He said this in an interview, adding that …".
	if t := p.toks[0]; t.word && pronouns[t.low] && t.low != "it" {
		name, ok := e.pronoun(t.low, t.s, t.s)
		if ok {
			return &attrib{speaker: name, title: e.reg.titles[name], ss: t.s, se: t.e, cue: p.toks[c].text, conf: 0.5, resolved: true}
		}
	}
	return nil
}

var tellObjects = set("reporters", "journalists", "lawmakers", "parliament", "legislators", "supporters", "staff",
	"delegates", "students", "me", "us", "him", "her", "them", "senators", "colleagues", "listeners", "viewers",
	"readers", "mps", "members", "voters", "investigators", "residents", "workers", "employees", "shareholders",
	"congress", "reuters", "afp", "ap", "cnn", "bbc", "parliamentarians", "deputies", "diplomats", "followers",
	"pals", "friends", "fans", "police", "officers", "detectives", "doctors", "mourners", "guests", "it")

// broadcastWords continue a broadcaster's name: "told BBC Radio Leeds".
var broadcastWords = set("radio", "news", "breakfast", "television", "tv", "world", "one", "two", "four",
	"scotland", "wales", "sport", "sports", "online", "newsnight", "today")

var venueNouns = set("crowd", "audience", "conference", "briefing", "meeting", "assembly", "committee",
	"parliament", "programme", "program", "newspaper", "paper", "station", "channel", "agency", "radio",
	"television", "magazine", "summit", "rally", "gathering", "hearing", "court", "jury", "council", "session",
	"show", "podcast", "broadcaster", "outlet", "website", "audience", "reporters", "journalists", "lawmakers")

// objectEnd returns the token after the object of "told" or "asked" at c
// ("told reporters", "told the BBC’s Today programme"), or c+1.
func (p parser) objectEnd(c int) int {
	toks := p.toks
	k := c + 1
	if c >= len(toks) {
		return len(toks)
	}
	switch toks[c].low {
	case "told", "tells", "tell", "asked", "asks":
	default:
		return k
	}
	if k >= len(toks) || !toks[k].word {
		return k
	}
	t := toks[k]
	if tellObjects[t.low] && (!t.upper || k+1 >= len(toks) || !broadcastWords[toks[k+1].low]) {
		return k + 1 // "told Reuters", "told reporters"
	}
	if t.upper && !pronouns[t.low] {
		// "told BBC Radio Leeds", "told BBC Radio 4's Today programme"
		end := p.capEnd(k, len(toks))
		for j := end; j < len(toks) && j < end+4 && toks[j].word; j++ {
			if venueNouns[toks[j].low] {
				return j + 1
			}
		}
		return end
	}
	if determiners[t.low] || t.low == "the" || t.low == "a" || t.low == "an" {
		for j := k + 1; j < len(toks) && j < k+6 && toks[j].word; j++ {
			if venueNouns[toks[j].low] {
				return j + 1
			}
			if toks[j].low == "that" {
				return j
			}
		}
		if k+2 <= len(toks) {
			return k + 2
		}
	}
	return k
}

// attribute resolves the speaker phrase sp of the cue at token c; the cue
// (with its object) runs to token oe.
func (e *engine) attribute(p parser, sp phrase, c, oe, si, anchor int, conf float64) *attrib {
	toks := p.toks
	if oe <= c {
		oe = c + 1
	}
	if c+1 < len(toks) && toks[c].low == "according" {
		oe = c + 2
	}
	cue := p.span(c, oe)
	if toks[c].low == "according" {
		cue = "according to"
	}
	// "said in a statement": keep the written cue in the cue text.
	stmt := sp.kind == npDoc
	switch toks[c].low {
	case "wrote", "writes", "tweeted", "posted":
		stmt = true
	}
	ae := adverbialEnd(toks, oe)
	for k := oe; k < ae; k++ {
		if statementWords[toks[k].low] {
			stmt = true
			cue = p.span(c, k+1)
		}
	}
	// "In a statement, the ministry said"
	if sp.ts > 0 && sp.ts <= len(toks) && toks[sp.ts-1].text == "," {
		for k := 0; k < sp.ts-1; k++ {
			if statementWords[toks[k].low] {
				stmt = true
			}
		}
	}
	at := &attrib{sp: sp, cue: cue, cueS: toks[c].s, statement: stmt, conf: conf, p: p}
	e.consumed[toks[c].s] = true
	e.resolve(at, si, anchor)
	e.sentAttr[si] = at
	return at
}

// adverbialEnd skips what may stand between a cue and its content: "on
// Tuesday", "in a statement released Monday night", "at a news conference",
// "to reporters", "late on Monday", "last week".
func adverbialEnd(toks []tok, k int) int {
	for n := 0; n < 4 && k < len(toks); n++ {
		t := toks[k]
		switch {
		case !t.word:
			return k
		case t.low == "on" && k+1 < len(toks) && timeWords[toks[k+1].low]:
			k += 2
			for k < len(toks) && timeWords[toks[k].low] {
				k++
			}
		case t.low == "last" && k+1 < len(toks) && timeWords[toks[k+1].low]:
			k += 2
		case timeWords[t.low] || adverbs[t.low] && t.low != "has" && t.low != "have" && t.low != "had" && t.low != "would" && t.low != "will":
			k++
		case (t.low == "in" || t.low == "at" || t.low == "during" || t.low == "to") && k+1 < len(toks):
			j := k + 1
			found := -1
			for ; j < len(toks) && j < k+8 && toks[j].word && toks[j].low != "that"; j++ {
				if statementWords[toks[j].low] || venueNouns[toks[j].low] || toks[j].low == "interview" ||
					toks[j].low == "speech" || toks[j].low == "address" || toks[j].low == "message" ||
					toks[j].low == "video" || toks[j].low == "broadcast" {
					found = j
				}
			}
			if found < 0 {
				return k
			}
			k = found + 1
			// "released Monday night", "issued on Tuesday"
			for k < len(toks) && toks[k].word && (toks[k].low == "released" || toks[k].low == "issued" ||
				toks[k].low == "published" || toks[k].low == "on" || timeWords[toks[k].low] || toks[k].upper && timeWords[toks[k].low]) {
				k++
			}
		default:
			return k
		}
	}
	return k
}

// resolve fills the speaker fields of at.
func (e *engine) resolve(at *attrib, si, anchor int) {
	sp := at.sp
	at.resolved = true
	at.ss, at.se = sp.s, sp.e
	switch sp.kind {
	case npPerson:
		at.speaker, at.title = sp.name, sp.title
		at.ss, at.se = sp.nameS, sp.nameE
		e.reg.addPerson(sp.name, sp.title, sp.gender)
	case npOrg:
		at.speaker = sp.name
		e.reg.addOrg(sp.name)
	case npNominal:
		at.title = stripArticle(sp.name)
		r := e.reg.nominal(sp.head)
		if r == "" && businessHeads[sp.head] && sp.te-sp.ts == 2 {
			r = e.recentOrg(si, sp.s)
		}
		if r == "" && at.definite() && sp.te-sp.ts <= 3 {
			switch {
			case anaphoricHeads[sp.head] || sp.gender != 0 && !groupHeads[sp.head]:
				r = e.lastPerson // "the actress", "the Spaniard", "the 22-year-old"
				if r == "" {
					r = e.recentPerson(si, sp.s)
				}
			case sourceHeads[sp.head]:
				r = e.lastUnnamed // "the source added"
			}
			if r != "" {
				at.speaker, at.title = r, e.reg.titles[r]
				at.conf *= 0.75
				break
			}
		}
		if r != "" && !strings.HasSuffix(sp.head, "s") {
			at.speaker = r
			if t := e.reg.titles[r]; t != "" {
				at.title = t
			} else {
				at.title = ""
			}
			at.conf *= 0.85
		} else {
			at.speaker, at.title = stripArticle(sp.name), ""
			at.conf *= 0.9
		}
	case npDoc:
		at.statement = true
		switch {
		case sp.by != "":
			at.speaker = sp.by
		case e.reg.docs[sp.head] != "":
			at.speaker = e.reg.docs[sp.head]
			at.conf *= 0.8
		case (at.definite() || strings.Contains(sp.name, " by the ")) && e.recentOrg(si, sp.s) != "":
			at.speaker = e.recentOrg(si, sp.s) // "the statement" of the company named before
			at.conf *= 0.7
		default:
			at.speaker = stripArticle(sp.name)
			at.conf *= 0.8
		}
	case npPronoun:
		name, ok := e.pronoun(sp.name, sp.s, anchor)
		at.speaker = name
		if ok {
			at.title = e.reg.titles[name]
			at.conf *= 0.85
		} else {
			at.conf *= 0.45
		}
	}
	if at.speaker != "" {
		e.speakers[si] = append(e.speakers[si], at.speaker)
		if sp.kind == npPerson || sp.kind == npPronoun {
			e.reg.spoke(at.speaker)
			if g := e.reg.gender[at.speaker]; g != 0 {
				e.lastSpeaker[g] = at.speaker
			}
			e.lastPerson = at.speaker
		}
		if sp.kind == npNominal && at.speaker == stripArticle(sp.name) && !at.definite() {
			e.lastUnnamed = at.speaker // "A club insider said"
		}
	}
}

// pronoun resolves he, she, they or it at pos to the most recent compatible
// named mention in the sentences from two before the anchor's sentence up to
// pos. Two different names equally recent leave it unresolved, unless only
// one of them spoke in that sentence.
func (e *engine) pronoun(pron string, pos, anchor int) (string, bool) {
	want := 0
	switch pron {
	case "he":
		want = 1
	case "she":
		want = 2
	}
	si, pi := e.sentOf(anchor), e.sentOf(pos)
	if name, ok := e.pronounIn(pron, want, pos, pi, si-2); ok || name == "?" {
		if !ok {
			return "", false
		}
		return name, true
	}
	// Further back: a profile names its subject once and says "she" for pages.
	if name, ok := e.pronounIn(pron, want, pos, si-3, si-8); ok {
		return name, ok
	}
	if want != 0 {
		if name := e.lastSpeaker[want]; name != "" {
			return name, true
		}
	}
	return "", false
}

// pronounIn looks for the antecedent in sentences from..to (backwards). It
// returns "?" when two names are equally likely.
func (e *engine) pronounIn(pron string, want, pos, from, to int) (string, bool) {
	for k := from; k >= 0 && k >= to; k-- {
		var names []string
		seen := map[string]bool{}
		for _, m := range e.mentions[k] {
			if m.s >= pos || e.inQ[m.s] {
				continue
			}
			if want != 0 {
				g := m.gender
				if g == 0 {
					g = e.reg.gender[m.name]
				}
				if m.kind != npPerson || g != 0 && g != want {
					continue
				}
			} else if m.kind != npOrg {
				continue
			}
			if !seen[m.name] {
				seen[m.name] = true
				names = append(names, m.name)
			}
		}
		if want == 0 {
			// "they" also takes an unnamed group that spoke: officials, police.
			for _, s := range e.speakers[k] {
				if !seen[s] && e.reg.surnames[strings.ToLower(lastWord(s))] != s {
					seen[s] = true
					names = append(names, s)
				}
			}
		}
		switch {
		case len(names) == 1:
			e.learnGender(names[0], want)
			return names[0], true
		case len(names) > 1:
			var spoke []string
			for _, n := range names {
				for _, s := range e.speakers[k] {
					if s == n {
						spoke = append(spoke, n)
						break
					}
				}
			}
			if len(spoke) == 1 {
				e.learnGender(spoke[0], want)
				return spoke[0], true
			}
			return "?", false
		}
	}
	return "", false
}

func (e *engine) learnGender(name string, g int) {
	if g != 0 && e.reg.gender[name] == 0 {
		e.reg.gender[name] = g
	}
}

// emit appends a suggestion for content [a, b) attributed by at.
func (e *engine) emit(a, b int, kind Kind, form Form, at *attrib) {
	ss, se := at.ss, at.se
	if at.speaker == "" && ss == se {
		ss, se = -1, -1
	}
	conf := at.conf
	if conf > 1 {
		conf = 1
	}
	e.out = append(e.out, Suggestion{QuoteStart: a, QuoteEnd: b, SpeakerStart: ss, SpeakerEnd: se,
		Speaker: at.speaker, Title: at.title, Kind: kind, Form: form, Cue: at.cue, Confidence: conf})
}

// businessHeads name a company generically; "the company" is then the
// organisation named last.
var businessHeads = set("company", "firm", "operator", "group", "business", "carrier", "manufacturer",
	"lender", "insurer", "retailer", "airline", "developer", "producer", "owner", "broadcaster", "hospital",
	"zoo", "museum", "club", "school", "charity", "university", "bank", "brewery", "chain", "maker", "utility",
	"network", "publisher", "insurer", "startup", "giant", "supermarket", "association", "organisation",
	"organization", "agency", "regulator", "watchdog")

// anaphoricHeads describe a person named before: "the actress said".
var anaphoricHeads = set("actress", "actor", "star", "singer", "striker", "midfielder", "defender", "goalkeeper",
	"forward", "player", "veteran", "politician", "woman", "man", "mother", "father", "pensioner", "teenager",
	"grandmother", "grandfather", "gran", "mum", "dad", "widow", "presenter", "host", "author", "writer",
	"novelist", "artist", "musician", "rapper", "chef", "billionaire", "tycoon", "entrepreneur", "athlete",
	"runner", "champion", "winner", "candidate", "nominee", "premier", "leader")

// sourceHeads are unnamed sources that a definite phrase refers back to.
var sourceHeads = set("source", "insider", "official", "aide", "friend", "pal", "diplomat", "spokesman",
	"spokeswoman", "spokesperson", "delegate", "member")

// recentOrg returns the organisation named last before pos in sentence si
// or any sentence before it, for "the company said".
func (e *engine) recentOrg(si, pos int) string {
	// In the sentence itself the first organisation is its subject: "St.
	// Agnes has become the first hospital in the Capital Region, the
	// hospital said".
	ms := e.mentions[si]
	for i := 0; i < len(ms) && i < 50 && ms[i].s < pos; i++ {
		if ms[i].kind == npOrg && !e.inQ[ms[i].s] {
			return ms[i].name
		}
	}
	return e.lastOrgBefore[si]
}

// recentPerson returns the person named last before pos in sentence si or
// any sentence before it.
func (e *engine) recentPerson(si, pos int) string {
	ms := e.mentions[si]
	for i, n := len(ms)-1, 0; i >= 0 && n < 50; i, n = i-1, n+1 {
		if ms[i].kind == npPerson && ms[i].s < pos && !e.inQ[ms[i].s] {
			return ms[i].name
		}
	}
	return e.lastPersonBefore[si]
}

// definite reports a speaker phrase that starts with "the".
func (at *attrib) definite() bool {
	return at.sp.ts < len(at.p.toks) && at.p.toks[at.sp.ts].low == "the"
}
