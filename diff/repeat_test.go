package diff

import (
	"strings"
	"testing"
)

func TestRepeatedBlock(t *testing.T) {
	page := readFixture(t, "doubled_page.txt")
	article := strings.TrimSpace(readFixture(t, "wire_1049.txt"))
	first, second, ok := RepeatedBlock(page)
	if !ok {
		t.Fatal("no repeated block found")
	}
	if first.Text != article {
		t.Errorf("copy 1 =\n%s\nwant the article", first.Text)
	}
	if first.Text != string([]rune(page)[first.Start:first.End]) || second.Text != string([]rune(page)[second.Start:second.End]) {
		t.Error("block text does not match its range")
	}
	if first.End > second.Start {
		t.Errorf("copies overlap: %v %v", first, second)
	}
	if strings.Contains(second.Text, "Meta description") || strings.Contains(second.Text, "Uploaded files") {
		t.Errorf("copy 2 keeps page furniture:\n%s", second.Text)
	}
	c := Compare(first.Text, second.Text, Options{})
	var added []string
	for _, p := range c.Pairs {
		if p.Kind != Unchanged && p.Kind != Added {
			t.Errorf("unexpected %s", pairLine(p))
		}
		if p.Kind == Added {
			added = append(added, p.B.Text)
		}
	}
	want := []string{"Follow Riverside Forum on Telegram for live flood updates!", "Read also: How Marrowby rebuilt after the great flood of 1987"}
	if strings.Join(added, "|") != strings.Join(want, "|") {
		t.Errorf("copy 2 adds %q, want %q", added, want)
	}
}

func TestRepeatedBlockNone(t *testing.T) {
	for _, name := range []string{"wire_1049.txt", "agency.txt", "indep_gazette.txt"} {
		if _, _, ok := RepeatedBlock(readFixture(t, name)); ok {
			t.Errorf("%s: found a repeated block in a single article", name)
		}
	}
	// A repeated slogan is not a repeated article.
	page := "Breaking news.\nSubscribe now!\nRain fell on the town today and rivers rose.\nSubscribe now!\nShare this."
	if _, _, ok := RepeatedBlock(page); ok {
		t.Error("repeated slogan taken for a repeated article")
	}
	if _, _, ok := RepeatedBlock(""); ok {
		t.Error("empty page has a repeated block")
	}
}

func TestRepeatedBlockOneLine(t *testing.T) {
	// A scraper that flattened the page to one line: sentences still work.
	art := "Floodwater broke through a levee near Marrowby early on Tuesday, forcing about 3,000 residents from their homes. At least five people were killed and 22 injured, according to the county health office. Forecasters expect more rain on Wednesday."
	page := "Riverside Forum, thread 12. " + art + " Subscribe to our channel! " + art + " Uploaded files: map.pdf"
	first, second, ok := RepeatedBlock(page)
	if !ok {
		t.Fatal("not found")
	}
	if first.Text != art || second.Text != art {
		t.Errorf("copies %q / %q", first.Text, second.Text)
	}
}

func TestBoilerplate(t *testing.T) {
	var articles [][]string
	for i := range 8 {
		lines := []string{
			"Story number " + string(rune('A'+i)) + " about the flood.",
			"  Subscribe to the Valley Courier for breaking news alerts. ",
			"Body text that is unique " + strings.Repeat("x", i),
		}
		if i < 2 {
			lines = append(lines, "Background: the levee was built in the 1960s.")
		}
		if i%2 == 0 {
			lines = append(lines, "SHARE THIS ARTICLE")
		} else {
			lines = append(lines, "Share this article")
		}
		articles = append(articles, lines)
	}
	got := Boilerplate(articles)
	for _, l := range []string{"Subscribe to the Valley Courier for breaking news alerts.", "SHARE THIS ARTICLE", "Share this article"} {
		if !got[l] {
			t.Errorf("%q not marked", l)
		}
	}
	if got["Background: the levee was built in the 1960s."] || len(got) != 3 {
		t.Errorf("Boilerplate = %v", got)
	}
}
