// Package suggest proposes attributed quotes and their speakers in news
// prose: direct quotes in any common quotation-mark style, indirect speech
// ("X said that ...") and statements or documents ("the ministry said in a
// statement"). The suggestions are rule-based proposals that an analyst
// accepts or rejects; they never become annotations on their own.
//
// Offsets count runes as Go's []rune conversion sees the text (an invalid
// UTF-8 byte is one rune), the same unit as package diff and the store.
//
// A quotation split by its attribution ("We are ready," he said, "but not
// yet.") gives one suggestion per quoted part, both with the same speaker:
// each part is a span the analyst can accept, and no span covers the
// attribution in between.
package suggest

import (
	"fmt"
	"sort"
	"strings"

	"redline/diff"
)

// Kind is how a source is attributed.
type Kind string

// The attribution kinds of the default codebook.
const (
	Direct    Kind = "direct"
	Indirect  Kind = "indirect"
	Statement Kind = "statement"
)

// Form is the shape of a quote in the text, apart from its attribution.
type Form string

// The forms of a quote.
const (
	FormDirect   Form = "direct"   // the speaker's words inside quotation marks
	FormIndirect Form = "indirect" // a reported clause without quotation marks
	FormMixed    Form = "mixed"    // a reported clause carrying quoted fragments
)

// Suggestion is one proposed quote with its speaker.
type Suggestion struct {
	// QuoteStart, QuoteEnd is the rune span of the quote: for a direct quote
	// the words inside the marks; for an indirect or mixed quote the reported
	// clause, the marks of its fragments included.
	QuoteStart, QuoteEnd int
	// SpeakerStart, SpeakerEnd is the rune span of the speaker's mention
	// (a name, a pronoun, "the ministry"), -1, -1 if there is none.
	SpeakerStart, SpeakerEnd int
	// Speaker is who spoke: a person's full name, an organisation, or an
	// unnamed source by its description; empty if unknown.
	Speaker string
	Title   string // the speaker's title or role, if the text gives one
	// Kind is the attribution as the default codebook codes it: direct,
	// indirect or statement (a written source).
	Kind Kind
	// Form is how the quote stands in the text: direct, indirect, or mixed
	// (a reported clause carrying quoted fragments).
	Form Form
	// Fragments are the rune spans of the quoted words of a mixed quote,
	// inside their marks, in text order; nil for the other forms.
	Fragments [][2]int
	Cue       string // the reporting verb with its object and adverbials ("told reporters", "said in a statement")
	// Confidence, between 0 and 1, is how sure the rules are of the span and
	// the speaker together: above 0.8 an explicit attribution in the same
	// sentence; 0.5 to 0.8 a speaker carried over from an earlier quote or a
	// resolved pronoun; below 0.5 a guess.
	Confidence float64
}

// Suggest returns the suggestions for text, sorted by QuoteStart. It never
// panics, whatever the input.
func Suggest(text string) []Suggestion {
	if text == "" {
		return nil
	}
	n := normalize([]rune(text))
	if n.changed {
		text = string(n.rs)
	}
	e := newEngine(text)
	e.run()
	out := e.out
	if n.changed {
		for i := range out {
			s := &out[i]
			s.QuoteStart, s.QuoteEnd = n.span(s.QuoteStart, s.QuoteEnd)
			if s.SpeakerStart >= 0 {
				s.SpeakerStart, s.SpeakerEnd = n.span(s.SpeakerStart, s.SpeakerEnd)
			}
			for k, f := range s.Fragments {
				s.Fragments[k][0], s.Fragments[k][1] = n.span(f[0], f[1])
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].QuoteStart < out[j].QuoteStart })
	return out
}

// Format renders s as one line for `redline suggest ID`:
//
//	direct    “We have agreed …” — Anika Varelo (the Korvanian deputy foreign minister), said  [120-188] 0.95
//
// The first column is the attribution, or "mixed" for a reported clause
// with quoted fragments; the last is the confidence.
func Format(text string, s Suggestion) string {
	return formatRunes([]rune(text), s)
}

// FormatAll renders every suggestion of text as Format does, converting the
// text once: the time grows with the text's length plus the suggestions',
// not with their product.
func FormatAll(text string, sugs []Suggestion) []string {
	rs := []rune(text)
	out := make([]string, len(sugs))
	for i, s := range sugs {
		out[i] = formatRunes(rs, s)
	}
	return out
}

func formatRunes(rs []rune, s Suggestion) string {
	q := ""
	if s.QuoteStart >= 0 && s.QuoteStart <= s.QuoteEnd && s.QuoteEnd <= len(rs) {
		// Only the first 60 runes are shown: never copy more of a long span.
		end := min(s.QuoteEnd, s.QuoteStart+240)
		q = strings.Join(strings.Fields(string(rs[s.QuoteStart:end])), " ")
		if end < s.QuoteEnd {
			q += " x" // keeps the ellipsis below for a cut span
		}
	}
	if r := []rune(q); len(r) > 60 {
		q = strings.TrimSpace(string(r[:59])) + " …"
	}
	who := s.Speaker
	if who == "" {
		who = "(unknown)"
	}
	if s.Title != "" {
		who += " (" + s.Title + ")"
	}
	cue := ""
	if s.Cue != "" {
		cue = ", " + s.Cue
	}
	kind := string(s.Kind)
	if s.Form == FormMixed {
		kind = "mixed"
		if s.Kind != Indirect {
			kind = string(s.Kind) + "/mixed"
		}
	}
	return fmt.Sprintf("%-9s “%s” — %s%s  [%d-%d] %.2f", kind, q, who, cue, s.QuoteStart, s.QuoteEnd, s.Confidence)
}

type engine struct {
	rs               []rune
	paras            [][2]int
	quotes           []quote
	inQ              []bool // inside a quotation, marks included
	sents            []diff.Sentence
	reg              *registry
	mentions         [][]mention // per sentence
	speakers         [][]string  // names that spoke, per sentence
	sentAttr         []*attrib   // the last attribution made in each sentence
	consumed         map[int]bool
	clauseCue        map[int]bool // cues whose reported clause was proposed
	fragment         []bool       // per quotation: a fragment of a mixed quote
	headline         []bool       // per paragraph: a headline, subheadline or summary line
	lastOrgBefore    []string     // per sentence: the organisation named last before it
	lastPersonBefore []string     // per sentence: the person named last before it
	nameQuote        []bool       // per quotation: a name or title in marks, not speech
	lastSpeaker      [3]string    // the person who spoke last, by gender (1 male, 2 female)
	lastPerson       string       // the person who spoke last
	lastUnnamed      string       // the unnamed source ("a club insider") who spoke last
	out              []Suggestion
	lastDir          int // index in out of the last direct suggestion, -1
}

type mention struct {
	s      int
	name   string
	kind   npKind
	gender int
}

// attrib is a cue with its speaker.
type attrib struct {
	sp        phrase
	cue       string
	cueS      int
	statement bool
	conf      float64
	p         parser
	// resolved
	speaker, title string
	ss, se         int
	resolved       bool
}

func newEngine(text string) *engine {
	rs := []rune(text)
	e := &engine{rs: rs, reg: newRegistry(), consumed: map[int]bool{}, clauseCue: map[int]bool{}, lastDir: -1}
	e.paras = paragraphs(rs)
	e.headline = make([]bool, len(e.paras))
	for i, p := range e.paras {
		e.headline[i] = len(e.paras) > 1 && isHeadline(rs, p[0], p[1])
	}
	e.quotes = findQuotes(rs, e.paras)
	e.fragment = make([]bool, len(e.quotes))
	e.nameQuote = make([]bool, len(e.quotes))
	e.inQ = make([]bool, len(rs)+1)
	for _, q := range e.quotes {
		end := q.close
		if end < 0 {
			end = q.in1 - 1
		}
		for i := q.open; i <= end && i < len(rs); i++ {
			e.inQ[i] = true
		}
	}
	e.sents = diff.Sentences(text)
	e.mentions = make([][]mention, len(e.sents))
	e.lastOrgBefore = make([]string, len(e.sents))
	e.lastPersonBefore = make([]string, len(e.sents))
	e.speakers = make([][]string, len(e.sents))
	e.sentAttr = make([]*attrib, len(e.sents))
	e.findMentions()
	lastOrg, lastPerson := "", ""
	for si, ms := range e.mentions {
		e.lastOrgBefore[si], e.lastPersonBefore[si] = lastOrg, lastPerson
		for _, m := range ms {
			switch {
			case e.inQ[m.s]:
			case m.kind == npOrg:
				lastOrg = m.name
			case m.kind == npPerson:
				lastPerson = m.name
			}
		}
	}
	return e
}

// sentOf returns the index of the sentence holding rune pos.
func (e *engine) sentOf(pos int) int {
	i := sort.Search(len(e.sents), func(i int) bool { return e.sents[i].Start > pos })
	if i > 0 {
		i--
	}
	return i
}

// quoteAt returns the index of the quotation whose marks hold rune pos, or -1.
func (e *engine) quoteAt(pos int) int {
	k := sort.Search(len(e.quotes), func(i int) bool { return e.quotes[i].open > pos }) - 1
	if k < 0 {
		return -1
	}
	q := e.quotes[k]
	end := q.close
	if end < 0 {
		end = q.in1
	}
	if pos > end {
		return -1
	}
	return k
}

func (e *engine) paraOf(pos int) int {
	i := sort.Search(len(e.paras), func(i int) bool { return e.paras[i][0] > pos })
	if i > 0 {
		i--
	}
	return i
}

// findMentions records the people and organisations named outside quotes,
// sentence by sentence, for pronoun resolution.
func (e *engine) findMentions() {
	// Two passes: the first learns full names so that a later bare surname
	// is known as a person.
	for pass := 0; pass < 2; pass++ {
		for si, s := range e.sents {
			toks := tokenize(e.rs, s.Start, s.End)
			p := parser{rs: e.rs, toks: toks, reg: e.reg}
			for i := 0; i < len(toks); {
				if !toks[i].upper || e.inQ[toks[i].s] {
					i++
					continue
				}
				j := i
				for j < len(toks) && (toks[j].upper || nameParticles[toks[j].low] && j+1 < len(toks) && toks[j+1].upper) && !e.inQ[toks[j].s] {
					j++
				}
				e.mention(p, si, i, j, pass)
				i = j
			}
			// Documents with an author: "a report published by X".
			for i, t := range toks {
				if documentHeads[t.low] && !e.inQ[t.s] {
					for m := i + 1; m < len(toks) && m < i+8 && toks[m].word; m++ {
						if toks[m].low == "by" {
							if by := authorName(p.span(m+1, p.capEnd(m+1, len(toks)))); by != "" {
								e.reg.docs[t.low] = by
							}
							break
						}
					}
				}
			}
		}
	}
}

func (e *engine) mention(p parser, si, i, j, pass int) {
	toks := p.toks
	ph := p.analyse(i, j)
	afterPrep := i > 0 && prepositions[toks[i-1].low]
	switch ph.kind {
	case npPerson:
		nameToks := len(strings.Fields(ph.name))
		titled := ph.title != ""
		known := e.reg.fullName(ph.name) != "" || e.reg.surnames[strings.ToLower(lastWord(ph.name))] == ph.name
		if !(titled || nameToks >= 2 && !afterPrep || known) {
			return
		}
		if pass == 0 {
			e.reg.addPerson(ph.name, ph.title, ph.gender)
			return
		}
		e.mentions[si] = append(e.mentions[si], mention{s: ph.nameS, name: ph.name, kind: npPerson, gender: ph.gender})
	case npOrg:
		if pass == 0 {
			e.reg.addOrg(ph.name)
			return
		}
		e.mentions[si] = append(e.mentions[si], mention{s: ph.s, name: ph.name, kind: npOrg})
	}
}

func lastWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return strings.Trim(f[len(f)-1], "'’.,")
}

func (e *engine) run() {
	qi := 0
	for si, s := range e.sents {
		e.clauses(si)
		for qi < len(e.quotes) && e.quotes[qi].open < s.End {
			if !e.fragment[qi] {
				e.direct(qi)
			}
			qi++
		}
		e.afterDirect(si)
	}
	for ; qi < len(e.quotes); qi++ {
		if !e.fragment[qi] {
			e.direct(qi)
		}
	}
}
