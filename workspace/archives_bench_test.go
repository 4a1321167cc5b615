package workspace

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"redline/ingest/warctest"
)

// benchWARC writes a WARC file of about mb megabytes (uncompressed): 400
// URLs captured again and again, every third capture of a URL with an
// edited paragraph, each page carrying 25 KB of the scripts and styles real
// pages carry around an article of about 600 words. It returns the path and
// the number of captures.
func benchWARC(tb testing.TB, dir string, mb int) (string, int) {
	tb.Helper()
	path := filepath.Join(dir, fmt.Sprintf("bench-%dmb.warc", mb))
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	w := bufio.NewWriterSize(f, 1<<20)
	rng := rand.New(rand.NewPCG(3, 4))
	vocab := make([]string, 4000)
	for i := range vocab {
		vocab[i] = fmt.Sprintf("w%dx%c", i, 'a'+rune(i%26))
	}
	sentence := func() string {
		var sb strings.Builder
		for j := 0; j < 18; j++ {
			if j > 0 {
				sb.WriteByte(' ')
			}
			sb.WriteString(vocab[rng.IntN(len(vocab))])
		}
		return sb.String() + "."
	}
	chrome := "<script>" + strings.Repeat("var tracker = {id: 'x', push: function(){}};\n", 550) + "</script>"
	const urls = 400
	paras := make([][]string, urls)
	for i := range paras {
		for j := 0; j < 12; j++ {
			paras[i] = append(paras[i], sentence()+" "+sentence()+" "+sentence())
		}
	}
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var written int64
	n := 0
	for written < int64(mb)<<20 {
		u := n % urls
		round := n / urls
		if round%3 == 2 {
			paras[u][rng.IntN(len(paras[u]))] = sentence() + " " + sentence()
		}
		page := strings.Replace(warctest.Article(fmt.Sprintf("Story %d", u), paras[u]...), "</head>", chrome+"</head>", 1)
		rec := warctest.Page(fmt.Sprintf("https://bench.example/story/%d", u), t0.Add(time.Duration(n)*time.Minute), page)
		if err := warctest.Write(w, false, rec); err != nil {
			tb.Fatal(err)
		}
		written += int64(len(page)) + 600
		n++
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	return path, n
}

// BenchmarkImportWARC imports a generated WARC of REDLINE_BENCH_WARC_MB
// megabytes (200 by default) into a fresh database. The file is written
// once into REDLINE_BENCH_DIR when set (and reused), else a temporary
// folder.
func BenchmarkImportWARC(b *testing.B) {
	mb := 200
	if v, err := strconv.Atoi(os.Getenv("REDLINE_BENCH_WARC_MB")); err == nil && v > 0 {
		mb = v
	}
	dir := os.Getenv("REDLINE_BENCH_DIR")
	if dir == "" {
		dir = b.TempDir()
	}
	path := filepath.Join(dir, fmt.Sprintf("bench-%dmb.warc", mb))
	if _, err := os.Stat(path); err != nil {
		path, _ = benchWARC(b, dir, mb)
	}
	info, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(info.Size())
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		ws, err := Open(context.Background(), filepath.Join(b.TempDir(), "r.db"), false)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		sum, err := ws.Import(context.Background(), []string{path}, nil)
		if err != nil || len(sum.Failed()) > 0 {
			b.Fatal(err, sum.Failed())
		}
		b.ReportMetric(float64(sum.Imported()), "versions")
		b.ReportMetric(float64(sum.Imported()+sum.Duplicates()), "captures")
		b.StopTimer()
		ws.Close()
		b.StartTimer()
	}
}

// historyCaptures is a 200-capture history: every fourth capture repeats
// the digest of the one before (the archive saw the same bytes again).
func historyCaptures() []archiveCapture {
	var caps []archiveCapture
	body := ""
	for i := 0; i < 200; i++ {
		digest := fmt.Sprint("D", i)
		if i%4 == 3 {
			digest = caps[i-1].digest
		} else {
			body = ferryPage(fmt.Sprintf("Update %d: the council met again on day %d of the dispute and adjourned without a vote.", i, i+1))
		}
		caps = append(caps, archiveCapture{ts: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * 6 * time.Hour).Format("20060102150405"),
			mime: "text/html", status: "200", digest: digest, body: body})
	}
	return caps
}

// BenchmarkFetchHistory200 fetches a 200-capture history from a local
// archive with no pause between requests (the network and the archive's
// politeness delay are not what is measured).
func BenchmarkFetchHistory200(b *testing.B) {
	arch := newFakeArchive(b, "", historyCaptures())
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		ws, err := Open(context.Background(), filepath.Join(b.TempDir(), "r.db"), false)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		res, err := ws.FetchHistory(context.Background(), "https://kessanews.example/ferry", fastHistory(arch.url), nil)
		if err != nil || len(res.Failed) > 0 {
			b.Fatal(err, res.Failed)
		}
		b.ReportMetric(float64(res.Requests), "requests")
		b.ReportMetric(float64(res.NewVersions), "versions")
		b.StopTimer()
		ws.Close()
		b.StartTimer()
	}
}

const (
	killDBEnv      = "REDLINE_HISTORY_KILL_DB"
	killArchiveEnv = "REDLINE_HISTORY_KILL_ARCHIVE"
)

// TestFetchHistoryResumesAfterKill runs a 200-capture fetch in a child
// process, kills it with SIGKILL when it asks for the 81st capture, then
// runs the fetch again here: every capture is served exactly once across
// the two runs, and the story has every version.
func TestFetchHistoryResumesAfterKill(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a child process")
	}
	caps := historyCaptures()
	db := filepath.Join(t.TempDir(), "r.db")
	var child atomic.Pointer[os.Process]
	killAt := caps[80].ts
	arch := &fakeArchive{caps: caps, served: map[string]int{}, asked: map[string]int{}, agents: map[string]bool{},
		before: func(ts string) bool {
			if p := child.Load(); ts == killAt && p != nil {
				p.Kill()
				return false
			}
			return true
		}}
	srv := httptest.NewServer(arch)
	defer srv.Close()
	cmd := exec.Command(os.Args[0], "-test.run=^TestFetchHistoryKillChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), killDBEnv+"="+db, killArchiveEnv+"="+srv.URL)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	child.Store(cmd.Process)
	if err := cmd.Wait(); err == nil {
		t.Fatalf("the child was not killed; it said: %s", stderr.String())
	}
	child.Store(nil)
	arch.mu.Lock()
	firstRun := arch.requests
	arch.mu.Unlock()

	ws, err := Open(context.Background(), db, false)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	res, err := ws.FetchHistory(context.Background(), "https://kessanews.example/ferry", fastHistory(srv.URL), nil)
	if err != nil || len(res.Failed) > 0 {
		t.Fatal(err, res.Failed)
	}
	twice := 0
	served, _ := arch.servedCounts()
	for _, n := range served {
		if n > 1 {
			twice++
		}
	}
	if twice != 0 {
		t.Errorf("%d captures were fetched twice", twice)
	}
	if res.Had == 0 || res.Had+res.Fetched+res.Collapsed != 200 {
		t.Errorf("resumed run: had %d, fetched %d, collapsed %d; want them to make up the 200", res.Had, res.Fetched, res.Collapsed)
	}
	fam, err := ws.Store.FamilyOf(context.Background(), res.Story)
	if err != nil || len(fam.Versions) != 150 {
		t.Errorf("story has %d versions, want 150 (%v)", len(fam.Versions), err)
	}
	t.Logf("killed run: %d requests; resumed run: %d requests (%d captures already stored, %d fetched, %d known by digest); captures fetched twice: %d",
		firstRun, res.Requests, res.Had, res.Fetched, res.Collapsed, twice)
}

// TestFetchHistoryKillChild is the child of TestFetchHistoryResumesAfterKill.
func TestFetchHistoryKillChild(t *testing.T) {
	db, base := os.Getenv(killDBEnv), os.Getenv(killArchiveEnv)
	if db == "" {
		t.Skip("run by TestFetchHistoryResumesAfterKill")
	}
	ws, err := Open(context.Background(), db, false)
	if err != nil {
		t.Fatal(err)
	}
	ws.FetchHistory(context.Background(), "https://kessanews.example/ferry", fastHistory(base), nil)
	t.Fatal("the fetch ended without being killed")
}
