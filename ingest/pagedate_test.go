package ingest

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"
)

func TestStatedDate(t *testing.T) {
	tests := []struct {
		text     string
		want     time.Time
		withTime bool
		ok       bool
	}{
		{"Posted by millkeeper on July 4, 2025, 7:17 AM\n\nThe river rose.", time.Date(2025, 7, 4, 7, 17, 0, 0, time.UTC), true, true},
		{"By Ana Petrova\n\n4 July 2025 14:05\n\nText.", time.Date(2025, 7, 4, 14, 5, 0, 0, time.UTC), true, true},
		{"Sept. 12, 2024\n\nText.", time.Date(2024, 9, 12, 0, 0, 0, 0, time.UTC), false, true},
		{"Updated Dec 1, 2023 at 12:30 PM\n\nText.", time.Date(2023, 12, 1, 12, 30, 0, 0, time.UTC), true, true},
		{"The council met in May to discuss 2024 budgets.", time.Time{}, false, false},
		{"June 31, 2025\n\nno such day", time.Time{}, false, false},
		{"p1\n\np2\n\np3\n\nOn July 4, 2025 far down the page.", time.Time{}, false, false},
	}
	for _, tt := range tests {
		got, _, withTime, ok := statedDate(tt.text)
		if ok != tt.ok || !got.Equal(tt.want) || withTime != tt.withTime {
			t.Errorf("%q: %v %v %v, want %v %v %v", tt.text, got, withTime, ok, tt.want, tt.withTime, tt.ok)
		}
	}
}

// TestForumPageKeepsItsLayoutAndStatedTime: a scraped forum post keeps its
// paragraphs and subheads apart, and takes the time it states, unshifted,
// with a warning that the zone is unknown.
func TestForumPageKeepsItsLayoutAndStatedTime(t *testing.T) {
	page := `<html><head><title>Flood notes from the valley - Riverside Forum</title></head><body>
<div class="post"><div class="meta">Posted by <b>millkeeper</b> on July 4, 2025, 7:17 AM</div>
<h2>What we saw on Friday</h2>
<p>The river came over the weir just after six, and by seven the lower road was under a foot of water. Neighbours moved cars to the school car park.</p>
<p>The council sent two vans with sandbags at about half past eight, which helped the houses near the bridge.</p>
<h3>What happens next</h3>
<p>The water board says the reservoir release will stop on Sunday. Until then, keep away from the footpath by the mill.</p>
</div></body></html>`
	path := t.TempDir() + "/forum.html"
	if err := os.WriteFile(path, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	res := ReadFile(context.Background(), path)
	if res.Err != nil || len(res.Articles) != 1 {
		t.Fatalf("%+v", res.Err)
	}
	a := res.Articles[0]
	if !a.PublishedAt.Equal(time.Date(2025, 7, 4, 7, 17, 0, 0, time.UTC)) {
		t.Errorf("published %v, want 4 July 2025 07:17 as stated", a.PublishedAt)
	}
	warned := false
	for _, w := range res.Warnings {
		warned = warned || strings.Contains(w.Reason, "no time zone")
	}
	if !warned {
		t.Errorf("no warning that the zone is unknown: %+v", res.Warnings)
	}
	for _, want := range []string{"\n\nWhat we saw on Friday\n\n", "\n\nWhat happens next\n\n"} {
		if !strings.Contains(a.Text, want) {
			t.Errorf("subhead not its own paragraph: %q", a.Text)
		}
	}
}
