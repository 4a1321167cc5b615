package assets_test

import (
	"bytes"
	"flag"
	"net/http"
	"os"
	"testing"
	"time"

	"github.com/nlnwa/gowarc/v3"

	"redline/ingest/warctest"
)

// updateDemo rewrites demo/11-dam-spillway.warc.gz:
//
//	go test -tags ci ./assets/ -run TestDemoWARC -update-demo
var updateDemo = flag.Bool("update-demo", false, "rewrite the demo web archive")

// The demo web archive: six captures of one fictional article as a web
// archive would hold them, edited through a day the way a newsroom edits a
// developing story (a brief that grows, a figure corrected with a note, a
// headline rewritten, a quote dropped, a paragraph moved), plus the
// records an archive also holds (the request, a redirect to https).
func demoRecords() []warctest.Record {
	const url = "https://www.valleyherald.example/news/2026/04/18/kessel-dam-spillway"
	day := func(d, h, m int) time.Time { return time.Date(2026, 4, d, h, m, 0, 0, time.UTC) }
	page := func(title string, paras ...string) string {
		return warctest.OutletArticle("The Valley Herald", title, paras...)
	}
	lead1 := "The Lasta Water Agency ordered residents of three villages below the Kessel dam to leave their homes on Saturday morning after engineers found a crack in the dam's concrete spillway."
	lead4 := "About 2,100 people living below the Kessel dam were told to leave their homes on Saturday after engineers found a crack in the dam's concrete spillway, the Lasta Water Agency said."
	p2 := "The agency said the dam itself was not at risk of failing but that it was lowering the reservoir as a precaution, which would raise the level of the Lasta river through the afternoon."
	p3v2 := "The order covers about 1,200 people in Vell, Osterby and Marn, according to the agency, which has opened the sports hall in Kessel town as a shelter."
	p3v3 := "The order covers about 2,100 people in Vell, Osterby and Marn, according to the agency, which has opened the sports hall in Kessel town as a shelter."
	quoteHead := "\u201cWe are not taking any chances with a structure that holds back forty million cubic metres of water,\u201d the agency's director, Ilse Marrow, told reporters at the dam. \u201cThe crack is in the spillway, not the wall, and we will know more once divers have looked at it.\u201d"
	quoteResident := "Jonas Feld, who farms near Osterby, said he had been given an hour to pack. \u201cThey knocked at seven and said the bus leaves at eight. I have sixty cows and nobody to milk them,\u201d he said."
	engineers := "Two independent engineers from the Northern Concord's infrastructure office arrived at the dam in the afternoon and were expected to report by Sunday morning, the agency said."
	history := "The Kessel dam was completed in 1974 and last inspected in September, when the agency reported no defects. A second crack in the same spillway was repaired in 2011."
	correction := "Correction: An earlier version of this article said about 1,200 people were told to leave. The agency has since said the figure is about 2,100."
	lifted := "On Sunday morning the agency lifted the order for Marn, the village furthest from the river, after the engineers said the crack had not grown overnight. Residents of Vell and Osterby were told to stay away for at least two more days."

	v1 := page("Villages evacuated below Kessel dam after spillway crack", lead1, p2)
	v2 := page("Villages evacuated below Kessel dam after spillway crack", lead1, p2, p3v2, quoteHead, quoteResident, history)
	v3 := page("Villages evacuated below Kessel dam after spillway crack", lead1, p2, p3v3, quoteHead, engineers, history, correction)
	v4 := page("2,100 told to leave homes as engineers inspect cracked Kessel dam spillway", lead4, p2, quoteHead, engineers, history, correction)
	v5 := page("Kessel dam: evacuation partly lifted as spillway crack holds", lifted, lead4, quoteHead, p2, engineers, history, correction)
	return []warctest.Record{
		{Type: gowarc.Request, URL: url, At: day(18, 8, 12)},
		warctest.Page(url, day(18, 8, 12), v1),
		{URL: "http://valleyherald.example/news/2026/04/18/kessel-dam-spillway", At: day(18, 9, 40), Status: 301,
			Header: http.Header{"Location": {url}}},
		warctest.Page(url+"?utm_source=frontpage", day(18, 9, 40), v1),
		warctest.Page(url, day(18, 11, 5), v2),
		warctest.Page(url, day(18, 14, 30), v3),
		warctest.Page(url+"/", day(18, 18, 45), v4),
		warctest.Page(url, day(19, 7, 20), v5),
	}
}

func TestDemoWARC(t *testing.T) {
	data := warctest.Bytes(true, demoRecords()...)
	const path = "demo/11-dam-spillway.warc.gz"
	if *updateDemo {
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v; write it with -update-demo", err)
	}
	if len(got) == 0 || !bytes.HasPrefix(got, []byte{0x1f, 0x8b}) {
		t.Errorf("%s is not a gzip-compressed web archive", path)
	}
}
