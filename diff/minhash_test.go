package diff

import (
	"fmt"
	"slices"
	"testing"
)

var storyFixtures = []string{
	"wire_1049.txt", "wire_1439.txt", "agency.txt", "outlet_trim.txt",
	"outlet_reorder.txt", "outlet_short.txt", "outlet_local.txt", "doubled_page.txt",
}

var independentFixtures = []string{"indep_gazette.txt", "indep_broadcaster.txt"}

// TestSimilarityDistributions prints the shingle similarities that the
// default thresholds rest on (go test -run Distributions -v) and checks that
// the defaults separate versions of one story from independent articles
// about the same event.
func TestSimilarityDistributions(t *testing.T) {
	sk := map[string]*Sketch{}
	for _, n := range append(slices.Clone(storyFixtures), independentFixtures...) {
		sk[n] = NewSketch(readFixture(t, n))
	}
	opt := GroupOptions{}.withDefaults()
	report := func(kind, x, y string) (float64, float64, bool) {
		j, c := Similarity(sk[x].Shingles, sk[y].Shingles)
		rel := opt.Related(j, c, len(sk[x].Shingles), len(sk[y].Shingles))
		t.Logf("%-12s %-22s %-22s jaccard %.3f containment %.3f related %v", kind, x, y, j, c, rel)
		return j, c, rel
	}
	// Every pair of the story is reported; the direct versions (a revision,
	// a syndicated copy of the agency text, the page that carries an
	// article) must be related, and the rest join through them.
	direct := map[[2]string]bool{
		{"wire_1049.txt", "wire_1439.txt"}:    true,
		{"wire_1049.txt", "doubled_page.txt"}: true,
		{"agency.txt", "outlet_trim.txt"}:     true,
		{"agency.txt", "outlet_reorder.txt"}:  true,
		{"agency.txt", "outlet_short.txt"}:    true,
		{"agency.txt", "outlet_local.txt"}:    true,
	}
	minJ, minC := 1.0, 1.0
	for i, x := range storyFixtures {
		for _, y := range storyFixtures[i+1:] {
			kind := "same story"
			if direct[[2]string{x, y}] {
				kind = "version"
			}
			j, c, rel := report(kind, x, y)
			if direct[[2]string{x, y}] {
				if !rel {
					t.Errorf("%s and %s not related", x, y)
				}
				minJ, minC = min(minJ, j), min(minC, max(c, 0))
			}
		}
	}
	var maxJ, maxC float64
	for _, x := range independentFixtures {
		for _, y := range append(slices.Clone(storyFixtures), independentFixtures...) {
			if x == y {
				continue
			}
			j, c, rel := report("independent", x, y)
			if rel {
				t.Errorf("%s and %s related", x, y)
			}
			maxJ, maxC = max(maxJ, j), max(maxC, c)
		}
	}
	t.Logf("versions: min jaccard %.3f, min containment %.3f; independent: max jaccard %.3f, max containment %.3f", minJ, minC, maxJ, maxC)
}

func TestGroupFixtures(t *testing.T) {
	names := append(slices.Clone(storyFixtures), independentFixtures...)
	var docs []Doc
	for i, n := range names {
		docs = append(docs, Doc{ID: int64(i), Text: readFixture(t, n)})
	}
	got := Group(docs, GroupOptions{})
	want := [][]int{{0, 1, 2, 3, 4, 5, 6, 7}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Group = %v, want %v", got, want)
	}
}

func TestIndexAdd(t *testing.T) {
	idx := NewIndex(GroupOptions{})
	if ms := idx.Add(100, readFixture(t, "agency.txt")); len(ms) != 0 {
		t.Errorf("first document matched %v", ms)
	}
	if ms := idx.Add(101, readFixture(t, "indep_gazette.txt")); len(ms) != 0 {
		t.Errorf("independent article matched %v", ms)
	}
	ms := idx.Add(102, readFixture(t, "outlet_short.txt"))
	if len(ms) != 1 || ms[0].ID != 100 || ms[0].Containment < 0.8 {
		t.Errorf("short syndicated copy matched %+v, want agency copy by containment", ms)
	}
	ms = idx.Add(103, readFixture(t, "outlet_reorder.txt"))
	if len(ms) != 2 || ms[0].ID != 100 {
		t.Errorf("reordered copy matched %+v", ms)
	}
	if idx.Len() != 4 {
		t.Errorf("Len = %d", idx.Len())
	}
	if ms := idx.Add(104, ""); len(ms) != 0 {
		t.Errorf("empty text matched %v", ms)
	}
	if ms := idx.Query(readFixture(t, "outlet_trim.txt")); len(ms) != 3 {
		t.Errorf("Query matched %+v", ms)
	}
}

// TestShinglesStable pins the hashes: shingles and signatures may be
// stored, so they must not change between builds or processes.
func TestShinglesStable(t *testing.T) {
	sh := Shingles("Floodwater from the swollen River Senn broke through a levee")
	if len(sh) != 6 {
		t.Fatalf("got %d shingles, want 6", len(sh))
	}
	if got := Shingles("FLOODWATER from the Swollen river senn"); got[0] != Shingles("floodwater from the swollen river senn")[0] {
		t.Error("shingles depend on case")
	}
	sig := MinHash(sh)
	got := fmt.Sprintf("%08x %016x %016x", sh[0], sig[0], sig[NumHashes-1])
	const want = "548f41bf 0d35b199a7d35eef 15afb7b7db8cb939"
	if got != want {
		t.Errorf("pinned hashes = %q, want %q", got, want)
	}
	if s := Shingles("one two"); len(s) != 1 {
		t.Errorf("short text has %d shingles, want 1", len(s))
	}
	if s := Shingles("  "); len(s) != 0 {
		t.Errorf("empty text has %d shingles", len(s))
	}
}

func TestMinHashEstimates(t *testing.T) {
	a := NewSketch(readFixture(t, "agency.txt"))
	b := NewSketch(readFixture(t, "outlet_reorder.txt"))
	j, _ := Similarity(a.Shingles, b.Shingles)
	eq := 0
	for i := range a.Signature {
		if a.Signature[i] == b.Signature[i] {
			eq++
		}
	}
	est := float64(eq) / NumHashes
	if est < j-0.15 || est > j+0.15 {
		t.Errorf("MinHash estimate %.3f, exact Jaccard %.3f", est, j)
	}
}

// TestMayRelate checks the brute-force filter of the benchmark never drops
// a related pair.
func TestMayRelate(t *testing.T) {
	names := append(slices.Clone(storyFixtures), independentFixtures...)
	for _, x := range names {
		for _, y := range names {
			a, b := Shingles(readFixture(t, x)), Shingles(readFixture(t, y))
			j, c := Similarity(a, b)
			opt := GroupOptions{}
			if opt.Related(j, c, len(a), len(b)) && !mayRelate(a, b, opt) {
				t.Errorf("%s/%s: related but filtered", x, y)
			}
		}
	}
}
