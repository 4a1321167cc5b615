package ingest

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/net/html"

	"redline/annotate"
)

func date(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// writeFile writes content to name in dir and returns its path.
func writeFile(t testing.TB, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func checkArticle(t *testing.T, got, want annotate.Article) {
	t.Helper()
	if got.Title != want.Title {
		t.Errorf("Title = %q, want %q", got.Title, want.Title)
	}
	if got.Outlet != want.Outlet {
		t.Errorf("Outlet = %q, want %q", got.Outlet, want.Outlet)
	}
	if got.URL != want.URL {
		t.Errorf("URL = %q, want %q", got.URL, want.URL)
	}
	if got.Byline != want.Byline {
		t.Errorf("Byline = %q, want %q", got.Byline, want.Byline)
	}
	if !got.PublishedAt.Equal(want.PublishedAt) {
		t.Errorf("PublishedAt = %v, want %v", got.PublishedAt, want.PublishedAt)
	}
	if !got.RetrievedAt.Equal(want.RetrievedAt) {
		t.Errorf("RetrievedAt = %v, want %v", got.RetrievedAt, want.RetrievedAt)
	}
	if got.SourcePath != want.SourcePath {
		t.Errorf("SourcePath = %q, want %q", got.SourcePath, want.SourcePath)
	}
	if got.Text != want.Text {
		t.Errorf("Text = %q, want %q", got.Text, want.Text)
	}
	if got.TextSHA256 != annotate.TextHash(got.Text) || got.Words != annotate.CountWords(got.Text) {
		t.Errorf("Fill was not called: hash %q words %d", got.TextSHA256, got.Words)
	}
}

func TestReadFileFormats(t *testing.T) {
	dir := "testdata/formats"
	p := func(name string) string { return filepath.Join(dir, name) }
	tests := []struct {
		file     string
		want     []annotate.Article
		warnings int
	}{
		{file: "ferry.txt", want: []annotate.Article{{
			Title: "Ferry fares to rise by nine percent in April", Outlet: "Island Gazette",
			URL: "https://island-gazette.example/ferry-fares", Byline: "Noor Haddad",
			PublishedAt: date("2024-02-27T08:30:00Z"), SourcePath: p("ferry.txt"),
			Text: "The island ferry company will raise fares by nine percent from 1 April, its second increase in a year.\n\n" +
				"The company blamed fuel costs and the price of a new vessel, which is due to enter service in the autumn.\n\n" +
				"Residents with an island pass will pay the old fare until the end of June.",
		}}},
		{file: "bakery.md", want: []annotate.Article{{
			Title: "Bakery wins regional bread prize", SourcePath: p("bakery.md"),
			Text: "A family bakery on Tanner Street has won the regional prize for its rye loaf, beating forty-two entries.\n\n" +
				"The judges praised the loaf's crust and the sourdough starter, which the owners say is sixty years old.\n\n" +
				"## What happens next\n\n" +
				"The bakery will represent the region at the national final in Lyndale next spring.",
		}}},
		{file: "water-crlf.txt", want: []annotate.Article{{
			Title: "Water main repairs close Bridge Road", SourcePath: p("water-crlf.txt"),
			Text: "Bridge Road will be closed for a week from Monday while a burst water main is repaired.\n\nBuses will be diverted along Canal Street.",
		}}},
		{file: "wires.json", want: []annotate.Article{{
			Title: "Grain shipments resume from the northern port", Outlet: "Meridian Wire",
			URL: "https://meridian-wire.example/grain", Byline: "Ana Ribeiro, Kofi Mensah",
			PublishedAt: date("2024-06-04T09:12:00Z"), RetrievedAt: date("2024-06-04T10:00:00Z"),
			SourcePath: p("wires.json") + "#1",
			Text:       "Grain shipments resumed on Tuesday after a two-week halt.\n\nOfficials said twelve ships were waiting to load.",
		}, {
			Title: "Grain shipments resume from the northern port (updated)", Outlet: "Meridian Wire",
			URL: "https://meridian-wire.example/grain", Byline: "Ana Ribeiro",
			PublishedAt: date("2024-06-04T14:39:00Z"), SourcePath: p("wires.json") + "#2",
			Text: "Grain shipments resumed on Tuesday after a two-week halt.\n\nOfficials said fourteen ships were waiting to load, and two had already left.",
		}}},
		{file: "single.json", want: []annotate.Article{{
			Title: "Museum reopens after roof repairs", Outlet: "Town Crier",
			PublishedAt: date("2024-04-13T00:00:00Z"), SourcePath: p("single.json"),
			Text: "The town museum reopened on Saturday after eighteen months of repairs to its roof.",
		}}},
		{file: "feed.jsonl", want: []annotate.Article{{
			Title: "Cycle lane plan approved", Outlet: "Metro Bulletin",
			PublishedAt: date("2024-07-01T00:00:00Z"), SourcePath: p("feed.jsonl") + ":1",
			Text: "The council approved a protected cycle lane on Station Road.",
		}, {
			Title: "Cycle lane plan approved (updated)", Outlet: "Metro Bulletin",
			PublishedAt: date("2024-07-01T16:05:00Z"), SourcePath: p("feed.jsonl") + ":2",
			Text: "The council approved a protected cycle lane on Station Road.\n\nWork starts in September.",
		}, {
			Title: "Swimming pool to reopen", Outlet: "Metro Bulletin",
			PublishedAt: date("2024-05-01T00:00:00Z"), SourcePath: p("feed.jsonl") + ":4",
			Text: "The lido will reopen in May after its filters were replaced.",
		}}},
		{file: "buses.csv", want: []annotate.Article{{
			Title: "Bus drivers accept pay offer", Outlet: "Metro Bulletin", Byline: "Sam Okafor",
			PublishedAt: date("2024-03-05T00:00:00Z"), SourcePath: p("buses.csv") + ":2",
			Text: "Bus drivers voted to accept a pay offer of 6 percent.\n\nThe strike planned for Friday is cancelled.",
		}, {
			Title: "Library hours extended", Outlet: "Metro Bulletin",
			PublishedAt: date("2024-03-05T00:00:00Z"), SourcePath: p("buses.csv") + ":5",
			Text: "The central library will open until nine on weekdays.",
		}}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			res := ReadFile(context.Background(), p(tt.file))
			if res.Err != nil {
				t.Fatalf("Err = %v", res.Err)
			}
			if len(res.Warnings) != tt.warnings {
				t.Errorf("Warnings = %v, want %d", res.Warnings, tt.warnings)
			}
			if len(res.Articles) != len(tt.want) {
				t.Fatalf("got %d articles, want %d", len(res.Articles), len(tt.want))
			}
			for i := range tt.want {
				checkArticle(t, res.Articles[i], tt.want[i])
			}
		})
	}
}

func TestReadFileHTML(t *testing.T) {
	res := ReadFile(context.Background(), "testdata/html/harbour.html")
	if res.Err != nil || len(res.Articles) != 1 {
		t.Fatalf("Err = %v, %d articles", res.Err, len(res.Articles))
	}
	a := res.Articles[0]
	if a.SourcePath != "testdata/html/harbour.html" {
		t.Errorf("SourcePath = %q", a.SourcePath)
	}
	if strings.Contains(a.Text, "cookie") || strings.Contains(a.Text, "Related stories") || strings.Contains(a.Text, "SeaDog77") {
		t.Errorf("boilerplate kept in text: %q", a.Text)
	}
	if !strings.HasPrefix(a.Text, "The port authority has postponed") {
		t.Errorf("text starts %q", a.Text[:60])
	}
}

// TestBadInput checks that every kind of broken file comes back as a
// problem naming the file, or as warnings with the good records kept.
func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	good := `{"title": "Good", "text": "A good record."}`
	big := filepath.Join(dir, "huge.txt")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(50 << 20); err != nil { // sparse: no 50 MB write
		t.Fatal(err)
	}
	f.Close()
	if err := os.Mkdir(filepath.Join(dir, "folder.txt"), 0o755); err != nil {
		t.Fatal(err)
	}
	dangling := filepath.Join(dir, "gone.txt")
	if err := os.Symlink(filepath.Join(dir, "nowhere.txt"), dangling); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name, file, content string
		path                string // when not written from content
		wantErr             string // substring of Err.Reason; "" for no Err
		wantErrLine         int
		wantArticles        int
		wantWarnings        []string // substrings, in order
		wantWarnLines       []int
	}{
		{name: "empty", file: "empty.txt", content: "", wantErr: "file is empty"},
		{name: "blank only", file: "blank.md", content: " \n\r\n\t\n", wantErr: "file is empty"},
		{name: "binary", file: "photo.txt", content: "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00",
			wantErr: "looks like a binary file, not text"},
		{name: "binary json", file: "data.json", content: strings.Repeat("\x00\x01\x02\x03", 100), wantErr: "looks like a binary file, not text"},
		{name: "invalid utf-8", file: "latin1.txt", content: "Caf\xe9 owners protest\n\nThe caf\xe9 owners of the old town marched on Sunday.\n",
			wantArticles: 1, wantWarnings: []string{"not UTF-8: read it as Windows-1252"}}, // was 2 U+FFFD before encoding.go
		{name: "stray NUL is not binary", file: "nul.txt", content: "Title line\n\nSome text with a stray\x00 NUL byte in a long enough paragraph of ordinary words.\n",
			wantArticles: 1},
		{name: "truncated JSON", file: "cut.json", content: `[{"title": "One", "text": "First record."}, {"title": "Two", "te`,
			wantErr: "JSON ends early at byte 64: the file may be cut off"},
		{name: "truncated JSON object", file: "cut1.json", content: `{"title": "One", "text": "First`,
			wantErr: "JSON ends early at byte 31: the file may be cut off"},
		{name: "JSON syntax error", file: "bad.json", content: `[{"title": "One" "text": "x"}]`, wantErr: "invalid JSON at byte"},
		{name: "JSON not object or array", file: "str.json", content: `"just a string"`, wantErr: "not a JSON object or array"},
		{name: "JSON array with a non-object", file: "mixed.json", content: `[` + good + `, 42, ` + good + `]`,
			wantArticles: 2, wantWarnings: []string{"record 2 is a number, not an object"}},
		{name: "JSON record without text", file: "notext.json", content: `[` + good + `, {"title": "No text here"}]`,
			wantArticles: 1, wantWarnings: []string{"record 2 has no text"}},
		{name: "JSON record with bad date", file: "baddate.json", content: `[{"text": "x", "published": "next tuesday"}]`,
			wantArticles: 1, wantWarnings: []string{`record 1: published date "next tuesday" not understood`}},
		{name: "JSON wrapper object", file: "api.json", content: `{"status": "ok", "articles": [` + good + `,` + good + `]}`,
			wantArticles: 2, wantWarnings: []string{`inside the "articles" array`}},
		{name: "JSONL line not an object", file: "feed.jsonl", content: good + "\n[1, 2]\nnot json at all\n" + good + "\n{\"title\": \"broken\n",
			wantArticles:  2,
			wantWarnings:  []string{"line is a JSON array, not an object", "line is not a JSON object", "line is not valid JSON"},
			wantWarnLines: []int{2, 3, 5}},
		{name: "JSONL record without text", file: "notext.jsonl", content: good + "\n" + `{"title": "Only a title"}` + "\n",
			wantArticles: 1, wantWarnings: []string{"line has no text"}, wantWarnLines: []int{2}},
		{name: "JSONL only blank lines", file: "blank.jsonl", content: "\n\n\n", wantErr: "file is empty"},
		{name: "CSV without text column", file: "meta.csv", content: "outlet,date\nB,2024-01-01\n",
			wantErr: "no text column: found columns outlet, date; name one text, body or content", wantErrLine: 1},
		{name: "CSV malformed row", file: "rows.csv", content: "title,text\nOne,First text\nTwo,\"Second \"text\"\" broken\nThree,Third text\nFour\n",
			wantArticles: 2, wantWarnings: []string{"malformed row", "row has 1 fields but the header has 2"}, wantWarnLines: []int{3, 5}},
		{name: "CSV row without text", file: "empty-row.csv", content: "title,content\nOne,First text\nTwo,\n",
			wantArticles: 1, wantWarnings: []string{"row has no text"}, wantWarnLines: []int{3}},
		{name: "CSV semicolons", file: "semi.csv", content: "titel;text\nEen;Eerste tekst\n", wantArticles: 1},
		{name: "CSV header only", file: "header.csv", content: "title,text\n", wantArticles: 0},
		{name: "CSV bad date", file: "dates.csv", content: "text,date\nOne,someday\n",
			wantArticles: 1, wantWarnings: []string{`published date "someday" not understood`}, wantWarnLines: []int{2}},
		{name: "UTF-16 text", file: "utf16.txt", content: "\xff\xfeH\x00i\x00\n\x00\n\x00O\x00k\x00",
			wantArticles: 1, wantWarnings: []string{"converted from UTF-16"}},
		{name: "HTML in windows-1252", file: "old.html", content: "<html><head><meta charset=\"windows-1252\"><title>Caf\xe9</title></head><body><article><p>The caf\xe9 on the corner closed after forty years of serving the town's early risers.</p></article></body></html>",
			wantArticles: 1, wantWarnings: []string{"decoded from windows-1252"}},
		{name: "unsupported", file: "report.xlsx", content: "PK", wantErr: `unsupported file type ".xlsx"`},
		{name: "50 MB single document", path: big,
			wantErr: "file is 50.0 MB, larger than the 20 MB limit for one article; split it or raise the limit (redline import --max-article-bytes)"},
		{name: "folder named like a file", path: filepath.Join(dir, "folder.txt"), wantErr: "this is a folder, not a file"},
		{name: "dangling symlink", path: dangling, wantErr: "link to a file that no longer exists"},
		{name: "missing path", path: filepath.Join(dir, "missing.txt"), wantErr: "no such file or folder"},
		{name: "HTML without text", file: "blank.html", content: "<html><head><title>x</title><script>var a = 1;</script></head><body><img src='a.png'></body></html>",
			wantErr: "no article text found in this page"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := tt.path
			if path == "" {
				path = writeFile(t, dir, tt.file, tt.content)
			}
			res := ReadFile(context.Background(), path)
			if res.Path != path {
				t.Errorf("Path = %q, want %q", res.Path, path)
			}
			if tt.wantErr != "" {
				if res.Err == nil {
					t.Fatalf("Err = nil, want %q (articles %d, warnings %v)", tt.wantErr, len(res.Articles), res.Warnings)
				}
				if !strings.Contains(res.Err.Reason, tt.wantErr) || res.Err.Path != path {
					t.Errorf("Err = %v, want path %s and reason containing %q", res.Err, path, tt.wantErr)
				}
				if res.Err.Line != tt.wantErrLine {
					t.Errorf("Err.Line = %d, want %d", res.Err.Line, tt.wantErrLine)
				}
				if len(res.Articles) != 0 {
					t.Errorf("%d articles with a failed file", len(res.Articles))
				}
				return
			}
			if res.Err != nil {
				t.Fatalf("Err = %v", res.Err)
			}
			if len(res.Articles) != tt.wantArticles {
				t.Errorf("got %d articles, want %d", len(res.Articles), tt.wantArticles)
			}
			if len(res.Warnings) != len(tt.wantWarnings) {
				t.Fatalf("Warnings = %v, want %q", res.Warnings, tt.wantWarnings)
			}
			for i, w := range tt.wantWarnings {
				got := res.Warnings[i]
				if !strings.Contains(got.Reason, w) || got.Path != path {
					t.Errorf("warning %d = %v, want reason containing %q", i, got, w)
				}
				if tt.wantWarnLines != nil && got.Line != tt.wantWarnLines[i] {
					t.Errorf("warning %d line = %d, want %d", i, got.Line, tt.wantWarnLines[i])
				}
			}
			for _, a := range res.Articles {
				if a.Text == "" || a.TextSHA256 == "" || a.SourcePath == "" {
					t.Errorf("article not complete: %+v", a)
				}
			}
		})
	}
}

func TestProblemError(t *testing.T) {
	tests := []struct {
		p    Problem
		want string
	}{
		{Problem{Path: "a/b.jsonl", Line: 7, Reason: "line is not a JSON object"}, "a/b.jsonl:7: line is not a JSON object"},
		{Problem{Path: "a/b.txt", Reason: "file is empty"}, "a/b.txt: file is empty"},
	}
	for _, tt := range tests {
		if got := tt.p.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
}

func TestPlan(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "b.txt", "x")
	writeFile(t, dir, "a.md", "x")
	writeFile(t, dir, "sub/c.JSONL", "x")
	writeFile(t, dir, "sub/notes.xlsx", "x")
	writeFile(t, dir, "image.png", "x")
	writeFile(t, dir, ".hidden.txt", "x")
	writeFile(t, dir, ".git/config.json", "x")
	lone := writeFile(t, t.TempDir(), "lone.csv", "x")
	pdf := writeFile(t, t.TempDir(), "paper.xlsx", "x")
	missing := filepath.Join(dir, "nope")

	files, problems, skipped := Plan([]string{lone, dir, missing, pdf, filepath.Join(dir, "a.md")})
	want := []string{lone, filepath.Join(dir, "a.md"), filepath.Join(dir, "b.txt"), filepath.Join(dir, "sub/c.JSONL")}
	if fmt.Sprint(files) != fmt.Sprint(want) {
		t.Errorf("files = %v, want %v", files, want)
	}
	if skipped != 2 {
		t.Errorf("skipped = %d, want 2", skipped)
	}
	if len(problems) != 2 || problems[0].Path != missing || problems[0].Reason != "no such file or folder" ||
		problems[1].Path != pdf || !strings.Contains(problems[1].Reason, `unsupported file type ".xlsx"`) {
		t.Errorf("problems = %v", problems)
	}
}

// TestFolderWithBrokenFiles imports a folder of 20 good files and 3 broken
// ones: every good file gives its article and each broken one a problem
// that names it.
func TestFolderWithBrokenFiles(t *testing.T) {
	dir := t.TempDir()
	for i := range 20 {
		switch i % 4 {
		case 0:
			writeFile(t, dir, fmt.Sprintf("good%02d.txt", i), fmt.Sprintf("Story %d\n\nText of story %d.\n", i, i))
		case 1:
			writeFile(t, dir, fmt.Sprintf("good%02d.md", i), fmt.Sprintf("# Story %d\n\nText of story %d.\n", i, i))
		case 2:
			writeFile(t, dir, fmt.Sprintf("good%02d.json", i), fmt.Sprintf(`{"title": "Story %d", "text": "Text of story %d."}`, i, i))
		case 3:
			writeFile(t, dir, fmt.Sprintf("good%02d.csv", i), fmt.Sprintf("title,text\nStory %d,Text of story %d.\n", i, i))
		}
	}
	broken := []string{
		writeFile(t, dir, "broken-empty.txt", ""),
		writeFile(t, dir, "broken-cut.json", `[{"text": "cut`),
		writeFile(t, dir, "broken-columns.csv", "outlet,byline\nA,B\n"),
	}
	writeFile(t, dir, "README.xlsx", "not an article")

	files, problems, skipped := Plan([]string{dir})
	if len(problems) != 0 || skipped != 1 || len(files) != 23 {
		t.Fatalf("Plan: %d files, problems %v, skipped %d", len(files), problems, skipped)
	}
	var ok, failed []string
	for _, f := range files {
		res := ReadFile(context.Background(), f)
		if res.Err != nil {
			failed = append(failed, res.Err.Path)
			continue
		}
		if len(res.Articles) != 1 {
			t.Errorf("%s: %d articles", f, len(res.Articles))
		}
		ok = append(ok, f)
	}
	if len(ok) != 20 {
		t.Errorf("%d good results, want 20", len(ok))
	}
	if fmt.Sprint(failed) != fmt.Sprint([]string{broken[2], broken[1], broken[0]}) {
		t.Errorf("failed = %v, want %v", failed, broken)
	}
}

func TestReadFS(t *testing.T) {
	fsys := fstest.MapFS{
		"demo/ferry.txt":  {Data: []byte("Title: Ferry\nOutlet: Gazette\n\nFerries run again.\n")},
		"demo/feed.jsonl": {Data: []byte(`{"text": "one"}` + "\n" + `{"text": "two"}` + "\n")},
		"demo/empty.md":   {Data: nil},
	}
	res := ReadFS(context.Background(), fsys, "demo/ferry.txt")
	if res.Err != nil || len(res.Articles) != 1 || res.Articles[0].Title != "Ferry" || res.Articles[0].SourcePath != "demo/ferry.txt" {
		t.Errorf("ferry: %+v", res)
	}
	res = ReadFS(context.Background(), fsys, "demo/feed.jsonl")
	if res.Err != nil || len(res.Articles) != 2 || res.Articles[1].SourcePath != "demo/feed.jsonl:2" {
		t.Errorf("feed: %+v", res)
	}
	res = ReadFS(context.Background(), fsys, "demo/empty.md")
	if res.Err == nil || res.Err.Reason != "file is empty" {
		t.Errorf("empty: %+v", res.Err)
	}
	res = ReadFS(context.Background(), fsys, "demo/missing.txt")
	if res.Err == nil || res.Err.Reason != "no such file or folder" {
		t.Errorf("missing: %+v", res.Err)
	}
}

func TestReadFileCancelled(t *testing.T) {
	dir := t.TempDir()
	var sb strings.Builder
	for i := range 100 {
		fmt.Fprintf(&sb, `{"text": "record %d"}`+"\n", i)
	}
	p := writeFile(t, dir, "feed.jsonl", sb.String())
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res := ReadFile(ctx, p)
	if res.Err == nil || res.Err.Reason != "import cancelled" || len(res.Articles) != 0 {
		t.Errorf("Err = %v, %d articles", res.Err, len(res.Articles))
	}
}

func TestReadFileRecoversPanic(t *testing.T) {
	defer func(e extractor) { extractHTML = e }(extractHTML)
	extractHTML = func(*html.Node, *url.URL) (page, error) { panic("boom") }
	p := writeFile(t, t.TempDir(), "page.html", "<html><body><p>Hello there.</p></body></html>")
	res := ReadFile(context.Background(), p)
	if res.Err == nil || !strings.Contains(res.Err.Reason, "boom") {
		t.Errorf("Err = %v", res.Err)
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"2024-03-18T10:49:00Z", "2024-03-18T10:49:00Z", true},
		{"2024-03-18T12:49:00+02:00", "2024-03-18T10:49:00Z", true},
		{"2024-03-18", "2024-03-18T00:00:00Z", true},
		{"2024-03-18 14:39", "2024-03-18T14:39:00Z", true},
		{"Mon, 18 Mar 2024 14:39:00 GMT", "2024-03-18T14:39:00Z", true},
		{"Mon, 18 Mar 2024 14:39:00 +0100", "2024-03-18T13:39:00Z", true},
		{"18 March 2024", "2024-03-18T00:00:00Z", true},
		{"March 18, 2024", "2024-03-18T00:00:00Z", true},
		{"1710758940", "2024-03-18T10:49:00Z", true},
		{"", "0001-01-01T00:00:00Z", true},
		{"next tuesday", "0001-01-01T00:00:00Z", false},
	}
	for _, tt := range tests {
		got, ok := parseDate(tt.in)
		if ok != tt.ok || got.UTC().Format(time.RFC3339) != tt.want {
			t.Errorf("parseDate(%q) = %v, %v; want %s, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestTextTitle(t *testing.T) {
	tests := []struct {
		name, file, content string
		title, text         string
	}{
		{"md heading", "a.md", "\n\n## Heading ##\nBody.\n", "Heading", "Body."},
		{"md hashtag is no heading", "b.md", "#news today\n\nBody.\n", "#news today", "Body."},
		{"one line", "c.txt", "Only a line\n", "Only a line", "Only a line"},
		{"not a header block", "d.txt", "Note: read this\n\nBody.\n", "Note: read this", "Body."},
		{"header without title", "e.txt", "Outlet: Gazette\n\nHeadline here\n\nBody.\n", "Headline here", "Body."},
		{"long first line stays text", "f.txt", strings.Repeat("word ", 60) + "\n\nMore.\n", "", strings.TrimSpace(strings.Repeat("word ", 60)) + "\n\nMore."},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := ReadFile(context.Background(), writeFile(t, dir, tt.file, tt.content))
			if res.Err != nil {
				t.Fatal(res.Err)
			}
			a := res.Articles[0]
			wantTitle := tt.title
			if wantTitle == "" {
				wantTitle = annotate.FirstLine(tt.text, 120)
			}
			if a.Title != wantTitle || a.Text != tt.text {
				t.Errorf("got title %q text %q; want %q, %q", a.Title, a.Text, wantTitle, tt.text)
			}
		})
	}
}
