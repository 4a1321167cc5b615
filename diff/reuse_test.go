package diff

import (
	"strings"
	"testing"
)

func TestPrepareSetsChromeAside(t *testing.T) {
	text := "Skip to main content\n" +
		"We use cookies to improve your experience. Manage preferences\n" +
		"Please support our journalism: readers like you keep this newsroom open, and a donation of any size helps.\n" +
		"By Jane Roe\n\n" +
		"The council voted on Monday to close the old library, ending a campaign that had lasted two years.\n\n" +
		"Read more:\nBudget row deepens\n"
	p := Prepare(text)
	var set []string
	for _, b := range p.Chrome() {
		set = append(set, b.Text)
		if got := string([]rune(text)[b.Start:b.End]); got != b.Text {
			t.Errorf("chrome offsets [%d,%d) give %q, want %q", b.Start, b.End, got, b.Text)
		}
	}
	want := []string{"Skip to main content", "We use cookies to improve your experience. Manage preferences",
		"Please support our journalism: readers like you keep this newsroom open, and a donation of any size helps.",
		"By Jane Roe", "Read more:", "Budget row deepens"}
	if strings.Join(set, "|") != strings.Join(want, "|") {
		t.Errorf("chrome set aside:\n%q\nwant\n%q", set, want)
	}
	if got := p.OwnWords(); got != 18 {
		t.Errorf("own words %d, want 18 (the story's sentence)", got)
	}
}

func TestFoldSpelling(t *testing.T) {
	for _, tc := range []struct{ a, b string }{
		{"colour", "color"}, {"organisation", "organization"}, {"centre", "center"}, {"travelled", "traveled"},
		{"defence", "defense"}, {"criticised", "criticized"}, {"programme", "program"}, {"ten", "10"},
	} {
		if x, y := string(foldSpelling([]byte(tc.a))), string(foldSpelling([]byte(tc.b))); x != y {
			t.Errorf("%s folds to %q, %s to %q", tc.a, x, tc.b, y)
		}
	}
}

func TestCompareReuse(t *testing.T) {
	wire := "The port authority said it would take at least ten days to clear the backlog of vessels, some of which had been diverted to rival terminals along the coast.\n\n" +
		"Exporters of frozen fish and timber had been among the hardest hit. The national chamber of commerce estimated the cost of the stoppage at 40 million euros a week.\n\n" +
		"The strike was the longest at Lorvik since 1987. Talks broke down twice, most recently over the port's plan to automate two of its six container berths."
	// a house-style re-edit: British spelling, per cent, a reworded clause
	reedit := "The port authority said it would take at least 10 days to clear the backlog of vessels, some of which had been diverted to rival terminals on the coast.\n\n" +
		"Fish and timber exporters were hit hardest. The national chamber of commerce put the cost of the stoppage at 40 million euros a week.\n\n" +
		"The strike was Lorvik's longest since 1987. Talks broke down twice, most recently over the port's plan to automate two of its six container berths."
	other := "The museum said the thieves had studied the building for weeks before the raid, and that the alarm company had been warned about the skylight in 2019.\n\n" +
		"Police asked anyone offered medieval jewelry to contact them."
	r := CompareReuse(Prepare(wire), Prepare(reedit))
	if r.Relation != Versions {
		t.Errorf("re-edit: %v (cover %.2f/%.2f, %d words), want versions", r.Relation, r.CoverA, r.CoverB, r.Words)
	}
	for _, p := range r.Passages {
		if p.AStart >= p.AEnd || p.BStart >= p.BEnd || p.AEnd > len([]rune(wire)) || p.BEnd > len([]rune(reedit)) {
			t.Errorf("passage out of range: %+v", p)
		}
	}
	if got := CompareReuse(Prepare(wire), Prepare(other)); got.Relation != Unrelated {
		t.Errorf("different stories: %v, want unrelated", got.Relation)
	}
	// sharing one background paragraph makes related, not versions
	a := "Rescuers reached the nine miners on Wednesday evening after drilling through 40 meters of rock, the operator said.\n\n" + strings.Repeat("x", 0) +
		"The mine has been operated since 1962 by the state copper company, which employs about 2,400 people in the region and exports most of its ore to smelters abroad."
	b := "The copper price fell for a third day on Thursday as traders worried about demand from builders and carmakers.\n\n" +
		"The mine has been operated since 1962 by the state copper company, which employs about 2,400 people in the region and exports most of its ore to smelters abroad."
	if got := CompareReuse(Prepare(a), Prepare(b)); got.Relation != Related || len(got.Passages) != 1 {
		t.Errorf("shared background: %v with %d passages, want related with 1", got.Relation, len(got.Passages))
	}
}

func TestPrepareKeepsHardWrappedProse(t *testing.T) {
	text := "The council voted on Monday to close the old\nlibrary on the harbour front, ending a campaign\nthat had lasted two years and drawn thousands of\nletters from residents.\n\nSee also\nBudget row deepens"
	p := Prepare(text)
	if got := p.OwnWords(); got != 29 {
		var set []string
		for _, b := range p.Chrome() {
			set = append(set, b.Text)
		}
		t.Errorf("own words %d, want the 29 of the wrapped paragraph; set aside %q", got, set)
	}
}
