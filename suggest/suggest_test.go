package suggest

import (
	"strings"
	"testing"
)

type want struct {
	quote   string // the quoted or reported content, exactly
	speaker string
	title   string // checked when not empty
	kind    Kind
	cue     string // checked when not empty
	form    Form   // checked when not empty
}

func TestSuggestPatterns(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []want
	}{
		{"straight quotes, X said", `"We are ready to sign," Varelo said.`,
			[]want{{quote: "We are ready to sign,", speaker: "Varelo", kind: Direct, cue: "said"}}},
		{"curly quotes, said X", `“We are ready to sign,” said Anika Varelo.`,
			[]want{{quote: "We are ready to sign,", speaker: "Anika Varelo", kind: Direct, cue: "said"}}},
		{"guillemets", `«Nobody will be left alone,» Sarti told lawmakers.`,
			[]want{{quote: "Nobody will be left alone,", speaker: "Sarti", kind: Direct, cue: "told lawmakers"}}},
		{"reversed guillemets", `»Der Boden ist müde«, sagte er. »The soil is tired«, said Chiara Fontana.`,
			[]want{{quote: "The soil is tired", speaker: "Chiara Fontana", kind: Direct}}},
		{"single curly quotes with apostrophes", `‘We don’t take the Ministry’s word for it,’ said Owen Pritchard.`,
			[]want{{quote: "We don’t take the Ministry’s word for it,", speaker: "Owen Pritchard", kind: Direct}}},
		{"plural possessive inside single quotes", `‘Our members’ pay has fallen for years,’ Pritchard said.`,
			[]want{{quote: "Our members’ pay has fallen for years,", speaker: "Pritchard", kind: Direct}}},
		{"multi-sentence quote", `“We will fight. We will win. We will rebuild,” the mayor, Helen Dunmore, said.`,
			[]want{{quote: "We will fight. We will win. We will rebuild,", speaker: "Helen Dunmore", title: "the mayor", kind: Direct}}},
		{"split quote gives two suggestions", `"We are ready," he said, "but not yet." Tomas Ferreiro spoke first.`,
			nil}, // he has no antecedent: checked in TestSplitQuote
		{"colon before quote", `Ferreiro told reporters: "The crossings stay closed."`,
			[]want{{quote: "The crossings stay closed.", speaker: "Ferreiro", kind: Direct, cue: "told reporters"}}},
		{"appositive title", `“The talks failed,” Anika Varelo, the Korvanian deputy foreign minister, told reporters.`,
			[]want{{quote: "The talks failed,", speaker: "Anika Varelo", title: "the Korvanian deputy foreign minister", kind: Direct, cue: "told reporters"}}},
		{"title before name", `The foreign policy adviser Nadia Brenner said: “This is the single greatest failure.”`,
			[]want{{quote: "This is the single greatest failure.", speaker: "Nadia Brenner", title: "The foreign policy adviser", kind: Direct}}},
		{"capitalised title before name", `Deputy Foreign Minister Anika Varelo said: “We agree.”`,
			[]want{{quote: "We agree.", speaker: "Anika Varelo", title: "Deputy Foreign Minister", kind: Direct}}},
		{"name, title of org, told reporters", `Gareth Osei, director of facilities at the Brenmoor School District, told reporters the taps had been shut off.`,
			[]want{{quote: "the taps had been shut off", speaker: "Gareth Osei", title: "director of facilities at the Brenmoor School District", kind: Indirect, cue: "told reporters"}}},
		{"according to, mixed", `Lead at these levels is "a serious concern," according to Dr. Miriam Castellanos, a pediatrician.`,
			[]want{{quote: `Lead at these levels is "a serious concern,"`, speaker: "Miriam Castellanos", title: "a pediatrician", kind: Indirect, cue: "according to", form: FormMixed}}},
		{"according to, indirect", `According to the Delmari Interior Ministry, more than 4,000 lorries are waiting at the border.`,
			[]want{{quote: "more than 4,000 lorries are waiting at the border", speaker: "Delmari Interior Ministry", kind: Indirect, cue: "according to"}}},
		{"according to a report", `Fertiliser use accounts for a fifth of emissions, according to a report by the Valdorian Environment Agency.`,
			[]want{{quote: "Fertiliser use accounts for a fifth of emissions", speaker: "Valdorian Environment Agency", kind: Statement}}},
		{"indirect with that", `Petra Lindqvist said that both governments needed a visible success.`,
			[]want{{quote: "both governments needed a visible success", speaker: "Petra Lindqvist", kind: Indirect}}},
		{"indirect without that", `Varelo said the agreement would be reviewed every month.`,
			[]want{{quote: "the agreement would be reviewed every month", speaker: "Varelo", kind: Indirect}}},
		{"indirect, content first", `The talks will resume next week, the minister said.`,
			[]want{{quote: "The talks will resume next week", speaker: "minister", kind: Indirect}}},
		{"indirect, inverted", `The crossings will open in ten days, said Tomas Ferreiro.`,
			[]want{{quote: "The crossings will open in ten days", speaker: "Tomas Ferreiro", kind: Indirect}}},
		{"indirect, parenthetical", `Tomas Ferreiro was cautious. The deal, he said, depended on the guards leaving.`,
			[]want{{quote: "The deal, he said, depended on the guards leaving", speaker: "Tomas Ferreiro", kind: Indirect}}},
		{"in a statement", `The Korvanian Foreign Ministry said in a statement that the guards would stay.`,
			[]want{{quote: "the guards would stay", speaker: "Korvanian Foreign Ministry", kind: Statement, cue: "said in a statement"}}},
		{"quote in a statement", `"The problem is in the buildings," the Brenmoor Water Authority said in a statement.`,
			[]want{{quote: "The problem is in the buildings,", speaker: "Brenmoor Water Authority", kind: Statement}}},
		{"a statement released by", `A statement released by the National Farmers' Union called the subsidies «a promise written on water».`,
			[]want{{quote: "a promise written on water", speaker: "National Farmers' Union", kind: Statement}}},
		{"the report said", `A report by the Halvern Institute was published on Monday. The report said emissions had barely changed.`,
			[]want{{quote: "emissions had barely changed", speaker: "Halvern Institute", kind: Statement}}},
		{"wrote", `Bruno Castellan wrote on social media that the protests would continue.`,
			[]want{{quote: "the protests would continue", speaker: "Bruno Castellan", kind: Statement}}},
		{"pronoun resolves to the last named speaker", `Anika Varelo arrived in Tarsk on Monday. “Nobody should expect miracles,” she said.`,
			[]want{{quote: "Nobody should expect miracles,", speaker: "Anika Varelo", kind: Direct}}},
		{"continuation sentence keeps the speaker", `“Nobody called us,” Dana Whitfield said. “We had to find out on Facebook.”`,
			[]want{{quote: "Nobody called us,", speaker: "Dana Whitfield", kind: Direct}, {quote: "We had to find out on Facebook.", speaker: "Dana Whitfield", kind: Direct}}},
		{"quote continued in the next paragraph", "\"We will win this the slow way, street by street,\" Lev Antonov said. \"And we will win it together.\n\n\"Nobody should mistake patience for weakness.\"",
			[]want{
				{quote: "We will win this the slow way, street by street,", speaker: "Lev Antonov", kind: Direct},
				{quote: "And we will win it together.", speaker: "Lev Antonov", kind: Direct},
				{quote: "Nobody should mistake patience for weakness.", speaker: "Lev Antonov", kind: Direct},
			}},
		{"partial quote after a verb is a mixed quote", `Sarah Llewellyn said the offer was ‘fair and affordable’.`,
			[]want{{quote: "the offer was ‘fair and affordable’", speaker: "Sarah Llewellyn", kind: Indirect, form: FormMixed}}},
		{"coordinated verb", `Sarah Llewellyn said the offer was fair and accused the union of ‘playing politics’.`,
			[]want{{quote: "playing politics", speaker: "Sarah Llewellyn", kind: Direct}}},
		{"nominal resolves to a titled person", `“We agree,” Anika Varelo, the deputy foreign minister, said. Later the minister said the border would open.`,
			[]want{{quote: "We agree,", speaker: "Anika Varelo", kind: Direct}, {quote: "the border would open", speaker: "Anika Varelo", kind: Indirect}}},
		{"anonymous source", `A senior official, who spoke on condition of anonymity, said the cameras had been off for weeks.`,
			[]want{{quote: "the cameras had been off for weeks", speaker: "senior official", kind: Indirect}}},
		{"scare quote is not a suggestion", `The so-called "peace plan" was never published.`, nil},
		{"title in quotes is not a suggestion", `The report, titled "Silent Borders and Closed Roads in the North", was published on Monday.`, nil},
		{"who asked not to be named", `An official who asked not to be named was present.`, nil},
		{"no attribution", `The river rose by two metres overnight.`, nil},
		{"empty", ``, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Suggest(tt.text)
			if tt.want == nil && !strings.Contains(tt.name, "split") {
				if len(got) != 0 {
					t.Errorf("got %d suggestions, want none: %s", len(got), Format(tt.text, got[0]))
				}
				return
			}
			rs := []rune(tt.text)
			for _, w := range tt.want {
				s, ok := findQuote(rs, got, w.quote)
				if !ok {
					t.Errorf("no suggestion for %q; got:\n%s", w.quote, formatAll(tt.text, got))
					continue
				}
				if w.form != "" && s.Form != w.form {
					t.Errorf("%q: form %s, want %s", w.quote, s.Form, w.form)
				}
				if s.Speaker != w.speaker || s.Kind != w.kind || w.title != "" && s.Title != w.title || w.cue != "" && s.Cue != w.cue {
					t.Errorf("%q: got speaker %q title %q kind %s cue %q, want %q %q %s %q",
						w.quote, s.Speaker, s.Title, s.Kind, s.Cue, w.speaker, w.title, w.kind, w.cue)
				}
				if s.SpeakerStart < 0 || s.SpeakerStart >= s.SpeakerEnd {
					t.Errorf("%q: no speaker span", w.quote)
				}
			}
		})
	}
}

func findQuote(rs []rune, got []Suggestion, quote string) (Suggestion, bool) {
	for _, s := range got {
		if string(rs[s.QuoteStart:s.QuoteEnd]) == quote {
			return s, true
		}
	}
	return Suggestion{}, false
}

func formatAll(text string, got []Suggestion) string {
	var b strings.Builder
	for _, s := range got {
		b.WriteString("\t" + Format(text, s) + "\n")
	}
	return b.String()
}

func TestSplitQuote(t *testing.T) {
	text := `Tomas Ferreiro arrived late. "We are ready," he said, "but not yet."`
	got := Suggest(text)
	rs := []rune(text)
	if len(got) != 2 {
		t.Fatalf("got %d suggestions, want one per quoted part:\n%s", len(got), formatAll(text, got))
	}
	for i, q := range []string{"We are ready,", "but not yet."} {
		if s := string(rs[got[i].QuoteStart:got[i].QuoteEnd]); s != q || got[i].Speaker != "Tomas Ferreiro" {
			t.Errorf("part %d: got %q by %q, want %q by Tomas Ferreiro", i, s, got[i].Speaker, q)
		}
		if p := string(rs[got[i].SpeakerStart:got[i].SpeakerEnd]); p != "he" {
			t.Errorf("part %d: speaker span %q, want the pronoun", i, p)
		}
	}
}

func TestAmbiguousPronoun(t *testing.T) {
	text := `Lev Antonov and Ilya Dorn have clashed before. "These are old accusations," he said.`
	got := Suggest(text)
	if len(got) != 1 {
		t.Fatalf("got %d suggestions, want 1:\n%s", len(got), formatAll(text, got))
	}
	if got[0].Speaker != "" || got[0].Confidence >= 0.5 {
		t.Errorf("got speaker %q confidence %.2f, want no speaker and a low confidence", got[0].Speaker, got[0].Confidence)
	}
	rs := []rune(text)
	if p := string(rs[got[0].SpeakerStart:got[0].SpeakerEnd]); p != "he" {
		t.Errorf("speaker span %q, want the pronoun", p)
	}
}

func TestPronounGender(t *testing.T) {
	text := `Mr. Tomas Ferreiro met Ms. Anika Varelo on Monday. "The deal is done," she said.`
	got := Suggest(text)
	if len(got) != 1 || got[0].Speaker != "Anika Varelo" {
		t.Fatalf("got:\n%s want one suggestion by Anika Varelo", formatAll(text, got))
	}
}

func TestReportingVerbs(t *testing.T) {
	for _, v := range []string{"said", "says", "told reporters", "stated", "added", "emphasised", "emphasized",
		"warned", "insisted", "argued", "claimed", "noted", "explained", "wrote", "asked"} {
		t.Run(v, func(t *testing.T) {
			text := `"The border will stay open for now," Petra Lindqvist ` + v + `.`
			got := Suggest(text)
			if len(got) != 1 || got[0].Speaker != "Petra Lindqvist" || got[0].Cue != v {
				t.Fatalf("got:\n%s", formatAll(text, got))
			}
			want := Direct
			if v == "wrote" {
				want = Statement
			}
			if got[0].Kind != want {
				t.Errorf("kind %s, want %s", got[0].Kind, want)
			}
		})
	}
}

func TestInvalidUTF8(t *testing.T) {
	text := "\xff\xfe“We are \xffready,” said Anika Varelo.\xff"
	got := Suggest(text)
	if len(got) != 1 || got[0].Speaker != "Anika Varelo" {
		t.Fatalf("got:\n%s", formatAll(text, got))
	}
	if got[0].QuoteStart != 3 {
		t.Errorf("QuoteStart = %d, want 3 (each invalid byte is one rune)", got[0].QuoteStart)
	}
}

func TestFormat(t *testing.T) {
	text := `“We have agreed on a timetable, and the first crossing will open within ten days,” Anika Varelo, the Korvanian deputy foreign minister, said.`
	got := Suggest(text)
	if len(got) != 1 {
		t.Fatalf("got %d suggestions", len(got))
	}
	line := Format(text, got[0])
	want := "direct    “We have agreed on a timetable, and the first crossing will …” — Anika Varelo (the Korvanian deputy foreign minister), said  [1-81] 0.95"
	if line != want {
		t.Errorf("Format:\n got %s\nwant %s", line, want)
	}
	if s := Format("", Suggestion{QuoteStart: 5, QuoteEnd: 2, Kind: Indirect}); !strings.Contains(s, "(unknown)") {
		t.Errorf("Format of a bad span: %s", s)
	}
}

func TestSortedAndInRange(t *testing.T) {
	texts, _, files := loadGold(t, "gold.json")
	for _, f := range files {
		got := Suggest(texts[f])
		checkSuggestions(t, texts[f], got)
	}
}

func checkSuggestions(t *testing.T, text string, got []Suggestion) {
	t.Helper()
	n := len([]rune(text))
	for i, s := range got {
		if s.QuoteStart < 0 || s.QuoteStart > s.QuoteEnd || s.QuoteEnd > n {
			t.Fatalf("suggestion %d: quote span [%d,%d) out of [0,%d]", i, s.QuoteStart, s.QuoteEnd, n)
		}
		if !(s.SpeakerStart == -1 && s.SpeakerEnd == -1) && (s.SpeakerStart < 0 || s.SpeakerStart > s.SpeakerEnd || s.SpeakerEnd > n) {
			t.Fatalf("suggestion %d: speaker span [%d,%d) out of [0,%d]", i, s.SpeakerStart, s.SpeakerEnd, n)
		}
		if s.Confidence < 0 || s.Confidence > 1 {
			t.Fatalf("suggestion %d: confidence %v", i, s.Confidence)
		}
		if i > 0 && got[i-1].QuoteStart > s.QuoteStart {
			t.Fatalf("suggestion %d not sorted by QuoteStart", i)
		}
	}
}

func FuzzSuggest(f *testing.F) {
	for _, s := range []string{
		"", `"`, `“`, `‘’`, `'`, `«»`, `»«`, `"a" said`, `“We are ready,” he said, “but not yet.”`,
		"\xff\xfe“x\xff” said X.", "said", "according to", ", said the", "“\n\n“\n\n”", "‘don’t’ ‘90s ’em",
		`He said. She said. They said that it said "so".`, "A, B, C, said D, E, F, that.",
	} {
		f.Add(s)
	}
	texts, _, files := loadGold(f, "gold.json")
	for _, name := range files {
		f.Add(texts[name])
	}
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 20000 {
			return
		}
		got := Suggest(text)
		checkSuggestions(t, text, got)
		for _, s := range got {
			_ = Format(text, s)
		}
	})
}

func TestMixedQuoteCarriesItsFragments(t *testing.T) {
	text := `U.S. President Donald Trump said on Wednesday he had a "pretty long call" with Vladimir Putin that "didn't make any progress".`
	got := Suggest(text)
	if len(got) != 1 {
		t.Fatalf("got %d suggestions, want the clause alone:\n%s", len(got), formatAll(text, got))
	}
	s, rs := got[0], []rune(text)
	if want := `he had a "pretty long call" with Vladimir Putin that "didn't make any progress"`; string(rs[s.QuoteStart:s.QuoteEnd]) != want {
		t.Errorf("span %q, want %q", string(rs[s.QuoteStart:s.QuoteEnd]), want)
	}
	if s.Form != FormMixed || s.Kind != Indirect || s.Speaker != "Donald Trump" {
		t.Errorf("form %s kind %s speaker %q, want mixed indirect by Donald Trump", s.Form, s.Kind, s.Speaker)
	}
	var frags []string
	for _, f := range s.Fragments {
		frags = append(frags, string(rs[f[0]:f[1]]))
	}
	if strings.Join(frags, "|") != "pretty long call|didn't make any progress" {
		t.Errorf("fragments %q", frags)
	}
}

func TestSaidButCautionedIsTwoQuotes(t *testing.T) {
	text := `Kremlin spokesman Dmitry Peskov said Moscow was ready to continue the talks but cautioned that any agreement must lift restrictions on exports.`
	got := Suggest(text)
	rs := []rune(text)
	var spans []string
	for _, s := range got {
		spans = append(spans, string(rs[s.QuoteStart:s.QuoteEnd]))
		if s.Speaker != "Dmitry Peskov" {
			t.Errorf("%q: speaker %q", string(rs[s.QuoteStart:s.QuoteEnd]), s.Speaker)
		}
	}
	if strings.Join(spans, "|") != "Moscow was ready to continue the talks|any agreement must lift restrictions on exports" {
		t.Errorf("spans %q", spans)
	}
}

func TestNotSpeech(t *testing.T) {
	for _, text := range []string{
		"Secretary of State Marco Rubio arrived in Geneva on Monday.",
		"State Department officials were in the room when the ministers met.",
		"The United States struck a more cautious tone at the United Nations on Tuesday.",
		"Vietnam's prime minister stressed the need for consensus among the members.",
		"He said this in an interview with CNN on Tuesday.",
		"Trump says call with Putin was long but made no progress\n\nThe call lasted two hours.",
		"Talks resume\n\nKremlin says it has not seen the new draft, Peskov confirms\n\nThe talks resumed on Monday.",
		"The United States welcomed the agreement.",
		"Speaking to the Guardian on Wednesday, he smiled.",
		"It left a smell of diesel and mud that residents say will take weeks to fade.",
		"Korvanian officials reported the first suspected breach on Sunday.",
	} {
		if got := Suggest(text); len(got) != 0 {
			t.Errorf("%q: got\n%s want nothing", text, formatAll(text, got))
		}
	}
}

func TestQuotationMarkConventions(t *testing.T) {
	tests := []struct{ name, text, quote, speaker string }{
		{"colon and single marks", `Kelly Marsh told The Sun: 'I screamed so loud the whole shop turned round.'`, "I screamed so loud the whole shop turned round.", "Kelly Marsh"},
		{"straight open, curly close", `"Kasarna is being a brilliant mum,” Jay Carroll said.`, "Kasarna is being a brilliant mum,", "Jay Carroll"},
		{"closed with an opening mark", `“There is no longer a risk of a tsunami“, agency official Yoshiro Kameda said.`, "There is no longer a risk of a tsunami", "Yoshiro Kameda"},
		{"German marks", `„Wir schaffen das“, sagte sie. „We will manage“, said Jörg Kukies-Brandt.`, "We will manage", "Jörg Kukies-Brandt"},
		{"French guillemets with spaces", `« Stay at home if you can », said Clément Beaune-Martel.`, "Stay at home if you can", "Clément Beaune-Martel"},
		{"dash attribution", "The results were in.\n\n\"If the exit poll is right, this is a humbling moment for all of us\" — Keir Starmer-Hale", "If the exit poll is right, this is a humbling moment for all of us", "Keir Starmer-Hale"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Suggest(tt.text)
			s, ok := findQuote([]rune(tt.text), got, tt.quote)
			if !ok || s.Speaker != tt.speaker || s.Form != FormDirect {
				t.Errorf("got\n%s want %q by %s", formatAll(tt.text, got), tt.quote, tt.speaker)
			}
		})
	}
}

func TestDamagedEntitiesKeepOffsets(t *testing.T) {
	for _, text := range []string{
		`&#8220We have been patient for eight months,&#8221 union negotiator Niek Stam told reporters.`,
		`&amp;quot;We have been patient for eight months,&amp;quot; union negotiator Niek Stam told reporters.`,
		`&ldquo;We have been patient for eight months,&rdquo; union negotiator Niek Stam told reporters.`,
		`&#x201C;We have been patient for eight months,&#x201D; union negotiator Niek Stam told reporters.`,
		`â€œWe have been patient for eight months,â€ union negotiator Niek Stam told reporters.`,
	} {
		got := Suggest(text)
		rs := []rune(text)
		if len(got) != 1 || got[0].Speaker != "Niek Stam" {
			t.Errorf("%q: got\n%s", text, formatAll(text, got))
			continue
		}
		s := got[0]
		if q := string(rs[s.QuoteStart:s.QuoteEnd]); q != "We have been patient for eight months," {
			t.Errorf("%q: quote span %q", text, q)
		}
		if sp := string(rs[s.SpeakerStart:s.SpeakerEnd]); sp != "Niek Stam" {
			t.Errorf("%q: speaker span %q", text, sp)
		}
	}
}

func TestNormalizeMapsBack(t *testing.T) {
	orig := []rune("a&#8220;b&amp;quot;c&#39d&bogus;e\xff")
	n := normalize(orig)
	if got := string(n.rs); got != "a“b\"c'd&bogus;e\uFFFD" {
		t.Fatalf("normalised %q", got)
	}
	if s, e := n.span(1, 4); s != 1 || e != 19 {
		t.Errorf("span(1,4) = %d,%d, want 1,19", s, e)
	}
	if s, e := n.span(len(n.rs), len(n.rs)); s != len(orig) || e != len(orig) {
		t.Errorf("empty span at the end = %d,%d", s, e)
	}
}

func TestSpeakersAcrossSentences(t *testing.T) {
	tests := []struct{ name, text, quote, speaker string }{
		{"the company", "Wessex Water Services was fined on Monday. The judge spoke for an hour.\n\n“We are deeply sorry,” the company said.", "We are deeply sorry,", "Wessex Water Services"},
		{"the Spaniard", "Mikel Arteta-Ruiz watched from the touchline. “I'm so proud,” Arteta-Ruiz said. Asked about the red card, the Spaniard said he would need to see it again.", "he would need to see it again", "Mikel Arteta-Ruiz"},
		{"the source", `A club insider said: "It was toe-to-toe." "The players just stood there," the source added.`, "The players just stood there,", "club insider"},
		{"description before the name", `Mother of two Sophie Lang said she had stopped her son using a phone.`, "she had stopped her son using a phone", "Sophie Lang"},
		{"age appositive", `Dean, 41, a forklift driver, added: 'I'm not packing in work.'`, "I'm not packing in work.", "Dean"},
		{"participle after a direct quote", `A member of the delegation, who asked not to be named, told reporters that the talks were slow. "The demand is measured in decades," the delegate said, adding that Kyiv had asked donors for faster machines.`, "Kyiv had asked donors for faster machines", "member of the delegation"},
		{"a quote that ends its sentence", `Dr Oona Feld, a hydrologist, said the ground was saturated. "When the soil is full, every drop ends in the river," she said. "That is what turned a storm into a flood." Rain is forecast to ease on Saturday.`, "That is what turned a storm into a flood.", "Oona Feld"},
		{"participle after a pronoun subject", `Presidential aide Yuri Ushakov met the envoy. He said this in an interview, adding that the next contact could take place in Riyadh.`, "the next contact could take place in Riyadh", "Ushakov"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Suggest(tt.text)
			s, ok := findQuote([]rune(tt.text), got, tt.quote)
			if !ok || !strings.HasSuffix(s.Speaker, lastWord(tt.speaker)) {
				t.Errorf("got\n%s want %q by %s", formatAll(tt.text, got), tt.quote, tt.speaker)
			}
		})
	}
}

func TestFormatAllMatchesFormat(t *testing.T) {
	text := "“Nobody should expect miracles,” said Anika Varelo. She said the talks had “gone well”."
	got := Suggest(text)
	lines := FormatAll(text, got)
	if len(lines) != len(got) || len(got) != 2 {
		t.Fatalf("got %d lines for %d suggestions", len(lines), len(got))
	}
	for i, s := range got {
		if lines[i] != Format(text, s) {
			t.Errorf("line %d: %q, want %q", i, lines[i], Format(text, s))
		}
	}
}
