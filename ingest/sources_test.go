package ingest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"redline/ingest/fixtures"
)

func stories(n int) []fixtures.Story { return fixtures.Stories(n) }

func havePDFToText() bool {
	_, err := exec.LookPath(PDFToText)
	return err == nil
}

func needPDFToText(t *testing.T) {
	t.Helper()
	if !havePDFToText() {
		t.Skip("pdftotext is not installed (make test installs poppler-utils)")
	}
}

var wantDates = []time.Time{
	time.Date(2024, 3, 18, 0, 0, 0, 0, time.UTC),
	time.Date(2024, 3, 19, 10, 49, 0, 0, time.UTC),
	time.Date(2024, 3, 20, 0, 0, 0, 0, time.UTC),
	time.Date(2024, 3, 21, 0, 0, 0, 0, time.UTC),
	time.Date(2024, 3, 22, 0, 0, 0, 0, time.UTC),
	time.Date(2024, 3, 23, 0, 0, 0, 0, time.UTC),
}

// checkExport checks the articles read from an export of stories.
func checkExport(t *testing.T, res Result, src []fixtures.Story, db string, withMeta bool) {
	t.Helper()
	if res.Err != nil {
		t.Fatalf("Err = %v", res.Err)
	}
	if len(res.Articles) != len(src) {
		for _, a := range res.Articles {
			t.Logf("got %q (%s)", a.Title, a.Outlet)
		}
		t.Fatalf("read %d articles, want %d (warnings %v)", len(res.Articles), len(src), res.Warnings)
	}
	for i, a := range res.Articles {
		s := src[i]
		if a.Title != s.Title {
			t.Errorf("%d: Title = %q, want %q", i, a.Title, s.Title)
		}
		if a.Outlet != s.Outlet {
			t.Errorf("%d: Outlet = %q, want %q", i, a.Outlet, s.Outlet)
		}
		if want := wantDates[i%len(wantDates)]; db != dbFactiva && !a.PublishedAt.Equal(want) {
			t.Errorf("%d: PublishedAt = %v, want %v (from %q)", i, a.PublishedAt, want, s.Date)
		}
		if a.Byline != s.Byline {
			t.Errorf("%d: Byline = %q, want %q", i, a.Byline, s.Byline)
		}
		want := strings.Join(s.Paras, "\n\n")
		if a.Text != want {
			t.Errorf("%d: Text =\n%q\nwant\n%q", i, a.Text, want)
		}
		if a.Origin.Database != db || a.Origin.Position != i+1 || a.Origin.File != res.Path {
			t.Errorf("%d: Origin = %+v, want %s, position %d in %s", i, a.Origin, db, i+1, res.Path)
		}
		if withMeta {
			if a.Origin.Section != s.Section || a.Origin.Length != s.Length {
				t.Errorf("%d: section %q length %q, want %q %q", i, a.Origin.Section, a.Origin.Length, s.Section, s.Length)
			}
			if got := a.Origin.LoadDate.Format("2006-01-02"); got != "2024-03-25" {
				t.Errorf("%d: LoadDate = %s, want 2024-03-25", i, got)
			}
		}
		if strings.Contains(a.Text, "Job Number") || strings.Contains(a.Text, "Load-Date") || strings.Contains(a.Text, "Copyright") {
			t.Errorf("%d: text carries export furniture:\n%s", i, a.Text)
		}
	}
}

func TestNexisUniFormats(t *testing.T) {
	src := stories(6)
	lines := fixtures.NexisUniLines(src)
	dir := t.TempDir()
	tests := []struct {
		name string
		file string
		data func(t *testing.T) []byte
		pdf  bool
	}{
		{"docx", "nexis.docx", func(t *testing.T) []byte { return fixtures.DOCXLinked(lines, fixtures.NexisTitleLinks(src)) }, false},
		{"txt", "nexis.txt", func(t *testing.T) []byte { return []byte(strings.Join(lines, "\r\n")) }, false},
		{"rtf", "nexis.rtf", func(t *testing.T) []byte { return fixtures.RTF(lines) }, false},
		{"odt", "nexis.odt", func(t *testing.T) []byte { return fixtures.ODT(lines, false) }, false},
		{"pdf", "nexis.pdf", func(t *testing.T) []byte { return fixtures.PDF(fixtures.Wrap(lines, 95), 60, false, false) }, true},
		{"pdf with page furniture", "furniture.pdf", func(t *testing.T) []byte {
			return fixtures.PDFWithFurniture(fixtures.Wrap(lines, 95), 25, "Search results: harbour strike (Nexis Uni)")
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.pdf {
				needPDFToText(t)
			}
			p := filepath.Join(dir, tt.file)
			if err := os.WriteFile(p, tt.data(t), 0o644); err != nil {
				t.Fatal(err)
			}
			res := ReadFile(context.Background(), p)
			checkExport(t, res, src, dbNexisUni, true)
			for i, a := range res.Articles {
				// only the DOCX carries the links to the documents
				if want := map[bool]string{true: fixtures.NexisDocID(i)}[tt.name == "docx"]; a.Origin.DocID != want {
					t.Errorf("%d: DocID = %q, want %q", i, a.Origin.DocID, want)
				}
			}
			if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0].Reason, "set aside") {
				t.Errorf("warnings = %v, want one about the cover page set aside", res.Warnings)
			}
		})
	}
}

func TestLexisAcademicText(t *testing.T) {
	src := stories(8) // titles from the seventh on wrap onto two lines
	p := writeFile(t, t.TempDir(), "academic.txt", fixtures.LexisAcademicText(src))
	res := ReadFile(context.Background(), p)
	checkExport(t, res, src, dbLexisAcademic, true)
}

func TestFactivaFormats(t *testing.T) {
	src := stories(6)
	dir := t.TempDir()
	tests := []struct {
		name, file string
		data       func(t *testing.T) []byte
		pdf        bool
	}{
		{"html", "factiva.html", func(t *testing.T) []byte { return fixtures.FactivaHTML(src) }, false},
		{"rtf", "factiva.rtf", func(t *testing.T) []byte { return fixtures.RTF(fixtures.FactivaLines(src)) }, false},
		{"indexed html", "indexed.html", func(t *testing.T) []byte { return fixtures.FactivaIndexedHTML(src) }, false},
		{"indexed rtf", "indexed.rtf", func(t *testing.T) []byte { return fixtures.RTF(fixtures.FactivaIndexedLines(src, true)) }, false},
		{"pdf", "factiva.pdf", func(t *testing.T) []byte {
			return fixtures.PDF(fixtures.Wrap(fixtures.Spaced(fixtures.FactivaLines(src), src), 95), 50, false, false)
		}, true},
	}
	wantFactivaDates := []string{"2024-03-18", "2024-03-19", "2024-03-20", "2024-03-21", "2024-03-22", "2024-03-23"}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.pdf {
				needPDFToText(t)
			}
			p := filepath.Join(dir, tt.file)
			if err := os.WriteFile(p, tt.data(t), 0o644); err != nil {
				t.Fatal(err)
			}
			res := ReadFile(context.Background(), p)
			checkExport(t, res, src, dbFactiva, false)
			for i, a := range res.Articles {
				if a.Origin.DocID != fixtures.FactivaID(i) {
					t.Errorf("%d: DocID = %q, want %q", i, a.Origin.DocID, fixtures.FactivaID(i))
				}
				if got := a.PublishedAt.Format("2006-01-02"); got != wantFactivaDates[i] {
					t.Errorf("%d: published %s, want %s", i, got, wantFactivaDates[i])
				}
				if a.Origin.Length == "" {
					t.Errorf("%d: no word count kept", i)
				}
				if strings.HasPrefix(tt.name, "indexed") && (a.PublishedAt.Format("15:04") != "10:49" || a.Origin.Section != src[i].Section) {
					t.Errorf("%d: time %s, section %q; want 10:49 and %q", i, a.PublishedAt.Format("15:04"), a.Origin.Section, src[i].Section)
				}
			}
		})
	}
}

// single is one fictional article in a document of its own.
var single = []string{
	"Ferry timetable cut as fuel costs climb",
	"The island ferry will run four crossings a day instead of six from Monday, the operator said.",
	"Passengers said the change would make the 07:15 connection to the mainland impossible.",
}

func TestSingleDocuments(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, file string
		data       func(t *testing.T) []byte
		pdf        bool
	}{
		{"docx", "ferry.docx", func(t *testing.T) []byte { return fixtures.DOCX(single) }, false},
		{"odt", "ferry.odt", func(t *testing.T) []byte { return fixtures.ODT(single, false) }, false},
		{"rtf", "ferry.rtf", func(t *testing.T) []byte { return fixtures.RTF(single) }, false},
		{"rtf by hand", "hand.rtf", func(t *testing.T) []byte {
			return []byte(`{\rtf1\ansi\ansicpg1252{\fonttbl{\f0 Arial;}}{\*\generator Hand}\f0` + "\n" +
				`Ferry timetable cut as fuel costs climb\par` + "\n" +
				`The island ferry will run four crossings a day instead of six from Monday, the operator said.\par` + "\n" +
				`{\*\bkmkstart x}Passengers said the change would make the 07:15 connection to the mainland impossible.\par}`)
		}, false},
		{"pdf", "ferry.pdf", func(t *testing.T) []byte {
			// a word processor leaves space between paragraphs
			return fixtures.PDF([]string{single[0], "", single[1], "", single[2]}, 40, false, false)
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.pdf {
				needPDFToText(t)
			}
			p := filepath.Join(dir, tt.file)
			if err := os.WriteFile(p, tt.data(t), 0o644); err != nil {
				t.Fatal(err)
			}
			res := ReadFile(context.Background(), p)
			if res.Err != nil || len(res.Articles) != 1 {
				t.Fatalf("Err = %v, %d articles", res.Err, len(res.Articles))
			}
			a := res.Articles[0]
			if a.Title != single[0] || a.Text != strings.Join(single[1:], "\n\n") || a.SourcePath != p || !a.Origin.Empty() {
				t.Errorf("got title %q, text %q, source %q, origin %+v", a.Title, a.Text, a.SourcePath, a.Origin)
			}
		})
	}
}

func TestRTFCharacters(t *testing.T) {
	src := `{\rtf1\ansi\ansicpg1252\uc1{\fonttbl{\f0 Arial;}}{\info{\title Hidden}}` +
		`Stra\'dfe in K\'f6ln \endash  \ldblquote quoted\rdblquote , caf\u233?, \u-10180?\u-8435? Tab\tab end\line next {\b bold} \{brace\}\par` +
		`{\pict\pngblip 89504e470d0a}{\footer Page 1}last\par}`
	r := &reader{ctx: context.Background(), path: "x.rtf", res: &Result{}}
	lines, err := r.rtfLines([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(lines, "|")
	want := "Straße in Köln \u2013 \u201cquoted\u201d, café, \U0001F30D Tab end|next bold {brace}|last"
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestBrokenDocuments(t *testing.T) {
	dir := t.TempDir()
	docx := fixtures.DOCX(single)
	encrypted := append(append([]byte{}, oleMagic...), make([]byte, 500)...)
	encrypted = append(encrypted, utf16LE("EncryptedPackage")...)
	oldDoc := append(append([]byte{}, oleMagic...), make([]byte, 500)...)
	tests := []struct {
		name, file string
		data       []byte
		pdf        bool
		want       string
	}{
		{"docx cut off", "cut.docx", docx[:len(docx)/2], false, "damaged or cut off"},
		{"docx encrypted", "locked.docx", encrypted, false, "password-protected"},
		{"old word file", "old.docx", oldDoc, false, "older Word 97-2003 file"},
		{"zip not word", "other.docx", fixtures.Zip(map[string]string{"a.txt": "x"}, "a.txt"), false, "not a Word document"},
		{"odt encrypted", "locked.odt", fixtures.ODT(single, true), false, "password-protected"},
		{"not rtf", "fake.rtf", []byte("just text pretending"), false, "not an RTF document"},
		{"empty docx", "empty.docx", fixtures.DOCX(nil), false, "holds no text"},
		{"pdf encrypted", "locked.pdf", fixtures.PDF(single, 40, true, false), true, "password-protected"},
		{"pdf scanned", "scan.pdf", fixtures.PDF(nil, 40, false, true), true, "no text layer"},
		{"pdf damaged", "bad.pdf", []byte("%PDF-1.4\n1 0 obj\n<< /Type /Catalog"), true, "damaged"},
		{"not pdf", "fake.pdf", []byte("<html>"), false, "not a PDF"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.pdf {
				needPDFToText(t)
			}
			p := filepath.Join(dir, tt.file)
			if err := os.WriteFile(p, tt.data, 0o644); err != nil {
				t.Fatal(err)
			}
			res := ReadFile(context.Background(), p)
			if res.Err == nil {
				t.Fatalf("no error; articles %v", res.Articles)
			}
			if res.Err.Path != p || !strings.Contains(res.Err.Reason, tt.want) {
				t.Errorf("Err = %v, want path %s and reason containing %q", res.Err, p, tt.want)
			}
			if len(res.Articles) != 0 {
				t.Errorf("%d articles from a broken file", len(res.Articles))
			}
		})
	}
}

func TestLargeExports(t *testing.T) {
	dir := t.TempDir()
	nexis := stories(500)
	p := filepath.Join(dir, "nexis500.docx")
	if err := os.WriteFile(p, fixtures.DOCX(fixtures.NexisUniLines(nexis)), 0o644); err != nil {
		t.Fatal(err)
	}
	checkExport(t, ReadFile(context.Background(), p), nexis, dbNexisUni, true)

	factiva := stories(100)
	p = filepath.Join(dir, "factiva100.html")
	if err := os.WriteFile(p, fixtures.FactivaHTML(factiva), 0o644); err != nil {
		t.Fatal(err)
	}
	checkExport(t, ReadFile(context.Background(), p), factiva, dbFactiva, false)
}

func TestParseDateLine(t *testing.T) {
	d := func(y int, m time.Month, day, h, min int) time.Time {
		return time.Date(y, m, day, h, min, 0, 0, time.UTC)
	}
	tests := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"March 18, 2024 Monday", d(2024, 3, 18, 0, 0), true},
		{"Monday, March 18, 2024 10:49 AM GMT", d(2024, 3, 18, 10, 49), true},
		{"March 18, 2024 Monday 2:39 PM EST", d(2024, 3, 18, 14, 39), true},
		{"18 March 2024", d(2024, 3, 18, 0, 0), true},
		{"18. März 2024 Montag", d(2024, 3, 18, 0, 0), true},
		{"Montag, 18. März 2024", d(2024, 3, 18, 0, 0), true},
		{"lundi 18 mars 2024", d(2024, 3, 18, 0, 0), true},
		{"1 février 2024", d(2024, 2, 1, 0, 0), true},
		{"18 de marzo de 2024 lunes", d(2024, 3, 18, 0, 0), true},
		{"18 marzo 2024 lunedì", d(2024, 3, 18, 0, 0), true},
		{"18 maart 2024 maandag", d(2024, 3, 18, 0, 0), true},
		{"18 de março de 2024 segunda-feira", d(2024, 3, 18, 0, 0), true},
		{"18.03.2024", d(2024, 3, 18, 0, 0), true},
		{"2024-03-18", d(2024, 3, 18, 0, 0), true},
		{"Dec 3, 2023", d(2023, 12, 3, 0, 0), true},
		{"27. Februar 2012 Montag 9:50 PM GMT+1", d(2012, 2, 27, 21, 50), true},
		{"Copyright 2024 The Herald", time.Time{}, false},
		{"May Day marches draw thousands", time.Time{}, false},
		{"March 2024", time.Time{}, false},
		{"Length: 742 words", time.Time{}, false},
		{"31 April 2024", time.Time{}, false},
		{"The Northern Ledger", time.Time{}, false},
	}
	for _, tt := range tests {
		got, ok := parseDateLine(tt.in)
		if ok != tt.ok || !got.Equal(tt.want) {
			t.Errorf("parseDateLine(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestExportMarkerInOrdinaryText(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "memo.txt", "Budget memo\n\nThe committee meets on Friday.\n\nEnd of Document\n")
	res := ReadFile(context.Background(), p)
	if res.Err != nil || len(res.Articles) != 1 || res.Articles[0].Title != "Budget memo" || len(res.Warnings) != 0 {
		t.Errorf("memo read as %+v, warnings %v, err %v", res.Articles, res.Warnings, res.Err)
	}
}

func TestLexisAcademicGerman(t *testing.T) {
	text := "                    Dokument 1 von 1\n\n                 Süddeutsche Rundschau\n\n              20. März 2004 Samstag\n\nHafenstreik geht in die zweite Woche\n\n" +
		"AUTOR: Anna Weber\n\nRUBRIK: WIRTSCHAFT; S. 21\n\nLÄNGE: 312 Wörter\n\nDie Hafenarbeiter haben am Freitag beschlossen, weiter zu streiken.\n\nLOAD-DATE: 22. März 2004\n\nLANGUAGE: GERMAN\n"
	p := writeFile(t, t.TempDir(), "de.txt", text)
	res := ReadFile(context.Background(), p)
	if res.Err != nil || len(res.Articles) != 1 {
		t.Fatalf("%v, %d articles", res.Err, len(res.Articles))
	}
	a := res.Articles[0]
	if a.Title != "Hafenstreik geht in die zweite Woche" || a.Outlet != "Süddeutsche Rundschau" || a.Byline != "Anna Weber" ||
		a.Origin.Section != "WIRTSCHAFT; S. 21" || a.Origin.Length != "312 Wörter" || a.PublishedAt.Format("2006-01-02") != "2004-03-20" ||
		a.Origin.LoadDate.Format("2006-01-02") != "2004-03-22" || a.Text != "Die Hafenarbeiter haben am Freitag beschlossen, weiter zu streiken." {
		t.Errorf("got %+v", a)
	}
}

func TestNexisUniMonthOnlyDate(t *testing.T) {
	src := stories(2)
	src[1].Date = "Spring 2024"
	lines := fixtures.NexisUniLines(src)
	p := filepath.Join(t.TempDir(), "magazine.docx")
	if err := os.WriteFile(p, fixtures.DOCX(lines), 0o644); err != nil {
		t.Fatal(err)
	}
	res := ReadFile(context.Background(), p)
	if res.Err != nil || len(res.Articles) != 2 {
		t.Fatalf("%v, %d articles", res.Err, len(res.Articles))
	}
	a := res.Articles[1]
	if a.Title != src[1].Title || a.Outlet != src[1].Outlet || !a.PublishedAt.IsZero() {
		t.Errorf("title %q outlet %q date %v", a.Title, a.Outlet, a.PublishedAt)
	}
	found := false
	for _, w := range res.Warnings {
		found = found || strings.Contains(w.Reason, `date "Spring 2024" not understood`)
	}
	if !found {
		t.Errorf("warnings = %v, want one about the date", res.Warnings)
	}
}

func TestExtensionsMatchSupported(t *testing.T) {
	exts := Extensions()
	for _, want := range []string{".docx", ".odt", ".rtf", ".pdf", ".txt", ".csv", ".html"} {
		if !strings.Contains(strings.Join(exts, " "), want) {
			t.Errorf("Extensions() = %v lacks %s", exts, want)
		}
	}
	for _, e := range exts {
		if !Supported("file" + strings.ToUpper(e)) {
			t.Errorf("Extensions lists %s but Supported refuses it", e)
		}
	}
}

func TestExportTails(t *testing.T) {
	t.Run("academic graphic caption", func(t *testing.T) {
		text := "1 of 1 DOCUMENTS\n\nHarbour Gazette\n\nMarch 18, 2024 Monday\n\nStrike vote\n\nLENGTH: 12 words\n\n" +
			"Dockworkers voted to stay out.\n\nTalks resume on Thursday.\n\nLOAD-DATE: March 19, 2024\n\nLANGUAGE: ENGLISH\n\n" +
			"GRAPHIC: Pickets at the north gate on Monday\nmorning as the vote was counted\nHARBOUR GAZETTE / PA\n\nPUBLICATION-TYPE: Newspaper\n\n" +
			"JOURNAL-CODE: HGZ\n\n\n          Copyright 2024 Harbour Gazette Ltd\n               All Rights Reserved\n"
		res := ReadFile(context.Background(), writeFile(t, t.TempDir(), "a.txt", text))
		if res.Err != nil || len(res.Articles) != 1 {
			t.Fatalf("%v, %d articles", res.Err, len(res.Articles))
		}
		if a := res.Articles[0]; a.Text != "Dockworkers voted to stay out.\n\nTalks resume on Thursday." || a.Origin.LoadDate.IsZero() {
			t.Errorf("text %q, load date %v", a.Text, a.Origin.LoadDate)
		}
	})
	t.Run("nexis classification right after the text", func(t *testing.T) {
		lines := []string{"Strike vote", "Harbour Gazette", "March 18, 2024 Monday 9:20 AM GMT", "", "Section:\u00a0NEWS; Version:3",
			"Length:\u00a012 words", "Body", "", "Dockworkers voted to stay out.", "Classification", "", "Language:\u00a0ENGLISH", "",
			"Journal Code:\u00a0HGZ", "", "Subject:\u00a0STRIKES (90%)", "", "Load-Date:\u00a0March 19, 2024", "", "End of Document"}
		p := filepath.Join(t.TempDir(), "n.docx")
		if err := os.WriteFile(p, fixtures.DOCX(lines), 0o644); err != nil {
			t.Fatal(err)
		}
		res := ReadFile(context.Background(), p)
		if res.Err != nil || len(res.Articles) != 1 {
			t.Fatalf("%v, %d articles", res.Err, len(res.Articles))
		}
		a := res.Articles[0]
		if a.Text != "Dockworkers voted to stay out." || a.Origin.LoadDate.Format("2006-01-02") != "2024-03-19" ||
			a.PublishedAt.Format("15:04") != "09:20" || a.Origin.Section != "NEWS; Version:3" {
			t.Errorf("got %+v", a)
		}
	})
}

func TestDateLineWithEdition(t *testing.T) {
	for _, s := range []string{"January 11, 2018 Thursday, Late Edition - Final", "May 2, 2002, Thursday,, FINAL EDITION", "January 12, 2005 Wednesday, Final Edition"} {
		if _, ok := parseDateLine(s); !ok {
			t.Errorf("parseDateLine(%q) failed", s)
		}
	}
	for _, s := range []string{"March 18, 2024, a day to remember", "Harbour strike, Final Edition"} {
		if d, ok := parseDateLine(s); ok {
			t.Errorf("parseDateLine(%q) = %v, want no date", s, d)
		}
	}
}

func TestNexisUniKickerOverTitle(t *testing.T) {
	src := stories(2)
	lines := fixtures.NexisUniLines(src)
	var withKicker []string
	for _, l := range lines {
		if l == src[0].Title || l == src[1].Title {
			withKicker = append(withKicker, "INTERNATIONAL BUSINESS;")
		}
		withKicker = append(withKicker, l)
	}
	p := filepath.Join(t.TempDir(), "kicker.docx")
	if err := os.WriteFile(p, fixtures.DOCX(withKicker), 0o644); err != nil {
		t.Fatal(err)
	}
	res := ReadFile(context.Background(), p)
	if res.Err != nil || len(res.Articles) != 2 {
		t.Fatalf("%v, %d articles", res.Err, len(res.Articles))
	}
	for i, a := range res.Articles {
		if want := "INTERNATIONAL BUSINESS; " + src[i].Title; a.Title != want || a.Outlet != src[i].Outlet {
			t.Errorf("%d: title %q outlet %q, want %q and %q", i, a.Title, a.Outlet, want, src[i].Outlet)
		}
	}
}

func TestPDFCharacters(t *testing.T) {
	needPDFToText(t)
	lines := []string{"Müller & Söhne <GmbH> schließt Werk", "", "Der Betriebsrat sprach von einem „schwarzen Tag“ für die Stadt – 40 % der Stellen fallen weg."}
	p := filepath.Join(t.TempDir(), "werk.pdf")
	if err := os.WriteFile(p, fixtures.PDF(lines, 40, false, false), 0o644); err != nil {
		t.Fatal(err)
	}
	res := ReadFile(context.Background(), p)
	if res.Err != nil || len(res.Articles) != 1 {
		t.Fatalf("%v, %d articles", res.Err, len(res.Articles))
	}
	if a := res.Articles[0]; a.Title != lines[0] || a.Text != lines[2] {
		t.Errorf("title %q text %q", a.Title, a.Text)
	}
}
