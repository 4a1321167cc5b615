//go:build linux

// The import-vs-tools benchmark reads CPU times from getrusage and /proc:
// Linux only (CI cross-checks the Windows build with go vet).

package workspace

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"redline/annotate"
)

// The import against the databases' own bulk loaders, measured in one run
// so the ratio is fair on a shared machine: CPU time, not wall time, of
// Redline importing a JSON Lines file (read, normalise, hash, store, index
// for search, place in stories) against the sqlite3 command-line tool and
// psql's \copy loading the same rows into the same article table with the
// same full-text index. On PostgreSQL both sides also count the server's
// CPU (every process of the test server). Run:
//
//	go test -tags ci -run '^$' -bench ImportVsCLI10k -benchtime 1x ./workspace/
//	tools/pgtest run go test -tags ci -run '^$' -bench ImportVsCLI10k -benchtime 1x ./workspace/
//
// The PostgreSQL half runs when REDLINE_TEST_POSTGRES is set. No test
// asserts a time; the ratios are reported as metrics.

// benchCorpus writes n articles of about words words as JSON Lines (what
// Redline imports) and as CSV with the columns the command-line tools load:
// title, outlet, published_at, text_sha256, imported_at, text.
func benchCorpus(b *testing.B, dir string, n, words int) (jsonl, csvPath string) {
	b.Helper()
	jsonl, csvPath = filepath.Join(dir, "corpus.jsonl"), filepath.Join(dir, "corpus.csv")
	jf, err := os.Create(jsonl)
	if err != nil {
		b.Fatal(err)
	}
	cf, err := os.Create(csvPath)
	if err != nil {
		b.Fatal(err)
	}
	jw, cw := bufio.NewWriter(jf), csv.NewWriter(bufio.NewWriter(cf))
	cw.Write([]string{"title", "outlet", "published_at", "text_sha256", "imported_at", "text"})
	now := time.Now().UTC().Format(time.RFC3339Nano)
	benchTexts(n, words, func(i int, text string) {
		title, outlet := fmt.Sprintf("Story %d", i), fmt.Sprintf("Outlet %d", i%30)
		rec, _ := json.Marshal(map[string]string{
			"title": title, "outlet": outlet, "published": "2026-03-14T10:49:00Z", "text": text,
		})
		jw.Write(rec)
		jw.WriteByte('\n')
		cw.Write([]string{title, outlet, "2026-03-14T10:49:00Z", annotate.TextHash(text), now, text})
	})
	cw.Flush()
	if err := cw.Error(); err != nil {
		b.Fatal(err)
	}
	if err := jw.Flush(); err != nil {
		b.Fatal(err)
	}
	jf.Close()
	// the csv.Writer's bufio.Writer was flushed by cw.Flush
	if err := cf.Close(); err != nil {
		b.Fatal(err)
	}
	return jsonl, csvPath
}

// selfCPU is the CPU time this process has used so far.
func selfCPU(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// childCPU is the CPU time a finished command used.
func childCPU(cmd *exec.Cmd) time.Duration {
	return cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
}

func BenchmarkImportVsCLI10k(b *testing.B) { benchImportVsCLI(b, 10_000) }

// BenchmarkImportVsCLI100k is the same with 100,000 articles (about
// 500 MB of JSON Lines and as much CSV in the temporary folder):
//
//	tools/pgtest run go test -tags ci -run '^$' -bench ImportVsCLI100k -benchtime 1x -timeout 90m ./workspace/
func BenchmarkImportVsCLI100k(b *testing.B) { benchImportVsCLI(b, 100_000) }

func benchImportVsCLI(b *testing.B, n int) {
	const words = 700
	jsonl, csvPath := benchCorpus(b, b.TempDir(), n, words)
	ctx := context.Background()
	b.Run("sqlite", func(b *testing.B) {
		if _, err := exec.LookPath("sqlite3"); err != nil {
			b.Skip("the sqlite3 command-line tool is not installed")
		}
		var ours, theirs, driver time.Duration
		for range b.N {
			// the same schema for both: a Redline database, made and closed
			dir := b.TempDir()
			ws, err := Open(ctx, filepath.Join(dir, "cli.db"), false)
			if err != nil {
				b.Fatal(err)
			}
			ws.Close()
			// the tool's fastest way in: load the CSV into a table, then
			// one INSERT … SELECT into article (its trigger fills FTS5)
			script := fmt.Sprintf(`.mode csv
.import %s stage
BEGIN;
INSERT INTO article (title, outlet, published_at, text_sha256, imported_at, text)
	SELECT title, outlet, published_at, text_sha256, imported_at, text FROM stage;
DROP TABLE stage;
COMMIT;
`, csvPath)
			cmd := exec.Command("sqlite3", filepath.Join(dir, "cli.db"))
			cmd.Stdin = strings.NewReader(script)
			if out, err := cmd.CombinedOutput(); err != nil || len(out) > 0 {
				b.Fatalf("sqlite3: %v: %s", err, out)
			}
			theirs += childCPU(cmd)
			driver += sameThroughDriver(b, filepath.Join(dir, "go.db"), csvPath)

			ws, err = Open(ctx, filepath.Join(dir, "r.db"), false)
			if err != nil {
				b.Fatal(err)
			}
			ours += timeImport(b, ws, jsonl, n)
			ws.Close()
		}
		reportRatio(b, n, ours, theirs)
		// the pure-Go driver's share: the tool's statements run through it
		b.ReportMetric(driver.Seconds()/float64(b.N), "driver-cpu-s")
		b.ReportMetric(driver.Seconds()/theirs.Seconds(), "driver/cli")
	})
	b.Run("postgres", func(b *testing.B) {
		server := os.Getenv("REDLINE_TEST_POSTGRES")
		if server == "" {
			b.Skip("set REDLINE_TEST_POSTGRES (tools/pgtest run) to compare with psql")
		}
		if _, err := exec.LookPath("psql"); err != nil {
			b.Skip("psql is not installed")
		}
		var ours, onServer, theirs time.Duration
		for i := range b.N {
			loc := benchDatabase(b, server, fmt.Sprintf("cli_%d", i))
			ws, err := Open(ctx, loc, false) // Redline's schema, then the tool loads it
			if err != nil {
				b.Fatal(err)
			}
			ws.Close()
			before := serverCPU(b)
			cmd := exec.Command("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", loc, "-c",
				`\copy article (title, outlet, published_at, text_sha256, imported_at, text) FROM '`+csvPath+`' CSV HEADER`)
			if out, err := cmd.CombinedOutput(); err != nil {
				b.Fatalf("psql: %v: %s", err, out)
			}
			theirs += childCPU(cmd) + serverCPU(b) - before

			ws, err = Open(ctx, benchDatabase(b, server, fmt.Sprintf("redline_%d", i)), false)
			if err != nil {
				b.Fatal(err)
			}
			before = serverCPU(b)
			ours += timeImport(b, ws, jsonl, n)
			onServer += serverCPU(b) - before
			ws.Close()
		}
		b.ReportMetric(onServer.Seconds()/float64(b.N), "redline-server-cpu-s")
		reportRatio(b, n, ours+onServer, theirs)
	})
}

// sameThroughDriver does what the sqlite3 tool does in benchImportVsCLI
// (read the CSV into a table, one INSERT … SELECT into article) through
// the pure-Go driver Redline uses, on a fresh Redline database at path,
// and returns the CPU time it took: how much of the gap is the driver.
func sameThroughDriver(b *testing.B, path, csvPath string) time.Duration {
	b.Helper()
	ctx := context.Background()
	ws, err := Open(ctx, path, false)
	if err != nil {
		b.Fatal(err)
	}
	ws.Close()
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	start := selfCPU(b)
	f, err := os.Open(csvPath)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReader(f))
	r.ReuseRecord = true
	if _, err := r.Read(); err != nil { // the header
		b.Fatal(err)
	}
	tx, err := db.Begin()
	if err != nil {
		b.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec("CREATE TABLE stage (title, outlet, published_at, text_sha256, imported_at, text)"); err != nil {
		b.Fatal(err)
	}
	ins, err := tx.Prepare("INSERT INTO stage VALUES (?, ?, ?, ?, ?, ?)")
	if err != nil {
		b.Fatal(err)
	}
	for {
		rec, err := r.Read()
		if err != nil {
			break
		}
		if _, err := ins.Exec(rec[0], rec[1], rec[2], rec[3], rec[4], rec[5]); err != nil {
			b.Fatal(err)
		}
	}
	ins.Close()
	if _, err := tx.Exec(`INSERT INTO article (title, outlet, published_at, text_sha256, imported_at, text)
		SELECT title, outlet, published_at, text_sha256, imported_at, text FROM stage`); err != nil {
		b.Fatal(err)
	}
	if _, err := tx.Exec("DROP TABLE stage"); err != nil {
		b.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	return selfCPU(b) - start
}

// timeImport imports the JSON Lines file and returns the CPU time it took.
func timeImport(b *testing.B, ws *Workspace, path string, n int) time.Duration {
	b.Helper()
	start := selfCPU(b)
	sum, err := ws.Import(context.Background(), []string{path}, nil)
	if err != nil {
		b.Fatal(err)
	}
	if sum.Imported() != n {
		b.Fatalf("imported %d of %d: %+v", sum.Imported(), n, sum.Failed())
	}
	return selfCPU(b) - start
}

func reportRatio(b *testing.B, n int, ours, theirs time.Duration) {
	b.ReportMetric(ours.Seconds()/float64(b.N), "redline-cpu-s")
	b.ReportMetric(theirs.Seconds()/float64(b.N), "cli-cpu-s")
	b.ReportMetric(ours.Seconds()/theirs.Seconds(), "ratio")
	b.ReportMetric(float64(n*b.N)/ours.Seconds(), "articles/cpu-s")
}

// benchDatabase creates an empty database on the test server, dropped when
// the benchmark ends, and returns its address.
func benchDatabase(b *testing.B, server, name string) string {
	b.Helper()
	admin, err := sql.Open("pgx", server)
	if err != nil {
		b.Fatal(err)
	}
	defer admin.Close()
	name = fmt.Sprintf("redline_bench_%d_%s", os.Getpid(), name)
	if _, err := admin.Exec("DROP DATABASE IF EXISTS " + name); err != nil {
		b.Fatal(err)
	}
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		admin, err := sql.Open("pgx", server)
		if err == nil {
			admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
			admin.Close()
		}
	})
	u, err := url.Parse(server)
	if err != nil {
		b.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

// serverCPU is the CPU time the test server's processes have used: the
// postmaster, its live children, and the children it has reaped. It needs
// REDLINE_TEST_PGDIR (tools/pgtest sets it) to find the postmaster.
func serverCPU(b *testing.B) time.Duration {
	b.Helper()
	dir := os.Getenv("REDLINE_TEST_PGDIR")
	if dir == "" {
		b.Fatal("REDLINE_TEST_PGDIR is not set: run under tools/pgtest so the server's CPU can be counted")
	}
	pidFile, err := os.ReadFile(filepath.Join(dir, "data", "postmaster.pid"))
	if err != nil {
		b.Fatal(err)
	}
	pid := strings.TrimSpace(strings.SplitN(string(pidFile), "\n", 2)[0])
	const tick = time.Second / 100 // USER_HZ
	var total int64
	stat := func(p string) (ppid string, self, reaped int64, ok bool) {
		raw, err := os.ReadFile("/proc/" + p + "/stat")
		if err != nil {
			return "", 0, 0, false
		}
		// fields after the command name, which is in parentheses
		f := strings.Fields(string(raw[strings.LastIndexByte(string(raw), ')')+2:]))
		num := func(i int) int64 { v, _ := strconv.ParseInt(f[i], 10, 64); return v }
		// f[1] ppid, f[11] utime, f[12] stime, f[13] cutime, f[14] cstime
		return f[1], num(11) + num(12), num(13) + num(14), true
	}
	_, self, reaped, ok := stat(pid)
	if !ok {
		b.Fatalf("the test server (pid %s) is not running", pid)
	}
	total = self + reaped
	procs, _ := os.ReadDir("/proc")
	for _, p := range procs {
		if p.Name()[0] < '0' || p.Name()[0] > '9' {
			continue
		}
		if ppid, self, reaped, ok := stat(p.Name()); ok && ppid == pid {
			total += self + reaped
		}
	}
	return time.Duration(total) * tick
}
