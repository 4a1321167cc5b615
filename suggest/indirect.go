package suggest

// indirect finds reported speech without quotation marks in sentence si:
// "X said (that) …", "…, X said.", "The plan, X said, …", "…, said X.",
// "According to X, …" and "…, according to X." A cue already used by a
// direct quote is skipped, except that a coordinated "but that …" clause
// after it is reported speech of the same speaker.
func (e *engine) indirect(si int) {
	s := e.sents[si]
	toks := tokenize(e.rs, s.Start, s.End)
	p := parser{rs: e.rs, toks: toks, reg: e.reg}
	for c := 0; c < len(toks); c++ {
		t := toks[c]
		if !t.word || e.inQ[t.s] {
			continue
		}
		if e.consumed[t.s] {
			if end := e.thatClause(p, c, si); end > c {
				c = end
			}
			continue
		}
		if t.low == "according" && c+1 < len(toks) && toks[c+1].low == "to" {
			if end := e.according(p, c, si); end > c {
				c = end
			}
			continue
		}
		clausal, ok := verbCues[t.low]
		if !ok || !clausal {
			continue
		}
		if c > 0 && (toks[c-1].low == "who" || toks[c-1].low == "which") {
			continue // "a senior official who asked not to be named"
		}
		if end := e.reported(p, c, si); end > c {
			c = end
		}
	}
}

// reported handles the clausal cue at token c and returns the token where
// its content ends, or -1.
func (e *engine) reported(p parser, c, si int) int {
	toks := p.toks
	s := e.sents[si]
	sp := p.leftPhrase(c, 0)
	var at *attrib
	inverted := false
	if !sp.ok() {
		if a := e.coordinated(p, c, si); a != nil {
			at = a
		} else if c > 0 && toks[c-1].text == "," {
			sp = p.rightPhrase(p.objectEnd(c))
			if !sp.ok() || sp.kind == npPronoun {
				return -1
			}
			inverted = true
		} else {
			return -1
		}
	}
	oe := p.objectEnd(c)
	k := adverbialEnd(toks, oe)
	that := false
	// "said on Tuesday in Tarsk that …": look a little further for "that".
	for j := k; j < len(toks) && j < k+6 && toks[j].word; j++ {
		if toks[j].low == "that" && !isCue(toks[j].low) {
			if j == k || !e.inQ[toks[j].s] {
				k, that = j+1, true
			}
			break
		}
	}
	a, b := -1, -1
	fwdOK := k < len(toks) && toks[k].word && (that || !prepositions[toks[k].low] && !contentReject[toks[k].low])
	if k < len(toks) && toks[k].text == ":" && k+1 < len(toks) {
		k++
		fwdOK = true
	}
	lead := c
	if at == nil && !inverted {
		lead = sp.ts
	}
	switch {
	case inverted:
		a, b = s.Start, toks[c-1].s
	case at == nil && lead > 0 && toks[lead-1].text == "," && k+1 < len(toks) && toks[k].text == "," && !clauseJoin[toks[k+1].low]:
		// "The deal, he said, depended on …"
		a, b = s.Start, s.End
	case at == nil && lead > 0 && toks[lead-1].text == "," && !fwdOK:
		// "The talks will resume, the minister said."
		a, b = s.Start, toks[lead-1].s
	case fwdOK:
		a, b = toks[k].s, s.End
		for j := k; j < len(toks); j++ {
			if e.inQ[toks[j].s] {
				b = toks[j].s
				break
			}
		}
	default:
		return -1
	}
	a, b = trimSpan(e.rs, a, b, true)
	a = skipDateline(e.rs, a, b)
	if words(e.rs, a, b) < 3 {
		return -1
	}
	if at == nil {
		conf := 0.7
		if that {
			conf = 0.8
		}
		at = e.attribute(p, sp, c, oe, si, a, conf)
	}
	kind := Indirect
	if at.statement {
		kind = Statement
	}
	e.emit(a, b, kind, FormIndirect, at)
	end := len(toks)
	for j := c; j < len(toks); j++ {
		if toks[j].s >= b {
			end = j
			break
		}
	}
	return end - 1
}

var clauseJoin = set("but", "and", "while", "although", "though", "as", "whereas", "yet", "so", "because")

var contentReject = set("not", "to", "for", "after", "before", "during", "following", "about", "against", "with",
	"without", "of", "until", "nothing", "so", "yes", "no", "goodbye", "hello", "thanks", "sorry", "little",
	"much", "more", "otherwise", "anything", "something")

// thatClause handles "… but that …" after the consumed cue at token c.
func (e *engine) thatClause(p parser, c, si int) int {
	toks := p.toks
	prev := e.sentAttr[si]
	if prev == nil {
		return -1
	}
	for j := c + 1; j+1 < len(toks); j++ {
		if (toks[j].low == "but" || toks[j].low == "and") && toks[j+1].low == "that" && !e.inQ[toks[j].s] {
			a, b := toks[j+1].e, e.sents[si].End
			for m := j + 2; m < len(toks); m++ {
				if e.inQ[toks[m].s] {
					return -1
				}
			}
			a, b = trimSpan(e.rs, a, b, true)
			if words(e.rs, a, b) < 3 {
				return -1
			}
			at := *prev
			at.conf = prev.conf * 0.8
			kind := Indirect
			if at.statement {
				kind = Statement
			}
			e.emit(a, b, kind, FormIndirect, &at)
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
	for j := 0; j < len(toks); j++ {
		if toks[j].s >= a && toks[j].s < b && e.inQ[toks[j].s] {
			return -1 // a quote here is a direct suggestion already
		}
	}
	a, b = trimSpan(e.rs, a, b, true)
	if words(e.rs, a, b) < 3 {
		return -1
	}
	at := e.attribute(p, sp, c, c+2, si, a, 0.75)
	kind := Indirect
	if at.statement {
		kind = Statement
	}
	e.emit(a, b, kind, FormIndirect, at)
	return len(toks)
}
