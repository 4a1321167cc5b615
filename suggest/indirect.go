package suggest

import "sort"

// clauses finds, before the direct quotes of sentence si are read, the
// reported speech of its cues: "X said (that) …", "…, X said.", "The plan,
// X said, …", "…, said X.", "According to X, …" and "…, according to X."
// A reported clause that carries quoted fragments (he had a "pretty long
// call" with Putin that "didn't make any progress") is one suggestion of
// form mixed, and its fragments are not proposed on their own. A cue whose
// content is a quotation (X said: "…") is left to the direct quote.
func (e *engine) clauses(si int) {
	s := e.sents[si]
	if e.headline[e.paraOf(s.Start)] {
		return
	}
	toks := tokenize(e.rs, s.Start, s.End)
	p := parser{rs: e.rs, toks: toks, reg: e.reg}
	for c := 0; c < len(toks); c++ {
		t := toks[c]
		if !t.word || e.inQ[t.s] || e.consumed[t.s] {
			continue
		}
		if t.low == "according" && c+1 < len(toks) && toks[c+1].low == "to" {
			if end := e.according(p, c, si); end > c {
				c = end
			}
			continue
		}
		if !cueTok(t) || !verbCues[t.low] {
			continue
		}
		if c > 0 && (toks[c-1].low == "who" || toks[c-1].low == "which") {
			continue // "a senior official who asked not to be named"
		}
		if end := e.reported(p, c, si); end > c {
			c = end
		} else if participleCues[t.low] && c > 0 && toks[c-1].text == "," {
			// "“…,” the delegate said, adding that Kyiv had asked …": the
			// participle waits for the direct quote's speaker (afterDirect),
			// and the cues inside its content are its own.
			end := e.clauseEnd(toks, c+1, s.End)
			for c+1 < len(toks) && toks[c+1].s < end {
				c++
			}
		}
	}
}

// afterDirect reads, once the direct quotes of sentence si are attributed,
// a coordinated "… but that …" clause after a cue that a direct quote used.
func (e *engine) afterDirect(si int) {
	s := e.sents[si]
	toks := tokenize(e.rs, s.Start, s.End)
	p := parser{rs: e.rs, toks: toks, reg: e.reg}
	for c := 0; c < len(toks); c++ {
		t := toks[c]
		if !t.word || e.inQ[t.s] {
			continue
		}
		if e.consumed[t.s] && !e.clauseCue[t.s] {
			if end := e.thatClause(p, c, si); end > c {
				c = end
			}
			continue
		}
		if !e.consumed[t.s] && participleCues[t.low] && c > 0 && toks[c-1].text == "," && e.sentAttr[si] != nil {
			if end := e.reported(p, c, si); end > c {
				c = end
			}
		}
	}
}

// reported handles the clausal cue at token c and returns the token where
// its content ends, or -1.
func (e *engine) reported(p parser, c, si int) int {
	toks := p.toks
	s := e.sents[si]
	sp := p.leftPhrase(c, 0)
	coord := false
	inverted := false
	if !sp.ok() {
		switch {
		case e.canCoordinate(p, c, si):
			coord = true
		case c > 0 && toks[c-1].text == "," && !participleCues[toks[c].low]:
			sp = p.rightPhrase(p.objectEnd(c))
			if !sp.ok() || sp.kind == npPronoun {
				return -1
			}
			inverted = true
		default:
			return -1
		}
	}
	oe := p.objectEnd(c)
	k := adverbialEnd(toks, oe)
	that := false
	// "said on Tuesday in Tarsk that …": look a little further for "that".
	for j := k; j < len(toks) && j < k+6 && toks[j].word && (j == k || prepositions[toks[k].low] || timeWords[toks[k].low] || adverbs[toks[k].low]); j++ {
		if toks[j].low == "that" {
			if j == k || !e.inQ[toks[j].s] {
				k, that = j+1, true
			}
			break
		}
	}
	a, b := -1, -1
	fwdOK := k < len(toks) && toks[k].word && !e.inQ[toks[k].s] && (that || !finiteVerbs[toks[k].low]) &&
		(that || !prepositions[toks[k].low] && !contentReject(toks, k)) && (that || clauseAhead(toks, k, 14))
	lead := c
	if !coord && !inverted {
		lead = sp.ts
	}
	switch {
	case inverted:
		a, b = s.Start, toks[c-1].s
	case !coord && lead > 0 && toks[lead-1].text == "," && k+1 < len(toks) && toks[k].text == "," && !clauseJoin[toks[k+1].low] &&
		!participleCues[toks[k+1].low]:
		// "The deal, he said, depended on …"
		if e.inQ[toks[k+1].s] {
			return -1 // "…, he says, “because …”": a direct quote
		}
		a, b = s.Start, s.End
		for j := lead - 1; j >= 0; j-- {
			if toks[j].text == ";" {
				a = toks[j].e // "…; after that, she says, …"
				break
			}
		}
	case !coord && lead > 0 && toks[lead-1].text == "," && !fwdOK:
		// "The talks will resume, the minister said."
		a, b = s.Start, toks[lead-1].s
	case fwdOK:
		a, b = toks[k].s, e.clauseEnd(toks, k, s.End)
	default:
		return -1
	}
	a, b = trimSpan(e.rs, a, b, true)
	a = skipDateline(e.rs, a, b)
	frags, ok := e.fragments(a, b)
	if !ok || words(e.rs, a, b) < 3 {
		return -1
	}
	if a < toks[c].s && !e.clauseIn(a, b) {
		return -1 // "Speaking to the Guardian on Wednesday, he said: …"
	}
	var at *attrib
	if coord {
		at = e.coordinated(p, c, si)
	} else {
		conf := 0.7
		if that {
			conf = 0.8
		}
		at = e.attribute(p, sp, c, oe, si, a, conf)
	}
	if at == nil {
		return -1
	}
	e.clauseCue[toks[c].s] = true
	e.emitClause(a, b, frags, at)
	if end := e.thatClause(p, c, si); end > c {
		return end
	}
	end := len(toks)
	for j := c; j < len(toks); j++ {
		if toks[j].s >= b {
			end = j
			break
		}
	}
	return end - 1
}

// fragments returns the quotations inside the clause [a, b). ok is false
// for a clause that starts with a quotation: that is a direct quote.
func (e *engine) fragments(a, b int) ([]int, bool) {
	if a >= b || e.inQ[a] {
		return nil, false
	}
	i := sort.Search(len(e.quotes), func(i int) bool { return e.quotes[i].open >= a })
	var out []int
	for ; i < len(e.quotes) && e.quotes[i].open < b; i++ {
		out = append(out, i)
	}
	return out, true
}

// emitClause proposes the reported clause [a, b) with the quotations frags
// inside it (a mixed quote) or without (an indirect one).
func (e *engine) emitClause(a, b int, frags []int, at *attrib) {
	kind := Indirect
	if at.statement {
		kind = Statement
	}
	if len(frags) == 0 {
		e.emit(a, b, kind, FormIndirect, at)
		return
	}
	var spans [][2]int
	for _, qi := range frags {
		q := e.quotes[qi]
		e.fragment[qi] = true
		spans = append(spans, [2]int{q.in0, q.in1})
		if q.close >= b {
			b = q.close + 1
		}
	}
	e.emit(a, b, kind, FormMixed, at)
	e.out[len(e.out)-1].Fragments = spans
}

// clauseEnd returns where the reported clause that starts at token k ends:
// at the end of the sentence, or before what starts another report — "but
// (that)", "and (that)" or "while" with a cue or "that" after it, a
// participle cue after a comma ("…, adding that"), a colon before a quote, a
// semicolon, or a comma before an attribution ("…, he said").
func (e *engine) clauseEnd(toks []tok, k, end int) int {
	for j := k + 1; j < len(toks); j++ {
		t := toks[j]
		if e.inQ[t.s] {
			continue
		}
		switch {
		case t.text == ";":
			return t.s
		case t.text == ":" && j+1 < len(toks) && e.inQ[toks[j+1].s]:
			return t.s
		case t.low == "but" || t.low == "and" || t.low == "while" || t.low == "although":
			m := j + 1
			for m < len(toks) && (adverbs[toks[m].low] || toks[m].text == ",") {
				m++
			}
			if m < len(toks) && (toks[m].low == "that" || cueTok(toks[m])) {
				if j > k && toks[j-1].text == "," {
					return toks[j-1].s
				}
				return t.s
			}
		case t.text == "," && j+1 < len(toks) && participleCues[toks[j+1].low]:
			return t.s
		case t.text == "," && j+1 < len(toks) && (toks[j+1].low == "which" || toks[j+1].low == "who"):
			// "…, which he called “an insult”": the relative clause is its own quote.
			for m := j + 2; m < len(toks) && m < j+6; m++ {
				if cueTok(toks[m]) {
					return t.s
				}
			}
		}
	}
	return end
}

var clauseJoin = set("but", "and", "while", "although", "though", "as", "whereas", "yet", "so", "because")

var contentRejects = set("not", "to", "for", "after", "before", "during", "following", "against", "with",
	"without", "of", "until", "so", "yes", "goodbye", "hello", "thanks", "sorry", "otherwise", "anything", "something")

// contentReject reports a word that cannot start reported content: "said
// goodbye", "told them about", "said nothing." ("said no decision had been
// made" is content).
func contentReject(toks []tok, k int) bool {
	w := toks[k].low
	if contentRejects[w] {
		return true
	}
	if (w == "no" || w == "nothing" || w == "this" || w == "it") && (k+1 >= len(toks) || !toks[k+1].word || prepositions[toks[k+1].low]) {
		return true // "said no.", "said this in an interview", "said it on Tuesday"
	}
	return false
}

// clauseIn reports whether rs[a:b] reads as a clause (see clauseAhead).
func (e *engine) clauseIn(a, b int) bool {
	toks := tokenize(e.rs, a, min(b, a+400))
	return clauseAhead(toks, 0, 24)
}

// clauseAhead reports whether the tokens from k read as a clause (a finite
// verb within its first words) rather than a noun phrase: "stressed the need
// for consensus" and "said this in an interview" report no speech.
func clauseAhead(toks []tok, k, window int) bool {
	for j := k; j < len(toks) && j < k+window; j++ {
		t := toks[j]
		if !t.word {
			if t.text == "." || t.text == ";" || t.text == ":" ||
				t.text == "," && j+1 < len(toks) && (participleCues[toks[j+1].low] || toks[j+1].low == "which" || toks[j+1].low == "who") {
				return false
			}
			continue
		}
		if j > k && (articles[toks[j-1].low] || preModifiers[toks[j-1].low]) {
			continue // "the need", "a record", "the first suspected breach"
		}
		if finiteVerbs[t.low] || j > k && len(t.low) > 4 && !t.upper && (hasSuffix(t.low, "ed") || hasSuffix(t.low, "es") && !nounishEs[t.low]) {
			return true
		}
	}
	return false
}

func hasSuffix(s, suf string) bool { return len(s) >= len(suf) && s[len(s)-len(suf):] == suf }

var finiteVerbs = set("is", "was", "are", "were", "be", "been", "has", "have", "had", "will", "would", "could",
	"should", "may", "might", "must", "can", "did", "does", "do", "won't", "wouldn't", "couldn't", "can't",
	"cannot", "isn't", "wasn't", "aren't", "weren't", "hasn't", "haven't", "hadn't", "didn't", "doesn't",
	"don't", "shouldn't", "it's", "there's", "that's", "he's", "she's", "they're", "we're", "i'm", "we'll",
	"they'll", "he'd", "she'd", "they'd", "want", "wants", "need", "needs", "plan", "plans", "expect", "expects",
	"hope", "hopes", "believe", "believes", "think", "thinks", "know", "knows", "remain", "remains", "feel", "feels",
	"saw", "went", "made", "got", "took", "gave", "came", "left", "lost", "won", "told", "said", "knew", "felt",
	"thought", "found", "kept", "paid", "sent", "spent", "built", "held", "led", "met", "ran", "set", "put", "cut",
	"hit", "fell", "rose", "grew", "began", "broke", "brought", "bought", "caught", "fought", "sold", "stood", "understood")

var preModifiers = set("first", "second", "third", "last", "latest", "new", "alleged", "so-called", "most", "least")

var nounishEs = set("services", "cases", "prices", "sources", "forces", "resources", "measures", "issues",
	"houses", "places", "rules", "times", "sales", "homes", "games", "names", "changes", "lines", "crimes",
	"schemes", "types", "values", "offices", "courses", "purposes", "premises", "species", "series", "wages")

// participleCues report speech as an adjunct of the clause before: "…,
// adding that …", "…, saying the …".
var participleCues = set("adding", "saying", "warning", "noting", "arguing", "insisting", "stressing",
	"explaining", "claiming", "telling", "writing", "calling", "urging", "describing")

// canCoordinate reports whether the cue at token c follows "and" or "but"
// or is a participle after a comma, so that it takes the speaker of the
// clause before it.
func (e *engine) canCoordinate(p parser, c, si int) bool {
	j := c - 1
	for j >= 0 && p.toks[j].word && adverbs[p.toks[j].low] {
		j--
	}
	if j < 0 {
		return false
	}
	if p.toks[j].low == "and" || p.toks[j].low == "but" {
		return true
	}
	if !participleCues[p.toks[c].low] || p.toks[j].text != "," {
		return false
	}
	if e.sentAttr[si] != nil || pronouns[p.toks[0].low] && p.toks[0].low != "it" {
		return true
	}
	for _, m := range e.mentions[si] {
		if m.s < p.toks[c].s && m.kind == npPerson {
			return true
		}
	}
	return false
}

// thatClause handles "… but that …" after the consumed cue at token c.
func (e *engine) thatClause(p parser, c, si int) int {
	toks := p.toks
	prev := e.sentAttr[si]
	if prev == nil {
		return -1
	}
	for j := c + 1; j+1 < len(toks); j++ {
		if (toks[j].low == "but" || toks[j].low == "and") && toks[j+1].low == "that" && !e.inQ[toks[j].s] {
			a, b := toks[j+1].e, e.clauseEnd(toks, j+2, e.sents[si].End)
			a, b = trimSpan(e.rs, a, b, true)
			frags, ok := e.fragments(a, b)
			if !ok || words(e.rs, a, b) < 3 {
				return -1
			}
			at := *prev
			at.conf = prev.conf * 0.8
			e.emitClause(a, b, frags, &at)
			for m := j + 2; m < len(toks); m++ {
				if toks[m].s >= b {
					return m - 1
				}
			}
			return len(toks)
		}
	}
	return -1
}

// according handles "according to X" at token c.
func (e *engine) according(p parser, c, si int) int {
	toks := p.toks
	s := e.sents[si]
	sp := p.rightPhrase(c + 2)
	if !sp.ok() || sp.kind == npPronoun {
		return -1
	}
	lead := true
	for j := 0; j < c; j++ {
		if toks[j].word {
			lead = false
		}
	}
	var a, b int
	if lead {
		k := sp.te
		for k < len(toks) && toks[k].text != "," && k < sp.te+25 {
			k++
		}
		if k+1 >= len(toks) || toks[k].text != "," {
			return -1
		}
		a, b = toks[k+1].s, s.End
	} else {
		a, b = s.Start, toks[c].s
	}
	a, b = trimSpan(e.rs, a, b, true)
	a = skipDateline(e.rs, a, b)
	frags, ok := e.fragments(a, b)
	if !ok || words(e.rs, a, b) < 3 {
		return -1
	}
	at := e.attribute(p, sp, c, c+2, si, a, 0.75)
	e.clauseCue[toks[c].s] = true
	e.emitClause(a, b, frags, at)
	return len(toks)
}
