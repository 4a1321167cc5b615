package ingest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
)

// encode writes s in enc; the test texts are ours, so every letter fits.
func encode(t *testing.T, enc encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := enc.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encode %q: %v", s, err)
	}
	return b
}

func readBytes(t *testing.T, name string, data []byte) Result {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "Téléchargements", "dossier été")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	res := ReadFile(context.Background(), p)
	if res.Err != nil {
		t.Fatalf("%s: %v", name, res.Err.Reason)
	}
	return res
}

func warningsOf(res Result) string {
	var b strings.Builder
	for _, w := range res.Warnings {
		b.WriteString(w.Reason + "\n")
	}
	return b.String()
}

func TestLegacyEncodings(t *testing.T) {
	tests := []struct {
		name, file string
		enc        encoding.Encoding
		title      string
		text       string
		wantEnc    string
	}{
		{"Windows-1252 from Word", "greve.txt", charmap.Windows1252,
			"Grève à l’usine de Saint-Étienne",
			"« Nous ne reculerons pas », a déclaré la déléguée syndicale, qui réclame 150 € de plus par mois.\n" +
				"Le préfet a proposé une médiation dès lundi ; les salariés l’ont refusée — “trop tard”, selon eux.",
			"Windows-1252"},
		{"Windows-1252 German Markdown", "streik.md", charmap.Windows1252,
			"Streik in Düsseldorf",
			"Die Gewerkschaft fordert höhere Löhne für Beschäftigte im öffentlichen Dienst. „Wir sind bereit“, " +
				"sagte die Sprecherin am Montag vor dem Rathaus; die Stadtverwaltung äußerte sich zunächst nicht.",
			"Windows-1252"},
		{"Windows-1251 Russian", "zabastovka.txt", charmap.Windows1251,
			"Забастовка в порту",
			"Докеры порта прекратили работу в понедельник утром, требуя повышения заработной платы. " +
				"Представитель профсоюза заявил, что переговоры с администрацией зашли в тупик, " +
				"и рабочие не вернутся к работе до пятницы.",
			"Windows-1251"},
		{"Shift_JIS Japanese", "sutoraiki.txt", japanese.ShiftJIS,
			"港湾労働者がストライキ",
			"月曜日の朝、港湾労働者は賃上げを求めて作業を停止した。組合の代表者は、経営側との交渉が行き詰まったと述べ、" +
				"金曜日まで仕事に戻らないと語った。市当局はまだコメントしていない。",
			"SHIFT_JIS"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := encode(t, tt.enc, tt.title+"\r\n\r\n"+strings.ReplaceAll(tt.text, "\n", "\r\n")+"\r\n")
			res := readBytes(t, tt.file, data)
			if len(res.Articles) != 1 {
				t.Fatalf("got %d articles", len(res.Articles))
			}
			a := res.Articles[0]
			if a.Title != tt.title {
				t.Errorf("title = %q, want %q", a.Title, tt.title)
			}
			if a.Text != tt.text {
				t.Errorf("text = %q\nwant %q", a.Text, tt.text)
			}
			w := warningsOf(res)
			if !strings.Contains(w, "read it as "+tt.wantEnc) {
				t.Errorf("warnings %q do not name %s", w, tt.wantEnc)
			}
			if strings.ContainsRune(a.Text+a.Title, '\uFFFD') || strings.ContainsRune(a.Text, '\r') {
				t.Errorf("U+FFFD or CR left in %q", a.Text)
			}
		})
	}
}

// A CSV saved by Excel on Windows: Windows-1252, CRLF, and its first
// accented letter 2,000 rows in, far past the first 64 KB.
func TestLegacyCSVDecidesAtTheFirstAccent(t *testing.T) {
	var b strings.Builder
	b.WriteString("title,outlet,text\r\n")
	for i := 1; i <= 2000; i++ {
		fmt.Fprintf(&b, "Council meeting %d,Bellmar Times,\"The council met on day %d and agreed the budget, said the clerk.\"\r\n", i, i)
	}
	b.WriteString("Café owners protest,Bellmar Times,\"“We were not asked,” said the owner of the café on Rue Émile.\"\r\n")
	data := encode(t, charmap.Windows1252, b.String())
	if len(data) < 128<<10 {
		t.Fatalf("fixture is only %d bytes", len(data))
	}
	res := readBytes(t, "council.csv", data)
	if len(res.Articles) != 2001 {
		t.Fatalf("got %d articles, want 2001; warnings:\n%s", len(res.Articles), warningsOf(res))
	}
	last := res.Articles[2000]
	if last.Title != "Café owners protest" || last.Text != "“We were not asked,” said the owner of the café on Rue Émile." {
		t.Errorf("last row = %q / %q", last.Title, last.Text)
	}
	if first := res.Articles[0]; strings.ContainsRune(first.Text, '\r') || first.Outlet != "Bellmar Times" {
		t.Errorf("first row = %+v", first)
	}
	if w := warningsOf(res); !strings.Contains(w, "Windows-1252") {
		t.Errorf("warnings %q do not name Windows-1252", w)
	}
}

// UTF-8 passes untouched and unwarned, also when a multi-byte letter
// straddles the 64 KB the detector looks at.
func TestUTF8IsLeftAlone(t *testing.T) {
	for _, shift := range []int{0, 1, 2} {
		t.Run(fmt.Sprint("shift ", shift), func(t *testing.T) {
			var b strings.Builder
			b.WriteString("Überschrift\n\n" + strings.Repeat("x", shift))
			for b.Len() < 100<<10 {
				b.WriteString("Größere Städte, kleinere Dörfer — “Anführungszeichen” und 漢字. ")
			}
			res := readBytes(t, "utf8.txt", []byte(b.String()))
			if len(res.Articles) != 1 {
				t.Fatalf("got %d articles", len(res.Articles))
			}
			if w := warningsOf(res); w != "" {
				t.Errorf("warnings on UTF-8: %s", w)
			}
			if a := res.Articles[0]; a.Title != "Überschrift" || strings.ContainsRune(a.Text, '\uFFFD') {
				t.Errorf("title %q, U+FFFD in text: %v", a.Title, strings.ContainsRune(a.Text, '\uFFFD'))
			}
		})
	}
}

// CRLF and old Mac CR line ends import as LF.
func TestLineEnds(t *testing.T) {
	for name, sep := range map[string]string{"crlf": "\r\n", "cr": "\r"} {
		t.Run(name, func(t *testing.T) {
			txt := readBytes(t, name+".txt", []byte("Port strike"+sep+sep+"Dockworkers stopped work."+sep+"Talks resume Friday."+sep))
			if a := txt.Articles[0]; a.Title != "Port strike" || a.Text != "Dockworkers stopped work.\nTalks resume Friday." {
				t.Errorf(".txt: %q / %q", a.Title, a.Text)
			}
			if name == "cr" {
				return // CSV has no CR-only form
			}
			csv := readBytes(t, name+".csv", []byte("title,text"+sep+"Port strike,\"Dockworkers stopped work."+sep+"Talks resume Friday.\""+sep))
			if len(csv.Articles) != 1 {
				t.Fatalf(".csv: %d articles; %s", len(csv.Articles), warningsOf(csv))
			}
			if a := csv.Articles[0]; a.Title != "Port strike" || a.Text != "Dockworkers stopped work.\nTalks resume Friday." {
				t.Errorf(".csv: %q / %q", a.Title, a.Text)
			}
		})
	}
}

func TestValidUTF8Sample(t *testing.T) {
	euro := []byte("€") // 3 bytes
	tests := []struct {
		b        []byte
		complete bool
		want     bool
	}{
		{[]byte("abc"), true, true},
		{append([]byte("ab"), euro[:2]...), false, true}, // cut by the sample's end
		{append([]byte("ab"), euro[:2]...), true, false}, // cut by the file's end
		{[]byte("ab\xe9cd"), false, false},               // Latin-1 é
	}
	for i, tt := range tests {
		if got := validUTF8Sample(tt.b, tt.complete); got != tt.want {
			t.Errorf("%d: validUTF8Sample(%q, %v) = %v, want %v", i, tt.b, tt.complete, got, tt.want)
		}
	}
}
